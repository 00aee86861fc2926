// Dates as readers see them: "4 hours ago", "November 28, 2026", in the
// site's language and time zone (ICU), and as machines read them (ISO 8601).
#pragma once

#include "common/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace byline::render {

// Formats times for one locale ("en", "fa-IR") and IANA time zone
// ("Asia/Tehran"). Cheap to copy; safe to use from any thread.
class DateFormatter {
 public:
  DateFormatter(std::string locale, std::string time_zone);

  // How long before `now` `then` was, in the largest whole unit:
  // "now", "5 minutes ago", "4 hours ago", "1 day ago", "3 weeks ago".
  // Rule: whole units, rounded down, so "1 day ago" covers 24 to 47 hours.
  std::string relative(Time then, Time now) const;
  // The first moment after `now` at which relative(then, ·) reads
  // differently: "4 hours ago" becomes "5 hours ago" at then + 5 h.
  static Time relative_changes_at(Time then, Time now);

  // The calendar date in the site's time zone: "November 28, 2026".
  std::string date(Time time) const;

  // "2026-11-29T14:30" or "2026-11-29T14:30:15" (an <input
  // type="datetime-local"> value), read as a wall-clock time in the site's
  // time zone; nullopt when malformed.
  std::optional<Time> parse_local(std::string_view text) const;
  // The same form for `time`, in the site's time zone.
  std::string format_local(Time time) const;

  // "2026-11-29T18:00:15.000+03:30": ISO 8601 in the site's time zone,
  // with milliseconds and the zone's offset at that moment (the Ghost
  // Content API's dates).
  std::string iso8601_with_offset(Time time) const;

  // True when the locale is written right to left (Persian, Arabic, Hebrew).
  bool right_to_left() const;

  const std::string& locale() const { return locale_; }
  const std::string& time_zone() const { return time_zone_; }

  // True when ICU knows `time_zone` as an IANA zone name.
  static bool is_known_time_zone(const std::string& time_zone);

 private:
  std::string locale_;
  std::string time_zone_;
};

}  // namespace byline::render
