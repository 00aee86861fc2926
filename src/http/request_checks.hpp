// Requests refused before they are parsed or handled: ones whose framing
// two programs could read differently (the stuff of request smuggling),
// and ones larger in form than any real browser sends.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace byline::http {

// Room for a 10,000-character search query, as the site search promises.
inline constexpr std::size_t kMaxTargetBytes = 12 * 1024;
inline constexpr std::size_t kMaxHeaderFields = 100;

struct Refusal {
  int status;
  std::string_view message;  // the plain-text body
};

// Checks a request's header as received, from the request line to the
// blank line (CRLF CRLF) included: obsolete line folding (400), a target
// longer than kMaxTargetBytes (414), more than kMaxHeaderFields fields (431).
std::optional<Refusal> check_raw_header(std::string_view header);

// Checks the framing fields once parsed: more than one Content-Length
// (400, even with equal values), Transfer-Encoding other than a lone
// "chunked" (501), and an HTTP/1.1 request without Host (400).
std::optional<Refusal> check_framing(unsigned version, std::size_t content_length_fields,
                                     std::size_t transfer_encoding_fields, std::string_view transfer_encoding,
                                     bool has_host);

}  // namespace byline::http
