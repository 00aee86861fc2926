#include "http/request_checks.hpp"

#include <cctype>

namespace byline::http {

std::optional<Refusal> check_raw_header(std::string_view header) {
  const auto request_line_end = header.find("\r\n");
  const std::string_view request_line = header.substr(0, request_line_end);
  const auto target_start = request_line.find(' ');
  const auto target_end = request_line.rfind(' ');
  if (target_start != std::string_view::npos && target_end > target_start &&
      target_end - target_start - 1 > kMaxTargetBytes) {
    return Refusal{414, "The address is too long.\n"};
  }
  // A field line that starts with a space or tab continues the one before
  // (obsolete folding): proxies disagree on what it means.
  if (header.find("\r\n ") != std::string_view::npos || header.find("\r\n\t") != std::string_view::npos) {
    return Refusal{400, "Bad request: folded header lines are not accepted.\n"};
  }
  std::size_t fields = 0;
  for (auto at = header.find("\r\n"); at != std::string_view::npos; at = header.find("\r\n", at + 2)) ++fields;
  // The request line and the blank line end in CRLF too.
  if (fields > kMaxHeaderFields + 2) return Refusal{431, "Too many request header fields.\n"};
  return std::nullopt;
}

std::optional<Refusal> check_framing(unsigned version, std::size_t content_length_fields,
                                     std::size_t transfer_encoding_fields, std::string_view transfer_encoding,
                                     bool has_host) {
  if (content_length_fields > 1) return Refusal{400, "Bad request: more than one Content-Length.\n"};
  if (transfer_encoding_fields > 1) return Refusal{400, "Bad request: more than one Transfer-Encoding.\n"};
  if (transfer_encoding_fields == 1) {
    std::string_view coding = transfer_encoding;
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    bool chunked = coding.size() == 7;
    for (std::size_t i = 0; chunked && i < 7; ++i) {
      chunked = std::tolower(static_cast<unsigned char>(coding[i])) == "chunked"[i];
    }
    if (!chunked) return Refusal{501, "Only the chunked transfer coding is understood.\n"};
  }
  if (version >= 11 && !has_host) return Refusal{400, "Bad request: an HTTP/1.1 request needs a Host.\n"};
  return std::nullopt;
}

}  // namespace byline::http
