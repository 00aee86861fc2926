#include "content/post_events.hpp"

#include <algorithm>
#include <array>

namespace byline::content {
namespace {

constexpr std::array<std::string_view, 8> kEventNames = {
    "post.published", "post.published.edited", "post.unpublished", "post.deleted",
    "page.published", "page.published.edited", "page.unpublished", "page.deleted",
};

std::string_view suffix(PostEvent event) {
  switch (event) {
    case PostEvent::published:
      return "published";
    case PostEvent::published_edited:
      return "published.edited";
    case PostEvent::unpublished:
      return "unpublished";
    case PostEvent::deleted:
      return "deleted";
  }
  return "";
}

}  // namespace

std::string event_name(PostType type, PostEvent event) {
  std::string name = type == PostType::page ? "page." : "post.";
  name += suffix(event);
  return name;
}

std::optional<PostEvent> save_event(const Post* before, const Post& after) {
  const bool was_out = before && before->status == PostStatus::published;
  const bool is_out = after.status == PostStatus::published;
  if (is_out) return was_out ? PostEvent::published_edited : PostEvent::published;
  if (was_out) return PostEvent::unpublished;
  return std::nullopt;
}

std::span<const std::string_view> webhook_event_names() { return kEventNames; }

bool is_webhook_event(std::string_view name) {
  return std::find(kEventNames.begin(), kEventNames.end(), name) != kEventNames.end();
}

}  // namespace byline::content
