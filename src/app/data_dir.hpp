// The data directory: where byline.db lives. Shared by `serve` and every
// command that works on a site's data.
#pragma once

#include "common/result.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace byline::store {
class Store;
}

namespace byline::app {

inline constexpr const char* kDefaultDataDir = "data";

// Creates `dir` if needed, checks it is writable, opens DIR/byline.db
// (creating it) and applies pending migrations. `readers` is the number of
// read connections to keep.
Result<std::shared_ptr<store::Store>> open_store(const std::filesystem::path& dir, int readers);

// Held by `byline serve` for as long as it runs, and by commands that must
// not run beside it (restore): an advisory lock on DIR/byline.lock, which
// the system lets go when the process ends, however it ends.
class DataDirLock {
 public:
  // Fails with `conflict` when another process holds it.
  static Result<DataDirLock> acquire(const std::filesystem::path& dir);
  DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataDirLock& operator=(DataDirLock&&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

// One line on standard error, "byline: <message> (<detail>)"; returns 1.
int report_failure(const Error& error);

// Adds a line to the audit log for a command run by whoever has the
// server's shell (the actor "command line"); a failure to write it is
// reported, not fatal.
void audit_command(store::Store& store, std::string action, std::string subject);

}  // namespace byline::app
