#include "api/wp_query.hpp"
#include "api/wp_json.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace byline::api {
namespace {

const render::DateFormatter kTehran("en", "Asia/Tehran");

WpListQuery read(std::string_view query) {
  auto read = read_wp_query(http::Form::parse(query), kTehran, false);
  if (auto* error = std::get_if<WpQueryError>(&read)) {
    ADD_FAILURE() << query << ": " << error->message;
    return {};
  }
  return std::get<WpListQuery>(read);
}

std::string refused(std::string_view query) {
  auto read = read_wp_query(http::Form::parse(query), kTehran, false);
  auto* error = std::get_if<WpQueryError>(&read);
  return error ? error->param : "";
}

TEST(WpQuery, ReadsListsAsCommasOrBracketsAndPagesWithinWordPresssBounds) {
  const WpListQuery query = read("categories=3,4&tags%5B%5D=7&tags%5B%5D=8&page=2&per_page=5");
  EXPECT_EQ(query.categories, (std::vector<content::Id>{3, 4}));
  EXPECT_EQ(query.tags, (std::vector<content::Id>{7, 8}));
  EXPECT_EQ(query.skip(), 5);
  EXPECT_EQ(read("page=2&per_page=5&offset=1").skip(), 1) << "offset wins over page";
  EXPECT_EQ(read("").per_page, 10);
  EXPECT_EQ(read("per_page=100").per_page, 100);
  for (const char* bad : {"per_page=0", "per_page=101", "page=0", "page=x", "categories=world",
                          "author=-1", "order=up", "after=yesterday", "tax_relation=XOR"}) {
    EXPECT_FALSE(refused(bad).empty()) << bad;
  }
  EXPECT_EQ(refused("per_page=101"), "per_page");
}

TEST(WpQuery, ReadsTimesWithAnOffsetAndWithoutOneInTheSitesZone) {
  const WpListQuery query =
      read("after=2026-01-01T00:00:00Z&before=2026-01-01T03:30:00");  // Tehran is UTC+3:30
  ASSERT_TRUE(query.after && query.before);
  EXPECT_EQ(*query.after, *query.before);
}

TEST(WpQuery, BecomesOneConditionOverEveryFilterAndEmbedsWhenAsked) {
  const store::PostCondition where =
      wp_post_condition(read("categories=1&tags=2&tax_relation=OR&exclude=9&author=4"));
  ASSERT_EQ(where.kind, store::PostCondition::Kind::all_of);
  ASSERT_EQ(where.children.size(), 3u);
  EXPECT_EQ(where.children[0].kind, store::PostCondition::Kind::any_of);
  EXPECT_EQ(where.children[1].kind, store::PostCondition::Kind::author_id);
  EXPECT_EQ(where.children[2].kind, store::PostCondition::Kind::none_of);
  EXPECT_TRUE(read("_embed").embed);
  EXPECT_TRUE(read("_embed=author,wp:term").embed);
  EXPECT_FALSE(read("_embed=false").embed);
}

TEST(WpJson, KeepsOnlyTheFieldsAskedForNestedOnesToo) {
  boost::json::object post{{"id", 7},
                           {"title", {{"rendered", "A"}, {"raw", "a"}}},
                           {"slug", "a"},
                           {"_links", boost::json::object{}}};
  keep_wp_fields(post, {"id", "title.rendered", "nothing"});
  EXPECT_EQ(boost::json::serialize(post), R"({"id":7,"title":{"rendered":"A"}})");
}

TEST(WpJson, GivesTimesAsWordPressDoesWithoutAnOffset) {
  const Time noon = Time(std::chrono::sys_days(std::chrono::May / 1 / 2024)) +
                    std::chrono::hours(9) + std::chrono::minutes(30);
  EXPECT_EQ(wp_gmt_time(noon), "2024-05-01T09:30:00");
  EXPECT_EQ(wp_local_time(noon, kTehran), "2024-05-01T13:00:00");
}

}  // namespace
}  // namespace byline::api
