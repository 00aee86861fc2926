// Parses a body fragment the way a browser would parse it inside <body>.
#include "content/html_document.hpp"

namespace byline::content {

HtmlDocument::HtmlDocument(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_BODY;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  options.max_errors = 1;  // whether there was one is all that is asked
  output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  container_ = output_->root;
}

HtmlDocument::~HtmlDocument() { gumbo_destroy_output(&kGumboDefaultOptions, output_); }

}  // namespace byline::content
