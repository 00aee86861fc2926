// Schema migrations for the SQLite backend.
#pragma once

#include "common/result.hpp"

namespace byline::store::sqlite {

class Connection;

// Brings the schema up to date: each migration not yet applied runs in a
// transaction of its own, and PRAGMA user_version records how far it got.
// Refuses a database written by a newer Byline.
Result<void> migrate(Connection& connection);

// The schema version this build writes.
int latest_schema_version();

}  // namespace byline::store::sqlite
