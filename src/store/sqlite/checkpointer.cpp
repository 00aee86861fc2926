#include "store/sqlite/checkpointer.hpp"

#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

namespace byline::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path,
                                                          Connection& writer) {
  auto own = Connection::open(path, /*create=*/false);
  BYLINE_TRY(own);
  std::unique_ptr<Checkpointer> checkpointer(new Checkpointer(std::move(*own), writer));
  // Replaces the writer's automatic checkpoint, which is a hook like this.
  sqlite3_wal_hook(writer.handle(), &Checkpointer::on_commit, checkpointer.get());
  return checkpointer;
}

Checkpointer::Checkpointer(std::unique_ptr<Connection> own, Connection& writer)
    : own_(std::move(own)), writer_(writer), thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::uint64_t Checkpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

// SQLite calls this after each commit of the writer, its write lock
// released, with the log's length in pages.
int Checkpointer::on_commit(void* self, sqlite3*, const char*, int log_pages) {
  static_cast<Checkpointer*>(self)->committed(log_pages);
  return SQLITE_OK;
}

void Checkpointer::committed(int log_pages) {
  if (log_pages < kCheckpointPages) return;
  std::unique_lock lock(mutex_);
  const std::uint64_t ask = ++asked_;
  changed_.notify_all();
  if (log_pages >= kMaxLogPages) {
    changed_.wait(lock, [&] { return finished_ >= ask || stopping_; });
  }
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return asked_ > finished_ || stopping_; });
    if (stopping_) return;
    const std::uint64_t answering = asked_;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, and never blocks the
    // writer or the readers. What it could not copy waits for the next.
    // A failure (a full disk) leaves the log as it was, every commit in it.
    sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    finished_ = answering;
    changed_.notify_all();
  }
}

}  // namespace byline::store::sqlite
