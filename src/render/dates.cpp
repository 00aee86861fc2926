// ICU-backed date formatting. ICU formatters are costly to build and not
// safe to share across threads, so each thread keeps its own, per locale
// and time zone.
#include "render/dates.hpp"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/reldatefmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>

namespace byline::render {
namespace {

struct Formatters {
  std::unique_ptr<icu::RelativeDateTimeFormatter> relative;
  std::unique_ptr<icu::DateFormat> date;
};

Formatters& formatters_for(const std::string& locale, const std::string& time_zone) {
  thread_local std::map<std::pair<std::string, std::string>, Formatters> cache;
  auto [entry, inserted] = cache.try_emplace({locale, time_zone});
  if (inserted) {
    const icu::Locale icu_locale(locale.c_str());
    UErrorCode status = U_ZERO_ERROR;
    entry->second.relative = std::make_unique<icu::RelativeDateTimeFormatter>(
        icu_locale, nullptr, UDAT_STYLE_LONG, UDISPCTX_CAPITALIZATION_NONE, status);
    if (U_FAILURE(status)) entry->second.relative.reset();
    entry->second.date.reset(
        icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu_locale));
    if (entry->second.date) {
      entry->second.date->adoptTimeZone(
          icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
    }
  }
  return entry->second;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

DateFormatter::DateFormatter(std::string locale, std::string time_zone)
    : locale_(std::move(locale)), time_zone_(std::move(time_zone)) {}

namespace {

// The unit relative() uses for an age: while the age is below `limit`,
// it counts whole `size`s.
struct RelativeStep {
  long long limit;  // 0: no limit
  long long size;
  URelativeDateTimeUnit unit;
};

constexpr long long kMinute = 60, kHour = 3600, kDay = 86400;
constexpr RelativeStep kRelativeSteps[] = {
    {kHour, kMinute, UDAT_REL_UNIT_MINUTE},       {kDay, kHour, UDAT_REL_UNIT_HOUR},
    {7 * kDay, kDay, UDAT_REL_UNIT_DAY},          {30 * kDay, 7 * kDay, UDAT_REL_UNIT_WEEK},
    {365 * kDay, 30 * kDay, UDAT_REL_UNIT_MONTH}, {0, 365 * kDay, UDAT_REL_UNIT_YEAR},
};

const RelativeStep& relative_step(long long seconds) {
  for (const auto& step : kRelativeSteps) {
    if (step.limit == 0 || seconds < step.limit) return step;
  }
  return kRelativeSteps[std::size(kRelativeSteps) - 1];
}

}  // namespace

std::string DateFormatter::relative(Time then, Time now) const {
  const auto seconds = (now - then).count();
  auto& formatter = formatters_for(locale_, time_zone_).relative;
  if (!formatter) return date(then);

  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text;
  if (seconds < kMinute) {
    formatter->format(UDAT_DIRECTION_PLAIN, UDAT_ABSOLUTE_NOW, text, status);
    return U_SUCCESS(status) ? to_utf8(text) : date(then);
  }
  const RelativeStep& step = relative_step(seconds);
  formatter->formatNumeric(-static_cast<double>(seconds / step.size), step.unit, text, status);
  return U_SUCCESS(status) ? to_utf8(text) : date(then);
}

Time DateFormatter::relative_changes_at(Time then, Time now) {
  const auto seconds = (now - then).count();
  if (seconds < kMinute) return then + std::chrono::seconds(kMinute);
  const RelativeStep& step = relative_step(seconds);
  long long next = (seconds / step.size + 1) * step.size;
  if (step.limit != 0) next = std::min(next, step.limit);
  return then + std::chrono::seconds(next);
}

std::string DateFormatter::date(Time time) const {
  auto& formatter = formatters_for(locale_, time_zone_).date;
  if (!formatter) return iso8601(time).substr(0, 10);
  icu::UnicodeString text;
  const auto millis = static_cast<UDate>(time.time_since_epoch().count()) * 1000.0;
  formatter->format(millis, text);
  return to_utf8(text);
}

namespace {

// A Gregorian calendar in `time_zone`, whatever the process's locale
// (a Persian one would count years from 1405).
std::unique_ptr<icu::Calendar> calendar_in(const std::string& time_zone) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> calendar(icu::Calendar::createInstance(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)),
      icu::Locale::getRoot(), status));
  return U_SUCCESS(status) ? std::move(calendar) : nullptr;
}

}  // namespace

std::optional<Time> DateFormatter::parse_local(std::string_view text) const {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail = 0;
  const std::string copy(text.substr(0, 32));
  const int fields = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &year, &month, &day,
                                 &hour, &minute, &second, &tail);
  // Browsers send seconds only when the input asks for them.
  if ((fields != 5 && fields != 6) || (fields == 5 && copy.size() != 16) || year < 1970 ||
      year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  auto calendar = calendar_in(time_zone_);
  if (!calendar) return std::nullopt;
  calendar->setLenient(false);
  calendar->clear();
  calendar->set(year, month - 1, day, hour, minute, second);
  UErrorCode status = U_ZERO_ERROR;
  const UDate millis = calendar->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;  // 31 February and the like
  return Time(std::chrono::seconds(static_cast<long long>(millis / 1000.0)));
}

std::string DateFormatter::format_local(Time time) const {
  auto calendar = calendar_in(time_zone_);
  if (!calendar) return iso8601(time).substr(0, 16);
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(static_cast<UDate>(time.time_since_epoch().count()) * 1000.0, status);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d", calendar->get(UCAL_YEAR, status),
                calendar->get(UCAL_MONTH, status) + 1, calendar->get(UCAL_DATE, status),
                calendar->get(UCAL_HOUR_OF_DAY, status), calendar->get(UCAL_MINUTE, status));
  return U_SUCCESS(status) ? text : iso8601(time).substr(0, 16);
}

std::string DateFormatter::iso8601_with_offset(Time time) const {
  auto calendar = calendar_in(time_zone_);
  UErrorCode status = U_ZERO_ERROR;
  if (calendar)
    calendar->setTime(static_cast<UDate>(time.time_since_epoch().count()) * 1000.0, status);
  if (!calendar || U_FAILURE(status)) return iso8601(time).substr(0, 19) + ".000+00:00";
  const int offset_minutes =
      (calendar->get(UCAL_ZONE_OFFSET, status) + calendar->get(UCAL_DST_OFFSET, status)) / 60000;
  const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.000%c%02d:%02d",
                calendar->get(UCAL_YEAR, status), calendar->get(UCAL_MONTH, status) + 1,
                calendar->get(UCAL_DATE, status), calendar->get(UCAL_HOUR_OF_DAY, status),
                calendar->get(UCAL_MINUTE, status), calendar->get(UCAL_SECOND, status),
                offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
  return U_SUCCESS(status) ? text : iso8601(time).substr(0, 19) + ".000+00:00";
}

bool DateFormatter::right_to_left() const { return icu::Locale(locale_.c_str()).isRightToLeft(); }

bool DateFormatter::is_known_time_zone(const std::string& time_zone) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
  return *zone != icu::TimeZone::getUnknown();
}

}  // namespace byline::render
