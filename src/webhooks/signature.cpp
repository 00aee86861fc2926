#include "webhooks/signature.hpp"

#include "accounts/secrets.hpp"

namespace byline::webhooks {

std::string signature(std::string_view secret, std::string_view body, std::int64_t unix_millis) {
  const std::string stamp = std::to_string(unix_millis);
  std::string message(body);
  message += stamp;
  return "sha256=" + accounts::to_hex(accounts::hmac_sha256(secret, message)) + ", t=" + stamp;
}

}  // namespace byline::webhooks
