// A thin, safe layer over one sqlite3 connection: statements are prepared
// once and reused, values are always bound (never spliced into SQL).
#pragma once

#include "common/result.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace byline::store::sqlite {

class Connection;

// A prepared statement borrowed from a Connection's cache. Bind with bind(),
// walk rows with step(); it is reset for its next user when it goes out of
// scope (or finalized, when the cache was full and it is `owned`).
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* statement, bool owned = false);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  Statement& bind(int index, std::optional<std::int64_t> value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Moves to the next row: true when there is one, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows, and readies it to run again.
  Result<void> run();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  Connection& connection_;
  sqlite3_stmt* statement_;
  bool owned_;
};

class Connection {
 public:
  // Opens (creating if asked) the database at `path`, in WAL mode with a busy
  // timeout, foreign keys on and synchronous=FULL: a committed write survives
  // a power cut.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares `sql` once per connection and hands out the cached statement.
  // A statement is not re-entrant: finish with one before preparing the same
  // SQL again on the same connection. Up to kMaxCachedStatements are kept
  // (queries built from a filter take many shapes); beyond them a statement
  // is prepared for its one use.
  static constexpr std::size_t kMaxCachedStatements = 256;
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql);
  // Runs one or more statements with no parameters (schema changes, pragmas).
  Result<void> execute(const char* sql);

  std::int64_t last_insert_id() const;
  int changes() const;
  Error error(std::string_view what) const;
  // The sqlite3 handle, for what SQLite offers only through it (hooks).
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// Begins a transaction and rolls it back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  ~Transaction();
  Result<void> begin();
  Result<void> commit();

 private:
  Connection& connection_;
  bool open_ = false;
};

}  // namespace byline::store::sqlite
