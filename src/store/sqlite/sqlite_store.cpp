// SqliteStore: queries and writes of the content model on SQLite.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/checkpointer.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/post_query_sql.hpp"
#include "store/sqlite/post_writes.hpp"
#include "store/sqlite/read_lease.hpp"
#include "store/sqlite/rows.hpp"

#include "common/json.hpp"
#include "content/post_events.hpp"
#include "content/search_text.hpp"

#include <chrono>
#include <unordered_map>

namespace byline::store::sqlite {

namespace {

// `ids` as a JSON array, which json_each() reads: lists go in as one
// value, so that the SQL stays one fixed string however long they are.
std::string json_ids(const std::vector<Id>& ids) {
  std::string text = "[";
  for (const Id id : ids) text += (text.size() > 1 ? "," : "") + std::to_string(id);
  return text + "]";
}

// Fills in the authors, sections and tags of every post in `posts` with
// three queries in all, however many posts there are.
Result<void> load_relations(Connection& connection, std::vector<Post>& posts) {
  if (posts.empty()) return {};
  std::vector<Id> post_ids;
  std::unordered_map<Id, Post*> by_id;
  for (auto& post : posts) {
    post_ids.push_back(post.id);
    by_id.emplace(post.id, &post);
  }
  const std::string ids = json_ids(post_ids);
  auto each = [&](std::string_view sql, int post_id_column, auto read,
                  auto member) -> Result<void> {
    auto statement = connection.prepare(sql);
    BYLINE_TRY(statement);
    (*statement)->bind(1, ids);
    while (true) {
      auto row = (*statement)->step();
      BYLINE_TRY(row);
      if (!*row) return {};
      const auto post = by_id.find((*statement)->int64(post_id_column));
      if (post != by_id.end()) (post->second->*member).push_back(read(**statement));
    }
  };
  BYLINE_TRY(
      each("SELECT u.id, u.email, u.name, u.slug, u.bio, u.website, u.role, pa.post_id "
           "FROM post_authors pa JOIN users u ON u.id = pa.user_id "
           "WHERE pa.post_id IN (SELECT value FROM json_each(?)) ORDER BY pa.post_id, pa.position",
           7, read_user, &Post::authors));
  BYLINE_TRY(
      each("SELECT s.id, s.slug, s.name, s.description, coalesce(s.parent_id, 0), s.language, "
           "ps.post_id "
           "FROM post_sections ps JOIN sections s ON s.id = ps.section_id "
           "WHERE ps.post_id IN (SELECT value FROM json_each(?)) ORDER BY ps.post_id, ps.position",
           6, read_section, &Post::sections));
  return each(
      "SELECT t.id, t.slug, t.name, t.description, pt.post_id "
      "FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
      "WHERE pt.post_id IN (SELECT value FROM json_each(?)) ORDER BY pt.post_id, pt.position",
      4, read_tag, &Post::tags);
}

// Fills in one post's authors, sections and tags.
Result<void> load_relations(Connection& connection, Post& post) {
  std::vector<Post> one;
  one.push_back(std::move(post));
  auto loaded = load_relations(connection, one);
  post = std::move(one.front());
  return loaded;
}

// Reads a listing statement that asked for `limit` + 1 rows into a page:
// the extra row only tells that a next page exists.
Result<PostPage> read_post_page(Connection& connection, Statement& statement, int limit) {
  PostPage page;
  while (true) {
    auto row = statement.step();
    BYLINE_TRY(row);
    if (!*row) break;
    page.posts.push_back(read_post(statement));
  }
  if (page.posts.size() > static_cast<std::size_t>(limit)) {
    page.posts.pop_back();
    page.has_more = true;
  }
  BYLINE_TRY(load_relations(connection, page.posts));
  return page;
}

}  // namespace

SqliteStore::ReadLease SqliteStore::read() {
  std::unique_lock lock(readers_mutex_);
  reader_returned_.wait(lock, [this] { return !idle_readers_.empty(); });
  auto connection = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  return ReadLease(*this, std::move(connection));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& path,
                                                       int readers) {
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  auto writer = Connection::open(path.string(), /*create=*/true);
  BYLINE_TRY(writer);
  store->writer_ = std::move(*writer);
  // The writer keeps up to 32 MB of pages (SQLite's default is 2 MB, a
  // fifth of one import batch): a big transaction then changes its pages
  // in memory, rather than spilling them into the WAL half done and
  // writing them again, and reads back fewer.
  BYLINE_TRY(store->writer_->execute("PRAGMA cache_size = -32768"));
  BYLINE_TRY(migrate(*store->writer_));
  BYLINE_TRY(store->rebuild_search_index_if_behind());
  auto checkpointer = Checkpointer::start(path.string(), *store->writer_);
  BYLINE_TRY(checkpointer);
  store->checkpointer_ = std::move(*checkpointer);
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto reader = Connection::open(path.string(), /*create=*/false);
    BYLINE_TRY(reader);
    store->idle_readers_.push_back(std::move(*reader));
  }
  return store;
}

SqliteStore::~SqliteStore() = default;

Result<std::optional<Post>> SqliteStore::post_by_slug(std::string_view slug) {
  auto lease = read();
  auto found = find_one<Post>(
      *lease, "SELECT " BYLINE_POST_COLUMNS("p.plaintext") " FROM posts p WHERE p.slug = ?", slug,
      read_post);
  BYLINE_TRY(found);
  if (*found) BYLINE_TRY(load_relations(*lease, **found));
  return found;
}

