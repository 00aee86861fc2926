// Looking into a site's SQLite database from a test, beside the server.
#pragma once

#include <filesystem>
#include <string>

namespace byline::testing {

// What `PRAGMA integrity_check` says of the database ("ok" when sound).
std::string integrity_of(const std::filesystem::path& database);

// Moves everything in the write-ahead log into the database and empties the
// log file, so that the next save must grow it.
void empty_write_ahead_log(const std::filesystem::path& database);

}  // namespace byline::testing
