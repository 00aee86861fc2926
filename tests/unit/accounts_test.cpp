#include "accounts/accounts.hpp"

#include "accounts/secrets.hpp"
#include "temp_store.hpp"

#include <gtest/gtest.h>

namespace byline::accounts {
namespace {

using content::Role;

class AccountsTest : public ::testing::Test {
 protected:
  content::User add(std::string email, std::string name, Role role) {
    auto user =
        add_account(*store_, {std::move(email), std::move(name), role, "a long enough secret"});
    EXPECT_TRUE(user.ok()) << (user.ok() ? "" : user.error().message);
    return user.ok() ? *user : content::User{};
  }

  testing::TempStore temp_{"accounts-test"};
  const std::shared_ptr<store::Store>& store_ = temp_.store();
};

TEST(Email, IsTrimmedLowerCasedAndChecked) {
  EXPECT_EQ(normalize_email("  Emad@Example.COM "), "emad@example.com");
  EXPECT_FALSE(normalize_email("no-at-sign.example.com"));
  EXPECT_FALSE(normalize_email("@example.com"));
  EXPECT_FALSE(normalize_email("a@b@example.com"));
  EXPECT_FALSE(normalize_email("a@localhost"));
  EXPECT_FALSE(normalize_email("a b@example.com"));
  EXPECT_FALSE(normalize_email("a@example."));
}

TEST_F(AccountsTest, AddsAnAccountWithAHashedPasswordAndAnAuthorSlug) {
  const auto user = add("Emad@Example.com", "Emad Askarieh", Role::editor);
  EXPECT_EQ(user.email, "emad@example.com");
  EXPECT_EQ(user.slug, "emad-askarieh");
  auto hash = store_->password_hash(user.id);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(*verify_password(*hash, "a long enough secret"));
  EXPECT_EQ((*store_->user_by_email("emad@example.com"))->role, Role::editor);
}

TEST_F(AccountsTest, RefusesATakenEmailAWeakPasswordAndNoName) {
  add("emad@example.com", "Emad Askarieh", Role::author);
  auto again =
      add_account(*store_, {"EMAD@example.com", "Someone", Role::author, "a long enough secret"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_FALSE(add_account(*store_, {"b@example.com", "B", Role::author, "short"}).ok());
  EXPECT_FALSE(
      add_account(*store_, {"c@example.com", "  ", Role::author, "a long enough secret"}).ok());
  EXPECT_FALSE(
      add_account(*store_, {"not an email", "C", Role::author, "a long enough secret"}).ok());
}

TEST_F(AccountsTest, GivesNamesakesTheirOwnAuthorPage) {
  add("one@example.com", "Ali Rezaei", Role::author);
  EXPECT_EQ(add("two@example.com", "Ali Rezaei", Role::author).slug, "ali-rezaei-2");
}

TEST_F(AccountsTest, NeverDemotesTheLastAdmin) {
  add("owner@example.com", "Owner", Role::admin);
  auto demoted = change_role(*store_, "owner@example.com", Role::editor);
  ASSERT_FALSE(demoted.ok());
  EXPECT_EQ(demoted.error().code, ErrorCode::conflict);
  add("second@example.com", "Second", Role::admin);
  EXPECT_TRUE(change_role(*store_, "owner@example.com", Role::editor).ok());
  EXPECT_EQ((*store_->user_by_email("owner@example.com"))->role, Role::editor);
}

TEST_F(AccountsTest, ChangingTheRoleOfNobodyIsNotFound) {
  auto nobody = change_role(*store_, "nobody@example.com", Role::editor);
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, ErrorCode::not_found);
}

TEST_F(AccountsTest, ResettingAPasswordEndsEverySession) {
  const auto user = add("emad@example.com", "Emad Askarieh", Role::author);
  store::Session session;
  session.token_digest = token_digest("cookie-token");
  session.user_id = user.id;
  session.csrf_token = "csrf";
  session.created_at = now_utc();
  session.expires_at = now_utc() + std::chrono::hours(1);
  ASSERT_TRUE(store_->create_session(session).ok());
  ASSERT_TRUE(store_->session_by_digest(session.token_digest)->has_value());

  ASSERT_TRUE(reset_password(*store_, "emad@example.com", "a brand new secret").ok());
  EXPECT_FALSE(store_->session_by_digest(session.token_digest)->has_value());
  EXPECT_TRUE(*verify_password(*store_->password_hash(user.id), "a brand new secret"));
}

}  // namespace
}  // namespace byline::accounts