Result<PostPage> SqliteStore::published_posts(const PostQuery& query) {
  auto compiled = compile_post_query(query);
  BYLINE_TRY(compiled);
  auto lease = read();
  auto bind = [&](Statement& s, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const int index = static_cast<int>(i) + 1;
      std::visit([&](const auto& value) { s.bind(index, value); }, compiled->values[i]);
    }
  };
  std::optional<long> total;
  if (query.count_total) {
    auto count = (*lease).prepare(compiled->count_sql);
    BYLINE_TRY(count);
    bind(**count, compiled->count_values);
    auto row = (*count)->step();
    BYLINE_TRY(row);
    total = *row ? static_cast<long>((*count)->int64(0)) : 0;
  }
  auto statement = (*lease).prepare(compiled->rows_sql);
  BYLINE_TRY(statement);
  bind(**statement, compiled->values.size());
  auto page = read_post_page(*lease, **statement, query.limit);
  BYLINE_TRY(page);
  page->total = total;
  return page;
}

Result<std::vector<Post>> SqliteStore::published_translations(const Post& post, Time now) {
  auto lease = read();
  auto statement = (*lease).prepare(
      // The group's ids first, from the original and the translations
      // index; CROSS JOIN keeps SQLite from scanning every published post.
      "SELECT " BYLINE_POST_COLUMNS("''") " FROM"
      " (SELECT ?1 AS id UNION SELECT id FROM posts WHERE translation_of = ?1) g"
      " CROSS JOIN posts p ON p.id = g.id"
      " WHERE p.id <> ?2 AND p.status = 'published' AND p.published_at <= ?3"
      " ORDER BY p.locale, p.id");
  BYLINE_TRY(statement);
  Statement& s = **statement;
  s.bind(1, post.translation_of > 0 ? post.translation_of : post.id);
  s.bind(2, post.id).bind(3, to_seconds(now));
  std::vector<Post> translations;
  while (true) {
    auto row = s.step();
    BYLINE_TRY(row);
    if (!*row) break;
    translations.push_back(read_post(s));
  }
  return translations;
}

Result<long> SqliteStore::count_translations(Id original) {
  auto lease = read();
  auto statement = (*lease).prepare("SELECT count(*) FROM posts WHERE translation_of = ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, original);
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  return static_cast<long>((*statement)->int64(0));
}

// The newsroom's filter as SQL; its parameters are bound by bind_filter.
#define BYLINE_FILTER_WHERE                                                            \
  " WHERE (?1 IS NULL OR p.status = ?1)"                                               \
  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM post_authors a"                           \
  "                            WHERE a.post_id = p.id AND a.user_id = ?2))"            \
  " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM post_sections s"                          \
  "                            WHERE s.post_id = p.id AND s.section_id = ?3))"         \
  " AND (?4 = '' OR p.title LIKE '%' || ?4 || '%' ESCAPE '\\')"                        \
  " AND (?5 IS NULL OR p.status = 'published' OR EXISTS (SELECT 1 FROM post_authors a" \
  "                            WHERE a.post_id = p.id AND a.user_id = ?5))"            \
  " AND (?6 IS NULL OR p.type = ?6)"

namespace {

void bind_filter(Statement& s, const PostFilter& filter) {
  if (filter.status) {
    s.bind(1, content::to_string(*filter.status));
  } else {
    s.bind_null(1);
  }
  s.bind(2, filter.author_id);
  s.bind(3, filter.section_id);
  // The words are matched as typed: % and _ mean themselves.
  std::string pattern;
  for (const char c : filter.title_contains) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  s.bind(4, pattern);
  s.bind(5, filter.unpublished_only_by);
  if (filter.type) {
    s.bind(6, content::to_string(*filter.type));
  } else {
    s.bind_null(6);
  }
}

}  // namespace

Result<PostPage> SqliteStore::list_posts(const PostFilter& filter) {
  auto lease = read();
  std::optional<long> total;
  if (filter.count_total) {
    auto count = (*lease).prepare("SELECT count(*) FROM posts p" BYLINE_FILTER_WHERE);
    BYLINE_TRY(count);
    bind_filter(**count, filter);
    auto row = (*count)->step();
    BYLINE_TRY(row);
    total = *row ? static_cast<long>((*count)->int64(0)) : 0L;
  }
  auto statement = (*lease).prepare("SELECT " BYLINE_POST_COLUMNS(
      "substr(p.plaintext, 1, 4000)") " FROM posts p" BYLINE_FILTER_WHERE
                                      " ORDER BY p.updated_at DESC, p.id DESC LIMIT ?7 OFFSET ?8");
  BYLINE_TRY(statement);
  Statement& s = **statement;
  bind_filter(s, filter);
  s.bind(7, static_cast<std::int64_t>(filter.limit) + 1);
  s.bind(8, static_cast<std::int64_t>(filter.offset));
  auto page = read_post_page(*lease, s, filter.limit);
  BYLINE_TRY(page);
  page->total = total;
  return page;
}

