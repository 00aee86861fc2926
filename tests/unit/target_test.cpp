#include "http/target.hpp"

#include <gtest/gtest.h>

namespace byline::http {
namespace {

TEST(Target, TakesTheOriginFormAsItIs) {
  const auto target = parse_target("/tag/iran/?page=2");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/tag/iran/");
  EXPECT_EQ(target->query, "page=2");
}

TEST(Target, KeepsOnlyThePathAndQueryOfTheAbsoluteForm) {
  const auto target = parse_target("http://evil.test/public-one/?x=1");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/public-one/");
  EXPECT_EQ(target->query, "x=1");
  EXPECT_EQ(parse_target("HTTPS://evil.test:8443/a/")->path, "/a/");
  EXPECT_EQ(parse_target("http://evil.test")->path, "/");
  const auto root_query = parse_target("http://evil.test?q=oil");
  EXPECT_EQ(root_query->path, "/");
  EXPECT_EQ(root_query->query, "q=oil");
}

TEST(Target, RefusesEveryOtherForm) {
  EXPECT_FALSE(parse_target("evil.test:443"));  // authority form
  EXPECT_FALSE(parse_target("*"));
  EXPECT_FALSE(parse_target("public-one/"));
  EXPECT_FALSE(parse_target("http:///public-one/"));
  EXPECT_FALSE(parse_target("ftp://evil.test/a/"));
  EXPECT_FALSE(parse_target(""));
}

TEST(Target, TheCanonicalPathDecodesEachSegmentOnce) {
  EXPECT_EQ(canonical_path("/public%2Done/"), "/public-one/");
  EXPECT_EQ(canonical_path("/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86/"), "/ایران/");
  EXPECT_EQ(canonical_path("/%252e/"), "/%2e/");
  EXPECT_EQ(canonical_path("/"), "/");
  EXPECT_EQ(canonical_path("//a"), "//a");
}

TEST(Target, NoCanonicalPathForWhatTheRouterRefuses) {
  EXPECT_FALSE(canonical_path("/public-one%2F"));
  EXPECT_FALSE(canonical_path("/public-one%2f/"));
  EXPECT_FALSE(canonical_path("/a%00b/"));
  EXPECT_FALSE(canonical_path("/a%zz/"));
  EXPECT_FALSE(canonical_path("/a%4"));
  EXPECT_FALSE(canonical_path("a/"));
}

TEST(Target, TheCanonicalQueryKeepsTheNamedFieldsSortedAndEncodedOneWay) {
  const std::vector<std::string> kept = {"p", "cat"};
  EXPECT_EQ(canonical_query("utm_source=x&p=12", &kept), "p=12");
  EXPECT_EQ(canonical_query("p=12&cat=4", &kept), canonical_query("cat=4&p=12", &kept));
  EXPECT_EQ(canonical_query("cat=4&p=12", &kept), "cat=4&p=12");
  EXPECT_EQ(canonical_query("p=%31%32", &kept), "p=12");
  EXPECT_EQ(canonical_query("p=a+b", &kept), "p=a%20b");
  EXPECT_EQ(canonical_query("utm_source=x", &kept), "");
  EXPECT_EQ(canonical_query("", &kept), "");
  EXPECT_EQ(canonical_query("b=2&a=1", nullptr), "a=1&b=2");
}

TEST(Target, TheCanonicalAddressOfAWholeUrlIsItsPathAndQuery) {
  EXPECT_EQ(canonical_address("https://old.example/?p=12"), "/?p=12");
  EXPECT_EQ(canonical_address("http://old.example"), "/");
  EXPECT_EQ(canonical_address("https://old.example/2019/05/04/%D8%A7/#comments"), "/2019/05/04/ا/");
  EXPECT_EQ(canonical_address("/index.php?page_id=3&utm=x"), "/index.php?page_id=3&utm=x");
  const std::vector<std::string> kept = {"page_id"};
  EXPECT_EQ(canonical_address("/index.php?page_id=3&utm=x", &kept), "/index.php?page_id=3");
  EXPECT_FALSE(canonical_address("mailto:someone@example.com"));
  EXPECT_FALSE(canonical_address("/a%2Fb/"));
}

}  // namespace
}  // namespace byline::http

namespace byline::http {
namespace {

OriginTarget rest_routed(std::string path, std::string query) {
  OriginTarget target{std::move(path), std::move(query)};
  apply_rest_route(target);
  return target;
}

TEST(RestRoute, IsTheWordPressApiAddressItNamesWithTheOtherFieldsKept) {
  const auto posts = rest_routed("/", "rest_route=/wp/v2/posts&per_page=5&page=2");
  EXPECT_EQ(posts.path, "/wp-json/wp/v2/posts");
  EXPECT_EQ(posts.query, "per_page=5&page=2");
  const auto encoded = rest_routed("/some/page/", "_embed&rest_route=%2Fwp%2Fv2%2Fposts%2F7");
  EXPECT_EQ(encoded.path, "/wp-json/wp/v2/posts/7");
  EXPECT_EQ(encoded.query, "_embed");
  EXPECT_EQ(rest_routed("/", "rest_route=/").path, "/wp-json/");
}

TEST(RestRoute, LeavesEveryOtherAddressAsItWasSent) {
  for (const auto& [path, query] : std::vector<std::pair<std::string, std::string>>{
           {"/", ""},
           {"/", "p=12"},
           {"/", "rest_route=wp/v2/posts"},          // not from the root
           {"/", "rest_route=/wp/v2/%3Cscript%3E"},  // not a route
           {"/", "rest_route=/../newsroom/"},        // no way out of /wp-json/
           {"/", "rest_route=%ZZ"}}) {
    const auto kept = rest_routed(path, query);
    EXPECT_EQ(kept.path, path) << query;
    EXPECT_EQ(kept.query, query);
  }
}

}  // namespace
}  // namespace byline::http
