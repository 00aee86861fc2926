// SqliteStore's side of imports: what an earlier run made of each legacy
// key, and people, sections, tags and batches of posts written with their
// keys, each list in one transaction.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/connection.hpp"
#include "store/sqlite/post_writes.hpp"
#include "store/sqlite/rows.hpp"

#include <string>

namespace byline::store::sqlite {
namespace {

// The SQL of each table's lookups: fixed strings, the values bound.
struct Lookups {
  std::string_view by_id;    // "SELECT id FROM … WHERE id = ?"
  std::string_view by_slug;  // "SELECT id FROM … WHERE slug = ?"
};
constexpr Lookups kUsers{"SELECT id FROM users WHERE id = ?",
                         "SELECT id FROM users WHERE slug = ?"};
constexpr Lookups kSections{"SELECT id FROM sections WHERE id = ?",
                            "SELECT id FROM sections WHERE slug = ?"};
constexpr Lookups kTags{"SELECT id FROM tags WHERE id = ?", "SELECT id FROM tags WHERE slug = ?"};

template <typename Key>
Result<std::optional<Id>> find_id(Connection& connection, std::string_view sql, const Key& key) {
  return find_one<Id>(connection, sql, key, [](const Statement& row) { return row.int64(0); });
}

// The first of `wanted`, `wanted-2`, `wanted-3` ... that no row has as its
// slug.
Result<std::string> free_slug_in(Connection& connection, const Lookups& table,
                                 std::string_view wanted) {
  for (int suffix = 1; suffix < 1000; ++suffix) {
    std::string candidate =
        suffix == 1 ? std::string(wanted) : std::string(wanted) + "-" + std::to_string(suffix);
    auto taken = find_id(connection, table.by_slug, std::string_view(candidate));
    BYLINE_TRY(taken);
    if (!*taken) return candidate;
  }
  return make_error(ErrorCode::conflict, "No free address for " + std::string(wanted) + ".");
}

// The local id of `key` when an earlier import made it and it is still there.
Result<std::optional<Id>> still_there(Connection& connection, const LegacyKey& key,
                                      const Lookups& table) {
  auto record = find_legacy(connection, key);
  BYLINE_TRY(record);
  if (!*record) return std::optional<Id>{};
  return find_id(connection, table.by_id, (*record)->local_id);
}

// `preferred` when no row of `table` has it, else nullopt: the id to
// insert with (NULL lets SQLite give the next one).
Result<std::optional<std::int64_t>> free_id_in(Connection& connection, const Lookups& table,
                                               Id preferred) {
  if (preferred <= 0) return std::optional<std::int64_t>{};
  auto taken = find_id(connection, table.by_id, preferred);
  BYLINE_TRY(taken);
  if (*taken) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(preferred);
}

}  // namespace

Result<std::vector<SavedPost>> SqliteStore::save_posts(const std::vector<PostWrite>& writes) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  std::vector<SavedPost> saved;
  saved.reserve(writes.size());
  std::vector<std::optional<SearchText>> indexed_before(writes.size());
  for (std::size_t i = 0; i < writes.size(); ++i) {
    auto one = write_post_rows(*writer_, writes[i], indexed_before[i]);
    BYLINE_TRY(one);
    saved.push_back(std::move(*one));
  }
  for (std::size_t i = 0; i < writes.size(); ++i)
    BYLINE_TRY(index_written_post(*writer_, saved[i].id, writes[i], indexed_before[i]));
  BYLINE_TRY(transaction.commit());
  return saved;
}

Result<std::vector<Id>> SqliteStore::import_users(const std::vector<ImportedUser>& users) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  std::vector<Id> ids;
  for (const auto& imported : users) {
    // Named, not bound: clang 14 lambdas cannot capture structured bindings.
    const content::User& user = imported.user;
    const LegacyKey& legacy = imported.legacy;
    auto found = still_there(*writer_, legacy, kUsers);
    BYLINE_TRY(found);
    if (!*found) {
      auto by_email =
          find_id(*writer_, "SELECT id FROM users WHERE email = ?", std::string_view(user.email));
      BYLINE_TRY(by_email);
      found = *by_email;
      if (*found) {
        // Someone already on the staff: theirs is the newsroom's word.
        BYLINE_TRY(remember_legacy(*writer_, legacy, **found, ""));
        ids.push_back(**found);
        continue;
      }
    }
    if (*found) {
      BYLINE_TRY(
          write_one(*writer_, "UPDATE users SET name = ?, bio = ?, website = ? WHERE id = ?",
                    [&](Statement& s) {
                      s.bind(1, user.name).bind(2, user.bio).bind(3, user.website).bind(4, **found);
                    }));
      ids.push_back(**found);
      continue;
    }
    auto slug = free_slug_in(*writer_, kUsers, user.slug);
    BYLINE_TRY(slug);
    auto id_wanted = free_id_in(*writer_, kUsers, imported.preferred_id);
    BYLINE_TRY(id_wanted);
    BYLINE_TRY(
        write_one(*writer_,
                  "INSERT INTO users (id, email, name, slug, bio, website, role, created_at, "
                  "password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
                  [&](Statement& s) {
                    s.bind(1, *id_wanted);
                    s.bind(2, user.email).bind(3, user.name).bind(4, *slug);
                    s.bind(5, user.bio).bind(6, user.website);
                    s.bind(7, content::to_string(user.role));
                    s.bind(8, to_seconds(now_utc()));
                  }));
    const Id id = writer_->last_insert_id();
    BYLINE_TRY(remember_legacy(*writer_, legacy, id, ""));
    ids.push_back(id);
  }
  BYLINE_TRY(transaction.commit());
  return ids;
}

