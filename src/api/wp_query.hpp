// What a WordPress REST API listing is asked for, read from its query
// string as WordPress reads it: lists as "1,2" or as "name[]=1&name[]=2",
// `page` and `per_page` (1 to 100), `offset`, `order` and `orderby`,
// dates, `_fields` and `_embed`. Unknown parameters are ignored, as there.
#pragma once

#include "content/model.hpp"
#include "http/form.hpp"
#include "render/dates.hpp"
#include "store/post_query.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace byline::api {

struct WpListQuery {
  int page = 1;
  int per_page = 10;
  std::optional<long> offset;  // wins over page
  std::vector<content::Id> categories, categories_exclude, tags, tags_exclude, author,
      author_exclude, include, exclude, parent;
  std::optional<content::Id> post;  // terms: those of this post
  std::vector<std::string> slug;
  bool tax_or = false;  // tax_relation=OR: a post in the categories or with the tags
  bool ascending = false;
  std::string orderby;  // as sent, checked by the listing that reads it
  std::optional<Time> after, before, modified_after, modified_before;
  bool hide_empty = false;
  std::optional<bool> sticky;       // posts: editors' picks only, or none of them
  std::vector<std::string> fields;  // _fields; empty: every field
  bool embed = false;               // _embed
  std::string search;
  // /wp/v2/search: what kind of thing is looked for ("post", "term",
  // "post-format"; "" for the default, posts), and which of their kinds.
  std::string type;
  std::vector<std::string> subtype;
  // /wp/v2/media: "image", "image/webp"; "" for any.
  std::string media_type, mime_type;

  long skip() const { return offset ? *offset : static_cast<long>(page - 1) * per_page; }
};

// A parameter WordPress would refuse, as rest_invalid_param names it.
struct WpQueryError {
  std::string param;
  std::string message;
};

// `ascending_by_default`: terms and users list A to Z, posts newest first.
// Times without an offset are read in the site's time zone (`dates`).
std::variant<WpListQuery, WpQueryError> read_wp_query(const http::Form& form,
                                                      const render::DateFormatter& dates,
                                                      bool ascending_by_default);

// The query parameters a listing reads, in both spellings of a list, and
// those it refuses (status, context, roles …): what the page cache keys
// its answers by, so that no refusal is answered from another's cache.
std::vector<std::string> wp_query_fields();

// The published posts `query` asks for, as the Store's condition tree.
store::PostCondition wp_post_condition(const WpListQuery& query);

}  // namespace byline::api