Result<long> SqliteStore::count_published(content::PostType type, Time now) {
  auto lease = read();
  auto statement = (*lease).prepare(
      "SELECT count(*) FROM posts WHERE status = 'published' AND type = ? AND published_at <= ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, content::to_string(type)).bind(2, to_seconds(now));
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  return static_cast<long>((*statement)->int64(0));
}

Result<void> SqliteStore::visit_published_entries(
    content::PostType type, Time now, Time since, EntryOrder order, int offset, int limit,
    const std::function<void(const SitemapEntry&)>& visit) {
#define BYLINE_ENTRIES(order_by)                                                         \
  "SELECT slug, title, locale, published_at, updated_at FROM posts "                     \
  "WHERE status = 'published' AND type = ? AND published_at <= ? AND published_at >= ? " \
  "ORDER BY " order_by " LIMIT ? OFFSET ?"
  auto lease = read();
  auto statement = (*lease).prepare(order == EntryOrder::oldest_first
                                        ? BYLINE_ENTRIES("published_at, id")
                                        : BYLINE_ENTRIES("published_at DESC, id DESC"));
#undef BYLINE_ENTRIES
  BYLINE_TRY(statement);
  Statement& s = **statement;
  s.bind(1, content::to_string(type)).bind(2, to_seconds(now)).bind(3, to_seconds(since));
  s.bind(4, static_cast<std::int64_t>(limit)).bind(5, static_cast<std::int64_t>(offset));
  SitemapEntry entry;
  while (true) {
    auto row = s.step();
    BYLINE_TRY(row);
    if (!*row) return {};
    entry.slug = s.text(0);
    entry.title = s.text(1);
    entry.locale = s.text(2);
    entry.published = from_seconds(s.int64(3));
    entry.updated = from_seconds(s.int64(4));
    visit(entry);
  }
}

Result<std::vector<User>> SqliteStore::published_authors(Time now) {
  auto lease = read();
  auto statement = (*lease).prepare(
      "SELECT u.id, u.email, u.name, u.slug, u.bio, u.website, u.role FROM users u "
      "WHERE EXISTS (SELECT 1 FROM post_authors a JOIN posts p ON p.id = a.post_id "
      "              WHERE a.user_id = u.id AND p.status = 'published' AND p.published_at <= ?) "
      "ORDER BY u.slug");
  BYLINE_TRY(statement);
  (*statement)->bind(1, to_seconds(now));
  std::vector<User> users;
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) break;
    users.push_back(read_user(**statement));
  }
  return users;
}

Result<PublishedCounts> SqliteStore::published_counts(content::PostType type, Time now) {
  auto lease = read();
  PublishedCounts counts;
  auto count_by = [&](const char* sql, std::vector<std::pair<Id, long>>& into) -> Result<void> {
    auto statement = (*lease).prepare(sql);
    BYLINE_TRY(statement);
    (*statement)->bind(1, content::to_string(type));
    (*statement)->bind(2, to_seconds(now));
    while (true) {
      auto row = (*statement)->step();
      BYLINE_TRY(row);
      if (!*row) break;
      into.emplace_back((*statement)->int64(0), static_cast<long>((*statement)->int64(1)));
    }
    return {};
  };
  BYLINE_TRY(
      count_by("SELECT t.tag_id, COUNT(*) FROM post_tags t JOIN posts p ON p.id = t.post_id "
               "WHERE p.type = ? AND p.status = 'published' AND p.published_at <= ? "
               "GROUP BY t.tag_id",
               counts.by_tag));
  BYLINE_TRY(
      count_by("SELECT a.user_id, COUNT(*) FROM post_authors a JOIN posts p ON p.id = a.post_id "
               "WHERE p.type = ? AND p.status = 'published' AND p.published_at <= ? "
               "GROUP BY a.user_id",
               counts.by_author));
  return counts;
}

Result<std::optional<User>> SqliteStore::user_by_slug(std::string_view slug) {
  auto lease = read();
  return find_one<User>(*lease,
                        "SELECT u.id, u.email, u.name, u.slug, u.bio, u.website, u.role "
                        "FROM users u WHERE u.slug = ?",
                        slug, read_user);
}

Result<std::optional<User>> SqliteStore::user_by_email(std::string_view email) {
  auto lease = read();
  return find_one<User>(*lease,
                        "SELECT u.id, u.email, u.name, u.slug, u.bio, u.website, u.role "
                        "FROM users u WHERE u.email = ?",
                        email, read_user);
}

Result<std::optional<User>> SqliteStore::user_by_id(Id id) {
  auto lease = read();
  return find_one<User>(
      *lease,
      "SELECT u.id, u.email, u.name, u.slug, u.bio, u.website, u.role FROM users u WHERE u.id = ?",
      id, read_user);
}

Result<std::vector<User>> SqliteStore::users() {
  auto lease = read();
  std::vector<User> users;
  BYLINE_TRY(append_all(*lease,
                        "SELECT u.id, u.email, u.name, u.slug, u.bio, u.website, u.role "
                        "FROM users u ORDER BY u.name, u.id",
                        std::nullopt, read_user, users));
  return users;
}

