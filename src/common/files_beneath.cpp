#include "common/files_beneath.hpp"

#include "common/file_descriptor.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace byline {
namespace {

// Opens each component with O_NOFOLLOW from the folder before it, so a
// symlink anywhere on the way fails the open instead of being followed.
std::optional<FileDescriptor> open_beneath(const std::filesystem::path& root, std::string_view relative) {
  FileDescriptor folder(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!folder.valid()) return std::nullopt;
  while (true) {
    const auto slash = relative.find('/');
    const std::string component(relative.substr(0, slash));
    if (component.empty() || component == "." || component == "..") return std::nullopt;
    const bool last = slash == std::string_view::npos;
    // O_NONBLOCK: a FIFO placed there must not hang the reader.
    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
    FileDescriptor next(::openat(folder.get(), component.c_str(), flags));
    if (!next.valid()) return std::nullopt;
    if (last) {
      struct stat status {};
      if (::fstat(next.get(), &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
      return next;
    }
    folder = std::move(next);
    relative.remove_prefix(slash + 1);
  }
}

}  // namespace

std::optional<std::string> read_file_beneath(const std::filesystem::path& root, std::string_view relative,
                                             std::size_t max_bytes) {
  auto file = open_beneath(root, relative);
  if (!file) return std::nullopt;
  struct stat status {};
  if (::fstat(file->get(), &status) != 0 || static_cast<std::size_t>(status.st_size) > max_bytes) {
    return std::nullopt;
  }
  std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(file->get(), bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return std::nullopt;  // shrank or failed while being read
    done += static_cast<std::size_t>(got);
  }
  return bytes;
}

bool is_file_beneath(const std::filesystem::path& root, std::string_view relative) {
  return open_beneath(root, relative).has_value();
}

}  // namespace byline
