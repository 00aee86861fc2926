// Byline's log: lines on standard output (access log, errors, notable events).
// Lines are handed to one writer thread, so a request never waits for the
// terminal, a pipe or the journal: whatever reads standard output may be
// slow, or stop reading altogether, and the site keeps answering. What is
// queued is written at exit, unless standard output has stalled for a few
// seconds.
#pragma once

#include <string>

namespace byline {

// Queues `line` for standard output. Lines from different threads never
// interleave and keep their order. When the queue is full this waits: these
// lines (errors, start and stop) are never dropped.
void log_line(const std::string& line);

// Queues one access-log line. When the queue is full the line is dropped and
// counted; the count is logged once standard output keeps up again.
void log_access_line(const std::string& line);

}  // namespace byline
