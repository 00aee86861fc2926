// Lexical, the JSON document Ghost's editor keeps a post's body in, as far
// as Admin API clients send and read it. Byline keeps bodies as HTML: what
// a client sends becomes HTML (and is then sanitised like any body), and
// what it reads is the body as one Lexical HTML card, which Ghost's editor
// and clients take as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::api {

// The HTML of a Lexical document: paragraphs, headings, quotes, lists,
// links, text with its formats (bold, italic, strikethrough, underline,
// code, sub- and superscript), line breaks, rules, and Ghost's HTML,
// Markdown and image cards. Other nodes give their children's HTML, or
// nothing. nullopt when `document` is not a Lexical document.
std::optional<std::string> lexical_to_html(std::string_view document);

// `html` as a Lexical document of one HTML card.
std::string lexical_of_html(std::string_view html);

}  // namespace byline::api
