#include "api/admin_token.hpp"

#include <gtest/gtest.h>

namespace byline::api {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kKeyId = "5be0bb12e5e7fa489541c731";
constexpr std::string_view kSecret =
    "4434a0e218af63ec212cfdd6b3590473adebb882da033b968d802251c3080b9b";
constexpr std::int64_t kIssued = 1796194800;
const Time kIssuedAt = Time(std::chrono::seconds(kIssued));

// Made by jsonwebtoken 9.0.3 as @tryghost/admin-api 1.14 calls it:
// jwt.sign({iat}, Buffer.from(secret, 'hex'), {keyid, algorithm: 'HS256',
// expiresIn: '5m', audience}).
constexpr std::string_view kSdkToken =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjViZTBiYjEyZTVlN2ZhNDg5NTQxYzczMSJ9."
    "eyJpYXQiOjE3OTYxOTQ4MDAsImV4cCI6MTc5NjE5NTEwMCwiYXVkIjoiL2FkbWluLyJ9."
    "LRfwOo5rp6Xq4ZB26ss6M4fvZFd5nVTNMdAuPwscPjo";
constexpr std::string_view kSdkTokenForV3 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjViZTBiYjEyZTVlN2ZhNDg5NTQxYzczMSJ9."
    "eyJpYXQiOjE3OTYxOTQ4MDAsImV4cCI6MTc5NjE5NTEwMCwiYXVkIjoiL3YzL2FkbWluLyJ9."
    "V-Gphnvj5PF3ZoGUdfMeAJJ3lviVo3zILdvpw0eXGDI";
// The same, signed with the secret's hex text instead of its bytes: the
// mistake hand-rolled clients make.
constexpr std::string_view kSignedWithHexText =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjViZTBiYjEyZTVlN2ZhNDg5NTQxYzczMSJ9."
    "eyJpYXQiOjE3OTYxOTQ4MDAsImV4cCI6MTc5NjE5NTEwMCwiYXVkIjoiL2FkbWluLyJ9."
    "0_N4jc4Yi_fzbZVpFDbAwZcvDTvCWs7MiInjXDMamQ0";

AdminToken read(std::string_view token, std::string_view scheme = "Ghost ") {
  auto read = read_admin_token(std::string(scheme) + std::string(token));
  EXPECT_TRUE(std::holds_alternative<AdminToken>(read)) << std::get<TokenRefusal>(read).message;
  return std::holds_alternative<AdminToken>(read) ? std::get<AdminToken>(read) : AdminToken{};
}

TokenRefusal refusal_of(std::string_view authorization) {
  auto read = read_admin_token(authorization);
  EXPECT_TRUE(std::holds_alternative<TokenRefusal>(read)) << authorization;
  return std::holds_alternative<TokenRefusal>(read) ? std::get<TokenRefusal>(read) : TokenRefusal{};
}

std::string reason(const AdminToken& token, std::string_view audience, Time now,
                   std::string_view secret = kSecret) {
  auto refused = check_admin_token(token, secret, audience, now);
  return refused ? refused->message : "";
}

TEST(AdminToken, TakesWhatGhostsAdminClientSignsForTheApiItsPathIsFor) {
  const AdminToken token = read(kSdkToken);
  EXPECT_EQ(token.key_id, kKeyId);
  EXPECT_EQ(reason(token, "admin", kIssuedAt + 10s), "");
  EXPECT_EQ(reason(read(kSdkToken, "ghost "), "admin", kIssuedAt), "") << "the scheme's case";
  EXPECT_EQ(reason(read(kSdkTokenForV3), "v3/admin", kIssuedAt), "");
  EXPECT_EQ(reason(token, "v3/admin", kIssuedAt),
            "Invalid token: jwt audience invalid. expected: /v3/admin/");
  EXPECT_EQ(reason(read(kSdkTokenForV3), "admin", kIssuedAt),
            "Invalid token: jwt audience invalid. expected: /admin/");
  EXPECT_EQ(reason(token, "content", kIssuedAt),
            "Invalid token: jwt audience invalid. expected: /content/");
}

TEST(AdminToken, IsGoodForFiveMinutesFromItsMakingAndNoLonger) {
  const AdminToken token = read(kSdkToken);
  EXPECT_EQ(reason(token, "admin", kIssuedAt + 299s), "");
  EXPECT_EQ(reason(token, "admin", kIssuedAt + 300s), "Invalid token: jwt expired");
  // Its own expiry far away does not make it last longer.
  const AdminToken long_lived =
      read(sign_admin_token(kKeyId, kSecret, "/admin/", kIssued, kIssued + 86400));
  EXPECT_EQ(reason(long_lived, "admin", kIssuedAt + 301s), "Invalid token: maxAge exceeded");
  // A client's clock may run a minute ahead of Byline's, not more.
  EXPECT_EQ(reason(token, "admin", kIssuedAt - 60s), "");
  EXPECT_EQ(reason(token, "admin", kIssuedAt - 61s), "Invalid token: jwt issued in the future");
  // A time no clock shows is no time: {"iat": -9223372036854775807, "aud": "/admin/"}.
  const std::string ancient =
      "Ghost eyJhbGciOiJIUzI1NiIsImtpZCI6IjViZTBiYjEyZTVlN2ZhNDg5NTQxYzczMSJ9."
      "eyJpYXQiOi05MjIzMzcyMDM2ODU0Nzc1ODA3LCJhdWQiOiIvYWRtaW4vIn0.c2ln";
  EXPECT_EQ(refusal_of(ancient).message, "Invalid token: a time claim is not seconds since 1970");
  // A token that does not say when it was made cannot be aged.
  AdminToken ageless = token;
  ageless.issued_at.reset();
  EXPECT_EQ(reason(ageless, "admin", kIssuedAt),
            "Invalid token: iat required when maxAge is specified");
}

TEST(AdminToken, RefusesAnySignatureButTheOneTheSecretsBytesMake) {
  EXPECT_EQ(reason(read(kSignedWithHexText), "admin", kIssuedAt),
            "Invalid token: invalid signature");
  const std::string other_secret(64, 'a');
  EXPECT_EQ(reason(read(kSdkToken), "admin", kIssuedAt, other_secret),
            "Invalid token: invalid signature");
  // A payload changed after signing.
  const std::string signed_for_v3(kSdkTokenForV3);
  const std::string forged =
      std::string(kSdkToken.substr(0, kSdkToken.find('.') + 1)) +
      signed_for_v3.substr(signed_for_v3.find('.') + 1,
                           signed_for_v3.rfind('.') - signed_for_v3.find('.')) +
      std::string(kSdkToken.substr(kSdkToken.rfind('.') + 1));
  EXPECT_EQ(reason(read(forged), "v3/admin", kIssuedAt), "Invalid token: invalid signature");
  // What Byline signs, Byline takes: the helper tests and tools use.
  EXPECT_EQ(reason(read(sign_admin_token(kKeyId, kSecret, "/admin/", kIssued, kIssued + 300)),
                   "admin", kIssuedAt),
            "");
}

TEST(AdminToken, SaysWhatIsWrongWithATokenItCannotRead) {
  EXPECT_EQ(refusal_of("Bearer x.y.z").code, "INVALID_AUTH_HEADER");
  EXPECT_EQ(refusal_of("Ghost").code, "INVALID_AUTH_HEADER");
  EXPECT_EQ(refusal_of("Ghost ").status, 401);
  for (const std::string_view broken :
       {"Ghost not-a-token", "Ghost a.b", "Ghost a.b.c.d", "Ghost !!!.???.***",
        "Ghost eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln"}) {
    const TokenRefusal refused = refusal_of(broken);
    EXPECT_EQ(refused.status, 400) << broken;
    EXPECT_EQ(refused.code, "INVALID_JWT") << broken;
  }
  EXPECT_EQ(refusal_of("Ghost " + std::string(kMaxAdminTokenBytes, 'a')).code, "INVALID_JWT");
  // {"alg":"HS256","typ":"JWT"}: no key named.
  const TokenRefusal no_kid = refusal_of("Ghost eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln");
  EXPECT_EQ(no_kid.status, 400);
  EXPECT_EQ(no_kid.code, "MISSING_ADMIN_API_KID");
  // {"alg":"none","kid":"5be0bb12e5e7fa489541c731"}: refused, signed or not,
  // before any key is looked up.
  for (const std::string_view signature : {"", "c2ln"}) {
    const TokenRefusal unsigned_token = refusal_of(
        "Ghost eyJhbGciOiJub25lIiwia2lkIjoiNWJlMGJiMTJlNWU3ZmE0ODk1NDFjNzMxIn0."
        "eyJpYXQiOjE3OTYxOTQ4MDAsImF1ZCI6Ii9hZG1pbi8ifQ." +
        std::string(signature));
    EXPECT_EQ(unsigned_token.status, 401);
    EXPECT_EQ(unsigned_token.message, "Invalid token: invalid algorithm");
  }
}

}  // namespace
}  // namespace byline::api
