// The rules a post must satisfy before it is stored: the content service's
// half of a write, with no storage in it.
#pragma once

#include "common/result.hpp"
#include "content/model.hpp"

namespace byline::content {

inline constexpr std::size_t kMaxTitleBytes = 1000;
inline constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;
inline constexpr int kMaxBodyNesting = 512;

// Checks and normalises `post` as written by a person or an import:
// - the title is trimmed and required;
// - the slug is made from the title when empty, and must be a valid slug;
// - the body is sanitised, and its plain text derived from it; a body that
//   nests elements deeper than kMaxBodyNesting is refused (parsing such
//   markup takes time that grows with the square of the depth);
// - publishing without a time publishes now; scheduling needs a time;
// - at least one author;
// - a featured image is a local (/media/…) or https address.
// `now` stamps created_at/updated_at. Returns the post ready to store.
Result<Post> prepare_post(Post post, Time now);

}  // namespace byline::content
