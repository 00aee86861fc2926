// The steps of a post write, each in the caller's transaction.
#include "store/sqlite/post_writes.hpp"

#include "content/search_text.hpp"
#include "store/sqlite/rows.hpp"

namespace byline::store::sqlite {
namespace {

// The columns a save writes, in the order bind_post binds them.
#define BYLINE_POST_WRITE_COLUMNS                                                              \
  "type, slug, title, body_html, body_source, source_format, plaintext, custom_excerpt, "      \
  "status, published_at, created_at, updated_at, locale, featured_image, featured_image_alt, " \
  "featured_image_caption, seo_title, seo_description, featured, translation_of"

// What the body_source column holds: '' when the source is the stored
// HTML itself (HTML written in the editor, or imported, that was clean
// already), which read_post gives back. Most bodies are, and keeping them
// once is a quarter less to write.
std::string_view stored_source(const Post& post) {
  return post.body_source == post.body_html ? std::string_view() : post.body_source;
}

// Binds parameters 1 to 20 to `post`'s columns, as BYLINE_POST_WRITE_COLUMNS names them.
void bind_post(Statement& s, const Post& post) {
  s.bind(1, content::to_string(post.type)).bind(2, post.slug).bind(3, post.title);
  s.bind(4, post.body_html).bind(5, stored_source(post));
  s.bind(6, content::to_string(post.source_format)).bind(7, post.plaintext);
  s.bind(8, post.custom_excerpt).bind(9, content::to_string(post.status));
  s.bind(10, optional_seconds(post.published_at));
  s.bind(11, to_seconds(post.created_at)).bind(12, to_seconds(post.updated_at));
  s.bind(13, post.locale).bind(14, post.featured_image).bind(15, post.featured_image_alt);
  s.bind(16, post.featured_image_caption).bind(17, post.seo_title).bind(18, post.seo_description);
  s.bind(19, std::int64_t{post.featured ? 1 : 0});
  s.bind(20,
         post.translation_of > 0 ? std::optional<std::int64_t>(post.translation_of) : std::nullopt);
}

bool is_searchable(const Post& post) {
  return post.status == content::PostStatus::published && post.type == content::PostType::article;
}

SearchText search_text_of(const Post& post) {
  return {content::normalize_for_search(post.title), content::normalize_for_search(post.plaintext)};
}

}  // namespace

Result<std::optional<SearchText>> indexed_text(Connection& connection, Id post_id) {
  auto found = find_one<Post>(
      connection, "SELECT status, type, title, plaintext FROM posts WHERE id = ?", post_id,
      [](const Statement& row) {
        Post post;
        post.status =
            content::post_status_from_string(row.text(0)).value_or(content::PostStatus::draft);
        post.type =
            content::post_type_from_string(row.text(1)).value_or(content::PostType::article);
        post.title = row.text(2);
        post.plaintext = row.text(3);
        return post;
      });
  BYLINE_TRY(found);
  if (!*found || !is_searchable(**found)) return std::optional<SearchText>{};
  return std::optional<SearchText>{search_text_of(**found)};
}

// Takes the post's old entry out of the search index and puts in its new
// one if it is a published article (in the caller's transaction, so the
// index never disagrees with the posts). Holding only what readers may
// find lets a search rank matches without looking at the posts table.
Result<void> index_for_search(Connection& connection, Id post_id, const Post& post,
                              const SearchText* search_text,
                              const std::optional<SearchText>& indexed_before) {
  // The index keeps no copy of what it indexes (migration 14), so taking
  // an entry out means naming the very words it was made of.
  if (indexed_before) {
    BYLINE_TRY(write_one(connection,
                         "INSERT INTO post_search (post_search, rowid, title, body) "
                         "VALUES ('delete', ?, ?, ?)",
                         [&](Statement& s) {
                           s.bind(1, post_id).bind(2, indexed_before->first);
                           s.bind(3, indexed_before->second);
                         }));
  }
  if (!is_searchable(post)) return {};
  const SearchText made = search_text ? SearchText{} : search_text_of(post);
  const SearchText& text = search_text ? *search_text : made;
  return write_one(
      connection, "INSERT INTO post_search (rowid, title, body) VALUES (?, ?, ?)",
      [&](Statement& s) { s.bind(1, post_id).bind(2, text.first).bind(3, text.second); });
}

// The published articles' search text, by id, for (re)indexing.
const std::string_view kPublishedArticlesText =
    "SELECT id, title, plaintext FROM posts WHERE status = 'published' AND type = 'article'";

namespace {

// Whether write_relations replaces rows a post had, or writes a new post's.
enum class Relations { replace, first };

// Replaces the post's authors, sections and tags with those of `post` (its
// tags as `tags` has them, with their ids), in order.
Result<void> write_relations(Connection& connection, Id post_id, const Post& post,
                             const std::vector<content::Tag>& tags, Relations relations) {
  auto link = [&](std::string_view clear, std::string_view insert,
                  const auto& items) -> Result<void> {
    // A new post has none: its id may be one a deleted post had, but
    // deleting a post deletes its rows here (ON DELETE CASCADE).
    if (relations == Relations::replace) {
      auto cleared = connection.prepare(clear);
      BYLINE_TRY(cleared);
      (*cleared)->bind(1, post_id);
      BYLINE_TRY((*cleared)->run());
    }
    auto statement = connection.prepare(insert);
    BYLINE_TRY(statement);
    std::int64_t position = 0;
    for (const auto& item : items) {
      (*statement)->bind(1, post_id).bind(2, item.id).bind(3, position++);
      BYLINE_TRY((*statement)->run());
    }
    return {};
  };
  BYLINE_TRY(link("DELETE FROM post_authors WHERE post_id = ?",
                  "INSERT INTO post_authors (post_id, user_id, position) VALUES (?, ?, ?)",
                  post.authors));
  BYLINE_TRY(link("DELETE FROM post_sections WHERE post_id = ?",
                  "INSERT INTO post_sections (post_id, section_id, position) VALUES (?, ?, ?)",
                  post.sections));
  return link("DELETE FROM post_tags WHERE post_id = ?",
              "INSERT INTO post_tags (post_id, tag_id, position) VALUES (?, ?, ?)", tags);
}

// The post's newest revision: its body is the post's own (NULL here, see
// migration 15), so it is not written twice.
Result<void> write_revision(Connection& connection, Id post_id, int number, const Post& post,
                            Id saved_by) {
  auto statement = connection.prepare(
      "INSERT INTO post_revisions (post_id, number, title, body_html, body_source, "
      "custom_excerpt, status, saved_by, saved_at) VALUES (?, ?, ?, NULL, NULL, ?, ?, ?, ?)");
  BYLINE_TRY(statement);
  Statement& s = **statement;
  s.bind(1, post_id).bind(2, static_cast<std::int64_t>(number)).bind(3, post.title);
  s.bind(4, post.custom_excerpt).bind(5, content::to_string(post.status));
  s.bind(6, saved_by > 0 ? std::optional<std::int64_t>(saved_by) : std::nullopt);
  s.bind(7, to_seconds(post.updated_at));
  return s.run();
}

// Before a save replaces the post's body, the revision it makes old takes
// a copy of that body. Only when the save is not stale: then nothing changes.
Result<void> keep_body_in_newest_revision(Connection& connection, Id post_id, int revision) {
  return write_one(
      connection,
      "UPDATE post_revisions SET body_html = p.body_html, body_source = p.body_source "
      "FROM posts p WHERE p.id = ?1 AND p.revision = ?2 AND post_revisions.post_id = ?1 "
      "AND post_revisions.number = ?2 AND post_revisions.body_html IS NULL",
      [&](Statement& s) { s.bind(1, post_id).bind(2, static_cast<std::int64_t>(revision)); });
}

}  // namespace

Result<Id> insert_post(Connection& connection, const Post& post,
                       const std::vector<content::Tag>& tags, Id saved_by, Id preferred_id) {
  {
    auto statement = connection.prepare(
        "INSERT INTO posts (" BYLINE_POST_WRITE_COLUMNS
        ", revision, id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, "
        // The id asked for if no post ever had it, else past
        // every id a post has had, deleted ones too (migration 17).
        "CASE WHEN ?21 > 0 AND NOT EXISTS (SELECT 1 FROM posts WHERE id = ?21) "
        "AND NOT EXISTS (SELECT 1 FROM deleted_post_ids WHERE id = ?21) THEN ?21 "
        "ELSE max(coalesce((SELECT max(id) FROM posts), 0), "
        "coalesce((SELECT max(id) FROM deleted_post_ids), 0)) + 1 END)");
    BYLINE_TRY(statement);
    bind_post(**statement, post);
    (*statement)->bind(21, preferred_id);
    BYLINE_TRY((*statement)->run());
  }
  const Id id = connection.last_insert_id();
  BYLINE_TRY(write_relations(connection, id, post, tags, Relations::first));
  BYLINE_TRY(write_revision(connection, id, 1, post, saved_by));
  return id;
}

Result<int> replace_post(Connection& connection, const Post& post,
                         const std::vector<content::Tag>& tags, Id saved_by) {
  BYLINE_TRY(keep_body_in_newest_revision(connection, post.id, post.revision));
  {
    auto statement = connection.prepare(
        "UPDATE posts SET (" BYLINE_POST_WRITE_COLUMNS
        ", revision) = "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, revision + 1) "
        "WHERE id = ? AND revision = ?");
    BYLINE_TRY(statement);
    bind_post(**statement, post);
    (*statement)->bind(21, post.id).bind(22, static_cast<std::int64_t>(post.revision));
    BYLINE_TRY((*statement)->run());
  }
  if (connection.changes() == 0) {
    return make_error(
        ErrorCode::conflict,
        "Someone else saved this post after you opened it, so your save was not made.");
  }
  const int number = post.revision + 1;
  BYLINE_TRY(write_relations(connection, post.id, post, tags, Relations::replace));
  BYLINE_TRY(write_revision(connection, post.id, number, post, saved_by));
  return number;
}

