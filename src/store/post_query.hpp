// Which published posts a reader-facing listing shows: a small condition
// tree, an order, a projection, a page and an optional total. The site's
// listings, the Ghost Content API's NQL and the WordPress REST API's
// parameters all become one of these, and each Store backend compiles it
// to its own query, with every value bound.
#pragma once

#include "common/result.hpp"
#include "content/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace byline::store {

using content::Id;
using content::Time;

// A test a post passes or fails. A leaf tests one field against its values
// (any of them matching is a match); all_of, any_of and none_of combine
// their children. The default, an empty all_of, lets every post through.
struct PostCondition {
  enum class Kind {
    all_of,
    any_of,
    none_of,
    id,                   // the post's id is one of `ids`
    slug,                 // the post's slug is one of `slugs`
    tag_id,               // one of its tags is one of `ids`
    tag_slug,             // one of its tags has one of `slugs`
    primary_tag_slug,     // its first tag has one of `slugs`
    author_id,            // one of its authors is one of `ids`
    author_slug,          // one of its authors has one of `slugs`
    primary_author_slug,  // its first author has one of `slugs`
    section_id,           // one of its sections is one of `ids`
    section_slug,         // one of its sections has one of `slugs`
    featured,             // it is an editors' pick (`flag`) or not
    // Its language is one of `slugs`, language tags matched by their
    // primary subtag and what follows it ("fa" matches "fa" and "fa-IR");
    // "" matches a post that names none, which is in the site's language.
    language,
    published_at,  // its publication time compares with `time`
    updated_at,    // its last change compares with `time`
  };
  enum class Compare { before, at_or_before, after, at_or_after };

  Kind kind = Kind::all_of;
  std::vector<PostCondition> children;
  std::vector<Id> ids;
  std::vector<std::string> slugs;
  bool flag = false;
  Compare compare = Compare::before;
  Time time{};

  static PostCondition all_of(std::vector<PostCondition> children);
  static PostCondition any_of(std::vector<PostCondition> children);
  static PostCondition none_of(std::vector<PostCondition> children);
  static PostCondition with_ids(Kind kind, std::vector<Id> ids);
  static PostCondition with_slugs(Kind kind, std::vector<std::string> slugs);
  static PostCondition featured_is(bool featured);
  static PostCondition time_is(Kind kind, Compare compare, Time time);

  bool is_combination() const {
    return kind == Kind::all_of || kind == Kind::any_of || kind == Kind::none_of;
  }
};

// `relevance`: how well a post matches the query's search, best first
// when descending; only a query with a search may ask for it.
enum class PostOrderField { published_at, updated_at, created_at, title, slug, id, relevance };

struct PostOrder {
  PostOrderField field = PostOrderField::published_at;
  bool descending = true;
};

// How much of each post a listing reads: a card (what a listing or an API
// card shows: no body, and the text only as far as an excerpt can reach)
// or the full post.
enum class Projection { card, full };
inline constexpr int kCardTextCharacters = 4000;  // of a card's plaintext

// Bounds on what one query may ask, whoever builds it: a query beyond them
// is refused (invalid_input) rather than compiled.
inline constexpr int kMaxConditionDepth = 16;
inline constexpr int kMaxConditionValues = 1000;  // ids and slugs, over the whole tree
inline constexpr int kMaxConditionNodes = 200;
inline constexpr int kMaxListingLimit = 1000;

// Only what readers may see: published posts of `type` (articles,
// pages, or both) whose time has come by `now`.
struct PostQuery {
  std::optional<content::PostType> type = content::PostType::article;  // nullopt: any
  PostCondition where;
  std::vector<PostOrder> order;  // empty: newest first; the id always breaks ties
  Projection projection = Projection::card;
  Time now{};
  int limit = 10;
  int offset = 0;
  bool count_total = false;  // PostPage::total, at the cost of a count
  // The reader's words, as the site's search reads them (content/
  // search_text.hpp): only posts they find. Empty: no search. Each backend
  // compiles them with its own full-text index.
  std::string search;
};

// Why `query` may not be run, if it may not (bounds, a leaf without
// values, a combination with values), in a sentence.
Result<void> check_query(const PostQuery& query);

}  // namespace byline::store
