// Requests refused before they are parsed or handled: ones whose framing
// two programs could read differently (the stuff of request smuggling),
// and ones larger in form than any real browser sends. Every refusal here
// ends the connection after its answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace byline::http {

// Room for a 10,000-character search query, as the site search promises.
inline constexpr std::size_t kMaxTargetBytes = 12 * 1024;
inline constexpr std::size_t kMaxHeaderFields = 100;
// Real field names are words ("Content-Type", "Sec-Fetch-Dest"); a longer
// one is an attack on whatever stores them.
inline constexpr std::size_t kMaxFieldNameBytes = 256;
// A chunk extension names a parameter; nothing Byline serves uses one.
inline constexpr std::size_t kMaxChunkExtensionBytes = 1024;

struct Refusal {
  int status;
  std::string_view message;  // the plain-text body
};

// Checks a request's header as received, from the request line to the
// blank line (CRLF CRLF) included: obsolete line folding (400), a target
// longer than kMaxTargetBytes (414), more than kMaxHeaderFields fields or
// a field name longer than kMaxFieldNameBytes (431).
std::optional<Refusal> check_raw_header(std::string_view header);

// The answer to a header that grew past the size limit before it ended
// (`received` is what arrived): 414 while the request line itself is still
// unfinished and already longer than any target allowed, 431 otherwise.
Refusal refuse_oversized_header(std::string_view received);

// The framing fields of a parsed header, as sent.
struct Framing {
  unsigned version = 11;
  std::size_t content_length_fields = 0;
  std::string_view content_length;  // the value, when there is one field
  std::size_t transfer_encoding_fields = 0;
  std::string_view transfer_encoding;
  std::size_t host_fields = 0;
};

// Checks the framing: more than one Content-Length, or one that is not a
// plain number ("5, 5" included) (400); Transfer-Encoding other than a lone
// "chunked" (501); an HTTP/1.1 request without a Host, or any request with
// more than one (400).
std::optional<Refusal> check_framing(const Framing& framing);

}  // namespace byline::http
