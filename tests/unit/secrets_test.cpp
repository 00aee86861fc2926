#include "accounts/secrets.hpp"

#include <gtest/gtest.h>

#include <set>

namespace byline::accounts {
namespace {

TEST(Passwords, HashWithArgon2idAndVerify) {
  auto hash = hash_password("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(*verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(*verify_password(*hash, "correct horse batterY"));
  EXPECT_FALSE(*verify_password(*hash, ""));
}

TEST(Passwords, SaltEveryHash) {
  EXPECT_NE(*hash_password("same password"), *hash_password("same password"));
}

TEST(Passwords, NeverMatchAnAccountWithoutAPassword) {
  EXPECT_FALSE(*verify_password("", ""));
  EXPECT_FALSE(*verify_password("", "anything at all"));
}

TEST(Passwords, NeedTenCharactersCountedAsCharacters) {
  EXPECT_FALSE(check_password("123456789").ok());
  EXPECT_TRUE(check_password("1234567890").ok());
  EXPECT_TRUE(check_password("رمزعبورامن").ok());  // 10 Persian letters, 20 bytes
  EXPECT_FALSE(check_password(std::string(kMaxPasswordBytes + 1, 'a')).ok());
}

TEST(Tokens, AreRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = random_token();
    EXPECT_EQ(token.size(), 43u);  // 32 bytes in unpadded base64
    EXPECT_EQ(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Tokens, HaveAStableDigestThatHidesThem) {
  const std::string token = random_token();
  EXPECT_EQ(token_digest(token), token_digest(token));
  EXPECT_NE(token_digest(token), token_digest(token + "x"));
  EXPECT_EQ(token_digest(token).size(), 64u);
  EXPECT_EQ(token_digest(token).find(token), std::string::npos);
}

TEST(Secrets, CompareByValue) {
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abc", "abd"));
  EXPECT_FALSE(same_secret("abc", "abcd"));
}

TEST(Secrets, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace byline::accounts
