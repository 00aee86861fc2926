// sqlite3 connection, statement cache and transactions.
#include "store/sqlite/connection.hpp"

#include "common/storage.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <mutex>

namespace byline::store::sqlite {
namespace {

// SQLite keeps allocation statistics, which Byline never reads, under one
// mutex for the whole process: every allocation of every connection takes
// it. They are turned off before SQLite starts (it starts with the first
// connection; later, the setting can no longer change, and that is all).
void configure_sqlite() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Statement::Statement(Connection& connection, sqlite3_stmt* statement, bool owned)
    : connection_(connection), statement_(statement), owned_(owned) {}

Statement::~Statement() {
  if (owned_) {
    sqlite3_finalize(statement_);
    return;
  }
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  // An empty view may point nowhere, which SQLite would bind as NULL.
  sqlite3_bind_text64(statement_, index, value.data() ? value.data() : "", value.size(),
                      SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return connection_.error("step");
}

Result<void> Statement::run() {
  auto stepped = step();
  sqlite3_reset(statement_);
  if (!stepped) return stepped.error();
  return {};
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, bool create) {
  configure_sqlite();
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string detail = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error(ErrorCode::unavailable, "The database could not be opened.",
                      path + ": " + detail);
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  auto configured = connection->execute(
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=FULL;"
      "PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY;");
  if (!configured) return configured.error();
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

Result<std::unique_ptr<Statement>> Connection::prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    const bool kept = statements_.size() < kMaxCachedStatements;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                           kept ? SQLITE_PREPARE_PERSISTENT : 0, &statement,
                           nullptr) != SQLITE_OK) {
      sqlite3_finalize(statement);
      return error("prepare");
    }
    if (!kept) return std::make_unique<Statement>(*this, statement, /*owned=*/true);
    found = statements_.emplace(std::string(sql), statement).first;
  }
  return std::make_unique<Statement>(*this, found->second);
}

Result<void> Connection::execute(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);
    return error(std::string_view(sql).substr(0, 80));
  }
  return {};
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

Error Connection::error(std::string_view what) const {
  const int code = sqlite3_extended_errcode(db_);
  std::string detail = std::string(what) + ": " + sqlite3_errmsg(db_);
  if ((code & 0xff) == SQLITE_CONSTRAINT) {
    return make_error(ErrorCode::conflict, "That would duplicate something that exists.", detail);
  }
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    return make_error(ErrorCode::unavailable, "The database is busy; try again.", detail);
  }
  // Faults of the disk, not of Byline: the operator must hear which one.
  if ((code & 0xff) == SQLITE_FULL) return disk_full_error(detail);
  if ((code & 0xff) == SQLITE_READONLY) return read_only_error(detail);
  if ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN) {
    const int system_error = sqlite3_system_errno(db_);
    if (system_error == ENOSPC || system_error == EDQUOT || system_error == EROFS) {
      return write_error(system_error, detail);
    }
  }
  return make_error(ErrorCode::internal, "The database failed.", detail);
}

Transaction::~Transaction() {
  if (open_) (void)connection_.execute("ROLLBACK");
}

Result<void> Transaction::begin() {
  auto begun = connection_.execute("BEGIN IMMEDIATE");
  open_ = begun.ok();
  return begun;
}

Result<void> Transaction::commit() {
  auto committed = connection_.execute("COMMIT");
  if (committed) open_ = false;
  return committed;
}

}  // namespace byline::store::sqlite
