// Time as Byline stores it (UTC seconds) and writes it for machines.
#pragma once

#include <chrono>
#include <string>

namespace byline {

using Time = std::chrono::sys_seconds;  // always UTC

// The current time, to the second.
Time now_utc();

// "2026-11-29T03:09:23Z": for <time datetime>, logs, feeds and APIs.
std::string iso8601(Time time);

}  // namespace byline
