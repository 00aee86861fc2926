// The HTML sanitiser on arbitrary bytes. Properties: the output never holds
// a script element, an event handler attribute or a javascript: URL a
// browser would act on, and sanitising the output again changes nothing.
#include "content/sanitize.hpp"

#include <gumbo.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

bool starts_with_javascript(std::string_view value) {
  std::string letters;
  for (const char c : value) {
    if (static_cast<unsigned char>(c) <= ' ') continue;  // browsers skip these
    letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (letters.size() == 11) break;
  }
  return letters.starts_with("javascript:") || letters.starts_with("vbscript:") || letters.starts_with("data:");
}

// Walks the parse a browser would make of `html` and aborts on anything
// that runs script.
void check(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
  const GumboVector& children =
      node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_SCRIPT || element.tag == GUMBO_TAG_IFRAME || element.tag == GUMBO_TAG_OBJECT ||
        element.tag == GUMBO_TAG_EMBED || element.tag == GUMBO_TAG_STYLE) {
      std::abort();
    }
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const std::string_view name = attribute->name;
      if (name.size() > 2 && (name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N')) std::abort();
      if (name == "style" || name == "srcdoc" || name == "formaction") std::abort();
      if ((name == "href" || name == "src" || name == "action" || name == "xlink:href") &&
          starts_with_javascript(attribute->value)) {
        std::abort();
      }
    }
  }
  for (unsigned i = 0; i < children.length; ++i) check(static_cast<const GumboNode*>(children.data[i]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (byline::content::estimate_nesting_depth(input) > 512) return 0;  // refused before sanitising
  const std::string once = byline::content::sanitize_html(input);
  GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, once.data(), once.size());
  check(parsed->document);
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);
  if (byline::content::sanitize_html(once) != once) std::abort();
  return 0;
}
