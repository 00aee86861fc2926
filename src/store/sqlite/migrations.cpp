// The SQLite schema, as an append-only list of migrations. Never edit a
// migration that has shipped; add the next one.
#include "store/sqlite/migrations.hpp"

#include "store/sqlite/connection.hpp"

#include <array>
#include <string>

namespace byline::store::sqlite {
namespace {

constexpr std::array kMigrations = {
    // 1: the content model.
    R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  bio TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'author',
  password_hash TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  created_at INTEGER NOT NULL
);

CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL DEFAULT 'article',
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  body_source TEXT NOT NULL DEFAULT '',
  source_format TEXT NOT NULL DEFAULT 'html',
  plaintext TEXT NOT NULL DEFAULT '',
  custom_excerpt TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  locale TEXT NOT NULL DEFAULT ''
);
CREATE INDEX posts_by_publication ON posts (status, type, published_at DESC, id DESC);

CREATE TABLE post_authors (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
CREATE INDEX post_authors_by_user ON post_authors (user_id, post_id);

CREATE TABLE post_sections (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  section_id INTEGER NOT NULL REFERENCES sections(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (post_id, section_id)
) WITHOUT ROWID;
CREATE INDEX post_sections_by_section ON post_sections (section_id, post_id);

CREATE TABLE post_tags (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX post_tags_by_tag ON post_tags (tag_id, post_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql",

    // 2: staff sessions.
    R"sql(
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
)sql",

    // 3: revisions. Every save keeps one; posts count theirs, so that a save
    // started from an older revision is refused instead of overwriting.
    R"sql(
ALTER TABLE posts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
CREATE TABLE post_revisions (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  body_html TEXT NOT NULL,
  body_source TEXT NOT NULL,
  custom_excerpt TEXT NOT NULL,
  status TEXT NOT NULL,
  saved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (post_id, number)
) WITHOUT ROWID;
INSERT INTO post_revisions
  SELECT id, 1, title, body_html, body_source, custom_excerpt, status, NULL, updated_at FROM posts;
CREATE INDEX posts_scheduled ON posts (status, published_at);
)sql",

    // 4: the media library.
    R"sql(
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  original_path TEXT NOT NULL,
  original_name TEXT NOT NULL DEFAULT '',
  alt TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  variants TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX media_by_time ON media (created_at DESC, id DESC);
)sql",

    // 5: the audit log. Names are copied, not referenced: the log outlives
    // the people and posts it mentions.
    R"sql(
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT ''
);
)sql",

    // 6: featured images, search-engine fields, editors' picks.
    R"sql(
ALTER TABLE posts ADD COLUMN featured_image TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN featured_image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN featured_image_caption TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN featured INTEGER NOT NULL DEFAULT 0;
)sql",

    // 7: old addresses of posts whose slug changed after publishing.
    R"sql(
CREATE TABLE redirects (
  old_slug TEXT PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE
) WITHOUT ROWID;
)sql",

    // 8: site search. Rows are keyed by post id and hold the normalised
    // title and text; the Store fills them (SqliteStore::open rebuilds the
    // index when it is behind, as right after this migration).
    R"sql(
CREATE VIRTUAL TABLE post_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
)sql",

    // 9: translations. A translated post names the original it translates;
    // the original and its translations form one group.
    R"sql(
ALTER TABLE posts ADD COLUMN translation_of INTEGER REFERENCES posts(id) ON DELETE SET NULL;
CREATE INDEX posts_by_original ON posts (translation_of) WHERE translation_of IS NOT NULL;
)sql",

    // 10: editors' picks, found without reading every published post.
    R"sql(
CREATE INDEX posts_featured ON posts (type, published_at DESC, id DESC) WHERE featured = 1 AND status = 'published';
)sql",

    // 11: redirects by address, not only by slug: an old address (a path,
    // with its query where it matters, as "/?p=12") leads to a post or to
    // a fixed path. A post's old slug is the address "/slug/".
    R"sql(
CREATE TABLE address_redirects (
  address TEXT PRIMARY KEY,
  post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
  location TEXT NOT NULL DEFAULT '',
  CHECK ((post_id IS NULL) <> (location = ''))
) WITHOUT ROWID;
INSERT INTO address_redirects (address, post_id) SELECT '/' || old_slug || '/', post_id FROM redirects;
DROP TABLE redirects;
ALTER TABLE address_redirects RENAME TO redirects;
)sql",

    // 12: sections form a tree.
    R"sql(
ALTER TABLE sections ADD COLUMN parent_id INTEGER REFERENCES sections(id) ON DELETE SET NULL;
)sql",

    // 13: where imported things came from (a WordPress post id, a Ghost
    // id), so that running an import again updates instead of duplicating.
    R"sql(
CREATE TABLE legacy_ids (
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  legacy_id TEXT NOT NULL,
  local_id INTEGER NOT NULL,
  digest TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (source, kind, legacy_id)
) WITHOUT ROWID;
)sql",

    // 14: the search index keeps no copy of the text it indexes: search
    // reads a post's text from posts, and the copy was a fifth of the
    // database. SqliteStore::open refills it, being behind. Taking an
    // entry out names the words it was made of (normalize_for_search of
    // the post's title and text), so a change to that folding needs a
    // migration like this one, to index everything again.
    R"sql(
