// Consistent copies of a live SQLite database, and putting one back, with
// SQLite's online backup: the server keeps serving while a copy is taken.
#pragma once

#include "common/result.hpp"

#include <filesystem>
#include <functional>

namespace byline::store::sqlite {

// Told how far a copy is: pages copied so far, of `total`.
using BackupProgress = std::function<void(int copied, int total)>;

// Copies the database at `database` to `file`, which must not exist. The
// copy is one consistent moment of the database, however long it takes and
// whatever is written meanwhile; it appears whole or not at all.
Result<void> backup_database(const std::filesystem::path& database, const std::filesystem::path& file,
                             const BackupProgress& progress);

// Checks that `file` is a sound Byline database this version can open:
// SQLite's integrity check passes and its schema is not from a newer Byline.
Result<void> check_backup(const std::filesystem::path& file);

// Replaces the database at `database` with the copy in `file` (checked
// first). The server must not be running on it.
Result<void> restore_database(const std::filesystem::path& file, const std::filesystem::path& database,
                              const BackupProgress& progress);

}  // namespace byline::store::sqlite
