// The access log: one line per request on standard output.
#pragma once

#include "http/message.hpp"

#include <chrono>
#include <string>

namespace byline::http {

// One access log line, without the newline:
// 2026-11-29T03:09:23Z 127.0.0.1 "GET /tag/iran/ HTTP/1.1" 200 5120 0.41ms id=3f2a-17
// Control characters and quotes in the target are escaped, so a request
// cannot forge log lines.
std::string format_access_log(const Request& request, int status, std::size_t body_bytes,
                              std::chrono::microseconds elapsed);

}  // namespace byline::http
