// The tokens Ghost's Admin API clients sign: a JWT (HS256) in
// "Authorization: Ghost <token>", whose header names the admin key by its
// id ("kid") and whose payload says which API it is for ("aud": "/admin/",
// or "/v3/admin/" for a versioned path) and when it was made ("iat"). The
// signing key is the hex-decoded bytes of the key's secret. A token is good
// for five minutes from its making.
#pragma once

#include "common/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace byline::api {

inline constexpr std::size_t kMaxAdminTokenBytes = 4096;
inline constexpr std::chrono::seconds kAdminTokenLifetime{300};
// How far ahead of Byline's clock a client's may run.
inline constexpr std::chrono::seconds kAdminTokenClockSkew{60};

// Why a token is refused, as Ghost says it: a status, a message and a code
// ("INVALID_JWT").
struct TokenRefusal {
  int status = 401;
  std::string message;
  std::string code;
};

// A token read but not yet checked: which key signed it, and what to check.
struct AdminToken {
  std::string key_id;
  std::string signed_part;                 // "header.payload", what the signature covers
  std::string signature;                   // its bytes
  std::vector<std::string> audiences;      // the payload's "aud": one, or a list
  std::optional<std::int64_t> issued_at;   // "iat", seconds
  std::optional<std::int64_t> expires_at;  // "exp", seconds
  std::optional<std::int64_t> not_before;  // "nbf", seconds
};

// Reads the token in an Authorization header's value. No header at all is
// not this function's case: the caller refuses it as Ghost does (403).
std::variant<AdminToken, TokenRefusal> read_admin_token(std::string_view authorization);

// Whether `token` was signed with `secret_hex`, for the API at `audience`
// ("admin" or "v3/admin": the request path's family), and is good at `now`.
std::optional<TokenRefusal> check_admin_token(const AdminToken& token, std::string_view secret_hex,
                                              std::string_view audience, Time now);

// A token as Ghost's clients make one, for tests and tools: signed with
// `secret_hex` for `audience` ("/admin/"), made at `issued_at`, good until
// `expires_at`.
std::string sign_admin_token(std::string_view key_id, std::string_view secret_hex,
                             std::string_view audience, std::int64_t issued_at,
                             std::int64_t expires_at);

}  // namespace byline::api
