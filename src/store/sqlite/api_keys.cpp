// SqliteStore's side of API keys: one row each, never deleted, so the
// audit log and the newsroom can still name a revoked key.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/connection.hpp"
#include "store/sqlite/read_lease.hpp"
#include "store/sqlite/rows.hpp"

namespace byline::store::sqlite {
namespace {

// The columns read_api_key reads, in its order.
#define BYLINE_API_KEY_COLUMNS \
  "id, kind, name, lookup, secret, hint, created_at, coalesce(created_by, 0), revoked_at"

ApiKey read_api_key(const Statement& row) {
  ApiKey key;
  key.id = row.int64(0);
  key.kind = row.text(1) == "admin" ? ApiKeyKind::admin : ApiKeyKind::content;
  key.name = row.text(2);
  key.lookup = row.text(3);
  key.secret = row.text(4);
  key.hint = row.text(5);
  key.created_at = from_seconds(row.int64(6));
  key.created_by = row.int64(7);
  if (!row.is_null(8)) key.revoked_at = from_seconds(row.int64(8));
  return key;
}

}  // namespace

Result<Id> SqliteStore::create_api_key(const ApiKey& key) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(
      *writer_,
      "INSERT INTO api_keys (kind, name, lookup, secret, hint, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      [&](Statement& s) {
        s.bind(1, std::string_view(key.kind == ApiKeyKind::admin ? "admin" : "content"));
        s.bind(2, key.name).bind(3, key.lookup).bind(4, key.secret).bind(5, key.hint);
        s.bind(6, to_seconds(key.created_at));
        s.bind(7, key.created_by > 0 ? std::optional<std::int64_t>(key.created_by) : std::nullopt);
      }));
  return writer_->last_insert_id();
}

Result<std::vector<ApiKey>> SqliteStore::api_keys() {
  auto lease = read();
  std::vector<ApiKey> keys;
  BYLINE_TRY(append_all(*lease, "SELECT " BYLINE_API_KEY_COLUMNS " FROM api_keys ORDER BY id",
                        std::nullopt, read_api_key, keys));
  return keys;
}

Result<std::optional<ApiKey>> SqliteStore::api_key_by_lookup(std::string_view lookup) {
  auto lease = read();
  return find_one<ApiKey>(*lease,
                          "SELECT " BYLINE_API_KEY_COLUMNS " FROM api_keys WHERE lookup = ?",
                          lookup, read_api_key);
}

Result<bool> SqliteStore::revoke_api_key(Id id, Time at) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(*writer_,
                       "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                       [&](Statement& s) { s.bind(1, to_seconds(at)).bind(2, id); }));
  return writer_->changes() > 0;
}

}  // namespace byline::store::sqlite