DROP TABLE post_search;
CREATE VIRTUAL TABLE post_search USING fts5(title, body, content = '', tokenize = 'unicode61 remove_diacritics 2');
)sql",

    // 15: a post's newest revision keeps no copy of the body: its
    // body_html and body_source are NULL, meaning the post's own, and the
    // save that makes it old copies the body in first (replace_post). Every
    // save wrote its body twice, and the copies were a third of an
    // imported archive. Anything that changes a post's body must leave a
    // new revision or copy the body into the newest first.
    R"sql(
CREATE TABLE post_revisions_kept (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  body_html TEXT,
  body_source TEXT,
  custom_excerpt TEXT NOT NULL,
  status TEXT NOT NULL,
  saved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (post_id, number)
) WITHOUT ROWID;
WITH newest AS (
  SELECT r.post_id, r.number FROM posts p
  JOIN post_revisions r ON r.post_id = p.id AND r.number = p.revision
    AND r.body_html = p.body_html AND r.body_source = p.body_source)
INSERT INTO post_revisions_kept
  SELECT r.post_id, r.number, r.title,
    CASE WHEN n.post_id IS NULL THEN r.body_html END,
    CASE WHEN n.post_id IS NULL THEN r.body_source END,
    r.custom_excerpt, r.status, r.saved_by, r.saved_at
  FROM post_revisions r LEFT JOIN newest n ON n.post_id = r.post_id AND n.number = r.number;
DROP TABLE post_revisions;
ALTER TABLE post_revisions_kept RENAME TO post_revisions;
)sql",

    // 16: keys for the APIs. A content key is found by its digest (the key
    // itself is shown once, when it is made); an admin key by its public
    // id, with the secret its tokens are signed with, which checking a
    // signature needs.
    R"sql(
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('content', 'admin')),
  name TEXT NOT NULL,
  lookup TEXT NOT NULL UNIQUE,
  secret TEXT NOT NULL DEFAULT '',
  hint TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  revoked_at INTEGER
);
)sql",

    // 17: the ids of deleted posts, never given again: the APIs name posts
    // by id, and a client's retried delete must not find a newer post.
    R"sql(
CREATE TABLE deleted_post_ids (id INTEGER PRIMARY KEY);
)sql",

    // 18: webhooks, and their deliveries queued in the transaction of the
    // write that raised them, so that none is lost to a crash or a restart.
    R"sql(
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  allow_private_network INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE TABLE webhook_events (
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  PRIMARY KEY (event, webhook_id)
) WITHOUT ROWID;
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  post_id INTEGER NOT NULL,
  post_revision INTEGER NOT NULL,
  post_title TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_attempt_at INTEGER,
  delivered_at INTEGER,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_of_post ON webhook_deliveries (post_id, post_revision);
CREATE INDEX webhook_deliveries_of_webhook ON webhook_deliveries (webhook_id);
)sql",

    // 19: each image file by its path, so that an image address a post
    // names ("/media/2026/11/…-800.webp") finds the upload it is a variant
    // of (the APIs' attachment ids), and posts by their featured image, so
    // that an upload finds the posts that show it. Filled from the variants already kept:
    // "400 2026/11/a-400.webp,800 2026/11/a-800.webp".
    R"sql(
CREATE TABLE media_files (
  path TEXT PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX media_files_of_media ON media_files (media_id);
CREATE INDEX posts_by_featured_image ON posts (featured_image);
WITH RECURSIVE variant(media_id, item, rest) AS (
  SELECT id, '', variants || ',' FROM media
  UNION ALL
  SELECT media_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
  FROM variant WHERE rest <> ''
)
INSERT OR IGNORE INTO media_files (path, media_id)
SELECT substr(item, instr(item, ' ') + 1), media_id FROM variant WHERE instr(item, ' ') > 0;
)sql",
    // Sections belong to an edition of the site, by its language ("fa"), or
    // to the site itself ("").
    R"sql(
ALTER TABLE sections ADD COLUMN language TEXT NOT NULL DEFAULT '';
)sql",
    // 21: no index of its own for the scheduler: posts_by_publication leads
    // with the status, so it finds the scheduled posts as well. This one put
    // every new post at a random place of its own (by status and time), a
    // page rewritten on every commit of an import, for nothing.
    R"sql(
DROP INDEX IF EXISTS posts_scheduled;
)sql",
};

int user_version(Connection& connection) {
  auto statement = connection.prepare("PRAGMA user_version");
  if (!statement || !(*statement)->step().ok()) return -1;
  return static_cast<int>((*statement)->int64(0));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

Result<void> migrate(Connection& connection) {
  const int current = user_version(connection);
  if (current < 0) {
    return make_error(ErrorCode::internal, "The database failed.", "reading user_version");
  }
  if (current > latest_schema_version()) {
    return make_error(ErrorCode::internal,
                      "This database was written by a newer Byline; upgrade Byline to open it.",
                      "schema version " + std::to_string(current) + " > " +
                          std::to_string(latest_schema_version()));
  }
  for (int version = current + 1; version <= latest_schema_version(); ++version) {
    Transaction transaction(connection);
    if (auto begun = transaction.begin(); !begun) return begun;
    if (auto applied = connection.execute(kMigrations[version - 1]); !applied) {
      Error error = applied.error();
      error.detail = "migration " + std::to_string(version) + ": " + error.detail;
      return error;
    }
    // PRAGMA takes no bound parameters; the version is our own integer.
    const std::string record = "PRAGMA user_version = " + std::to_string(version);
    if (auto recorded = connection.execute(record.c_str()); !recorded) return recorded;
    if (auto committed = transaction.commit(); !committed) return committed;
  }
  return {};
}

}  // namespace byline::store::sqlite
