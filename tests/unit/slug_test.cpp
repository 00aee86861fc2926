#include "content/slug.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

TEST(Slug, LowerCasesAndDashesATitle) {
  EXPECT_EQ(make_slug("President Putin: Russia, Iran having strategic ties"),
            "president-putin-russia-iran-having-strategic-ties");
}

TEST(Slug, DropsApostrophesInsteadOfSplittingWords) {
  EXPECT_EQ(make_slug("Iran’s Mission Denies Dutch Terror Allegations"),
            "irans-mission-denies-dutch-terror-allegations");
  EXPECT_EQ(make_slug("Agency's report"), "agencys-report");
}

TEST(Slug, FoldsAccentedLatinToAscii) {
  EXPECT_EQ(make_slug("Café au lait à Montréal"), "cafe-au-lait-a-montreal");
  EXPECT_EQ(make_slug("Straße"), "strasse");
}

TEST(Slug, KeepsLettersOfOtherScripts) {
  EXPECT_EQ(make_slug("ایران و روسیه"), "ایران-و-روسیه");
  EXPECT_EQ(make_slug("Новости дня"), "новости-дня");
}

TEST(Slug, TrimsAndCollapsesSeparators) {
  EXPECT_EQ(make_slug("  --Hello,   World!!  "), "hello-world");
}

TEST(Slug, IsEmptyWhenNothingIsLeft) { EXPECT_EQ(make_slug("!!! ???"), ""); }

TEST(Slug, NeverExceedsTheLimitNorCutsACharacter) {
  std::string title;
  for (int i = 0; i < 100; ++i) title += "ایران ";
  const std::string slug = make_slug(title);
  EXPECT_LE(slug.size(), kMaxSlugBytes);
  EXPECT_TRUE(is_valid_slug(slug));
  EXPECT_FALSE(slug.ends_with("-"));
}

TEST(Slug, ValidatesOnlyCanonicalSlugs) {
  EXPECT_TRUE(is_valid_slug("iran-news-2026"));
  EXPECT_TRUE(is_valid_slug("ایران-و-روسیه"));
  EXPECT_FALSE(is_valid_slug(""));
  EXPECT_FALSE(is_valid_slug("Iran-News"));
  EXPECT_FALSE(is_valid_slug("iran news"));
  EXPECT_FALSE(is_valid_slug("-iran"));
  EXPECT_FALSE(is_valid_slug("../etc/passwd"));
  EXPECT_FALSE(is_valid_slug("bad\xff" "utf8"));
}

}  // namespace
}  // namespace byline::content
