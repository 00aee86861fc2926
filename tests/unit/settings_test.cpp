#include "site/settings.hpp"

#include <gtest/gtest.h>

namespace byline::site {
namespace {

TEST(SettingsLinks, AreReadFromLabelBarAddressLines) {
  const auto links = parse_links("X | https://x.com/news\n\nbroken line\nTelegram|https://t.me/news\n | /empty\n");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].label, "X");
  EXPECT_EQ(links[0].url, "https://x.com/news");
  EXPECT_EQ(links[1].label, "Telegram");
  EXPECT_EQ(format_links(links), "X | https://x.com/news\nTelegram | https://t.me/news\n");
}

TEST(SettingsCheck, AcceptsTheDefaults) { EXPECT_TRUE(check_settings(SiteSettings{}).ok()); }

TEST(SettingsCheck, RefusesWhatPagesCannotUse) {
  auto with = [](auto change) {
    SiteSettings settings;
    change(settings);
    return check_settings(settings);
  };
  EXPECT_FALSE(with([](SiteSettings& s) { s.title = "  "; }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) { s.url = "news.example.com"; }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) { s.time_zone = "Mars/Olympus"; }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) { s.locale = ""; }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) { s.logo = "javascript:alert(1)"; }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) { s.social_accounts = {{"X", "javascript:alert(1)"}}; }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) { s.navigation_links = {{"Evil", "//evil.example"}}; }).ok());
  EXPECT_TRUE(with([](SiteSettings& s) { s.navigation_links = {{"About", "/about/"}}; }).ok());
  EXPECT_TRUE(with([](SiteSettings& s) { s.locale = "fa-IR"; s.time_zone = "Asia/Tehran"; }).ok());
}

TEST(SettingsSource, HandsOutTheLatestSettings) {
  SettingsSource source(SiteSettings{});
  const auto before = source.current();
  SiteSettings changed;
  changed.title = "The Daily Byline";
  source.replace(changed);
  EXPECT_EQ(source.current()->title, "The Daily Byline");
  EXPECT_EQ(before->title, "Byline") << "a snapshot taken earlier stays as it was";
}

}  // namespace
}  // namespace byline::site