Result<long> SqliteStore::count_users_with_role(content::Role role) {
  auto lease = read();
  auto statement = (*lease).prepare("SELECT count(*) FROM users WHERE role = ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, content::to_string(role));
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  return static_cast<long>((*statement)->int64(0));
}

Result<std::string> SqliteStore::password_hash(Id user_id) {
  auto lease = read();
  auto hash = find_one<std::string>(*lease, "SELECT password_hash FROM users WHERE id = ?", user_id,
                                    [](const Statement& row) { return row.text(0); });
  BYLINE_TRY(hash);
  if (!*hash) return make_error(ErrorCode::not_found, "No such user.");
  return std::move(**hash);
}

Result<std::optional<Session>> SqliteStore::session_by_digest(std::string_view token_digest) {
  auto lease = read();
  return find_one<Session>(
      *lease,
      "SELECT token_digest, user_id, csrf_token, created_at, expires_at, address, user_agent "
      "FROM sessions WHERE token_digest = ?",
      token_digest, [](const Statement& row) {
        Session session;
        session.token_digest = row.text(0);
        session.user_id = row.int64(1);
        session.csrf_token = row.text(2);
        session.created_at = from_seconds(row.int64(3));
        session.expires_at = from_seconds(row.int64(4));
        session.address = row.text(5);
        session.user_agent = row.text(6);
        return session;
      });
}

Result<std::optional<Section>> SqliteStore::section_by_slug(std::string_view slug) {
  auto lease = read();
  return find_one<Section>(
      *lease,
      "SELECT id, slug, name, description, coalesce(parent_id, 0), language FROM sections "
      "WHERE slug = ?",
      slug, read_section);
}

Result<std::optional<Tag>> SqliteStore::tag_by_slug(std::string_view slug) {
  auto lease = read();
  return find_one<Tag>(*lease, "SELECT id, slug, name, description FROM tags WHERE slug = ?", slug,
                       read_tag);
}

Result<std::vector<Section>> SqliteStore::sections() {
  auto lease = read();
  std::vector<Section> sections;
  BYLINE_TRY(append_all(
      *lease,
      "SELECT id, slug, name, description, coalesce(parent_id, 0), language FROM sections "
      "ORDER BY id",
      std::nullopt, read_section, sections));
  return sections;
}

Result<std::optional<std::string>> SqliteStore::setting(std::string_view key) {
  auto lease = read();
  return find_one<std::string>(*lease, "SELECT value FROM settings WHERE key = ?", key,
                               [](const Statement& s) { return s.text(0); });
}

Result<long> SqliteStore::count_posts() {
  auto lease = read();
  auto statement = (*lease).prepare("SELECT count(*) FROM posts");
  BYLINE_TRY(statement);
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  return static_cast<long>((*statement)->int64(0));
}

Result<Id> SqliteStore::create_user(const User& user, std::string_view password_hash) {
  std::lock_guard lock(write_mutex_);
  auto statement = writer_->prepare(
      "INSERT INTO users (email, name, slug, bio, website, role, created_at, password_hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  BYLINE_TRY(statement);
  (*statement)->bind(1, user.email).bind(2, user.name).bind(3, user.slug).bind(4, user.bio);
  (*statement)->bind(5, user.website).bind(6, content::to_string(user.role));
  (*statement)->bind(7, to_seconds(now_utc())).bind(8, password_hash);
  BYLINE_TRY((*statement)->run());
  return writer_->last_insert_id();
}

Result<void> SqliteStore::update_section(const Section& section) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(
      *writer_,
      "UPDATE sections SET name = ?, description = ?, parent_id = ?, language = ? WHERE id = ?",
      [&](Statement& s) {
        s.bind(1, section.name).bind(2, section.description);
        s.bind(3, section.parent_id > 0 ? std::optional<std::int64_t>(section.parent_id)
                                        : std::nullopt);
        s.bind(4, section.language).bind(5, section.id);
      }));
  if (writer_->changes() == 0) return make_error(ErrorCode::not_found, "No such section.");
  return {};
}

Result<void> SqliteStore::update_tag(const Tag& tag) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(
      *writer_, "UPDATE tags SET name = ?, description = ? WHERE id = ?",
      [&](Statement& s) { s.bind(1, tag.name).bind(2, tag.description).bind(3, tag.id); }));
  if (writer_->changes() == 0) return make_error(ErrorCode::not_found, "No such tag.");
  return {};
}

Result<void> SqliteStore::set_role(Id user_id, content::Role role) {
  std::lock_guard lock(write_mutex_);
  return write_one(*writer_, "UPDATE users SET role = ? WHERE id = ?",
                   [&](Statement& s) { s.bind(1, content::to_string(role)).bind(2, user_id); });
}

Result<void> SqliteStore::set_password_hash(Id user_id, std::string_view password_hash) {
  std::lock_guard lock(write_mutex_);
  return write_one(*writer_, "UPDATE users SET password_hash = ? WHERE id = ?",
                   [&](Statement& s) { s.bind(1, password_hash).bind(2, user_id); });
}

Result<void> SqliteStore::create_session(const Session& session) {
  std::lock_guard lock(write_mutex_);
  return write_one(*writer_,
                   "INSERT INTO sessions (token_digest, user_id, csrf_token, created_at, "
                   "expires_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [&](Statement& s) {
                     s.bind(1, session.token_digest).bind(2, session.user_id);
                     s.bind(3, session.csrf_token).bind(4, to_seconds(session.created_at));
                     s.bind(5, to_seconds(session.expires_at)).bind(6, session.address);
                     s.bind(7, session.user_agent);
                   });
}

Result<void> SqliteStore::delete_session(std::string_view token_digest) {
  std::lock_guard lock(write_mutex_);
  return write_one(*writer_, "DELETE FROM sessions WHERE token_digest = ?",
                   [&](Statement& s) { s.bind(1, token_digest); });
}

Result<void> SqliteStore::delete_sessions_of_user(Id user_id, std::string_view keep) {
  std::lock_guard lock(write_mutex_);
  return write_one(*writer_, "DELETE FROM sessions WHERE user_id = ? AND token_digest <> ?",
                   [&](Statement& s) { s.bind(1, user_id).bind(2, keep); });
}

Result<Id> SqliteStore::create_section(const Section& section) {
  std::lock_guard lock(write_mutex_);
  auto statement = writer_->prepare(
      "INSERT INTO sections (slug, name, description, parent_id, language) VALUES (?, ?, ?, ?, ?)");
  BYLINE_TRY(statement);
  (*statement)->bind(1, section.slug).bind(2, section.name).bind(3, section.description);
  (*statement)
      ->bind(4,
             section.parent_id > 0 ? std::optional<std::int64_t>(section.parent_id) : std::nullopt);
  (*statement)->bind(5, section.language);
  BYLINE_TRY((*statement)->run());
  return writer_->last_insert_id();
}

