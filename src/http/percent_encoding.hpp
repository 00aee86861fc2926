// Percent-encoding (RFC 3986) one way and the other.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in form
// bodies). A broken escape makes the text invalid (nullopt) when `strict`,
// and is kept as typed otherwise.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space, bool strict);

// Percent-encodes everything but RFC 3986's unreserved characters, for
// query values and share links.
std::string url_encode(std::string_view text);

// A path as a Location header carries it: bytes outside ASCII (a Persian
// slug), controls and spaces percent-encoded, the rest kept.
std::string address_for_header(std::string_view path);

}  // namespace byline::http
