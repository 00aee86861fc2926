// WordPress post_content made into HTML, on arbitrary bytes. Properties:
// no crash or out-of-bounds read in the conversion (shortcodes, block
// comments, paragraphs, image addresses), and once sanitised, as every
// imported body is, nothing a browser would run.
#include "script_surface.hpp"

#include "content/sanitize.hpp"
#include "importing/wordpress_content.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  byline::importing::ContentLinks links;
  links.image_address = [](std::string_view url) -> std::optional<std::string> {
    if (url.find("uploads") == std::string_view::npos) return std::nullopt;
    return std::string("/media/2019/05/\"new\"-800.webp");
  };
  links.attachment = [](std::string_view id) -> std::optional<byline::importing::ImportedImage> {
    if (id != "1") return std::nullopt;
    return byline::importing::ImportedImage{"javascript:alert(1)", "\"><script>alert(1)</script>",
                                            "<b>c</b>"};
  };
  const auto converted = byline::importing::convert_wordpress_content(input, links);
  if (byline::content::estimate_nesting_depth(converted.html) > 512)
    return 0;  // refused before sanitising
  const std::string safe = byline::content::sanitize_html(converted.html);
  if (!byline::testing::script_surface(safe, byline::testing::HtmlScope::fragment, "").empty())
    std::abort();
  return 0;
}
