#include "store/sqlite/post_query_sql.hpp"

#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace byline::store::sqlite {
namespace {

using Kind = PostCondition::Kind;

class PostQuerySqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = Connection::open((dir_ / "byline.db").string(), /*create=*/true);
    ASSERT_TRUE(opened.ok());
    connection_ = std::move(*opened);
    ASSERT_TRUE(migrate(*connection_).ok());
  }
  void TearDown() override {
    connection_.reset();
    std::filesystem::remove_all(dir_);
  }

  const std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                                     ("byline-post-query-sql-" + std::to_string(getpid()));
  std::unique_ptr<Connection> connection_;
};

// Values never become SQL: a slug that is SQL is a value like any other.
TEST_F(PostQuerySqlTest, BindsEveryValue) {
  PostQuery query;
  query.where = PostCondition::with_slugs(Kind::tag_slug, {"x') OR 1=1 --"});
  auto compiled = compile_post_query(query);
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled->rows_sql.find("OR 1=1"), std::string::npos);
  ASSERT_EQ(compiled->values.size(), 5u);  // type, now, the slug, limit, offset
  EXPECT_EQ(std::get<std::string>(compiled->values[2]), "x') OR 1=1 --");
  EXPECT_EQ(compiled->count_values, 3u);
  for (const auto* sql : {&compiled->rows_sql, &compiled->count_sql}) {
    auto statement = connection_->prepare(*sql);
    ASSERT_TRUE(statement.ok()) << *sql;
  }
}

// Filters take many shapes, each its own SQL: past its cache a connection
// prepares a statement for one use, and every statement still answers.
TEST_F(PostQuerySqlTest, AConnectionKeepsABoundedCacheOfStatements) {
  const int shapes = static_cast<int>(Connection::kMaxCachedStatements) + 50;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < shapes; ++i) {
      auto statement = connection_->prepare("SELECT ?1 + " + std::to_string(i));
      ASSERT_TRUE(statement.ok());
      (*statement)->bind(1, std::int64_t{1000});
      ASSERT_TRUE(*(*statement)->step());
      EXPECT_EQ((*statement)->int64(0), 1000 + i);
    }
  }
}

}  // namespace
}  // namespace byline::store::sqlite
