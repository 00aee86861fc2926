// Log output.
#include "common/log.hpp"

#include <cstdio>

namespace byline {

void log_line(const std::string& line) {
  const std::string with_newline = line + '\n';
  std::fwrite(with_newline.data(), 1, with_newline.size(), stdout);
  std::fflush(stdout);
}

}  // namespace byline