Result<Id> SqliteStore::create_tag(const Tag& tag) {
  std::lock_guard lock(write_mutex_);
  auto statement = writer_->prepare("INSERT INTO tags (slug, name, description) VALUES (?, ?, ?)");
  BYLINE_TRY(statement);
  (*statement)->bind(1, tag.slug).bind(2, tag.name).bind(3, tag.description);
  BYLINE_TRY((*statement)->run());
  return writer_->last_insert_id();
}

Result<Id> SqliteStore::create_post(const Post& post, Id saved_by) {
  Post created = post;
  created.id = 0;
  PostWrite write;
  write.post = std::move(created);
  write.saved_by = saved_by;
  auto saved = save_post(write);
  BYLINE_TRY(saved);
  return saved->id;
}

Result<int> SqliteStore::update_post(const Post& post, Id saved_by) {
  PostWrite write;
  write.post = post;
  write.saved_by = saved_by;
  auto saved = save_post(write);
  BYLINE_TRY(saved);
  return saved->revision;
}

Result<SavedPost> SqliteStore::save_post(const PostWrite& write) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  auto saved = write_post(*writer_, write);
  BYLINE_TRY(saved);
  BYLINE_TRY(transaction.commit());
  return saved;
}

Result<bool> SqliteStore::delete_post(Id id, const AuditEntry& audit, std::string_view event) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  // Queued first, while the post's row can still say its revision and title.
  if (!event.empty()) BYLINE_TRY(queue_webhook_deliveries(*writer_, id, event, audit.at));
  // The search index keeps no copy of its text (migration 14): the entry
  // goes out named by the words it was made of, before the post does.
  auto indexed = indexed_text(*writer_, id);
  BYLINE_TRY(indexed);
  if (*indexed) BYLINE_TRY(index_for_search(*writer_, id, Post{}, nullptr, *indexed));
  // Revisions, relations and redirects go with it (ON DELETE CASCADE).
  BYLINE_TRY(
      write_one(*writer_, "DELETE FROM posts WHERE id = ?", [&](Statement& s) { s.bind(1, id); }));
  if (writer_->changes() == 0) return false;
  BYLINE_TRY(write_one(*writer_, "INSERT OR IGNORE INTO deleted_post_ids (id) VALUES (?)",
                       [&](Statement& s) { s.bind(1, id); }));
  // An import run again brings the post back rather than updating nothing.
  BYLINE_TRY(write_one(*writer_, "DELETE FROM legacy_ids WHERE kind = 'post' AND local_id = ?",
                       [&](Statement& s) { s.bind(1, id); }));
  BYLINE_TRY(insert_audit(*writer_, audit));
  BYLINE_TRY(transaction.commit());
  return true;
}

Result<std::vector<Id>> SqliteStore::publish_due_posts(Time now, std::string_view actor) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  std::vector<Id> due;
  BYLINE_TRY(append_all(
      *writer_, "SELECT id FROM posts WHERE status = 'scheduled' AND published_at <= ?",
      to_seconds(now), [](const Statement& row) { return row.int64(0); }, due));
  BYLINE_TRY(write_one(*writer_,
                       "UPDATE posts SET status = 'published' "
                       "WHERE status = 'scheduled' AND published_at <= ?",
                       [&](Statement& s) { s.bind(1, to_seconds(now)); }));
  for (const Id id : due) {
    auto post = find_one<Post>(
        *writer_, "SELECT " BYLINE_POST_COLUMNS("p.plaintext") " FROM posts p WHERE p.id = ?", id,
        read_post);
    BYLINE_TRY(post);
    if (!*post) continue;
    // Scheduled, it had no entry: only published articles have one.
    BYLINE_TRY(index_for_search(*writer_, id, **post, nullptr, std::nullopt));
    AuditEntry entry;
    entry.at = now;
    entry.actor = std::string(actor);
    entry.action = "published on schedule";
    entry.subject = (*post)->title.substr(0, 300);
    BYLINE_TRY(insert_audit(*writer_, entry));
    BYLINE_TRY(queue_webhook_deliveries(
        *writer_, id, content::event_name((*post)->type, content::PostEvent::published), now));
  }
  BYLINE_TRY(transaction.commit());
  return due;
}

Result<std::optional<Post>> SqliteStore::post_by_id(Id id) {
  auto lease = read();
  auto found = find_one<Post>(
      *lease, "SELECT " BYLINE_POST_COLUMNS("p.plaintext") " FROM posts p WHERE p.id = ?", id,
      read_post);
  BYLINE_TRY(found);
  if (*found) BYLINE_TRY(load_relations(*lease, **found));
  return found;
}

namespace {

content::Revision read_revision(const Statement& row) {
  content::Revision revision;
  revision.post_id = row.int64(0);
  revision.number = static_cast<int>(row.int64(1));
  revision.title = row.text(2);
  revision.body_html = row.text(3);
  revision.custom_excerpt = row.text(4);
  revision.status =
      content::post_status_from_string(row.text(5)).value_or(content::PostStatus::draft);
  revision.saved_by = row.int64(6);
  revision.saved_by_name = row.text(7);
  revision.saved_at = from_seconds(row.int64(8));
  return revision;
}

}  // namespace

Result<std::vector<content::Revision>> SqliteStore::revisions(Id post_id) {
  auto lease = read();
  std::vector<content::Revision> revisions;
  BYLINE_TRY(append_all(*lease,
                        "SELECT r.post_id, r.number, r.title, '', r.custom_excerpt, r.status, "
                        "coalesce(r.saved_by, 0), coalesce(u.name, ''), r.saved_at "
                        "FROM post_revisions r LEFT JOIN users u ON u.id = r.saved_by "
                        "WHERE r.post_id = ? ORDER BY r.number DESC",
                        post_id, read_revision, revisions));
  return revisions;
}

