// Small checks every newsroom handler makes on a request. Internal to
// newsroom/.
#pragma once

#include "accounts/secrets.hpp"
#include "common/json.hpp"
#include "http/errors.hpp"
#include "accounts/sessions.hpp"
#include "http/form.hpp"
#include "http/message.hpp"

#include <charconv>
#include <optional>
#include <string_view>

namespace byline::newsroom {

inline http::Response see_other(std::string_view location) {
  return http::Response::redirect(303, location);
}

// A whole non-negative number from a route or a form, written the one way
// Byline writes it ("12"); nullopt for anything else ("12a", "", "-1", and
// "012", so that one post has one address).
inline std::optional<long long> number_in(std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  return value;
}

inline bool is_form(const http::Request& request) {
  return request.header("content-type").starts_with("application/x-www-form-urlencoded");
}

// A signed-in person's form carries their session's CSRF token.
inline bool session_token_matches(const http::Form& form, const accounts::SignedIn& me) {
  return accounts::same_secret(form.get("_csrf"), me.session.csrf_token);
}

// Answers for the editor's background requests (uploads, autosave).
inline http::Response json_response(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

inline http::Response json_error(const Error& error) {
  return json_response(http::status_for(error.code), "{\"error\":" + json_quote(error.message) + "}\n");
}

}  // namespace byline::newsroom
