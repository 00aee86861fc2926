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