Result<std::optional<content::Revision>> SqliteStore::revision(Id post_id, int number) {
  auto lease = read();
  auto statement = (*lease).prepare(
      "SELECT r.post_id, r.number, r.title, coalesce(r.body_html, p.body_html), r.custom_excerpt, "
      "r.status, coalesce(r.saved_by, 0), coalesce(u.name, ''), r.saved_at "
      "FROM post_revisions r JOIN posts p ON p.id = r.post_id "
      "LEFT JOIN users u ON u.id = r.saved_by "
      "WHERE r.post_id = ? AND r.number = ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, post_id).bind(2, static_cast<std::int64_t>(number));
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  if (!*row) return std::optional<content::Revision>{};
  return std::optional<content::Revision>{read_revision(**statement)};
}

Result<std::optional<LegacyRecord>> SqliteStore::legacy_record(const LegacyKey& key) {
  auto lease = read();
  return find_legacy(*lease, key);
}

Result<std::optional<Redirect>> SqliteStore::redirect_for(std::string_view address) {
  auto lease = read();
  return find_one<Redirect>(
      *lease, "SELECT address, coalesce(post_id, 0), location FROM redirects WHERE address = ?",
      address, [](const Statement& row) {
        return Redirect{row.text(0), row.int64(1), row.text(2)};
      });
}

Result<void> SqliteStore::add_redirect(const Redirect& redirect) {
  std::lock_guard lock(write_mutex_);
  return upsert_redirect(*writer_, redirect);
}

Result<void> SqliteStore::add_redirects(const std::vector<Redirect>& redirects) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  for (const auto& redirect : redirects) BYLINE_TRY(upsert_redirect(*writer_, redirect));
  return transaction.commit();
}

Result<std::vector<Tag>> SqliteStore::tags() {
  auto lease = read();
  std::vector<Tag> tags;
  BYLINE_TRY(append_all(*lease, "SELECT id, slug, name, description FROM tags ORDER BY name",
                        std::nullopt, read_tag, tags));
  return tags;
}

namespace {

// Variants are kept in one column as "400 path,800 path": paths never hold
// spaces or commas (they are made of hashes and widths).
std::string encode_variants(const std::vector<content::MediaVariant>& variants) {
  std::string text;
  for (const auto& variant : variants) {
    if (!text.empty()) text += ',';
    text += std::to_string(variant.width) + ' ' + variant.path;
  }
  return text;
}

std::vector<content::MediaVariant> decode_variants(std::string_view text) {
  std::vector<content::MediaVariant> variants;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    const auto space = item.find(' ');
    if (space != std::string_view::npos) {
      variants.push_back({std::atoi(std::string(item.substr(0, space)).c_str()),
                          std::string(item.substr(space + 1))});
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return variants;
}

content::Media read_media(const Statement& row) {
  content::Media media;
  media.id = row.int64(0);
  media.original_path = row.text(1);
  media.original_name = row.text(2);
  media.alt = row.text(3);
  media.width = static_cast<int>(row.int64(4));
  media.height = static_cast<int>(row.int64(5));
  media.variants = decode_variants(row.text(6));
  media.uploaded_by = row.int64(7);
  media.created_at = from_seconds(row.int64(8));
  return media;
}

}  // namespace

namespace {

// `id_wanted` 0: the next free id.
Result<Id> insert_media(Connection& connection, const content::Media& media, Id id_wanted = 0) {
  BYLINE_TRY(write_one(
      connection,
      "INSERT INTO media (id, original_path, original_name, alt, width, height, variants, "
      "uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [&](Statement& s) {
        s.bind(1, id_wanted > 0 ? std::optional<std::int64_t>(id_wanted) : std::nullopt);
        s.bind(2, media.original_path).bind(3, media.original_name).bind(4, media.alt);
        s.bind(5, static_cast<std::int64_t>(media.width));
        s.bind(6, static_cast<std::int64_t>(media.height));
        s.bind(7, encode_variants(media.variants));
        s.bind(8, media.uploaded_by > 0 ? std::optional<std::int64_t>(media.uploaded_by)
                                        : std::nullopt);
        s.bind(9, to_seconds(media.created_at));
      }));
  const Id id = connection.last_insert_id();
  for (const content::MediaVariant& variant : media.variants) {
    BYLINE_TRY(write_one(connection,
                         "INSERT OR IGNORE INTO media_files (path, media_id) VALUES (?, ?)",
                         [&](Statement& s) { s.bind(1, variant.path).bind(2, id); }));
  }
  return id;
}

#define BYLINE_MEDIA_COLUMNS                                                       \
  "m.id, m.original_path, m.original_name, m.alt, m.width, m.height, m.variants, " \
  "coalesce(m.uploaded_by, 0), m.created_at"

// The uploads `public_media` may show, each with the first published post
// that features it (or the first of ?4's posts, when it names some) and
// that post's alt text and caption. ?1 is the time now, ?2 and ?3 the ids
// to include (all, when empty) and exclude, ?5 words the alt text must
// hold ('' for any). Each upload's files find their posts by their
// featured image's index: CROSS JOIN and the unary + keep SQLite from
// walking every published post instead.
constexpr std::string_view kShownMedia =
    "WITH shown AS (SELECT " BYLINE_MEDIA_COLUMNS
    ", (SELECT min(p.id) FROM media_files f CROSS JOIN posts p "
    "ON p.featured_image = '/media/' || f.path "
    "WHERE f.media_id = m.id AND +p.status = 'published' AND +p.published_at <= ?1 "
    "AND (?4 = '[]' OR p.id IN (SELECT value FROM json_each(?4)))) AS post_id "
    "FROM media m WHERE (?2 = '[]' OR m.id IN (SELECT value FROM json_each(?2))) "
    "AND m.id NOT IN (SELECT value FROM json_each(?3))) "
    "SELECT s.*, p.featured_image_alt, p.featured_image_caption FROM shown s "
    "JOIN posts p ON p.id = s.post_id "
    "WHERE ?5 = '' OR instr(lower(coalesce(nullif(p.featured_image_alt, ''), s.alt)), lower(?5)) > "
    "0";

}  // namespace

