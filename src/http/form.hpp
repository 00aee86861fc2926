// Reading what browsers send: form bodies and query strings
// (application/x-www-form-urlencoded), and cookies.
#pragma once

#include "http/message.hpp"
#include "http/percent_encoding.hpp"  // url_encode, for building links

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline::http {

class Form {
 public:
  // Parses "a=1&b=two+words&c=%C3%A9". Broken escapes are kept as typed;
  // fields past `max_fields` are ignored. Names and values come out as
  // clean_text: invalid UTF-8 becomes U+FFFD, control characters go.
  static Form parse(std::string_view encoded, std::size_t max_fields = 1000);

  // The first value of `name`, or "" when absent.
  const std::string& get(std::string_view name) const;
  // Every value of `name`, in order (repeated fields, multi-selects).
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name) const;
  // Every field, in the order sent.
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The value of cookie `name` in the request's Cookie header, or "".
std::string_view cookie(const Request& request, std::string_view name);

// The value of cookie `name` in one Cookie header's value ("a=1; b=2"),
// or nullopt when it is not named there.
std::optional<std::string_view> find_cookie(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  std::string path = "/";
  long max_age_seconds = -1;  // -1: until the browser closes; 0: delete now
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};

// A Set-Cookie header value. `value` must be a cookie-safe token (Byline's
// values are base64url).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace byline::http
