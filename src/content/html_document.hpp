// A parsed HTML fragment (gumbo), shared by the sanitiser and the text
// extractor. Internal to content/.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace byline::content {

// Owns a gumbo parse of `html` as the content of a <body>.
class HtmlDocument {
 public:
  explicit HtmlDocument(std::string_view html);
  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // The element whose children are the fragment's top-level nodes.
  const GumboNode* container() const { return container_; }

 private:
  GumboOutput* output_ = nullptr;
  const GumboNode* container_ = nullptr;
};

// The text a reader sees in `document` (content/text.hpp's html_to_text,
// on a parse already made).
std::string text_of(const HtmlDocument& document);

}  // namespace byline::content
