// What a request's target means, decided once at the edge so that the
// router, the page cache and every handler agree on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::http {

// A target in origin form: the path (still percent-encoded, as sent) and
// the query after '?', without it.
struct OriginTarget {
  std::string path;
  std::string query;
};

// Reads a request target (RFC 9112, section 3.2): the origin form
// ("/tag/iran/?page=2") as it is, and the absolute form
// ("http://host/tag/iran/") as its path and query only, so that no
// authority a client names ever reaches a page. nullopt for anything
// else (authority form, "*", a relative path), which is answered 400.
std::optional<OriginTarget> parse_target(std::string_view target);

// Percent-decodes one path segment; nullopt when the encoding is broken or
// decodes to a NUL or a '/'.
std::optional<std::string> decode_path_segment(std::string_view segment);

// The one canonical form of a path: each segment percent-decoded once.
// nullopt when an escape is broken or a segment decodes to '/' or NUL:
// such a path names no page, wherever it is looked up.
std::optional<std::string> canonical_path(std::string_view path);

}  // namespace byline::http
