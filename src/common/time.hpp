// Time as Byline stores it (UTC seconds) and writes it for machines.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace byline {

using Time = std::chrono::sys_seconds;  // always UTC

// The current time, to the second.
Time now_utc();

// "2026-11-29T03:09:23Z": for <time datetime>, logs, feeds and APIs.
std::string iso8601(Time time);

// `time` in UTC as strftime `format` writes it (at most 63 bytes).
std::string format_utc(Time time, const char* format);

// "Sun, 29 Nov 2026 03:09:23 GMT": HTTP's dates (Last-Modified, ...).
std::string http_date(Time time);
// The time in an HTTP date written as http_date() writes it; nullopt for
// anything else (HTTP's obsolete formats included).
std::optional<Time> parse_http_date(std::string_view text);

}  // namespace byline
