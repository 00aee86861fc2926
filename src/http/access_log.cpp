// Formatting and writing of access log lines.
#include "http/access_log.hpp"

#include "common/time.hpp"

#include <cstdio>

namespace byline::http {
namespace {

void append_safe(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '"' || c == '\\') {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string format_access_log(std::string_view remote_address, std::string_view method, std::string_view target,
                              std::string_view request_id, int status, std::size_t body_bytes,
                              std::chrono::microseconds elapsed) {
  std::string line = iso8601(now_utc());
  line += ' ';
  line += remote_address;
  line += " \"";
  append_safe(line, method);
  line += ' ';
  append_safe(line, target.substr(0, 2048));
  line += " HTTP/1.1\" ";
  line += std::to_string(status);
  line += ' ';
  line += std::to_string(body_bytes);
  char took[32];
  std::snprintf(took, sizeof took, " %.2fms", static_cast<double>(elapsed.count()) / 1000.0);
  line += took;
  line += " id=";
  line += request_id;
  return line;
}

}  // namespace byline::http
