#include "api/admin_token.hpp"

#include "accounts/secrets.hpp"

#include <sodium.h>
#include <boost/json.hpp>

#include <algorithm>

namespace byline::api {
namespace {

namespace json = boost::json;

TokenRefusal invalid_token(std::string_view why) {
  return TokenRefusal{401, "Invalid token: " + std::string(why), "INVALID_JWT"};
}

TokenRefusal undecodable() { return TokenRefusal{400, "Invalid token", "INVALID_JWT"}; }

std::optional<std::string> from_base64url(std::string_view text) {
  std::string bytes(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string to_base64url(std::string_view bytes) {
  std::string text(
      sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  return text;
}

std::optional<std::string> from_hex(std::string_view hex) {
  std::string bytes(hex.size() / 2 + 1, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                     hex.size(), nullptr, &length, &end) != 0 ||
      end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::optional<json::object> json_object_of(std::string_view base64url) {
  const auto text = from_base64url(base64url);
  if (!text) return std::nullopt;
  boost::system::error_code error;
  json::value value = json::parse(*text, error);
  if (error || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

// Seconds since 1970 a claim may name: from then to far past any token's
// life, so that arithmetic on them cannot overflow.
constexpr std::int64_t kLatestClaim = std::int64_t{1} << 40;

// A NumericDate claim: seconds, which JSON may write as 1.7e9 too.
std::optional<std::int64_t> seconds_claim(const json::object& payload, std::string_view name,
                                          bool& malformed) {
  const json::value* value = payload.if_contains(name);
  if (!value) return std::nullopt;
  std::optional<std::int64_t> seconds;
  if (value->is_int64()) seconds = value->as_int64();
  if (value->is_uint64() && value->as_uint64() < static_cast<std::uint64_t>(kLatestClaim)) {
    seconds = static_cast<std::int64_t>(value->as_uint64());
  }
  if (value->is_double() && value->as_double() >= 0 &&
      value->as_double() < static_cast<double>(kLatestClaim)) {
    seconds = static_cast<std::int64_t>(value->as_double());
  }
  if (!seconds || *seconds < 0 || *seconds >= kLatestClaim) {
    malformed = true;
    return std::nullopt;
  }
  return seconds;
}

// "/v3/admin/" and "v3/admin" name the same API.
std::string_view without_slashes(std::string_view audience) {
  if (audience.starts_with('/')) audience.remove_prefix(1);
  if (audience.ends_with('/')) audience.remove_suffix(1);
  return audience;
}

}  // namespace

std::variant<AdminToken, TokenRefusal> read_admin_token(std::string_view authorization) {
  const auto space = authorization.find(' ');
  std::string scheme(authorization.substr(0, space));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string_view token =
      space == std::string_view::npos ? std::string_view() : authorization.substr(space + 1);
  if (scheme != "ghost" || token.empty()) {
    return TokenRefusal{401, "Authorization header format is \"Authorization: Ghost [token]\"",
                        "INVALID_AUTH_HEADER"};
  }
  if (token.size() > kMaxAdminTokenBytes) return undecodable();
  const auto first_dot = token.find('.');
  const auto second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != token.npos) {
    return undecodable();
  }
  const auto header = json_object_of(token.substr(0, first_dot));
  const auto payload = json_object_of(token.substr(first_dot + 1, second_dot - first_dot - 1));
  const auto signature = from_base64url(token.substr(second_dot + 1));
  if (!header || !payload || !signature) return undecodable();

  AdminToken read;
  const json::value* kid = header->if_contains("kid");
  if (!kid || !kid->is_string() || kid->as_string().empty()) {
    return TokenRefusal{400, "Admin API kid missing.", "MISSING_ADMIN_API_KID"};
  }
  read.key_id = std::string(kid->as_string());
  // Rule: HS256 only. A token that names another algorithm ("none" among
  // them) is refused before its signature is looked at.
  const json::value* alg = header->if_contains("alg");
  if (!alg || !alg->is_string() || alg->as_string() != "HS256") {
    return invalid_token("invalid algorithm");
  }
  bool malformed = false;
  read.issued_at = seconds_claim(*payload, "iat", malformed);
  read.expires_at = seconds_claim(*payload, "exp", malformed);
  read.not_before = seconds_claim(*payload, "nbf", malformed);
  if (malformed) return invalid_token("a time claim is not seconds since 1970");
  if (const json::value* aud = payload->if_contains("aud")) {
    if (aud->is_string()) {
      read.audiences.emplace_back(aud->as_string());
    } else if (aud->is_array()) {
      for (const json::value& one : aud->as_array()) {
        if (one.is_string()) read.audiences.emplace_back(one.as_string());
      }
    }
  }
  read.signed_part = std::string(token.substr(0, second_dot));
  read.signature = std::move(*signature);
  return read;
}

std::optional<TokenRefusal> check_admin_token(const AdminToken& token, std::string_view secret_hex,
                                              std::string_view audience, Time now) {
  const auto key = from_hex(secret_hex);
  if (!key || key->empty()) return invalid_token("the key has no usable secret");
  const std::string expected = accounts::hmac_sha256(*key, token.signed_part);
  if (token.signature.size() != expected.size() ||
      sodium_memcmp(token.signature.data(), expected.data(), expected.size()) != 0) {
    return invalid_token("invalid signature");
  }
  if (std::none_of(token.audiences.begin(), token.audiences.end(),
                   [&](const std::string& aud) { return without_slashes(aud) == audience; })) {
    return invalid_token("jwt audience invalid. expected: /" + std::string(audience) + "/");
  }
  const std::int64_t seconds = now.time_since_epoch().count();
  // Rule: five minutes from its making, whatever its "exp" says; so a
  // token must say when it was made.
  if (!token.issued_at) return invalid_token("iat required when maxAge is specified");
  if (*token.issued_at > seconds + kAdminTokenClockSkew.count()) {
    return invalid_token("jwt issued in the future");
  }
  // Checked in jsonwebtoken's order, so the reason given is the one a
  // client's own library would give.
  if (token.expires_at && seconds >= *token.expires_at) return invalid_token("jwt expired");
  if (seconds - *token.issued_at > kAdminTokenLifetime.count()) {
    return invalid_token("maxAge exceeded");
  }
  if (token.not_before && *token.not_before > seconds + kAdminTokenClockSkew.count()) {
    return invalid_token("jwt not active");
  }
  return std::nullopt;
}

std::string sign_admin_token(std::string_view key_id, std::string_view secret_hex,
                             std::string_view audience, std::int64_t issued_at,
                             std::int64_t expires_at) {
  const json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", key_id}};
  const json::object payload{{"iat", issued_at}, {"exp", expires_at}, {"aud", audience}};
  const std::string signed_part =
      to_base64url(json::serialize(header)) + "." + to_base64url(json::serialize(payload));
  return signed_part + "." +
         to_base64url(accounts::hmac_sha256(from_hex(secret_hex).value_or(""), signed_part));
}

}  // namespace byline::api
