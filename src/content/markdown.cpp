#include "content/markdown.hpp"

#include "common/text_encoding.hpp"
#include "content/sanitize.hpp"

#include <md4c-html.h>

namespace byline::content {
namespace {

void append(const MD_CHAR* text, MD_SIZE size, void* out) { static_cast<std::string*>(out)->append(text, size); }

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  // Raw HTML stays allowed (writers paste figures and embeds); the sanitiser
  // decides what of it survives.
  constexpr unsigned kParserFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                                    MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
  // md4c 0.4.8 (Debian 12's) reads past the end of its input on some
  // invalid UTF-8 after a link (found by fuzz_markdown); valid UTF-8 is all
  // it gets, and what a browser would have made of the bytes anyway.
  const std::string input = valid_utf8(markdown);
  std::string html;
  html.reserve(input.size() + input.size() / 4);
  if (md_html(input.data(), static_cast<MD_SIZE>(input.size()), append, &html, kParserFlags,
              MD_HTML_FLAG_SKIP_UTF8_BOM) != 0) {
    // md4c fails only when memory runs out; show the text rather than nothing.
    html = "<pre>";
    append_escaped(html, input);
    html += "</pre>";
  }
  return html;
}

}  // namespace byline::content
