#include "accounts/api_keys.hpp"

#include "accounts/accounts.hpp"
#include "temp_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace byline::accounts {
namespace {

using store::ApiKeyKind;

const content::Time kNow = content::Time(std::chrono::sys_days(std::chrono::December / 1 / 2026));

class ApiKeysTest : public ::testing::Test {
 protected:
  NewApiKey add(ApiKeyKind kind, std::string name) {
    auto made = add_api_key(*store_, kind, name, 0, kNow);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? *made : NewApiKey{};
  }

  testing::TempStore temp_{"api-keys-test"};
  const std::shared_ptr<store::Store>& store_ = temp_.store();
};

TEST_F(ApiKeysTest, KeysHaveTheShapesGhostsClientsCheck) {
  const NewApiKey content = add(ApiKeyKind::content, "Front end");
  EXPECT_TRUE(std::regex_match(content.key, std::regex("[0-9a-f]{26}"))) << content.key;
  const NewApiKey admin = add(ApiKeyKind::admin, "Publishing script");
  EXPECT_TRUE(std::regex_match(admin.key, std::regex("[0-9a-f]{24}:[0-9a-f]{64}"))) << admin.key;
  EXPECT_NE(add(ApiKeyKind::content, "Another").key, content.key);
}

TEST_F(ApiKeysTest, TheStoreKeepsNoContentKeyOnlyItsDigest) {
  const NewApiKey made = add(ApiKeyKind::content, "Front end");
  auto keys = store_->api_keys();
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  const store::ApiKey& kept = keys->front();
  EXPECT_EQ(kept.name, "Front end");
  EXPECT_EQ(kept.kind, ApiKeyKind::content);
  EXPECT_EQ(kept.hint, made.key.substr(0, 6));
  EXPECT_EQ(kept.lookup.find(made.key), std::string::npos);
  EXPECT_TRUE(kept.secret.empty());
  // Nor anywhere in the database file.
  temp_.close();
  std::string bytes;
  for (const auto& entry : std::filesystem::directory_iterator(temp_.dir())) {
    std::ifstream in(entry.path(), std::ios::binary);
    bytes += std::string(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_EQ(bytes.find(made.key), std::string::npos);
}

TEST_F(ApiKeysTest, AContentKeyOpensUntilItIsRevoked) {
  const NewApiKey made = add(ApiKeyKind::content, "Front end");
  const NewApiKey other = add(ApiKeyKind::content, "Mobile app");
  auto found = find_content_key(*store_, made.key);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, made.record.id);

  auto revoked = revoke_api_key(*store_, made.record.id, kNow);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->name, "Front end");
  EXPECT_FALSE(find_content_key(*store_, made.key)->has_value());
  // Revoking one leaves the others working.
  EXPECT_TRUE(find_content_key(*store_, other.key)->has_value());
  auto listed = store_->api_keys();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->at(0).revoked_at, kNow);
  EXPECT_FALSE(listed->at(1).revoked_at);
}

TEST_F(ApiKeysTest, WrongKeysOpenNothing) {
  const NewApiKey content = add(ApiKeyKind::content, "Front end");
  const NewApiKey admin = add(ApiKeyKind::admin, "Script");
  const std::string admin_id = admin.key.substr(0, 24);
  for (const std::string& wrong :
       {std::string(26, '0'), content.key.substr(0, 25), content.key + "0", std::string(), admin_id,
        std::string(content.key).replace(0, 1, "G"), std::string(content.key).replace(0, 1, "A")}) {
    EXPECT_FALSE(find_content_key(*store_, wrong)->has_value()) << wrong;
  }
  // A content key is no admin key, nor the other way round.
  EXPECT_FALSE(find_admin_key(*store_, content.key.substr(0, 24))->has_value());
  EXPECT_FALSE(find_content_key(*store_, admin.key)->has_value());
}

TEST_F(ApiKeysTest, AnAdminKeyIsFoundByItsIdWithTheSecretItsTokensAreSignedWith) {
  const NewApiKey admin = add(ApiKeyKind::admin, "Script");
  auto found = find_admin_key(*store_, admin.key.substr(0, 24));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->secret, admin.key.substr(25));
  ASSERT_TRUE(revoke_api_key(*store_, admin.record.id, kNow).ok());
  EXPECT_FALSE(find_admin_key(*store_, admin.key.substr(0, 24))->has_value());
}

TEST_F(ApiKeysTest, ANameIsOneLineOfAtMostAHundredCharacters) {
  EXPECT_EQ(add(ApiKeyKind::content, "  Mobile\napp  ").record.name, "Mobile app");
  EXPECT_EQ(add(ApiKeyKind::content, std::string(kMaxApiKeyNameCharacters, 'n')).record.name.size(),
            kMaxApiKeyNameCharacters);
  for (const std::string& bad :
       {std::string(), std::string("   "), std::string(kMaxApiKeyNameCharacters + 1, 'n')}) {
    auto made = add_api_key(*store_, ApiKeyKind::content, bad, 0, kNow);
    ASSERT_FALSE(made.ok()) << bad;
    EXPECT_EQ(made.error().code, ErrorCode::invalid_input);
  }
  // A hundred Persian letters are two hundred bytes, and still a hundred characters.
  std::string persian;
  for (std::size_t i = 0; i < kMaxApiKeyNameCharacters; ++i) persian += "خ";
  EXPECT_EQ(add(ApiKeyKind::content, persian).record.name, persian);
  EXPECT_FALSE(add_api_key(*store_, ApiKeyKind::content, persian + "خ", 0, kNow).ok());
  EXPECT_EQ(store_->api_keys()->size(), 3u);  // the refused ones made nothing
}

TEST_F(ApiKeysTest, RevokingTwiceOrAKeyThatIsNotThereSaysSo) {
  const NewApiKey made = add(ApiKeyKind::content, "Front end");
  ASSERT_TRUE(revoke_api_key(*store_, made.record.id, kNow).ok());
  auto again = revoke_api_key(*store_, made.record.id, kNow);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto missing = revoke_api_key(*store_, 999, kNow);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace byline::accounts
