// The ids the Ghost APIs show: 24 lowercase hex characters, as Ghost's
// ObjectIds are, made from Byline's own ids and read back. Each kind has
// its own first eight characters, so a tag's id never reads a post.
#pragma once

#include "content/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace byline::api {

enum class GhostKind { post, user, tag };

std::string ghost_id(GhostKind kind, content::Id id);

// The local id `text` names as an id of `kind`; nullopt for any other text.
std::optional<content::Id> local_id(GhostKind kind, std::string_view text);

// Whether `text` has the shape of an id at all (24 lowercase hex).
bool is_object_id(std::string_view text);

// A post's UUID, the same every time it is asked for: Ghost's clients key
// caches and comment threads by it.
std::string ghost_uuid(content::Id post_id);

}  // namespace byline::api
