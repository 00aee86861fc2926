// Passwords and tokens, on libsodium: argon2id hashes, random tokens, and
// comparisons that take the same time whatever the input.
#pragma once

#include "common/result.hpp"

#include <string>
#include <string_view>

namespace byline::accounts {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Rule: a password is 10 characters or more (and at most 1024 bytes, to
// bound hashing work); anything else is the person's choice.
Result<void> check_password(std::string_view password);

// An argon2id hash in libsodium's string form ("$argon2id$v=19$m=...").
// Costs: 2 passes over 19 MiB, the OWASP recommendation for argon2id.
// At most half the cores hash at once and a few more callers wait their
// turn; past those, unavailable (with a retry-after) at once.
Result<std::string> hash_password(std::string_view password);

// True when `password` matches `hash`. Takes as long for a wrong password
// as for a right one. Waits for its turn to hash as hash_password does.
Result<bool> verify_password(std::string_view hash, std::string_view password);

// `bytes` random bytes as URL-safe base64 without padding (for cookies,
// CSRF tokens and setup links).
std::string random_token(std::size_t bytes = 32);

// `bytes` random bytes as lowercase hex (API keys, whose shapes Ghost's
// clients check).
std::string random_hex(std::size_t bytes);

// A one-way digest of a token, hex: what the Store keeps instead of the
// token, so a copy of the database opens no session.
std::string token_digest(std::string_view token);

// HMAC-SHA256 of `message` under `key`: 32 raw bytes (Admin API tokens,
// webhook signatures).
std::string hmac_sha256(std::string_view key, std::string_view message);

// Bytes as lowercase hex.
std::string to_hex(std::string_view bytes);

// Compares in time that depends only on the lengths.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace byline::accounts
