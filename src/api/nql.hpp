// Ghost's filter language (NQL) for posts and pages, as the Store's
// condition tree: "tag:news+featured:true", "tags:[a,b]", "author:-kate",
// "published_at:>'2024-01-01 00:00:00'", "(tag:a,tag:b)+featured:true".
//
// The subset Ghost's own clients and themes send (../shared/specs/
// ghost-content-api.md §5): equality, negation, lists, and comparisons of
// dates; `+` (and), `,` (or) and parentheses. Filters on fields the
// Content API hides (authors' emails and passwords) are ignored, as Ghost
// ignores them.
#pragma once

#include "content/model.hpp"
#include "store/post_query.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace byline::api {

// A longer filter is refused before it is read.
inline constexpr std::size_t kMaxFilterBytes = 4096;
// Parentheses may nest this deep, as the Store's conditions may.
inline constexpr int kMaxFilterNesting = store::kMaxConditionDepth - 2;

struct FilterError {
  enum class Kind {
    syntax,  // not NQL: Ghost answers 400 BadRequestError
    value,   // NQL, but a value the field cannot take (a bad date): 422 ValidationError
  };
  Kind kind = Kind::syntax;
  std::string message;
};

struct PostFilter {
  store::PostCondition where;
  // When the whole filter is one list of slugs or ids ("slug:[b,a]"), the
  // posts come in the list's order unless an order is asked for, as in Ghost.
  std::vector<std::string> slug_order;
  std::vector<content::Id> id_order;
};

// The local id of the post the API calls `ghost_id` (24 hex characters),
// if there is one.
using GhostIds = std::function<std::optional<content::Id>(std::string_view ghost_id)>;

// Reads `nql` (already percent-decoded). Relative dates ("now-30d") count
// back from `now`.
std::variant<PostFilter, FilterError> parse_post_filter(std::string_view nql, content::Time now,
                                                        const GhostIds& ghost_ids);

// A filter over records Byline holds in memory to answer (tags, authors),
// tested against each: "slug:[news,world]", "visibility:public",
// "name:~'Tehran'", "count.posts:>10".
using RecordFields = std::vector<std::pair<std::string_view, std::string>>;

class RecordFilter {
 public:
  // Whether `record` (each field's value; "" is null) passes.
  bool matches(const RecordFields& record) const;

 private:
  friend std::variant<RecordFilter, FilterError> parse_record_filter(
      std::string_view, std::string_view, const std::vector<std::string_view>&);
  struct Tree;
  std::shared_ptr<const Tree> tree_;  // nullptr: no filter
};

// Reads `nql` for records of `what` ("tags"), which have `fields`; a field
// they do not have is a value error, as for posts.
std::variant<RecordFilter, FilterError> parse_record_filter(
    std::string_view nql, std::string_view what, const std::vector<std::string_view>& fields);

}  // namespace byline::api
