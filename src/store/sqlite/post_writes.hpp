// The steps of a post write on SQLite: each runs in the caller's
// transaction, so that a save, a scheduled publish and an import batch
// commit whole or not at all. Internal to store/sqlite/.
#pragma once

#include "common/result.hpp"
#include "store/store.hpp"

#include <string_view>
#include <vector>

namespace byline::store::sqlite {

class Connection;

// The whole of one PostWrite: the post (inserted when its id is 0), the
// tags it brings, its redirects, its audit line, its legacy key and its
// search entry.
Result<SavedPost> write_post(Connection& connection, const PostWrite& write);
// A PostWrite but for its search entry, and that entry, apart: a batch
// writes all its rows first and then all its entries. SQLite 3.40's FTS5
// writes its pending entries out as a new segment at every statement
// savepoint, so entries interleaved with other writes make one segment
// per post, and merging those was a fifth of an import's time.
Result<SavedPost> write_post_rows(Connection& connection, const PostWrite& write);
Result<void> index_written_post(Connection& connection, Id post_id, const PostWrite& write);
// Records that `key` was imported as `local_id`.
Result<void> remember_legacy(Connection& connection, const LegacyKey& key, Id local_id,
                             std::string_view digest);
// What `key` was imported as, read on `connection`.
Result<std::optional<LegacyRecord>> find_legacy(Connection& connection, const LegacyKey& key);

// The normalised title and text a search entry holds; nullptr: made from
// the post.
using SearchText = std::pair<std::string, std::string>;

// Inserts a new post with its relations (`tags`: its tags with their ids)
// and first revision (its search entry is index_for_search's).
Result<Id> insert_post(Connection& connection, const content::Post& post,
                       const std::vector<content::Tag>& tags, Id saved_by);
// Replaces post `post.id` if its revision is still `post.revision`
// (conflict otherwise); returns the new revision's number.
Result<int> replace_post(Connection& connection, const content::Post& post,
                         const std::vector<content::Tag>& tags, Id saved_by);
// Puts the post in the search index if readers may find it, and takes it
// out otherwise.
Result<void> index_for_search(Connection& connection, Id post_id, const content::Post& post,
                              const SearchText* search_text = nullptr);
Result<void> upsert_redirect(Connection& connection, const Redirect& redirect);
Result<void> insert_audit(Connection& connection, const AuditEntry& entry);
// Gives every tag of `tags` without an id one: the existing tag of that
// slug, or a new one.
Result<void> ensure_tags(Connection& connection, std::vector<content::Tag>& tags);

// The published articles' search text, by id, for (re)indexing.
extern const std::string_view kPublishedArticlesText;

}  // namespace byline::store::sqlite
