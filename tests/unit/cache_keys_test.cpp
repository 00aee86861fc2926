#include "site/cache_keys.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace byline::site {
namespace {

using namespace std::chrono_literals;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 3h;

content::Post published_post() {
  content::Post post;
  post.id = 7;
  post.status = content::PostStatus::published;
  post.published_at = kNow - 2h;
  post.authors = {content::User{3, "", "", "", "", "", content::Role::author}};
  post.sections = {content::Section{4, "world", "World", ""}};
  post.tags = {content::Tag{5, "iran", "Iran", ""}};
  return post;
}

bool has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(CacheKeys, ADraftsSavesMakeNothingStale) {
  content::Post draft = published_post();
  draft.status = content::PostStatus::draft;
  content::Post edited = draft;
  edited.title = "New headline";
  EXPECT_TRUE(cache_keys::changed_by(&draft, edited, kNow).empty());
  EXPECT_TRUE(cache_keys::changed_by(nullptr, draft, kNow).empty());
}

TEST(CacheKeys, PublishingTouchesEveryListTheStoryJoins) {
  content::Post draft = published_post();
  draft.status = content::PostStatus::review;
  const auto keys = cache_keys::changed_by(&draft, published_post(), kNow);
  for (const std::string_view key : {"post:7", "list:front", "list:author:3", "list:section:4", "list:tag:5",
                                     "sitemaps", "translations:7"}) {
    EXPECT_TRUE(has(keys, key)) << key;
  }
}

TEST(CacheKeys, AnEditOfThTextTouchesOnlyPagesThatShowThePost) {
  const content::Post before = published_post();
  content::Post after = before;
  after.title = "A corrected headline";
  after.body_html = "<p>Corrected.</p>";
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_EQ(keys, (std::vector<std::string>{"post:7", "sitemaps"}));
}

TEST(CacheKeys, MovingAStoryTouchesTheListsItLeftAndJoined) {
  const content::Post before = published_post();
  content::Post after = before;
  after.sections = {content::Section{9, "economy", "Economy", ""}};
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "list:section:4"));
  EXPECT_TRUE(has(keys, "list:section:9"));
  EXPECT_TRUE(has(keys, "list:front"));
}

TEST(CacheKeys, UnpublishingTouchesWhatThePostWasIn) {
  const content::Post before = published_post();
  content::Post after = before;
  after.status = content::PostStatus::unpublished;
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "post:7"));
  EXPECT_TRUE(has(keys, "list:tag:5"));
}

TEST(CacheKeys, LinkingATranslationTouchesBothGroups) {
  const content::Post before = published_post();
  content::Post after = before;
  after.translation_of = 2;
  after.locale = "fa";
  const auto keys = cache_keys::changed_by(&before, after, kNow);
  EXPECT_TRUE(has(keys, "translations:2"));
  EXPECT_TRUE(has(keys, "translations:7"));
  EXPECT_FALSE(has(keys, "list:front"));
}

TEST(CacheKeys, APageLastsUntilTheFirstOfItsRelativeTimesChanges) {
  content::Post four_hours = published_post();
  four_hours.published_at = kNow - 4h - 5min;
  content::Post twelve_minutes = published_post();
  twelve_minutes.id = 8;
  twelve_minutes.published_at = kNow - 12min - 30s;
  const auto policy = cache_keys::policy({"list:front"}, {&four_hours, &twelve_minutes}, kNow);
  EXPECT_EQ(policy.shows, (std::vector<std::string>{"list:front", "post:7", "post:8"}));
  EXPECT_EQ(policy.changes_at, *twelve_minutes.published_at + 13min);
}

}  // namespace
}  // namespace byline::site
