// byline backup and restore on SQLite's online backup: a consistent copy of a
// database that keeps being served and written.
#include "store/sqlite/backup.hpp"

#include "store/sqlite/migrations.hpp"

#include <sqlite3.h>

#include <memory>

namespace byline::store::sqlite {
namespace {

struct Database {
  sqlite3* handle = nullptr;
  ~Database() { sqlite3_close_v2(handle); }
};

Error failure(std::string message, sqlite3* handle, std::string_view what) {
  return make_error(ErrorCode::unavailable, std::move(message),
                    std::string(what) + ": " + (handle ? sqlite3_errmsg(handle) : "out of memory"));
}

Result<void> open(Database& database, const std::filesystem::path& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &database.handle, flags, nullptr) != SQLITE_OK) {
    return failure("Cannot open " + path.string() + ".", database.handle, "open");
  }
  sqlite3_busy_timeout(database.handle, 5000);
  return {};
}

// Copies every page of `from` into `to`, a few hundred pages at a time so
// that the progress shows.
//
// Rule: a backup finishes whatever the write load. The copy reads one
// snapshot of `from`, held by a read transaction for the whole copy: without
// it each step would see the writes since the last one and start over
// (SQLite restarts a backup whose source changed), forever on a busy site.
// In WAL mode the held snapshot stops no writer.
Result<void> copy(sqlite3* from, sqlite3* to, const BackupProgress& progress) {
  if (sqlite3_exec(from, "BEGIN; SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return failure("The copy could not start.", from, "begin");
  }
  struct EndRead {
    sqlite3* handle;
    ~EndRead() { sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{from};
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return failure("The copy could not start.", to, "backup_init");
  int code = SQLITE_OK;
  while (true) {
    code = sqlite3_backup_step(backup, 256);
    if (progress) {
      const int total = sqlite3_backup_pagecount(backup);
      progress(total - sqlite3_backup_remaining(backup), total);
    }
    if (code == SQLITE_DONE) break;
    if (code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      sqlite3_sleep(code == SQLITE_OK ? 0 : 20);
      continue;
    }
    break;
  }
  sqlite3_backup_finish(backup);
  if (code != SQLITE_DONE) return failure("The copy failed.", to, "backup_step");
  return {};
}

}  // namespace

Result<void> backup_database(const std::filesystem::path& database, const std::filesystem::path& file,
                             const BackupProgress& progress) {
  std::error_code error;
  if (std::filesystem::exists(file, error)) {
    return make_error(ErrorCode::invalid_input, file.string() + " exists already; choose a new name.");
  }
  if (!std::filesystem::exists(database, error)) {
    return make_error(ErrorCode::not_found, "There is no database at " + database.string() + ".");
  }
  const auto partial = std::filesystem::path(file.string() + ".partial");
  std::filesystem::remove(partial, error);
  {
    Database from;
    BYLINE_TRY(open(from, database, SQLITE_OPEN_READONLY));
    Database to;
    BYLINE_TRY(open(to, partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    if (auto copied = copy(from.handle, to.handle, progress); !copied) {
      std::filesystem::remove(partial, error);
      return copied;
    }
    // A backup is one file: no WAL beside it.
    if (sqlite3_exec(to.handle, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return failure("The copy could not be finished.", to.handle, "journal_mode");
    }
  }
  std::filesystem::rename(partial, file, error);
  if (error) return make_error(ErrorCode::unavailable, "The copy could not be named " + file.string() + ".", error.message());
  return {};
}

Result<void> check_backup(const std::filesystem::path& file) {
  Database database;
  BYLINE_TRY(open(database, file, SQLITE_OPEN_READONLY));
  const std::string not_byline = file.string() + " is not a Byline backup.";
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(database.handle, "PRAGMA integrity_check", -1, &statement, nullptr) != SQLITE_OK) {
    return failure(not_byline, database.handle, "integrity_check");
  }
  const bool sound = sqlite3_step(statement) == SQLITE_ROW &&
                     std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) == "ok";
  sqlite3_finalize(statement);
  if (!sound) return make_error(ErrorCode::invalid_input, file.string() + " is damaged (integrity check failed).");
  if (sqlite3_prepare_v2(database.handle, "PRAGMA user_version", -1, &statement, nullptr) != SQLITE_OK) {
    return failure(not_byline, database.handle, "user_version");
  }
  const int version = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : 0;
  sqlite3_finalize(statement);
  if (sqlite3_prepare_v2(database.handle, "SELECT count(*) FROM posts", -1, &statement, nullptr) != SQLITE_OK) {
    return make_error(ErrorCode::invalid_input, not_byline);
  }
  sqlite3_finalize(statement);
  if (version < 1) return make_error(ErrorCode::invalid_input, not_byline);
  if (version > latest_schema_version()) {
    return make_error(ErrorCode::invalid_input, file.string() + " was made by a newer Byline; upgrade Byline first.");
  }
  return {};
}

Result<void> restore_database(const std::filesystem::path& file, const std::filesystem::path& database,
                              const BackupProgress& progress) {
  BYLINE_TRY(check_backup(file));
  Database from;
  BYLINE_TRY(open(from, file, SQLITE_OPEN_READONLY));
  Database to;
  BYLINE_TRY(open(to, database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  // The copy replaces the database page by page, in one transaction of the
  // destination: it is the old database or the new one, never a mix.
  BYLINE_TRY(copy(from.handle, to.handle, progress));
  return {};
}

}  // namespace byline::store::sqlite
