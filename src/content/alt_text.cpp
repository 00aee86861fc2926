// Finding images without alt text, on a parse as a browser makes it.
#include "content/alt_text.hpp"

#include "content/html_document.hpp"

#include <algorithm>

namespace byline::content {
namespace {

const char* attribute_value(const GumboElement& element, std::string_view name) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (name == attribute->name) return attribute->value;
  }
  return nullptr;
}

}  // namespace

bool is_blank_alt_text(std::string_view alt) {
  return std::all_of(alt.begin(), alt.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  });
}

std::vector<std::string> images_without_alt_text(std::string_view html) {
  std::vector<std::string> found;
  // A quick look first: most bodies have no image at all.
  if (html.find("<img") == std::string_view::npos && html.find("<IMG") == std::string_view::npos) {
    return found;
  }
  HtmlDocument document(html);
  std::vector<const GumboNode*> pending{document.container()};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_IMG) {
      const char* alt = attribute_value(element, "alt");
      if (!alt || is_blank_alt_text(alt)) {
        const char* src = attribute_value(element, "src");
        found.emplace_back(src ? src : "");
      }
    }
    for (unsigned i = element.children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(element.children.data[i - 1]));
    }
  }
  return found;
}

}  // namespace byline::content
