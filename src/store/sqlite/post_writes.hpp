// The steps of a post write on SQLite: each runs in the caller's
// transaction, so that a save, a scheduled publish and an import batch
// commit whole or not at all. Internal to store/sqlite/.
#pragma once

#include "common/result.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline::store::sqlite {

class Connection;

// The normalised title and text a search entry holds.
using SearchText = std::pair<std::string, std::string>;

// The whole of one PostWrite: the post (inserted when its id is 0), the
// tags it brings, its redirects, its audit line, its legacy key and its
// search entry.
Result<SavedPost> write_post(Connection& connection, const PostWrite& write);
// A PostWrite but for its search entry, and that entry, apart: a batch
// writes all its rows first and then all its entries. SQLite 3.40's FTS5
// writes its pending entries out as a new segment at every statement
// savepoint, so entries interleaved with other writes make one segment
// per post, and merging those was a fifth of an import's time.
// `indexed_before` gets what the post's search entry held before the
// write, which index_written_post needs to take it out.
Result<SavedPost> write_post_rows(Connection& connection, const PostWrite& write,
                                  std::optional<SearchText>& indexed_before);
Result<void> index_written_post(Connection& connection, Id post_id, const PostWrite& write,
                                const std::optional<SearchText>& indexed_before);
// Records that `key` was imported as `local_id`.
Result<void> remember_legacy(Connection& connection, const LegacyKey& key, Id local_id,
                             std::string_view digest);
// What `key` was imported as, read on `connection`.
Result<std::optional<LegacyRecord>> find_legacy(Connection& connection, const LegacyKey& key);

// Inserts a new post with its relations (`tags`: its tags with their ids)
// and first revision (its search entry is index_for_search's), as
// `preferred_id` if no post ever had that id (PostWrite::preferred_id).
Result<Id> insert_post(Connection& connection, const content::Post& post,
                       const std::vector<content::Tag>& tags, Id saved_by, Id preferred_id);
// Replaces post `post.id` if its revision is still `post.revision`
// (conflict otherwise); returns the new revision's number.
Result<int> replace_post(Connection& connection, const content::Post& post,
                         const std::vector<content::Tag>& tags, Id saved_by);
// What post `post_id`'s search entry holds as the posts table stands (its
// normalised title and text), or nothing when it has none: only published
// articles are in the index.
Result<std::optional<SearchText>> indexed_text(Connection& connection, Id post_id);
// Takes out the entry `indexed_before` describes, if any, and puts the post
// in the search index if readers may find it, with `search_text` (nullptr:
// made from the post).
Result<void> index_for_search(Connection& connection, Id post_id, const content::Post& post,
                              const SearchText* search_text,
                              const std::optional<SearchText>& indexed_before);
Result<void> upsert_redirect(Connection& connection, const Redirect& redirect);
Result<void> insert_audit(Connection& connection, const AuditEntry& entry);
// Queues a delivery of `event` about post `post_id` (as its row stands:
// its revision and title) for every webhook that waits for `event`, due
// at `at`.
Result<void> queue_webhook_deliveries(Connection& connection, Id post_id, std::string_view event,
                                      Time at);
// Gives every tag of `tags` without an id one: the existing tag of that
// slug, or a new one.
Result<void> ensure_tags(Connection& connection, std::vector<content::Tag>& tags);

// The published articles' search text, by id, for (re)indexing.
extern const std::string_view kPublishedArticlesText;

}  // namespace byline::store::sqlite
