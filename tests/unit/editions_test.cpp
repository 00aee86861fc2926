#include "site/editions.hpp"

#include "site/cache_keys.hpp"

#include <gtest/gtest.h>

namespace byline::site {
namespace {

SiteSettings with_persian_edition() {
  SiteSettings settings;
  settings.editions = {{"fa", "روزنامه", ""}};
  return settings;
}

TEST(Editions, AStoryIsInTheEditionOfItsPrimaryLanguage) {
  const SiteSettings settings = with_persian_edition();
  EXPECT_EQ(edition_of(settings, "fa"), &settings.editions[0]);
  EXPECT_EQ(edition_of(settings, "fa-IR"), &settings.editions[0]);
  EXPECT_EQ(edition_of(settings, "FA-ir"), &settings.editions[0]) << "as the store matches it";
  EXPECT_EQ(edition_of(settings, ""), nullptr) << "the site's own language";
  EXPECT_EQ(edition_of(settings, "ar"), nullptr) << "a language with no edition is the site's";
  EXPECT_EQ(edition_of(SiteSettings{}, "fa"), nullptr) << "a site without editions";
}

TEST(Editions, LiveUnderTheirLanguage) {
  const SiteSettings settings = with_persian_edition();
  EXPECT_EQ(edition_path(nullptr), "/");
  EXPECT_EQ(edition_path(&settings.editions[0]), "/fa/");
  EXPECT_EQ(edition_named(settings, "fa"), &settings.editions[0]);
  EXPECT_EQ(edition_named(settings, "fa-IR"), nullptr) << "an address names a primary subtag";
  EXPECT_EQ(edition_named(settings, ""), nullptr);
}

TEST(Editions, ListTheirOwnStoriesAndDependOnTheirOwnList) {
  using Kind = store::PostCondition::Kind;
  const SiteSettings settings = with_persian_edition();
  const auto persian = edition_stories(settings, &settings.editions[0]);
  EXPECT_EQ(persian.kind, Kind::language);
  EXPECT_EQ(persian.slugs, std::vector<std::string>{"fa"});
  const auto own = edition_stories(settings, nullptr);
  ASSERT_EQ(own.kind, Kind::none_of) << "the site's own: in none of the editions' languages";
  ASSERT_EQ(own.children.size(), 1u);
  EXPECT_EQ(own.children[0].slugs, std::vector<std::string>{"fa"});
  EXPECT_EQ(edition_stories(SiteSettings{}, nullptr).kind, Kind::all_of)
      << "without editions, every story";

  EXPECT_EQ(edition_list_key(&settings.editions[0]), cache_keys::language_list("fa"));
  EXPECT_EQ(edition_list_key(nullptr), cache_keys::kFrontPage);
}

}  // namespace
}  // namespace byline::site
