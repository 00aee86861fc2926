// Ghost's editor documents made into HTML, for posts whose export has no
// `html` and for Admin API clients that send one: Lexical (Ghost 5) and
// Mobiledoc (Ghost 1 to 4). What they make goes through the sanitiser with
// the rest of the post.
#pragma once

#include <boost/json/fwd.hpp>

#include <string>

namespace byline::content {

// The HTML of a Lexical document ({"root": {"children": [...]}}); cards
// Byline does not know are left out.
std::string lexical_to_html(const boost::json::value& document);

// The HTML of a Mobiledoc document ({"version": "0.3.1", "sections": ...}).
std::string mobiledoc_to_html(const boost::json::value& document);

}  // namespace byline::content
