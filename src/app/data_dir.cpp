// Opening a site's data directory.
#include "app/data_dir.hpp"

#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace byline::app {
namespace {

// Why a write failed, in the operator's words.
std::string describe_write_failure(int error_number) {
  switch (error_number) {
    case EROFS:
      return "it is read-only";
    case ENOSPC:
    case EDQUOT:
      return "the disk is full";
    case EACCES:
    case EPERM:
      return "permission denied";
    default:
      return std::strerror(error_number);
  }
}

// Creates the data directory if needed and proves it is writable, so the
// operator hears about a read-only or full disk now, not at the first save.
Result<void> prepare_data_dir(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return make_error(ErrorCode::unavailable, "cannot create the data directory " + dir.string() +
                                                  ": " + describe_write_failure(error.value()));
  }
  const auto probe = dir / ".byline-write-check";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const bool written = fd >= 0 && ::write(fd, "ok", 2) == 2 && ::fsync(fd) == 0;
  const int failure = errno;
  if (fd >= 0) ::close(fd);
  ::unlink(probe.c_str());
  if (!written) {
    return make_error(ErrorCode::unavailable, "cannot write to the data directory " + dir.string() +
                                                  ": " + describe_write_failure(failure));
  }
  return {};
}

}  // namespace

Result<std::shared_ptr<store::Store>> open_store(const std::filesystem::path& dir, int readers) {
  BYLINE_TRY(prepare_data_dir(dir));
  auto opened = store::sqlite::SqliteStore::open(dir / "byline.db", readers);
  BYLINE_TRY(opened);
  return std::shared_ptr<store::Store>(std::move(*opened));
}

Result<DataDirLock> DataDirLock::acquire(const std::filesystem::path& dir) {
  BYLINE_TRY(prepare_data_dir(dir));
  const auto path = dir / "byline.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return make_error(ErrorCode::unavailable,
                      "cannot open " + path.string() + ": " + describe_write_failure(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return make_error(ErrorCode::conflict,
                      "Byline is running on " + dir.string() + "; stop it first.");
  }
  return DataDirLock(fd);
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing lets the lock go
}

void audit_command(store::Store& store, std::string action, std::string subject) {
  store::AuditEntry entry;
  entry.at = now_utc();
  entry.actor = "command line";
  entry.action = std::move(action);
  entry.subject = std::move(subject);
  if (auto recorded = store.record_audit(entry); !recorded) report_failure(recorded.error());
}

int report_failure(const Error& error) {
  if (error.detail.empty()) {
    std::fprintf(stderr, "byline: %s\n", error.message.c_str());
  } else {
    std::fprintf(stderr, "byline: %s (%s)\n", error.message.c_str(), error.detail.c_str());
  }
  return 1;
}

}  // namespace byline::app
