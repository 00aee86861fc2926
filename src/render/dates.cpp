// ICU-backed date formatting. ICU formatters are costly to build and not
// safe to share across threads, so each thread keeps its own, per locale
// and time zone.
#include "render/dates.hpp"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/reldatefmt.h>
#include <unicode/timezone.h>

#include <chrono>
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
    entry->second.date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu_locale));
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

std::string DateFormatter::relative(Time then, Time now) const {
  using namespace std::chrono;
  const auto seconds = (now - then).count();
  auto& formatter = formatters_for(locale_, time_zone_).relative;
  if (!formatter) return date(then);

  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text;
  if (seconds < 60) {
    formatter->format(UDAT_DIRECTION_PLAIN, UDAT_ABSOLUTE_NOW, text, status);
    return U_SUCCESS(status) ? to_utf8(text) : date(then);
  }
  struct Step {
    long long limit;  // use this unit while `seconds` is below limit
    long long size;
    URelativeDateTimeUnit unit;
  };
  static constexpr long long kMinute = 60, kHour = 3600, kDay = 86400;
  static constexpr Step kSteps[] = {
      {kHour, kMinute, UDAT_REL_UNIT_MINUTE},
      {kDay, kHour, UDAT_REL_UNIT_HOUR},
      {7 * kDay, kDay, UDAT_REL_UNIT_DAY},
      {30 * kDay, 7 * kDay, UDAT_REL_UNIT_WEEK},
      {365 * kDay, 30 * kDay, UDAT_REL_UNIT_MONTH},
      {0, 365 * kDay, UDAT_REL_UNIT_YEAR},
  };
  for (const auto& step : kSteps) {
    if (step.limit == 0 || seconds < step.limit) {
      const double count = static_cast<double>(seconds / step.size);
      formatter->formatNumeric(-count, step.unit, text, status);
      break;
    }
  }
  return U_SUCCESS(status) ? to_utf8(text) : date(then);
}

std::string DateFormatter::date(Time time) const {
  auto& formatter = formatters_for(locale_, time_zone_).date;
  if (!formatter) return iso8601(time).substr(0, 10);
  icu::UnicodeString text;
  const auto millis = static_cast<UDate>(time.time_since_epoch().count()) * 1000.0;
  formatter->format(millis, text);
  return to_utf8(text);
}

bool DateFormatter::right_to_left() const { return icu::Locale(locale_.c_str()).isRightToLeft(); }

bool DateFormatter::is_known_time_zone(const std::string& time_zone) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
  return *zone != icu::TimeZone::getUnknown();
}

}  // namespace byline::render