Result<Id> SqliteStore::create_media(const content::Media& media) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  auto id = insert_media(*writer_, media);
  BYLINE_TRY(id);
  BYLINE_TRY(transaction.commit());
  return id;
}

Result<Id> SqliteStore::import_media(const content::Media& media, const LegacyKey& legacy,
                                     Id preferred_id) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  if (preferred_id > 0) {
    auto taken = find_one<Id>(*writer_, "SELECT id FROM media WHERE id = ?", preferred_id,
                              [](const Statement& row) { return row.int64(0); });
    BYLINE_TRY(taken);
    if (*taken) preferred_id = 0;
  }
  auto id = insert_media(*writer_, media, preferred_id);
  BYLINE_TRY(id);
  BYLINE_TRY(remember_legacy(*writer_, legacy, *id, ""));
  BYLINE_TRY(transaction.commit());
  return id;
}

Result<std::optional<content::Media>> SqliteStore::media_by_id(Id id) {
  auto lease = read();
  return find_one<content::Media>(
      *lease, "SELECT " BYLINE_MEDIA_COLUMNS " FROM media m WHERE m.id = ?", id, read_media);
}

Result<std::vector<content::Media>> SqliteStore::media_by_paths(
    const std::vector<std::string>& paths) {
  std::vector<content::Media> found;
  if (paths.empty()) return found;
  if (paths.size() > 1000) return make_error(ErrorCode::invalid_input, "At most 1,000 paths.");
  std::string wanted = "[";
  for (const std::string& path : paths) wanted += (wanted.size() > 1 ? "," : "") + json_quote(path);
  wanted += "]";
  auto lease = read();
  auto statement =
      (*lease).prepare("SELECT " BYLINE_MEDIA_COLUMNS
                       " FROM media m WHERE m.id IN (SELECT media_id FROM media_files "
                       "WHERE path IN (SELECT value FROM json_each(?))) ORDER BY m.id");
  BYLINE_TRY(statement);
  (*statement)->bind(1, wanted);
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) break;
    found.push_back(read_media(**statement));
  }
  return found;
}

Result<PublicMediaPage> SqliteStore::public_media(const PublicMediaQuery& query) {
  if (query.limit < 0 || query.limit > kMaxListingLimit || query.offset < 0) {
    return make_error(ErrorCode::invalid_input, "A listing shows 0 to 1,000 items.");
  }
  if (query.include.size() + query.exclude.size() + query.featured_by.size() > 1000) {
    return make_error(ErrorCode::invalid_input, "A listing names at most 1,000 ids.");
  }
  if (query.alt_contains.size() > 500) {
    return make_error(ErrorCode::invalid_input, "At most 500 characters of alt text to find.");
  }
  const std::string include = json_ids(query.include), exclude = json_ids(query.exclude),
                    featured_by = json_ids(query.featured_by);
  auto bind_all = [&](Statement& s) {
    s.bind(1, to_seconds(query.now)).bind(2, include).bind(3, exclude).bind(4, featured_by);
    s.bind(5, query.alt_contains);
  };
  PublicMediaPage page;
  auto lease = read();
  {
    auto count = (*lease).prepare("SELECT count(*) FROM (" + std::string(kShownMedia) + ")");
    BYLINE_TRY(count);
    bind_all(**count);
    auto row = (*count)->step();
    BYLINE_TRY(row);
    page.total = *row ? static_cast<long>((*count)->int64(0)) : 0;
  }
  const char* order = query.oldest_first ? " ORDER BY s.created_at ASC, s.id ASC"
                                         : " ORDER BY s.created_at DESC, s.id DESC";
  auto rows = (*lease).prepare(std::string(kShownMedia) + order + " LIMIT ?6 OFFSET ?7");
  BYLINE_TRY(rows);
  bind_all(**rows);
  (*rows)->bind(6, static_cast<std::int64_t>(query.limit));
  (*rows)->bind(7, static_cast<std::int64_t>(query.offset));
  while (true) {
    auto row = (*rows)->step();
    BYLINE_TRY(row);
    if (!*row) break;
    PublicMedia item{read_media(**rows), (*rows)->int64(9), (*rows)->text(10), (*rows)->text(11)};
    if (item.alt.empty()) item.alt = item.media.alt;
    page.items.push_back(std::move(item));
  }
  return page;
}

Result<std::vector<content::Media>> SqliteStore::media(int limit, int offset) {
  auto lease = read();
  auto statement = (*lease).prepare("SELECT " BYLINE_MEDIA_COLUMNS
                                    " FROM media m "
                                    "ORDER BY m.created_at DESC, m.id DESC LIMIT ? OFFSET ?");
  BYLINE_TRY(statement);
  (*statement)
      ->bind(1, static_cast<std::int64_t>(limit))
      .bind(2, static_cast<std::int64_t>(offset));
  std::vector<content::Media> items;
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) break;
    items.push_back(read_media(**statement));
  }
  return items;
}