Result<void> upsert_redirect(Connection& connection, const Redirect& redirect) {
  // The newest move wins: an old address leads where it was last sent.
  return write_one(connection,
                   "INSERT INTO redirects (address, post_id, location) VALUES (?, ?, ?) "
                   "ON CONFLICT (address) DO UPDATE SET post_id = excluded.post_id, location = "
                   "excluded.location",
                   [&](Statement& s) {
                     s.bind(1, redirect.address);
                     s.bind(2, redirect.post_id > 0 ? std::optional<std::int64_t>(redirect.post_id)
                                                    : std::nullopt);
                     s.bind(3, redirect.location);
                   });
}

Result<void> insert_audit(Connection& connection, const AuditEntry& entry) {
  return write_one(
      connection,
      "INSERT INTO audit_log (at, actor_id, actor, action, subject, address) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      [&](Statement& s) {
        s.bind(1, to_seconds(entry.at));
        s.bind(2, entry.actor_id > 0 ? std::optional<std::int64_t>(entry.actor_id) : std::nullopt);
        s.bind(3, entry.actor).bind(4, entry.action).bind(5, entry.subject);
        s.bind(6, entry.address);
      });
}

// Someone may have added a tag since the writer looked it up: then it is
// that tag.
Result<void> ensure_tags(Connection& connection, std::vector<Tag>& tags) {
  for (Tag& tag : tags) {
    if (tag.id != 0) continue;
    BYLINE_TRY(write_one(
        connection,
        "INSERT INTO tags (slug, name, description) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING",
        [&](Statement& s) { s.bind(1, tag.slug).bind(2, tag.name).bind(3, tag.description); }));
    auto id =
        find_one<Id>(connection, "SELECT id FROM tags WHERE slug = ?", std::string_view(tag.slug),
                     [](const Statement& row) { return row.int64(0); });
    BYLINE_TRY(id);
    if (!*id)
      return make_error(ErrorCode::internal, "The tag could not be saved.", "tag " + tag.slug);
    tag.id = **id;
  }
  return {};
}

