#include "site/settings.hpp"

#include <gtest/gtest.h>

namespace byline::site {
namespace {

TEST(SettingsLinks, AreReadFromLabelBarAddressLines) {
  const auto links =
      parse_links("X | https://x.com/news\n\nbroken line\nTelegram|https://t.me/news\n | /empty\n");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].label, "X");
  EXPECT_EQ(links[0].url, "https://x.com/news");
  EXPECT_EQ(links[1].label, "Telegram");
  EXPECT_EQ(format_links(links), "X | https://x.com/news\nTelegram | https://t.me/news\n");
}

TEST(SettingsEditions, AreReadFromLanguageTitleDescriptionLines) {
  // clang-format counts Persian in bytes and would break the line anew.
  // clang-format off
  const auto editions = parse_editions(
      "FA | روزنامه‌ی بایلاین | خبر، همان لحظه\n\nar|صحيفة بايلاين\nno title\n | Title only\n");
  // clang-format on
  ASSERT_EQ(editions.size(), 2u);
  EXPECT_EQ(editions[0].language, "fa") << "a language code in any case is lowercased";
  EXPECT_EQ(editions[0].title, "روزنامه‌ی بایلاین");
  EXPECT_EQ(editions[0].description, "خبر، همان لحظه");
  EXPECT_EQ(editions[1].language, "ar");
  EXPECT_EQ(editions[1].description, "") << "the description may be left out";
  EXPECT_EQ(format_editions(editions),
            "fa | روزنامه‌ی بایلاین | خبر، همان لحظه\nar | صحيفة "
            "بايلاين\n");
  EXPECT_EQ(parse_editions(format_editions(editions)).size(), 2u) << "a round trip keeps them";
}

TEST(SettingsEditions, AreCheckedForAnAddressAndALanguageEach) {
  auto with = [](std::string lines, std::string locale = "en") {
    SiteSettings settings;
    settings.locale = std::move(locale);
    settings.editions = parse_editions(lines);
    return check_settings(settings);
  };
  EXPECT_TRUE(with("fa | روزنامه").ok());
  EXPECT_TRUE(with("fa | روزنامه\nar | صحيفة").ok());
  EXPECT_TRUE(with("en | The Daily", "fa-IR").ok()) << "an English edition of a Persian site";
  EXPECT_FALSE(with("en | Again").ok()) << "the site's own language";
  EXPECT_FALSE(with("fa | روزنامه", "fa-IR").ok()) << "the site's own, by its primary subtag";
  EXPECT_FALSE(with("en | Again", "EN").ok()) << "the site's own, however it was typed";
  EXPECT_FALSE(with("fa | One\nfa | Two").ok()) << "named twice";
  EXPECT_FALSE(with("fa-IR | روزنامه").ok()) << "an address is a primary subtag";
  EXPECT_FALSE(with("f | One").ok());
  EXPECT_FALSE(with("farsi | One").ok());
  EXPECT_FALSE(with("tag | One").ok()) << "/tag/ is the tags' address";
  EXPECT_FALSE(with("rss | One").ok()) << "/rss/ is the feed's";
  EXPECT_FALSE(with("f1 | One").ok());
  EXPECT_FALSE(with("fa | " + std::string(201, 'x')).ok()) << "a title of 201 bytes";
  EXPECT_TRUE(with("fa | " + std::string(200, 'x')).ok()) << "a title of 200";
  std::string many;
  const std::string codes[] = {"fa", "ar", "de", "fr", "es", "it", "ru", "tr", "ur", "ps", "ku",
                               "he", "hi", "zh", "ja", "ko", "pt", "nl", "sv", "pl", "uk"};
  for (int i = 0; i < 20; ++i) many += codes[i] + " | Edition\n";
  EXPECT_TRUE(with(many).ok()) << "twenty editions";
  EXPECT_FALSE(with(many + codes[20] + " | Edition\n").ok()) << "twenty-one";
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
  EXPECT_FALSE(with([](SiteSettings& s) {
                 s.social_accounts = {{"X", "javascript:alert(1)"}};
               }).ok());
  EXPECT_FALSE(with([](SiteSettings& s) {
                 s.navigation_links = {{"Evil", "//evil.example"}};
               }).ok());
  EXPECT_TRUE(with([](SiteSettings& s) { s.navigation_links = {{"About", "/about/"}}; }).ok());
  EXPECT_TRUE(with([](SiteSettings& s) {
                s.locale = "fa-IR";
                s.time_zone = "Asia/Tehran";
              }).ok());
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