Result<std::vector<Id>> SqliteStore::import_sections(const std::vector<ImportedSection>& sections) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  std::vector<Id> ids;
  for (const auto& imported : sections) {
    const content::Section& section = imported.section;
    const LegacyKey& legacy = imported.legacy;
    const std::optional<LegacyKey>& parent_key = imported.parent;
    std::optional<std::int64_t> parent;
    if (parent_key) {
      auto found_parent = still_there(*writer_, *parent_key, kSections);
      BYLINE_TRY(found_parent);
      if (*found_parent) parent = **found_parent;
    }
    auto found = still_there(*writer_, legacy, kSections);
    BYLINE_TRY(found);
    if (!*found) {
      auto by_slug = find_id(*writer_, kSections.by_slug, std::string_view(section.slug));
      BYLINE_TRY(by_slug);
      found = *by_slug;
    }
    if (*found) {
      const Id id = **found;
      // A section may not become its own parent: a source that says so
      // keeps the section where it was.
      if (parent && *parent == id) parent.reset();
      BYLINE_TRY(write_one(
          *writer_,
          "UPDATE sections SET name = ?, description = ?, parent_id = coalesce(?, parent_id) WHERE "
          "id = ?",
          [&](Statement& s) {
            s.bind(1, section.name).bind(2, section.description).bind(3, parent).bind(4, id);
          }));
      BYLINE_TRY(remember_legacy(*writer_, legacy, id, ""));
      ids.push_back(id);
      continue;
    }
    auto id_wanted = free_id_in(*writer_, kSections, imported.preferred_id);
    BYLINE_TRY(id_wanted);
    BYLINE_TRY(write_one(*writer_,
                         "INSERT INTO sections (id, slug, name, description, parent_id) "
                         "VALUES (?, ?, ?, ?, ?)",
                         [&](Statement& s) {
                           s.bind(1, *id_wanted).bind(2, section.slug).bind(3, section.name);
                           s.bind(4, section.description).bind(5, parent);
                         }));
    const Id id = writer_->last_insert_id();
    BYLINE_TRY(remember_legacy(*writer_, legacy, id, ""));
    ids.push_back(id);
  }
  BYLINE_TRY(transaction.commit());
  return ids;
}

Result<std::vector<Id>> SqliteStore::import_tags(const std::vector<ImportedTag>& tags) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  std::vector<Id> ids;
  for (const auto& imported : tags) {
    const content::Tag& tag = imported.tag;
    const LegacyKey& legacy = imported.legacy;
    auto found = still_there(*writer_, legacy, kTags);
    BYLINE_TRY(found);
    if (!*found) {
      auto by_slug = find_id(*writer_, kTags.by_slug, std::string_view(tag.slug));
      BYLINE_TRY(by_slug);
      found = *by_slug;
    }
    if (*found) {
      BYLINE_TRY(write_one(
          *writer_, "UPDATE tags SET name = ?, description = ? WHERE id = ?",
          [&](Statement& s) { s.bind(1, tag.name).bind(2, tag.description).bind(3, **found); }));
      BYLINE_TRY(remember_legacy(*writer_, legacy, **found, ""));
      ids.push_back(**found);
      continue;
    }
    auto id_wanted = free_id_in(*writer_, kTags, imported.preferred_id);
    BYLINE_TRY(id_wanted);
    BYLINE_TRY(write_one(*writer_,
                         "INSERT INTO tags (id, slug, name, description) VALUES (?, ?, ?, ?)",
                         [&](Statement& s) {
                           s.bind(1, *id_wanted).bind(2, tag.slug).bind(3, tag.name);
                           s.bind(4, tag.description);
                         }));
    const Id id = writer_->last_insert_id();
    BYLINE_TRY(remember_legacy(*writer_, legacy, id, ""));
    ids.push_back(id);
  }
  BYLINE_TRY(transaction.commit());
  return ids;
}

}  // namespace byline::store::sqlite
