// What a change to a post means to those who wait for it (webhooks): the
// events, named as Ghost names them, so that receivers written for Ghost
// understand Byline's.
#pragma once

#include "content/model.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace byline::content {

enum class PostEvent { published, published_edited, unpublished, deleted };

// "post.published", "page.published.edited", "post.unpublished", "page.deleted".
std::string event_name(PostType type, PostEvent event);

// What a save that left `before` (nullptr: a new post) as `after` means:
// out for the first time (or again), changed while out, or taken down; a
// save readers never see (a draft's) means nothing.
std::optional<PostEvent> save_event(const Post* before, const Post& after);

// Every event a webhook may wait for, in the order the newsroom lists them.
std::span<const std::string_view> webhook_event_names();
bool is_webhook_event(std::string_view name);

}  // namespace byline::content
