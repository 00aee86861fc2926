// The access log: one line per request on standard output.
#pragma once


#include <chrono>
#include <string>
#include <string_view>

namespace byline::http {

// One access log line, without the newline:
// 2026-11-29T03:09:23Z 127.0.0.1 "GET /tag/iran/ HTTP/1.1" 200 5120 0.41ms id=3f2a-17
// Control characters and quotes in the target are escaped, so a request
// cannot forge log lines.
std::string format_access_log(std::string_view remote_address, std::string_view method, std::string_view target,
                              std::string_view request_id, int status, std::size_t body_bytes,
                              std::chrono::microseconds elapsed);

}  // namespace byline::http
