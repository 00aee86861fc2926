// Slugs on arbitrary text. Properties: a made slug is always valid, and
// making a slug from a valid slug gives it back.
#include "content/slug.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string slug = byline::content::make_slug(input);
  if (!slug.empty() && !byline::content::is_valid_slug(slug)) std::abort();
  if (byline::content::is_valid_slug(input) && byline::content::make_slug(input) != input) std::abort();
  return 0;
}
