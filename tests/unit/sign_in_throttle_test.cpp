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

TEST(SignInThrottle, MakesAnAddressWaitAfterFiveFailuresOnOneAccount) {
  SignInThrottle throttle;
  for (int i = 0; i < 5; ++i) {
    throttle.record_failure("emad@example.com", "10.6.6.6", kStart + std::chrono::seconds(i));
  }
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "10.6.6.6", kStart + 10s), 15min - 10s);
  // The guesser's address may still try other accounts, up to its own limit.
  EXPECT_EQ(throttle.wait_before_attempt("other@example.com", "10.6.6.6", kStart + 10s), 0s);
}

TEST(SignInThrottle, NobodyCanLockAPersonOut) {
  SignInThrottle throttle;
  // Failures against one account from many addresses...
  for (int i = 0; i < 50; ++i) {
    throttle.record_failure("owner@example.com", "10.6.6." + std::to_string(i % 10), kStart + std::chrono::seconds(i));
  }
  // ...leave the person themselves, from their own address, free to sign in.
  EXPECT_EQ(throttle.wait_before_attempt("owner@example.com", "192.0.2.7", kStart + 1min), 0s);
  EXPECT_GT(throttle.wait_before_attempt("owner@example.com", "10.6.6.1", kStart + 1min), 0s);
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

TEST(SignInThrottle, CountsAnIpv6AddressByItsSlash64) {
  SignInThrottle throttle;
  for (int i = 0; i < 5; ++i) {
    throttle.record_failure("emad@example.com", "2001:db8:1:2::" + std::to_string(i + 1), kStart);
  }
  EXPECT_GT(throttle.wait_before_attempt("emad@example.com", "2001:db8:1:2:ffff::9", kStart), 0s);
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "2001:db8:1:3::1", kStart), 0s);
}

TEST(SignInThrottle, ASuccessClearsTheAccountFromThatAddress) {
  SignInThrottle throttle;
  for (int i = 0; i < 4; ++i) throttle.record_failure("emad@example.com", "10.0.0.1", kStart);
  throttle.record_success("emad@example.com", "10.0.0.1");
  throttle.record_failure("emad@example.com", "10.0.0.1", kStart);
  EXPECT_EQ(throttle.wait_before_attempt("emad@example.com", "10.0.0.1", kStart), 0s);
}

}  // namespace
}  // namespace byline::accounts