Result<void> remember_legacy(Connection& connection, const LegacyKey& key, Id local_id,
                             std::string_view digest) {
  return write_one(
      connection,
      "INSERT INTO legacy_ids (source, kind, legacy_id, local_id, digest) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (source, kind, legacy_id) DO UPDATE SET local_id = excluded.local_id, "
      "digest = excluded.digest",
      [&](Statement& s) {
        s.bind(1, key.source).bind(2, key.kind).bind(3, key.id).bind(4, local_id).bind(5, digest);
      });
}

Result<std::optional<LegacyRecord>> find_legacy(Connection& connection, const LegacyKey& key) {
  auto statement = connection.prepare(
      "SELECT local_id, digest FROM legacy_ids WHERE source = ? AND kind = ? AND legacy_id = ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, key.source).bind(2, key.kind).bind(3, key.id);
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  if (!*row) return std::optional<LegacyRecord>{};
  return std::optional<LegacyRecord>{LegacyRecord{(*statement)->int64(0), (*statement)->text(1)}};
}

Result<SavedPost> write_post_rows(Connection& connection, const PostWrite& write,
                                  std::optional<SearchText>& indexed_before) {
  const Post& post = write.post;
  std::vector<content::Tag> tags = post.tags;  // with an id each, once ensured
  BYLINE_TRY(ensure_tags(connection, tags));
  SavedPost saved;
  indexed_before.reset();
  if (post.id != 0) {
    auto indexed = indexed_text(connection, post.id);
    BYLINE_TRY(indexed);
    indexed_before = std::move(*indexed);
  }
  if (post.id == 0) {
    auto id = insert_post(connection, post, tags, write.saved_by, write.preferred_id);
    BYLINE_TRY(id);
    saved.id = *id;
    saved.revision = 1;
  } else {
    auto number = replace_post(connection, post, tags, write.saved_by);
    BYLINE_TRY(number);
    saved.id = post.id;
    saved.revision = *number;
  }
  for (const auto& address : write.redirects_from) {
    BYLINE_TRY(upsert_redirect(connection, Redirect{address, saved.id, ""}));
  }
  if (write.audit) BYLINE_TRY(insert_audit(connection, *write.audit));
  if (write.legacy)
    BYLINE_TRY(remember_legacy(connection, *write.legacy, saved.id, write.legacy_digest));
  for (const auto& event : write.events) {
    BYLINE_TRY(queue_webhook_deliveries(connection, saved.id, event, post.updated_at));
  }
  saved.tags = std::move(tags);
  return saved;
}

Result<void> index_written_post(Connection& connection, Id post_id, const PostWrite& write,
                                const std::optional<SearchText>& indexed_before) {
  return index_for_search(connection, post_id, write.post,
                          write.search_text ? &*write.search_text : nullptr, indexed_before);
}

Result<SavedPost> write_post(Connection& connection, const PostWrite& write) {
  std::optional<SearchText> indexed_before;
  auto saved = write_post_rows(connection, write, indexed_before);
  BYLINE_TRY(saved);
  BYLINE_TRY(index_written_post(connection, saved->id, write, indexed_before));
  return saved;
}

}  // namespace byline::store::sqlite
