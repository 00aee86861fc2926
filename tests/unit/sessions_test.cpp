#include "accounts/sessions.hpp"

#include "accounts/accounts.hpp"
#include "temp_store.hpp"

#include <gtest/gtest.h>

namespace byline::accounts {
namespace {

using namespace std::chrono_literals;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 9h;
constexpr const char* kPassword = "a long enough secret";

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto user = add_account(
        *store_, {"emad@example.com", "Emad Askarieh", content::Role::editor, kPassword});
    ASSERT_TRUE(user.ok());
    sessions_ = std::make_unique<Sessions>(store_, 1h);
  }
  testing::TempStore temp_{"sessions-test"};
  const std::shared_ptr<store::Store>& store_ = temp_.store();
  std::unique_ptr<Sessions> sessions_;
};

TEST_F(SessionsTest, SignsInAndRecognisesTheCookie) {
  auto signed_in = sessions_->sign_in(" Emad@Example.com", kPassword, "10.0.0.1", "Firefox", kNow);
  ASSERT_TRUE(signed_in.ok()) << signed_in.error().message;
  EXPECT_EQ(signed_in->user.name, "Emad Askarieh");
  EXPECT_FALSE(signed_in->session.csrf_token.empty());

  auto found = sessions_->authenticate(signed_in->token, kNow + 30min);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->user.email, "emad@example.com");
  EXPECT_EQ((*found)->session.csrf_token, signed_in->session.csrf_token);
}

TEST_F(SessionsTest, GivesTheSameAnswerForAWrongPasswordAndAnUnknownEmail) {
  auto wrong_password =
      sessions_->sign_in("emad@example.com", "not the password", "10.0.0.1", "", kNow);
  auto unknown_email = sessions_->sign_in("nobody@example.com", kPassword, "10.0.0.1", "", kNow);
  ASSERT_FALSE(wrong_password.ok());
  ASSERT_FALSE(unknown_email.ok());
  EXPECT_EQ(wrong_password.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(wrong_password.error().code, unknown_email.error().code);
  EXPECT_EQ(wrong_password.error().message, unknown_email.error().message);
}

TEST_F(SessionsTest, ThrottlesRepeatedFailuresButNotForGood) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        sessions_->sign_in("emad@example.com", "wrong password", "10.0.0.1", "", kNow).error().code,
        ErrorCode::unauthorized);
  }
  // Even the right password waits now: the account is being guessed.
  auto throttled = sessions_->sign_in("emad@example.com", kPassword, "10.0.0.1", "", kNow + 1min);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(throttled.error().retry_after_seconds, 14 * 60);
  EXPECT_TRUE(sessions_->sign_in("emad@example.com", kPassword, "10.0.0.1", "", kNow + 15min).ok());
}

TEST_F(SessionsTest, ForgetsExpiredAndSignedOutSessions) {
  auto signed_in = sessions_->sign_in("emad@example.com", kPassword, "10.0.0.1", "", kNow);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_FALSE(sessions_->authenticate(signed_in->token, kNow + 1h)->has_value());
  EXPECT_FALSE(store_->session_by_digest(signed_in->session.token_digest)->has_value());

  auto again = sessions_->sign_in("emad@example.com", kPassword, "10.0.0.1", "", kNow);
  ASSERT_TRUE(sessions_->sign_out(again->token).ok());
  EXPECT_FALSE(sessions_->authenticate(again->token, kNow)->has_value());
  EXPECT_FALSE(sessions_->authenticate("made-up-token", kNow)->has_value());
  EXPECT_FALSE(sessions_->authenticate("", kNow)->has_value());
}

TEST_F(SessionsTest, ChangingThePasswordEndsOtherSessionsOnly) {
  auto laptop = sessions_->sign_in("emad@example.com", kPassword, "10.0.0.1", "laptop", kNow);
  auto phone = sessions_->sign_in("emad@example.com", kPassword, "10.0.0.2", "phone", kNow);
  ASSERT_TRUE(laptop.ok() && phone.ok());

  EXPECT_EQ(sessions_->change_password(*laptop, "wrong current", "a brand new secret").error().code,
            ErrorCode::invalid_input);
  EXPECT_FALSE(sessions_->change_password(*laptop, kPassword, "short").ok());
  ASSERT_TRUE(sessions_->change_password(*laptop, kPassword, "a brand new secret").ok());

  EXPECT_TRUE(sessions_->authenticate(laptop->token, kNow)->has_value());
  EXPECT_FALSE(sessions_->authenticate(phone->token, kNow)->has_value());
  EXPECT_FALSE(sessions_->sign_in("emad@example.com", kPassword, "10.0.0.3", "", kNow).ok());
  EXPECT_TRUE(
      sessions_->sign_in("emad@example.com", "a brand new secret", "10.0.0.3", "", kNow).ok());
}

}  // namespace
}  // namespace byline::accounts
