// Sign-in, session lookup, sign-out and password changes.
#include "accounts/sessions.hpp"

#include "accounts/accounts.hpp"
#include "accounts/secrets.hpp"

namespace byline::accounts {
namespace {

constexpr std::size_t kMaxUserAgentBytes = 256;

Error no_match() {
  return make_error(ErrorCode::unauthorized, "That email and password do not match an account.");
}

}  // namespace

Sessions::Sessions(std::shared_ptr<store::Store> store, std::chrono::seconds lifetime,
                   SignInThrottle::Limits limits)
    : store_(std::move(store)), lifetime_(lifetime), throttle_(limits) {}

Result<SignedIn> Sessions::sign_in(std::string_view email, std::string_view password,
                                   const std::string& address, std::string_view user_agent,
                                   Time now) {
  const std::string account = normalize_email(email).value_or(std::string(email));
  if (const auto wait = throttle_.wait_before_attempt(account, address, now); wait.count() > 0) {
    Error error = make_error(ErrorCode::rate_limited,
                             "Too many failed sign-ins. Wait a few minutes, then try again.");
    error.retry_after_seconds = static_cast<int>(wait.count());
    return error;
  }

  auto user = store_->user_by_email(account);
  BYLINE_TRY(user);
  std::string hash;
  if (*user) {
    auto stored = store_->password_hash((*user)->id);
    BYLINE_TRY(stored);
    hash = std::move(*stored);
  }
  // verify_password does a full hash even without an account.
  auto matches = verify_password(hash, password);
  BYLINE_TRY(matches);
  if (!*matches || !*user) {
    throttle_.record_failure(account, address, now);
    return no_match();
  }
  throttle_.record_success(account, address);
  return open_session(**user, address, user_agent, now);
}

Result<SignedIn> Sessions::open_session(const content::User& user, const std::string& address,
                                        std::string_view user_agent, Time now) {
  SignedIn signed_in{user, {}, random_token()};
  store::Session& session = signed_in.session;
  session.token_digest = token_digest(signed_in.token);
  session.user_id = user.id;
  session.csrf_token = random_token();
  session.created_at = now;
  session.expires_at = now + lifetime_;
  session.address = address;
  session.user_agent = std::string(user_agent.substr(0, kMaxUserAgentBytes));
  BYLINE_TRY(store_->create_session(session));
  return signed_in;
}

Result<std::optional<SignedIn>> Sessions::authenticate(std::string_view token, Time now) {
  if (token.empty() || token.size() > 128) return std::optional<SignedIn>{};
  auto session = store_->session_by_digest(token_digest(token));
  BYLINE_TRY(session);
  if (!*session) return std::optional<SignedIn>{};
  if ((*session)->expires_at <= now) {
    BYLINE_TRY(store_->delete_session((*session)->token_digest));
    return std::optional<SignedIn>{};
  }
  auto user = store_->user_by_id((*session)->user_id);
  BYLINE_TRY(user);
  if (!*user) return std::optional<SignedIn>{};
  return std::optional<SignedIn>{SignedIn{std::move(**user), std::move(**session), std::string(token)}};
}

Result<void> Sessions::sign_out(std::string_view token) {
  return store_->delete_session(token_digest(token));
}

Result<void> Sessions::change_password(const SignedIn& current, std::string_view old_password,
                                       std::string_view new_password) {
  auto hash = store_->password_hash(current.user.id);
  BYLINE_TRY(hash);
  auto matches = verify_password(*hash, old_password);
  BYLINE_TRY(matches);
  if (!*matches) return make_error(ErrorCode::invalid_input, "The current password is not right.");
  BYLINE_TRY(check_password(new_password));
  auto new_hash = hash_password(new_password);
  BYLINE_TRY(new_hash);
  BYLINE_TRY(store_->set_password_hash(current.user.id, *new_hash));
  return store_->delete_sessions_of_user(current.user.id, current.session.token_digest);
}

}  // namespace byline::accounts
