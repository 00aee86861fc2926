// The listing query's builders and its bounds.
#include "store/post_query.hpp"

#include <string>

namespace byline::store {
namespace {

using Kind = PostCondition::Kind;

bool takes_ids(Kind kind) {
  return kind == Kind::id || kind == Kind::tag_id || kind == Kind::author_id ||
         kind == Kind::section_id;
}

bool takes_slugs(Kind kind) {
  return kind == Kind::slug || kind == Kind::tag_slug || kind == Kind::primary_tag_slug ||
         kind == Kind::author_slug || kind == Kind::primary_author_slug ||
         kind == Kind::section_slug || kind == Kind::language;
}

// A language tag's letters, digits and hyphens: nothing a LIKE pattern
// would read as a wildcard.
bool is_language_tag(const std::string& tag) {
  if (tag.size() > 35) return false;
  for (const char c : tag) {
    const bool fits =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!fits) return false;
  }
  return tag.empty() || (tag.front() != '-' && tag.back() != '-');
}

struct Tally {
  int nodes = 0;
  int values = 0;
};

Result<void> check_condition(const PostCondition& condition, int depth, Tally& tally) {
  auto refuse = [](std::string why) {
    return make_error(ErrorCode::invalid_input, std::move(why));
  };
  if (depth > kMaxConditionDepth) {
    return refuse("The filter nests more than " + std::to_string(kMaxConditionDepth) + " deep.");
  }
  if (++tally.nodes > kMaxConditionNodes) {
    return refuse("The filter has more than " + std::to_string(kMaxConditionNodes) + " parts.");
  }
  tally.values += static_cast<int>(condition.ids.size() + condition.slugs.size());
  if (tally.values > kMaxConditionValues) {
    return refuse("The filter names more than " + std::to_string(kMaxConditionValues) + " values.");
  }
  if (condition.is_combination()) {
    if (!condition.ids.empty() || !condition.slugs.empty()) {
      return refuse("A combination of conditions holds no values of its own.");
    }
    for (const auto& child : condition.children)
      BYLINE_TRY(check_condition(child, depth + 1, tally));
    return {};
  }
  if (!condition.children.empty()) return refuse("A condition on one field has no parts.");
  if (takes_ids(condition.kind) && (condition.ids.empty() || !condition.slugs.empty())) {
    return refuse("A condition on ids needs ids, and only ids.");
  }
  if (takes_slugs(condition.kind) && (condition.slugs.empty() || !condition.ids.empty())) {
    return refuse("A condition on slugs needs slugs, and only slugs.");
  }
  if (condition.kind == Kind::language) {
    for (const auto& tag : condition.slugs) {
      if (!is_language_tag(tag)) return refuse("\"" + tag + "\" is no language tag.");
    }
  }
  return {};
}

}  // namespace

PostCondition PostCondition::all_of(std::vector<PostCondition> children) {
  PostCondition condition;
  condition.kind = Kind::all_of;
  condition.children = std::move(children);
  return condition;
}

PostCondition PostCondition::any_of(std::vector<PostCondition> children) {
  PostCondition condition = all_of(std::move(children));
  condition.kind = Kind::any_of;
  return condition;
}

PostCondition PostCondition::none_of(std::vector<PostCondition> children) {
  PostCondition condition = all_of(std::move(children));
  condition.kind = Kind::none_of;
  return condition;
}

PostCondition PostCondition::with_ids(Kind kind, std::vector<Id> ids) {
  PostCondition condition;
  condition.kind = kind;
  condition.ids = std::move(ids);
  return condition;
}

PostCondition PostCondition::with_slugs(Kind kind, std::vector<std::string> slugs) {
  PostCondition condition;
  condition.kind = kind;
  condition.slugs = std::move(slugs);
  return condition;
}

PostCondition PostCondition::featured_is(bool featured) {
  PostCondition condition;
  condition.kind = Kind::featured;
  condition.flag = featured;
  return condition;
}

PostCondition PostCondition::time_is(Kind kind, Compare compare, Time time) {
  PostCondition condition;
  condition.kind = kind;
  condition.compare = compare;
  condition.time = time;
  return condition;
}

Result<void> check_query(const PostQuery& query) {
  if (query.limit < 0 || query.limit > kMaxListingLimit) {
    return make_error(ErrorCode::invalid_input,
                      "A listing shows 0 to " + std::to_string(kMaxListingLimit) + " posts.");
  }
  if (query.offset < 0) {
    return make_error(ErrorCode::invalid_input, "A listing starts at its first post or later.");
  }
  if (query.order.size() > 8) {
    return make_error(ErrorCode::invalid_input, "A listing is ordered by at most 8 fields.");
  }
  for (const PostOrder& part : query.order) {
    if (part.field == PostOrderField::relevance && query.search.empty()) {
      return make_error(ErrorCode::invalid_input, "Only a search is ordered by relevance.");
    }
  }
  Tally tally;
  return check_condition(query.where, 1, tally);
}

}  // namespace byline::store
