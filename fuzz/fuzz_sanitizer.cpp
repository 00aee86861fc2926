// The HTML sanitiser on arbitrary bytes. Properties: the output holds
// nothing a browser would run (no script, event handler, script URL, frame
// or style; checked on gumbo's parse of it by the same finder the tests
// use), and sanitising the output again changes nothing.
#include "script_surface.hpp"

#include "content/sanitize.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (byline::content::estimate_nesting_depth(input) > 512) return 0;  // refused before sanitising
  const std::string once = byline::content::sanitize_html(input);
  if (!byline::testing::script_surface(once, byline::testing::HtmlScope::fragment, "").empty()) std::abort();
  if (byline::content::sanitize_html(once) != once) std::abort();
  return 0;
}
