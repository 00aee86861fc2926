#include "common/storage.hpp"

#include "common/file_descriptor.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace byline {

Error disk_full_error(std::string detail) {
  return make_error(ErrorCode::storage_full,
                    "Nothing was saved: the disk that holds Byline's data is full. "
                    "Free some space, then try again.",
                    std::move(detail));
}

Error read_only_error(std::string detail) {
  return make_error(ErrorCode::unavailable,
                    "Nothing was saved: Byline's data directory is read-only. "
                    "Make it writable, then try again.",
                    std::move(detail));
}

Error write_error(int error_number, std::string detail) {
  detail += ": ";
  detail += std::strerror(error_number);
  if (error_number == ENOSPC || error_number == EDQUOT) return disk_full_error(std::move(detail));
  if (error_number == EROFS || error_number == EACCES || error_number == EPERM) {
    return read_only_error(std::move(detail));
  }
  return make_error(ErrorCode::unavailable, "Nothing was saved: Byline could not write its data.",
                    std::move(detail));
}

namespace {

Result<void> write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return write_error(errno, "writing " + name);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fsync(fd) != 0) return write_error(errno, "flushing " + name);
  return {};
}

Result<void> sync_directory(const std::filesystem::path& directory) {
  const FileDescriptor folder(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!folder.valid() || ::fsync(folder.get()) != 0) return write_error(errno, "flushing " + directory.string());
  return {};
}

}  // namespace

Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) return write_error(error.value(), "making " + path.parent_path().string());

  const std::string partial = path.string() + ".partial";
  Result<void> written;
  {
    const FileDescriptor file(::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!file.valid()) return write_error(errno, "creating " + partial);
    written = write_all(file.get(), bytes, partial);
  }
  if (written && ::rename(partial.c_str(), path.c_str()) != 0) written = write_error(errno, "naming " + path.string());
  if (!written) {
    ::unlink(partial.c_str());  // a part of a file only takes the space others need
    return written;
  }
  return sync_directory(path.parent_path());
}

}  // namespace byline
