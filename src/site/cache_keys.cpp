#include "site/cache_keys.hpp"

#include "render/dates.hpp"

#include <algorithm>

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

content::Id group_of(const content::Post& post) { return post.translation_of > 0 ? post.translation_of : post.id; }

}  // namespace

std::string post(content::Id id) { return "post:" + std::to_string(id); }
std::string section_list(content::Id id) { return "list:section:" + std::to_string(id); }
std::string tag_list(content::Id id) { return "list:tag:" + std::to_string(id); }
std::string author_list(content::Id id) { return "list:author:" + std::to_string(id); }
std::string translations(content::Id original) { return "translations:" + std::to_string(original); }

std::vector<std::string> changed_by(const content::Post* before, const content::Post& after, Time now) {
  const bool was_public = is_public(before, now);
  const bool is_now_public = is_public(&after, now);
  if (!was_public && !is_now_public) return {};

  // Pages that show the post; the sitemaps give every public post's
  // address and last change.
  std::vector<std::string> keys{post(after.id), std::string(kSitemaps)};
  const bool moved = !before || was_public != is_now_public || before->published_at != after.published_at ||
                     before->featured != after.featured || before->type != after.type ||
                     ids_of(before->authors) != ids_of(after.authors) ||
                     ids_of(before->sections) != ids_of(after.sections) || ids_of(before->tags) != ids_of(after.tags);
  if (moved) {
    // Every listing it left or joined, or in which it moved.
    keys.emplace_back(kFrontPage);
    for (const content::Post* version : {before, &after}) {
      if (!version) continue;
      for (const auto& author : version->authors) keys.push_back(author_list(author.id));
      for (const auto& section : version->sections) keys.push_back(section_list(section.id));
      for (const auto& tag : version->tags) keys.push_back(tag_list(tag.id));
    }
  }
  if (moved || !before || before->translation_of != after.translation_of || before->locale != after.locale) {
    keys.push_back(translations(group_of(after)));
    if (before) keys.push_back(translations(group_of(*before)));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

http::CachePolicy policy(std::vector<std::string> shows, const std::vector<const content::Post*>& cards, Time now) {
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
