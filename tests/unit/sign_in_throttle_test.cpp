#include "accounts/sign_in_throttle.hpp"

#include <gtest/gtest.h>

namespace byline::accounts {
namespace {

using namespace std::chrono_literals;

const Time kStart = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026));

TEST(SignInThrottle, LetsAFewMistakesThrough) {
  SignInThrottle throttle;
  for (int i = 0; i < 4; ++i) throttle.record_failure("emad@example.com", "10.0.0.1", kStart);
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "10.0.0.1", kStart), 0s);
}

TEST(SignInThrottle, MakesAnAccountWaitAfterFiveFailures) {
  SignInThrottle throttle;
  for (int i = 0; i < 5; ++i) {
    throttle.record_failure("emad@example.com", "10.0.0." + std::to_string(i), kStart + std::chrono::seconds(i));
  }
  // Another address does not help: the account itself is being guessed.
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "10.9.9.9", kStart + 10s), 15min - 10s);
  EXPECT_EQ(throttle.wait_before_attempt("other@example.com", "10.9.9.9", kStart + 10s), 0s);
}

TEST(SignInThrottle, ForgivesOnceTheWindowHasPassed) {
  SignInThrottle throttle;
  for (int i = 0; i < 5; ++i) throttle.record_failure("emad@example.com", "10.0.0.1", kStart);
  EXPECT_GT(throttle.wait_before_attempt("emad@example.com", "10.0.0.1", kStart + 14min), 0s);
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "10.0.0.1", kStart + 15min), 0s);
}

TEST(SignInThrottle, MakesAnAddressWaitAfterTwentyFailuresAcrossAccounts) {
  SignInThrottle throttle;
  for (int i = 0; i < 20; ++i) {
    throttle.record_failure("user" + std::to_string(i) + "@example.com", "10.0.0.1", kStart);
  }
  EXPECT_GT(throttle.wait_before_attempt("new@example.com", "10.0.0.1", kStart), 0s);
  EXPECT_EQ(throttle.wait_before_attempt("new@example.com", "10.0.0.2", kStart), 0s);
}

TEST(SignInThrottle, ASuccessClearsTheAccount) {
  SignInThrottle throttle;
  for (int i = 0; i < 5; ++i) throttle.record_failure("emad@example.com", "10.0.0.1", kStart);
  throttle.record_success("emad@example.com");
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "10.0.0.2", kStart), 0s);
}

}  // namespace
}  // namespace byline::accounts
