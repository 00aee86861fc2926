#include "render/dates.hpp"

#include <gtest/gtest.h>
#include <unicode/locid.h>

namespace byline::render {
namespace {

using namespace std::chrono_literals;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 3h + 9min;

TEST(RelativeTime, ReadsLikeTheSeedPage) {
  const DateFormatter english("en", "UTC");
  EXPECT_EQ(english.relative(kNow - 4h - 5min, kNow), "4 hours ago");
  EXPECT_EQ(english.relative(kNow - 12h, kNow), "12 hours ago");
  EXPECT_EQ(english.relative(kNow - 26h, kNow), "1 day ago");
  EXPECT_EQ(english.relative(kNow - 47h, kNow), "1 day ago");
}

TEST(RelativeTime, UsesTheLargestWholeUnit) {
  const DateFormatter english("en", "UTC");
  EXPECT_EQ(english.relative(kNow - 10s, kNow), "now");
  EXPECT_EQ(english.relative(kNow - 1min, kNow), "1 minute ago");
  EXPECT_EQ(english.relative(kNow - 59min, kNow), "59 minutes ago");
  EXPECT_EQ(english.relative(kNow - 1h, kNow), "1 hour ago");
  EXPECT_EQ(english.relative(kNow - 3 * 24h, kNow), "3 days ago");
  EXPECT_EQ(english.relative(kNow - 15 * 24h, kNow), "2 weeks ago");
  EXPECT_EQ(english.relative(kNow - 65 * 24h, kNow), "2 months ago");
  EXPECT_EQ(english.relative(kNow - 800 * 24h, kNow), "2 years ago");
}

TEST(RelativeTime, TreatsAFutureTimeAsNow) {
  const DateFormatter english("en", "UTC");
  EXPECT_EQ(english.relative(kNow + 30s, kNow), "now");
}

TEST(RelativeTime, KnowsWhenItsTextWillChange) {
  const DateFormatter english("en", "UTC");
  // Checked against relative() itself: the text holds until that moment, and
  // reads differently from it.
  for (const std::chrono::seconds age : std::initializer_list<std::chrono::seconds>{
           10s, 59s, 61s, 59min + 59s, 1h, 4h + 5min, 23h + 59min, 26h, 6 * 24h + 23h, 8 * 24h,
           40 * 24h, 364 * 24h, 400 * 24h}) {
    const Time then = kNow - age;
    const Time changes = DateFormatter::relative_changes_at(then, kNow);
    ASSERT_GT(changes, kNow) << age.count();
    EXPECT_EQ(english.relative(then, changes - 1s), english.relative(then, kNow)) << age.count();
    EXPECT_NE(english.relative(then, changes), english.relative(then, kNow)) << age.count();
  }
  EXPECT_EQ(DateFormatter::relative_changes_at(kNow - 4h - 5min, kNow), kNow + 55min);
}

TEST(RelativeTime, SpeaksTheSiteLanguage) {
  const DateFormatter german("de", "Europe/Berlin");
  EXPECT_EQ(german.relative(kNow - 4h, kNow), "vor 4 Stunden");
  const DateFormatter persian("fa", "Asia/Tehran");
  EXPECT_TRUE(persian.right_to_left());
  EXPECT_NE(persian.relative(kNow - 4h, kNow), "4 hours ago");
}

TEST(Dates, ShowsTheDateInTheSiteTimeZone) {
  // 22:30 UTC on the 28th is already the 29th in Tehran (UTC+3:30).
  const Time late = Time(std::chrono::sys_days(std::chrono::November / 28 / 2026)) + 22h + 30min;
  EXPECT_EQ(DateFormatter("en", "UTC").date(late), "November 28, 2026");
  EXPECT_EQ(DateFormatter("en", "Asia/Tehran").date(late), "November 29, 2026");
}

TEST(Dates, WritesIso8601InUtc) { EXPECT_EQ(iso8601(kNow), "2026-11-29T03:09:00Z"); }

TEST(Dates, ReadsAndWritesWallClockTimesInTheSiteZone) {
  const DateFormatter tehran("en", "Asia/Tehran");  // UTC+3:30
  const auto parsed = tehran.parse_local("2026-11-29T14:30");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(iso8601(*parsed), "2026-11-29T11:00:00Z");
  EXPECT_EQ(tehran.format_local(*parsed), "2026-11-29T14:30");
  EXPECT_EQ(iso8601(*tehran.parse_local("2026-11-29T14:30:15")), "2026-11-29T11:00:15Z");
  EXPECT_FALSE(tehran.parse_local("2026-02-31T10:00"));
  EXPECT_FALSE(tehran.parse_local("2026-11-29T14:30junk"));
  EXPECT_FALSE(tehran.parse_local("tomorrow"));
  EXPECT_FALSE(tehran.parse_local("2026-11-29T25:00"));
  EXPECT_FALSE(tehran.parse_local(""));
}

TEST(Dates, KnowsWhichTimeZonesExist) {
  EXPECT_TRUE(DateFormatter::is_known_time_zone("Asia/Tehran"));
  EXPECT_FALSE(DateFormatter::is_known_time_zone("Mars/Olympus"));
}

TEST(IsoWithOffset, GivesTheWallClockOfTheSitesZoneWithItsOffsetThatDay) {
  EXPECT_EQ(DateFormatter("en", "UTC").iso8601_with_offset(kNow), "2026-11-29T03:09:00.000+00:00");
  EXPECT_EQ(DateFormatter("en", "Asia/Kolkata").iso8601_with_offset(kNow),
            "2026-11-29T08:39:00.000+05:30");
  // West of Greenwich, and in summer time there.
  EXPECT_EQ(DateFormatter("en", "America/New_York").iso8601_with_offset(kNow),
            "2026-11-28T22:09:00.000-05:00");
  const Time july = Time(std::chrono::sys_days(std::chrono::July / 1 / 2026)) + 12h;
  EXPECT_EQ(DateFormatter("en", "America/New_York").iso8601_with_offset(july),
            "2026-07-01T08:00:00.000-04:00");
}

TEST(IsoWithOffset, CountsGregorianYearsWhateverTheProcesssLocale) {
  const icu::Locale before = icu::Locale::getDefault();
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale::setDefault(icu::Locale("fa_IR"), status);
  const std::string shown = DateFormatter("fa", "Asia/Tehran").iso8601_with_offset(kNow);
  const auto local = DateFormatter("fa", "Asia/Tehran").format_local(kNow);
  icu::Locale::setDefault(before, status);
  EXPECT_EQ(shown, "2026-11-29T06:39:00.000+03:30");
  EXPECT_EQ(local, "2026-11-29T06:39");
}

}  // namespace
}  // namespace byline::render
