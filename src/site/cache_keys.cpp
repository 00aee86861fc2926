#include "site/cache_keys.hpp"

#include "content/language.hpp"
#include "render/dates.hpp"

#include <algorithm>
#include <cctype>

namespace byline::site::cache_keys {
namespace {

bool is_public(const content::Post* post, Time now) {
  return post && post->status == content::PostStatus::published && post->published_at &&
         *post->published_at <= now;
}

template <typename Item>
std::vector<content::Id> ids_of(const std::vector<Item>& items) {
  std::vector<content::Id> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

content::Id group_of(const content::Post& post) {
  return post.translation_of > 0 ? post.translation_of : post.id;
}

using Kind = store::PostCondition::Kind;

// Whether `where` tests a field that changes without the post moving
// between lists (see changed_by).
bool tests_edits(const store::PostCondition& where) {
  if (where.kind == Kind::slug || where.kind == Kind::updated_at) return true;
  return std::any_of(where.children.begin(), where.children.end(), tests_edits);
}

// The lists every post matching `where` is in at least one of, if a few
// say so; nullopt when only the list of every public post does.
std::optional<std::vector<std::string>> narrowing(const store::PostCondition& where,
                                                  const SlugIds& ids_of) {
  auto lists = [&](std::string (*list)(content::Id), std::vector<content::Id> ids,
                   bool by_slug) -> std::optional<std::vector<std::string>> {
    // A slug that names nothing today may name a tag made by the very save
    // that files a post under it: only the front page's list is sure.
    if (by_slug && ids.size() < where.slugs.size()) return std::nullopt;
    std::vector<std::string> keys;
    for (const content::Id id : ids) keys.push_back(list(id));
    return keys;
  };
  switch (where.kind) {
    case Kind::id: {
      // A post joins by its own change, which names it.
      std::vector<std::string> keys;
      for (const content::Id id : where.ids) keys.push_back(post(id));
      return keys;
    }
    case Kind::tag_id:
      return lists(tag_list, where.ids, false);
    case Kind::author_id:
      return lists(author_list, where.ids, false);
    case Kind::section_id:
      return lists(section_list, where.ids, false);
    case Kind::tag_slug:
    case Kind::primary_tag_slug:
      return lists(tag_list, ids_of(Kind::tag_slug, where.slugs), true);
    case Kind::author_slug:
    case Kind::primary_author_slug:
      return lists(author_list, ids_of(Kind::author_slug, where.slugs), true);
    case Kind::section_slug:
      return lists(section_list, ids_of(Kind::section_slug, where.slugs), true);
    case Kind::all_of: {
      // Every part must hold: the narrowest part is enough.
      std::optional<std::vector<std::string>> best;
      for (const auto& child : where.children) {
        auto keys = narrowing(child, ids_of);
        if (keys && (!best || keys->size() < best->size())) best = std::move(keys);
      }
      return best;
    }
    case Kind::any_of: {
      // Any part may hold: each must be narrowed, and all their lists count.
      std::vector<std::string> keys;
      for (const auto& child : where.children) {
        auto part = narrowing(child, ids_of);
        if (!part) return std::nullopt;
        keys.insert(keys.end(), part->begin(), part->end());
      }
      return keys;
    }
    case Kind::language: {
      std::vector<std::string> keys;
      for (const auto& tag : where.slugs) keys.push_back(language_list(tag));
      return keys;
    }
    case Kind::none_of:
    case Kind::slug:
    case Kind::featured:
    case Kind::published_at:
    case Kind::updated_at:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string post(content::Id id) { return "post:" + std::to_string(id); }
std::string section_list(content::Id id) { return "list:section:" + std::to_string(id); }
std::string tag_list(content::Id id) { return "list:tag:" + std::to_string(id); }
std::string author_list(content::Id id) { return "list:author:" + std::to_string(id); }
std::string language_list(std::string_view language) {
  return "list:language:" + content::primary_language(language);
}
std::string translations(content::Id original) {
  return "translations:" + std::to_string(original);
}

std::vector<std::string> lists_for(const store::PostCondition& where, const SlugIds& ids_of,
                                   const std::vector<store::PostOrder>& order) {
  // Every other field a condition tests changes only with a move, which
  // touches every list the post is in after it, and its own key.
  if (tests_edits(where)) return {std::string(kAnyChange)};
  const bool ordered_by_edits =
      std::any_of(order.begin(), order.end(), [](const store::PostOrder& part) {
        return part.field == store::PostOrderField::title ||
               part.field == store::PostOrderField::slug ||
               part.field == store::PostOrderField::relevance ||
               part.field == store::PostOrderField::updated_at;
      });
  if (ordered_by_edits) return {std::string(kAnyChange)};
  auto keys = narrowing(where, ids_of).value_or(std::vector<std::string>{std::string(kFrontPage)});
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<std::string> changed_by(const content::Post* before, const content::Post& after,
                                    Time now) {
  const bool was_public = is_public(before, now);
  const bool is_now_public = is_public(&after, now);
  if (!was_public && !is_now_public) return {};

  // Pages that show the post; the sitemaps give every public post's
  // address and last change.
  std::vector<std::string> keys{post(after.id), std::string(kSitemaps), std::string(kAnyChange)};
  const bool moved = !before || was_public != is_now_public ||
                     before->published_at != after.published_at ||
                     before->featured != after.featured || before->type != after.type ||
                     ids_of(before->authors) != ids_of(after.authors) ||
                     ids_of(before->sections) != ids_of(after.sections) ||
                     ids_of(before->tags) != ids_of(after.tags) || before->locale != after.locale;
  if (moved) {
    // Every listing it left or joined, or in which it moved.
    keys.emplace_back(kFrontPage);
    for (const content::Post* version : {before, &after}) {
      if (!version) continue;
      for (const auto& author : version->authors) keys.push_back(author_list(author.id));
      for (const auto& section : version->sections) keys.push_back(section_list(section.id));
      for (const auto& tag : version->tags) keys.push_back(tag_list(tag.id));
      keys.push_back(language_list(version->locale));
    }
  }
  if (moved || !before || before->translation_of != after.translation_of ||
      before->locale != after.locale) {
    keys.push_back(translations(group_of(after)));
    if (before) keys.push_back(translations(group_of(*before)));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

http::CachePolicy policy(std::vector<std::string> shows,
                         const std::vector<const content::Post*>& cards, Time now) {
  http::CachePolicy policy{std::move(shows), std::nullopt};
  for (const content::Post* card : cards) {
    policy.shows.push_back(post(card->id));
    if (!card->published_at) continue;
    const Time changes = render::DateFormatter::relative_changes_at(*card->published_at, now);
    if (!policy.changes_at || changes < *policy.changes_at) policy.changes_at = changes;
  }
  return policy;
}

}  // namespace byline::site::cache_keys
