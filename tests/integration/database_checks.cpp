#include "database_checks.hpp"

#include "store/sqlite/connection.hpp"

#include <gtest/gtest.h>

namespace byline::testing {

std::string integrity_of(const std::filesystem::path& database) {
  auto connection = store::sqlite::Connection::open(database.string(), false);
  if (!connection) return "cannot open: " + connection.error().detail;
  auto check = (*connection)->prepare("PRAGMA integrity_check");
  if (!check || !(*check)->step().ok()) return "cannot check";
  return (*check)->text(0);
}

void empty_write_ahead_log(const std::filesystem::path& database) {
  auto connection = store::sqlite::Connection::open(database.string(), false);
  ASSERT_TRUE(connection.ok()) << connection.error().detail;
  auto checkpoint = (*connection)->prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.ok());
  auto stepped = (*checkpoint)->step();
  ASSERT_TRUE(stepped.ok() && *stepped);
  EXPECT_EQ((*checkpoint)->int64(0), 0) << "a reader kept the log from being emptied";
}

}  // namespace byline::testing
