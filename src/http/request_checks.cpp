// The checks of request_checks.hpp, on the bytes as sent.
#include "http/request_checks.hpp"

#include <cctype>

namespace byline::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// The longest request line a target of kMaxTargetBytes allows: a method,
// two spaces and "HTTP/1.1".
constexpr std::size_t kMaxRequestLineBytes = kMaxTargetBytes + 32;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_plain_number(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Refusal> check_raw_header(std::string_view header) {
  const auto request_line_end = header.find(kCrlf);
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
  if (request_line_end == std::string_view::npos) return std::nullopt;
  for (auto start = request_line_end + kCrlf.size(); start < header.size();) {
    auto end = header.find(kCrlf, start);
    if (end == std::string_view::npos) end = header.size();
    const std::string_view line = header.substr(start, end - start);
    start = end + kCrlf.size();
    if (line.empty()) break;  // the blank line that ends the header
    if (++fields > kMaxHeaderFields) return Refusal{431, "Too many request header fields.\n"};
    if (line.substr(0, line.find(':')).size() > kMaxFieldNameBytes) {
      return Refusal{431, "A request header field name is too long.\n"};
    }
  }
  return std::nullopt;
}

Refusal refuse_oversized_header(std::string_view received) {
  const auto request_line_end = received.find(kCrlf);
  if (request_line_end == std::string_view::npos && received.size() > kMaxRequestLineBytes) {
    return Refusal{414, "The address is too long.\n"};
  }
  return Refusal{431, "Request header fields too large.\n"};
}

std::optional<Refusal> check_framing(const Framing& framing) {
  if (framing.content_length_fields > 1) return Refusal{400, "Bad request: more than one Content-Length.\n"};
  // A list of equal lengths ("5, 5") is one more way two readers disagree.
  if (framing.content_length_fields == 1 && !is_plain_number(trim(framing.content_length))) {
    return Refusal{400, "Bad request: Content-Length is not a number.\n"};
  }
  if (framing.transfer_encoding_fields > 1) return Refusal{400, "Bad request: more than one Transfer-Encoding.\n"};
  if (framing.transfer_encoding_fields == 1 && !equals_ignoring_case(trim(framing.transfer_encoding), "chunked")) {
    return Refusal{501, "Only the chunked transfer coding is understood.\n"};
  }
  if (framing.host_fields > 1) return Refusal{400, "Bad request: more than one Host.\n"};
  if (framing.version >= 11 && framing.host_fields == 0) {
    return Refusal{400, "Bad request: an HTTP/1.1 request needs a Host.\n"};
  }
  return std::nullopt;
}

}  // namespace byline::http
