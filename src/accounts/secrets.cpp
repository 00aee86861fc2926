// libsodium behind the secrets API.
#include "accounts/secrets.hpp"

#include "common/cpus.hpp"
#include "common/work_gate.hpp"

#include <sodium.h>

#include <algorithm>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace byline::accounts {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

// Rule: argon2id work is bounded. A hash takes a core and 19 MiB for tens
// of milliseconds; at most half the cores hash at once and four more
// callers wait, and any beyond those are told to try again, so a burst of
// sign-ins can neither take every core nor pile up without end.
constexpr std::size_t kMaxWaitingForHash = 4;

WorkGate& hashing_gate() {
  static WorkGate gate(std::max(1, available_cpus() / 2), kMaxWaitingForHash);
  return gate;
}

Error too_busy() {
  Error error = make_error(ErrorCode::unavailable,
                           "Too many people are signing in at once; try again in a moment.",
                           "the password hashing gate is full");
  error.retry_after_seconds = 1;
  return error;
}

Result<std::string> hash_in_gate(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorCode::unavailable, "The password could not be stored; try again.",
                      "crypto_pwhash_str_alg ran out of memory");
  }
  return std::string(hash);
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace

Result<void> check_password(std::string_view password) {
  if (count_characters(password) < kMinPasswordLength) {
    return make_error(
        ErrorCode::invalid_input,
        "A password needs at least " + std::to_string(kMinPasswordLength) + " characters.");
  }
  if (password.size() > kMaxPasswordBytes) {
    return make_error(ErrorCode::invalid_input, "That password is too long.");
  }
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  const auto pass = hashing_gate().enter();
  if (!pass) return too_busy();
  return hash_in_gate(password);
}

Result<bool> verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  const auto pass = hashing_gate().enter();
  if (!pass) return too_busy();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
    // No usable hash (an account without a password): spend the same effort
    // as a real check, so timing does not tell which accounts exist.
    (void)hash_in_gate(password);
    return false;
  }
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string text(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                   '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  return text;
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string text(bytes * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), raw.data(), raw.size());
  text.pop_back();
  return text;
}

std::string token_digest(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  ensure_sodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

std::string to_hex(std::string_view bytes) {
  std::string text(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  text.pop_back();
  return text;
}

bool same_secret(std::string_view a, std::string_view b) {
  ensure_sodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace byline::accounts
