#include "store/sqlite/checkpointer.hpp"

#include "store/sqlite/connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace byline::store::sqlite {
namespace {

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::uintmax_t log_bytes() const {
    std::error_code ignored;
    const auto size = std::filesystem::file_size(path() + "-wal", ignored);
    return ignored ? 0 : size;
  }
  std::string path() const { return (dir_ / "byline.db").string(); }

  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("byline-checkpointer-" + std::to_string(getpid()));
};

// Writes that never pause (as an import's) fill the log faster than any
// checkpoint begun after a commit can finish before the next begins; the
// log must still be copied back, stay bounded, and lose nothing.
TEST_F(CheckpointerTest, KeepsTheLogBoundedUnderWritesThatNeverPauseAndLosesNothing) {
  constexpr int kTransactions = 60;
  constexpr int kRowsEach = 40;
  const std::string row(64 * 1024, 'x');  // 60 × 40 × 64 KB: 150 MB through the log
  std::uintmax_t largest_log = 0;
  {
    auto writer = Connection::open(path(), /*create=*/true);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)").ok());
    auto checkpointer = Checkpointer::start(path(), **writer);
    ASSERT_TRUE(checkpointer.ok());
    for (int t = 0; t < kTransactions; ++t) {
      Transaction transaction(**writer);
      ASSERT_TRUE(transaction.begin().ok());
      for (int r = 0; r < kRowsEach; ++r) {
        auto insert = (*writer)->prepare("INSERT INTO rows (body) VALUES (?)");
        ASSERT_TRUE(insert.ok());
        (*insert)->bind(1, std::string_view(row));
        ASSERT_TRUE((*insert)->run().ok());
      }
      ASSERT_TRUE(transaction.commit().ok());
      largest_log = std::max(largest_log, log_bytes());
    }
    EXPECT_GT((*checkpointer)->checkpoints(), 0u) << "the writer's log was never copied back";
  }
  // The bound, and one transaction beyond it (2.6 MB here) with its frame headers.
  const std::uintmax_t bound = (Checkpointer::kMaxLogPages + 1000) * (4096 + 24);
  EXPECT_LE(largest_log, bound);
  EXPECT_GT(largest_log, 0u);

  auto reader = Connection::open(path(), /*create=*/false);
  ASSERT_TRUE(reader.ok());
  auto count = (*reader)->prepare("SELECT count(*), sum(length(body)) FROM rows");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*(*count)->step());
  EXPECT_EQ((*count)->int64(0), kTransactions * kRowsEach);
  EXPECT_EQ((*count)->int64(1), std::int64_t{kTransactions} * kRowsEach * 64 * 1024);
}

}  // namespace
}  // namespace byline::store::sqlite
