// When Byline's data cannot be written: the same clear words whether SQLite
// or a media file met the problem, and a file writer that never leaves half
// a file behind.
#pragma once

#include "common/result.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace byline {

// The disk holding the data directory is full (507 over HTTP).
Error disk_full_error(std::string detail);
// The data directory, or the file system under it, is read-only (503).
Error read_only_error(std::string detail);
// A failed write's errno as one of those, or as a plain 503 for the rest.
Error write_error(int error_number, std::string detail);

// Writes `bytes` to `path` through a temporary file that is flushed to the
// disk and then renamed, so the file appears whole or not at all; the
// temporary file is removed when anything fails.
Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes);

}  // namespace byline
