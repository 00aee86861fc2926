// The WordPress export reader on arbitrary bytes, as a file. Properties: no
// crash, hang or out-of-bounds read, and every field within its bound.
#include "importing/wxr_reader.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 256 * 1024) return 0;
  static const int file = memfd_create("wxr", 0);
  if (file < 0 || ftruncate(file, 0) != 0 ||
      pwrite(file, data, size, 0) != static_cast<ssize_t>(size))
    std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(file);
  byline::importing::WxrHandlers handlers;
  handlers.item = [&](byline::importing::WxrItem& item) -> byline::Result<void> {
    if (item.content.size() > byline::importing::kMaxWxrBodyBytes ||
        item.title.size() > byline::importing::kMaxWxrFieldBytes ||
        item.terms.size() > byline::importing::kMaxWxrTermsPerItem ||
        item.meta.size() > byline::importing::kMaxWxrMetaPerItem) {
      std::abort();
    }
    return {};
  };
  (void)byline::importing::read_wxr(path, handlers);
  return 0;
}
