// What a Ghost Content API request asks for beyond its path: `include`,
// `fields`, `formats`, `filter`, `limit`, `page` and `order`, read and
// checked as Ghost checks them (../shared/specs/ghost-content-api.md §4).
// Unknown fields of the query are ignored, as Ghost ignores them.
#pragma once

#include "http/form.hpp"
#include "store/post_query.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace byline::api {

inline constexpr int kDefaultLimit = 15;
// Ghost answers at most this many per page, `limit=all` included.
inline constexpr int kMaxLimit = 100;
// Pages past this are refused: nobody pages a million deep, and the
// Store's offsets stay small.
inline constexpr int kMaxPage = 10000;

// The query fields the Content API reads, for the page cache's key; `key`
// is not among them: every valid key gets the same answer.
inline const std::vector<std::string> kContentQueryFields = {
    "include", "fields", "formats", "filter", "limit", "page", "order"};

// One `order` part: "published_at desc".
struct OrderPart {
  std::string field;
  bool descending = false;
};

struct ContentQuery {
  bool include_authors = false;
  bool include_tags = false;
  bool include_count_posts = false;
  std::vector<std::string> fields;  // empty: every field
  bool html = true;                 // formats
  bool plaintext = false;
  std::string filter;  // NQL, still to be read
  int limit = kDefaultLimit;
  int page = 1;
  std::vector<OrderPart> order;  // empty: the resource's own order

  // Whether `field` is part of the answer (no `fields`: every one is).
  bool wants(std::string_view field) const;
};

// A query Ghost would refuse with 422 (ValidationError), in a sentence
// naming the field.
struct QueryError {
  std::string message;
  std::string context;
};

std::variant<ContentQuery, QueryError> read_content_query(const http::Form& query);

}  // namespace byline::api
