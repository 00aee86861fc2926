#include "api/content_query.hpp"

#include <gtest/gtest.h>

namespace byline::api {
namespace {

ContentQuery read(std::string_view query) {
  auto result = read_content_query(http::Form::parse(query));
  if (auto* error = std::get_if<QueryError>(&result)) {
    ADD_FAILURE() << query << ": " << error->message;
    return {};
  }
  return std::get<ContentQuery>(result);
}

std::optional<QueryError> refusal(std::string_view query) {
  auto result = read_content_query(http::Form::parse(query));
  if (auto* error = std::get_if<QueryError>(&result)) return *error;
  return std::nullopt;
}

TEST(ContentQuery, WithoutParametersGivesFifteenHtmlPostsOfThePageOne) {
  const ContentQuery query = read("key=abc&slug=ignored&utm_source=x");
  EXPECT_EQ(query.limit, 15);
  EXPECT_EQ(query.page, 1);
  EXPECT_TRUE(query.html);
  EXPECT_FALSE(query.plaintext);
  EXPECT_FALSE(query.include_authors || query.include_tags || query.include_count_posts);
  EXPECT_TRUE(query.fields.empty());
  EXPECT_TRUE(query.wants("anything"));
  EXPECT_TRUE(query.order.empty());
}

TEST(ContentQuery, ReadsIncludesFieldsAndFormatsAsTheSdkSendsThem) {
  // The SDK joins lists with ',' and percent-encodes each value.
  const ContentQuery query = read(
      "include=tags%2Cauthors%2Csentiment%2Ccount.posts&fields=title%2C%20url&formats=plaintext");
  EXPECT_TRUE(query.include_tags);
  EXPECT_TRUE(query.include_authors);
  EXPECT_TRUE(query.include_count_posts);  // and "sentiment", unknown, is dropped
  EXPECT_EQ(query.fields, (std::vector<std::string>{"title", "url"}));
  EXPECT_TRUE(query.wants("url"));
  EXPECT_FALSE(query.wants("html"));
  EXPECT_FALSE(query.html);
  EXPECT_TRUE(query.plaintext);
  EXPECT_TRUE(read("formats=html,plaintext").html);
}

TEST(ContentQuery, CapsTheLimitAtAHundredAndTakesAll) {
  EXPECT_EQ(read("limit=1").limit, 1);
  EXPECT_EQ(read("limit=100").limit, 100);
  EXPECT_EQ(read("limit=101").limit, 100);
  EXPECT_EQ(read("limit=all").limit, 100);
  EXPECT_EQ(read("limit=999999999").limit, 100);
  EXPECT_EQ(read("page=3").page, 3);
  EXPECT_EQ(read("page=10000").page, 10000);
}

TEST(ContentQuery, RefusesLimitsPagesAndFormatsGhostRefuses) {
  for (const std::string_view bad :
       {"limit=-1", "limit=0", "limit=ten", "limit=", "limit=1.5", "limit=99999999999999", "page=0",
        "page=-2", "page=10001", "page=two", "formats=mobiledoc", "formats=lexical",
        "order=title%3Bdrop", "order=title%20sideways"}) {
    const auto error = refusal(bad);
    ASSERT_TRUE(error) << bad;
    EXPECT_FALSE(error->message.empty());
  }
}

TEST(ContentQuery, ReadsAnOrderOfSeveralParts) {
  const ContentQuery query = read("order=published_at%20DESC%2C%20title%20asc%2Cslug");
  ASSERT_EQ(query.order.size(), 3u);
  EXPECT_EQ(query.order[0].field, "published_at");
  EXPECT_TRUE(query.order[0].descending);
  EXPECT_EQ(query.order[1].field, "title");
  EXPECT_FALSE(query.order[1].descending);
  EXPECT_EQ(query.order[2].field, "slug");
  EXPECT_FALSE(query.order[2].descending);
}

}  // namespace
}  // namespace byline::api
