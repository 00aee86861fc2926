// What a request's target means, decided once at the edge so that the
// router, the page cache and every handler agree on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// WordPress's other spelling of its REST API's addresses, for sites
// without pretty links: "/?rest_route=/wp/v2/posts&page=2" (on any path)
// is "/wp-json/wp/v2/posts?page=2". A route of other characters than
// letters, digits, '/', '-', '_' and '.' (and one with "..") is left as
// it was sent.
void apply_rest_route(OriginTarget& target);

// Percent-decodes one path segment; nullopt when the encoding is broken or
// decodes to a NUL or a '/'.
std::optional<std::string> decode_path_segment(std::string_view segment);

// The one canonical form of a path: each segment percent-decoded once.
// nullopt when an escape is broken or a segment decodes to '/' or NUL:
// such a path names no page, wherever it is looked up.
std::optional<std::string> canonical_path(std::string_view path);

// The one canonical form of a query string, for cache keys and old
// addresses: the fields named in `kept` that are present (every field when
// `kept` is nullptr), sorted by name and then value, each name and value
// decoded and encoded again the one way (url_encode), joined by '&'. ""
// when none is present. "utm_source=x&p=12" kept to {"p"} is "p=12".
std::string canonical_query(std::string_view query, const std::vector<std::string>* kept);

// An address as Byline compares addresses: the canonical path, and when
// the query keeps any field, '?' and the canonical query. Takes a path
// with its query ("/?p=12") or a whole URL ("https://old.example/?p=12",
// whose scheme and host are dropped). nullopt when it names no path.
std::optional<std::string> canonical_address(std::string_view url_or_path,
                                             const std::vector<std::string>* kept = nullptr);

}  // namespace byline::http