Result<void> SqliteStore::record_audit(const AuditEntry& entry) {
  std::lock_guard lock(write_mutex_);
  return insert_audit(*writer_, entry);
}

Result<std::vector<AuditEntry>> SqliteStore::audit_entries(int limit, int offset) {
  auto lease = read();
  auto statement = (*lease).prepare(
      "SELECT id, at, coalesce(actor_id, 0), actor, action, subject, address FROM audit_log "
      "ORDER BY id DESC LIMIT ? OFFSET ?");
  BYLINE_TRY(statement);
  (*statement)
      ->bind(1, static_cast<std::int64_t>(limit))
      .bind(2, static_cast<std::int64_t>(offset));
  std::vector<AuditEntry> entries;
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) break;
    const Statement& r = **statement;
    entries.push_back(AuditEntry{r.int64(0), from_seconds(r.int64(1)), r.int64(2), r.text(3),
                                 r.text(4), r.text(5), r.text(6)});
  }
  return entries;
}

Result<void> SqliteStore::put_setting(std::string_view key, std::string_view value) {
  return put_settings({{std::string(key), std::string(value)}});
}

Result<void> SqliteStore::put_settings(
    const std::vector<std::pair<std::string, std::string>>& values) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  for (const auto& [key, value] : values) {
    auto statement = writer_->prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    BYLINE_TRY(statement);
    (*statement)->bind(1, key).bind(2, value);
    BYLINE_TRY((*statement)->run());
  }
  return transaction.commit();
}

Result<void> SqliteStore::rebuild_search_index_if_behind() {
  std::lock_guard lock(write_mutex_);
  bool behind = false;
  {
    auto counts = writer_->prepare(
        "SELECT (SELECT count(*) FROM posts WHERE status = 'published' AND type = 'article'), "
        "(SELECT count(*) FROM post_search)");
    BYLINE_TRY(counts);
    BYLINE_TRY((*counts)->step());
    behind = (*counts)->int64(0) != (*counts)->int64(1);
  }
  if (!behind) return {};
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  BYLINE_TRY(writer_->execute("INSERT INTO post_search (post_search) VALUES ('delete-all')"));
  std::vector<std::pair<Id, Post>> posts;
  {
    auto statement = writer_->prepare(kPublishedArticlesText);
    BYLINE_TRY(statement);
    while (true) {
      auto row = (*statement)->step();
      BYLINE_TRY(row);
      if (!*row) break;
      Post post;
      post.status = content::PostStatus::published;
      post.title = (*statement)->text(1);
      post.plaintext = (*statement)->text(2);
      posts.emplace_back((*statement)->int64(0), std::move(post));
    }
  }
  for (const auto& [id, post] : posts)
    BYLINE_TRY(index_for_search(*writer_, id, post, nullptr, std::nullopt));
  return transaction.commit();
}

Result<SearchPage> SqliteStore::search(std::string_view typed, Time now, int limit, int offset) {
  SearchPage page;
  const std::string fts_query = content::fts_query(typed);
  if (fts_query.empty()) return page;
  auto lease = read();
  // Ranked first, snippets after: SQLite would otherwise make a snippet for
  // every match before sorting, which for a common word is thousands.
  std::vector<std::pair<Id, std::string>> found;
  {
    // The index holds published articles only (index_for_search); newer
    // posts win ties.
    auto statement = (*lease).prepare(
        "SELECT rowid FROM post_search WHERE post_search MATCH ? "
        "ORDER BY bm25(post_search, 10.0, 1.0), rowid DESC LIMIT ? OFFSET ?");
    BYLINE_TRY(statement);
    Statement& s = **statement;
    s.bind(1, fts_query);
    s.bind(2, static_cast<std::int64_t>(limit) + 1).bind(3, static_cast<std::int64_t>(offset));
    while (true) {
      auto row = s.step();
      // A query FTS cannot read is no results, never an error for the reader.
      if (!row) return page;
      if (!*row) break;
      found.emplace_back(s.int64(0), std::string());
    }
  }
  if (found.size() > static_cast<std::size_t>(limit)) {
    found.pop_back();
    page.has_more = true;
  }
  // Snippets are made here, not by FTS5's snippet(): its work grows with
  // the square of how often a post repeats a word, and make_snippet's is
  // bounded by the text it looks through.
  for (auto& [id, snippet] : found) {
    auto statement = (*lease).prepare("SELECT substr(plaintext, 1, ?) FROM posts WHERE id = ?");
    BYLINE_TRY(statement);
    (*statement)->bind(1, static_cast<std::int64_t>(content::kMaxSnippetScanBytes)).bind(2, id);
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (*row) snippet = content::make_snippet((*statement)->text(0), typed);
  }
  for (auto& [id, snippet] : found) {
    auto post = find_one<Post>(*lease,
                               "SELECT " BYLINE_POST_COLUMNS(
                                   "substr(p.plaintext, 1, 4000)") " FROM posts p WHERE p.id = ?",
                               id, read_post);
    BYLINE_TRY(post);
    // A published post dated in the future is not out yet.
    if (!*post || !(*post)->published_at || *(*post)->published_at > now) continue;
    page.hits.push_back(SearchHit{std::move(**post), std::move(snippet)});
  }
  std::vector<Post> posts;
  for (auto& hit : page.hits) posts.push_back(std::move(hit.post));
  BYLINE_TRY(load_relations(*lease, posts));
  for (std::size_t i = 0; i < posts.size(); ++i) page.hits[i].post = std::move(posts[i]);
  return page;
}

}  // namespace byline::store::sqlite
