// A parsed HTML fragment (gumbo), shared by the sanitiser and the text
// extractor. Internal to content/.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace byline::content {

struct SanitizedHtml;

// Deeper nesting than this is no article: past it the sanitiser unwraps
// elements and keeps only their text.
inline constexpr int kMaxSanitizedDepth = 128;

// Owns a gumbo parse of `html` as the content of a <body>.
class HtmlDocument {
 public:
  explicit HtmlDocument(std::string_view html);
  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // The element whose children are the fragment's top-level nodes.
  const GumboNode* container() const { return container_; }
  // Whether the markup was well-formed HTML: the parser repaired nothing
  // and met nothing it had to drop or replace.
  bool parsed_without_errors() const { return output_->errors.length == 0; }

 private:
  GumboOutput* output_ = nullptr;
  const GumboNode* container_ = nullptr;
};

// The text a reader sees in `document` (content/text.hpp's html_to_text,
// on a parse already made).
std::string text_of(const HtmlDocument& document);

// That text, gathered as a tree is walked: white space folded, a space
// where a block starts and where it ends, none leading or trailing.
class ReadableText {
 public:
  void block_edge() {
    if (!text_.empty() && text_.back() != ' ') text_ += ' ';
  }
  void add(std::string_view text);
  std::string take();

 private:
  std::string text_;
};

// Elements that set their text apart from what is around them.
bool is_block(GumboTag tag);
// Elements whose text a reader never sees.
bool is_invisible(GumboTag tag);

// sanitize_html_with_text without the fast path: what gumbo's parse
// makes of `html`, for the tests that hold the two to the same bytes.
SanitizedHtml sanitize_parsed_html(std::string_view html);

}  // namespace byline::content
