// Lexical, the JSON document Ghost's editor keeps a post's body in, as
// Admin API clients send and read it. Byline keeps bodies as HTML: what a
// client sends becomes HTML (content/ghost_documents, then sanitised like
// any body), and what it reads is the body as one Lexical HTML card, which
// Ghost's editor and clients take as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::api {

// The HTML of the Lexical document in `text`; nullopt when it is not one
// (not JSON, no "root" object, or nested deeper than any story).
std::optional<std::string> lexical_text_to_html(std::string_view text);

// `html` as a Lexical document of one HTML card.
std::string lexical_of_html(std::string_view html);

}  // namespace byline::api
