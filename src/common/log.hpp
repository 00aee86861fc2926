// Byline's log: lines on standard output (access log, errors, notable events).
#pragma once

#include <string>

namespace byline {

// Writes `line` and a newline to standard output in one call, so lines from
// different threads never interleave.
void log_line(const std::string& line);

}  // namespace byline
