// Reading rows into the content model and running one statement: the
// helpers every part of the SQLite Store shares. Internal to store/sqlite/.
#pragma once

#include "content/model.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace byline::store::sqlite {

using content::Post;
using content::Section;
using content::Tag;
using content::User;

inline std::int64_t to_seconds(Time time) { return time.time_since_epoch().count(); }
inline Time from_seconds(std::int64_t seconds) { return Time(std::chrono::seconds(seconds)); }

inline User read_user(const Statement& row) {
  User user;
  user.id = row.int64(0);
  user.email = row.text(1);
  user.name = row.text(2);
  user.slug = row.text(3);
  user.bio = row.text(4);
  user.website = row.text(5);
  user.role = content::role_from_string(row.text(6)).value_or(content::Role::contributor);
  return user;
}

// The columns read_post reads. Listings only need the start of the text
// (for excerpts), not all of it, and cards not the body ('' for both).
#define BYLINE_POST_COLUMNS_OF(body, source, plaintext)                                            \
  "p.id, p.type, p.slug, p.title, " body ", " source ", p.source_format, " plaintext               \
  ", p.custom_excerpt, p.status, p.published_at, p.created_at, p.updated_at, p.locale, p.revision" \
  ", p.featured_image, p.featured_image_alt, p.featured_image_caption, p.seo_title, "              \
  "p.seo_description, p.featured, coalesce(p.translation_of, 0)"
#define BYLINE_POST_COLUMNS(plaintext) \
  BYLINE_POST_COLUMNS_OF("p.body_html", "p.body_source", plaintext)

inline Post read_post(const Statement& row) {
  Post post;
  post.id = row.int64(0);
  post.type = content::post_type_from_string(row.text(1)).value_or(content::PostType::article);
  post.slug = row.text(2);
  post.title = row.text(3);
  post.body_html = row.text(4);
  post.body_source = row.text(5);
  if (post.body_source.empty()) post.body_source = post.body_html;  // stored once (post_writes.cpp)
  post.source_format =
      content::source_format_from_string(row.text(6)).value_or(content::SourceFormat::html);
  post.plaintext = row.text(7);
  post.custom_excerpt = row.text(8);
  post.status = content::post_status_from_string(row.text(9)).value_or(content::PostStatus::draft);
  if (!row.is_null(10)) post.published_at = from_seconds(row.int64(10));
  post.created_at = from_seconds(row.int64(11));
  post.updated_at = from_seconds(row.int64(12));
  post.locale = row.text(13);
  post.revision = static_cast<int>(row.int64(14));
  post.featured_image = row.text(15);
  post.featured_image_alt = row.text(16);
  post.featured_image_caption = row.text(17);
  post.seo_title = row.text(18);
  post.seo_description = row.text(19);
  post.featured = row.int64(20) != 0;
  post.translation_of = row.int64(21);
  return post;
}

// Sections and tags share one shape: id, slug, name, description.
template <typename Term>
Term read_term(const Statement& row) {
  Term term;
  term.id = row.int64(0);
  term.slug = row.text(1);
  term.name = row.text(2);
  term.description = row.text(3);
  return term;
}

inline Section read_section(const Statement& row) {
  Section section = read_term<Section>(row);
  section.parent_id = row.int64(4);
  section.language = row.text(5);
  return section;
}
inline constexpr auto read_tag = read_term<Tag>;

// Runs `sql` with `key` bound to its only parameter (if any) and appends
// every row, read with `read`, to `out`.
template <typename T, typename Read>
Result<void> append_all(Connection& connection, std::string_view sql, std::optional<Id> key,
                        Read read, std::vector<T>& out) {
  auto statement = connection.prepare(sql);
  BYLINE_TRY(statement);
  if (key) (*statement)->bind(1, *key);
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) return {};
    out.push_back(read(**statement));
  }
}

// Runs one write statement; `bind` binds its parameters.
template <typename Bind>
Result<void> write_one(Connection& connection, std::string_view sql, Bind bind) {
  auto statement = connection.prepare(sql);
  BYLINE_TRY(statement);
  bind(**statement);
  return (*statement)->run();
}

// Runs `sql` with `key` bound to its only parameter and reads at most one
// row with `read`.
template <typename T, typename Key, typename Read>
Result<std::optional<T>> find_one(Connection& connection, std::string_view sql, const Key& key,
                                  Read read) {
  auto statement = connection.prepare(sql);
  BYLINE_TRY(statement);
  (*statement)->bind(1, key);
  auto row = (*statement)->step();
  BYLINE_TRY(row);
  if (!*row) return std::optional<T>{};
  return std::optional<T>{read(**statement)};
}

inline std::optional<std::int64_t> optional_seconds(const std::optional<Time>& time) {
  return time ? std::optional<std::int64_t>(to_seconds(*time)) : std::nullopt;
}

}  // namespace byline::store::sqlite
