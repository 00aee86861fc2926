// The HTML sanitiser: every post body passes through it on the way in, so
// what is stored can be served as is.
#pragma once

#include <string>
#include <string_view>

namespace byline::content {

// Returns `html` reduced to an allow-list of elements and attributes, parsed
// as a browser would parse it (gumbo), then serialised again:
// - script, style, iframe, object, form controls and the like are dropped
//   with their content;
// - other unknown elements are unwrapped (their text stays);
// - no event handlers, no style attributes, no javascript:/data: URLs;
// - links to other sites get rel="noopener noreferrer" when they open a new tab.
// The result is well-formed, with every text and attribute escaped.
std::string sanitize_html(std::string_view html);

// sanitize_html's result with its text (html_to_text of it), read from the
// parse that checked the result had settled, so the body is parsed once
// less than calling both.
struct SanitizedHtml {
  std::string html;
  std::string text;
};
SanitizedHtml sanitize_html_with_text(std::string_view html);

// How deep elements nest in `html`, by a quick scan of its tags (no parse).
// Parsing is slow on absurdly deep nesting, so bodies are checked with this
// first. Void and self-closing elements, and those a browser closes by
// itself (p, li, td, ...), do not count.
int estimate_nesting_depth(std::string_view html);

// Escapes text for use in HTML text or a double-quoted attribute.
void append_escaped(std::string& out, std::string_view text);

// True for URLs safe in href/src: http(s), mailto, tel, or relative.
bool is_safe_url(std::string_view url);

// A person's website as others' systems hand it over (imports): kept when
// a link may lead there and it fits in 500 bytes, else "".
std::string safe_website(std::string_view url);

}  // namespace byline::content
