#include "common/log.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstddef>
#include <mutex>
#include <thread>

namespace byline {
namespace {

// About 30,000 access-log lines: minutes of a busy site's log.
constexpr std::size_t kMaxQueuedBytes = 4 * 1024 * 1024;
constexpr auto kFlushWait = std::chrono::seconds(3);

class LogWriter {
 public:
  LogWriter() : writer_([this] { run(); }) {}

  // At exit: writes what is queued, unless standard output has stalled; a
  // process that is ending does not wait longer than kFlushWait for its
  // reader. A writer still blocked then is left to end with the process.
  void finish() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
    if (!written_.wait_for(lock, kFlushWait, [&] { return queued_.empty() && !writing_; })) return;
    lock.unlock();
    writer_.join();
  }

  void add(const std::string& line, bool may_drop) {
    std::unique_lock lock(mutex_);
    if (queued_.size() + line.size() + 1 > kMaxQueuedBytes) {
      if (may_drop) {
        ++dropped_;
        return;
      }
      written_.wait(lock, [&] { return queued_.size() + line.size() + 1 <= kMaxQueuedBytes || queued_.empty(); });
    }
    queued_ += line;
    queued_ += '\n';
    changed_.notify_one();
  }

 private:
  void run() {
    std::string batch;
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return !queued_.empty() || stopping_; });
      if (queued_.empty() && stopping_) return;
      if (dropped_ > 0) {
        batch = "byline: " + std::to_string(dropped_) +
                " access log lines were dropped: standard output did not keep up\n";
        dropped_ = 0;
      }
      batch += queued_;
      queued_.clear();
      writing_ = true;
      lock.unlock();
      write_all(batch);
      batch.clear();
      lock.lock();
      writing_ = false;
      written_.notify_all();
    }
  }

  // One write call per batch where the reader takes it whole; a reader that
  // has gone (a closed pipe) loses the log, not the site.
  static void write_all(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t written = ::write(STDOUT_FILENO, bytes.data(), bytes.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return;
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;  // lines queued, or stopping
  std::condition_variable written_;  // a batch went out
  std::string queued_;
  std::size_t dropped_ = 0;
  bool writing_ = false;
  bool stopping_ = false;
  std::thread writer_;  // last: starts once the rest exists
};

// Never destroyed: a writer blocked on a stalled reader may outlive main(),
// and must not find its queue freed under it.
LogWriter& writer() {
  static LogWriter* const instance = [] {
    auto* created = new LogWriter;
    std::atexit([] { writer().finish(); });
    return created;
  }();
  return *instance;
}

}  // namespace

void log_line(const std::string& line) { writer().add(line, false); }

void log_access_line(const std::string& line) { writer().add(line, true); }

}  // namespace byline
