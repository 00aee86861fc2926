// Checks and rules applied to every handled answer by the server.
#include "http/response_checks.hpp"

namespace byline::http {
namespace {

// RFC 9110's tchar.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_safe_value(std::string_view value) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) return false;
  }
  return true;
}

bool is_token(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> unsafe_header(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (is_token(name) && is_safe_value(value)) continue;
    // Named for the log, with anything that is not a token character shown as '?'.
    std::string shown = name.substr(0, 64);
    for (char& c : shown) {
      if (!is_token_char(c)) c = '?';
    }
    return shown;
  }
  return std::nullopt;
}

void make_private(Response& response) {
  const bool immutable =
      response.header("cache-control").find("immutable") != std::string_view::npos;
  response.set_header("Cache-Control",
                      immutable ? "private, max-age=31536000, immutable" : "private, no-store");
}

}  // namespace byline::http
