// Staff sessions: signing in with email and password, recognising a signed-in
// person by their cookie, signing out, and changing a password.
#pragma once

#include "accounts/sign_in_throttle.hpp"
#include "common/result.hpp"
#include "content/model.hpp"
#include "store/store.hpp"

#include <chrono>
#include <memory>

namespace byline::accounts {

// A signed-in person and their session. `token` is the cookie's value; it
// is known only right after sign-in (the Store keeps its digest).
struct SignedIn {
  content::User user;
  store::Session session;
  std::string token;
};

class Sessions {
 public:
  static constexpr std::chrono::hours kDefaultLifetime{24 * 14};

  Sessions(std::shared_ptr<store::Store> store, std::chrono::seconds lifetime = kDefaultLifetime,
           SignInThrottle::Limits limits = {});

  // Checks the password and opens a session. Refusals:
  // - unauthorized, with the same message for an unknown email and a wrong
  //   password (and the same work done), so neither is revealed;
  // - rate_limited with retry_after_seconds after repeated failures.
  Result<SignedIn> sign_in(std::string_view email, std::string_view password,
                           const std::string& address, std::string_view user_agent, Time now);

  // The person a cookie token belongs to; empty when the token is unknown,
  // revoked or expired (an expired session is deleted).
  Result<std::optional<SignedIn>> authenticate(std::string_view token, Time now);

  Result<void> sign_out(std::string_view token);

  // Rule: changing a password needs the current one and ends every other
  // session of that person; the session it is done from stays.
  Result<void> change_password(const SignedIn& current, std::string_view old_password,
                               std::string_view new_password);

  // Opens a session for a person just created (the owner from the setup link).
  Result<SignedIn> open_session(const content::User& user, const std::string& address,
                                std::string_view user_agent, Time now);

  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  std::shared_ptr<store::Store> store_;
  std::chrono::seconds lifetime_;
  SignInThrottle throttle_;
};

}  // namespace byline::accounts
