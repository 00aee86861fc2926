// Small checks every newsroom handler makes on a request. Internal to
// newsroom/.
#pragma once

#include "accounts/secrets.hpp"
#include "accounts/sessions.hpp"
#include "http/form.hpp"
#include "http/message.hpp"

#include <string_view>

namespace byline::newsroom {

inline http::Response see_other(std::string_view location) {
  return http::Response::redirect(303, location);
}

inline bool is_form(const http::Request& request) {
  return request.header("content-type").starts_with("application/x-www-form-urlencoded");
}

// A signed-in person's form carries their session's CSRF token.
inline bool session_token_matches(const http::Form& form, const accounts::SignedIn& me) {
  return accounts::same_secret(form.get("_csrf"), me.session.csrf_token);
}

}  // namespace byline::newsroom
