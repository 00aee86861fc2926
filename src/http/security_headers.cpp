// Secure by default: the reader site loads nothing from other origins.
#include "http/security_headers.hpp"

namespace byline::http {

void add_security_headers(Response& response) {
  static constexpr std::pair<std::string_view, std::string_view> kDefaults[] = {
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "strict-origin-when-cross-origin"},
      {"X-Frame-Options", "SAMEORIGIN"},
  };
  for (const auto& [name, value] : kDefaults) {
    if (response.header(name).empty()) response.set_header(name, value);
  }
}

}  // namespace byline::http
