// UTC clock and ISO 8601 formatting.
#include "common/time.hpp"

#include <ctime>

namespace byline {

Time now_utc() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string format_utc(Time time, const char* format) {
  const std::time_t seconds = time.time_since_epoch().count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

namespace {

constexpr const char* kHttpDate = "%a, %d %b %Y %H:%M:%S GMT";

}  // namespace

std::string iso8601(Time time) { return format_utc(time, "%Y-%m-%dT%H:%M:%SZ"); }

std::string http_date(Time time) { return format_utc(time, kHttpDate); }

std::optional<Time> parse_http_date(std::string_view text) {
  if (text.size() != 29) return std::nullopt;  // "Sun, 29 Nov 2026 03:09:23 GMT"
  const std::string copy(text);
  std::tm utc{};
  const char* end = strptime(copy.c_str(), kHttpDate, &utc);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return Time(std::chrono::seconds(timegm(&utc)));
}

}  // namespace byline
