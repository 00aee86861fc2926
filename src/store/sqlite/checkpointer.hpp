// Copies the write-ahead log back into the database on a thread of its
// own. SQLite's automatic checkpoint runs in the thread that commits, so
// a commit that crosses its threshold also copies the log and waits for
// the database file's fsync; with this, the writer goes on writing.
#pragma once

#include "common/result.hpp"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace byline::store::sqlite {

class Connection;

class Checkpointer {
 public:
  // A checkpoint is asked for once a commit leaves the log this long (in
  // pages: SQLite's own threshold), ...
  static constexpr int kCheckpointPages = 1000;
  // ... and once it is this long (64 MB of 4 KB pages) the committing
  // writer waits for one to finish: under writes that never pause the
  // log is copied while it grows, and can only start over from its
  // beginning when a transaction begins with all of it copied.
  static constexpr int kMaxLogPages = 16384;

  // Watches `writer`'s commits (taking over its automatic checkpoints) and
  // checkpoints the database at `path` through a connection of its own.
  // `writer` must outlive the Checkpointer.
  static Result<std::unique_ptr<Checkpointer>> start(const std::string& path, Connection& writer);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // How many checkpoints have finished: for tests.
  std::uint64_t checkpoints() const;

 private:
  Checkpointer(std::unique_ptr<Connection> own, Connection& writer);
  static int on_commit(void* self, sqlite3* db, const char* name, int log_pages);
  void committed(int log_pages);
  void run();

  std::unique_ptr<Connection> own_;
  Connection& writer_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t asked_ = 0;     // checkpoints asked for
  std::uint64_t finished_ = 0;  // checkpoints finished, each begun after the ask it answers
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace byline::store::sqlite
