// Markdown to HTML on arbitrary bytes, as a post body takes it: converted by
// md4c, then sanitised. Properties: nothing crashes or reads out of bounds,
// the output holds nothing a browser would run (checked on gumbo's parse,
// as for the sanitiser), and sanitising it again changes nothing.
#include "script_surface.hpp"

#include "content/markdown.hpp"
#include "content/sanitize.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  const std::string converted = byline::content::markdown_to_html(markdown);
  if (byline::content::estimate_nesting_depth(converted) > 512) return 0;  // refused before sanitising
  const std::string html = byline::content::sanitize_html(converted);
  if (!byline::testing::script_surface(html, byline::testing::HtmlScope::fragment, "").empty()) std::abort();
  if (byline::content::sanitize_html(html) != html) std::abort();
  return 0;
}
