#include "accounts/api_rate_limits.hpp"
#include "accounts/sign_in_throttle.hpp"

#include <gtest/gtest.h>

namespace byline::accounts {
namespace {

using namespace std::chrono_literals;
using Clock = ApiRateLimits::Clock;

const Clock::time_point kStart = Clock::time_point(1000h);

TEST(ApiRateLimits, AnAddressHasItsBurstOfRefusedKeysThenWaitsForTheRefill) {
  ApiRateLimits limits({.refused_burst = 3, .refused_per_second = 0.5});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limits.wait_for_address("203.0.113.9", kStart), 0s) << i;
    limits.record_refused("203.0.113.9", kStart);
  }
  EXPECT_EQ(limits.wait_for_address("203.0.113.9", kStart), 2s);  // one more in two seconds
  EXPECT_EQ(limits.wait_for_address("203.0.113.9", kStart + 1s), 1s);
  EXPECT_EQ(limits.wait_for_address("203.0.113.9", kStart + 2s), 0s);
  // Others are not held up.
  EXPECT_EQ(limits.wait_for_address("203.0.113.10", kStart), 0s);
}

TEST(ApiRateLimits, AnIpv6HostCountsAsItsSlash64) {
  ApiRateLimits limits({.refused_burst = 2, .refused_per_second = 0.1});
  limits.record_refused("2001:db8:1:2::1", kStart);
  limits.record_refused("2001:db8:1:2::ffff", kStart);
  EXPECT_GT(limits.wait_for_address("2001:db8:1:2:aaaa::3", kStart), 0s);
  EXPECT_EQ(limits.wait_for_address("2001:db8:1:3::1", kStart), 0s);
}

TEST(ApiRateLimits, EachKeyHasItsOwnAllowanceOfUncachedAnswersAtEachAddress) {
  ApiRateLimits limits({.uncached_burst = 2, .uncached_per_second = 1});
  const std::string app = "192.0.2.1";
  EXPECT_EQ(limits.take_uncached("key-a", app, kStart), 0s);
  EXPECT_EQ(limits.take_uncached("key-a", app, kStart), 0s);
  EXPECT_EQ(limits.take_uncached("key-a", app, kStart), 1s);
  EXPECT_EQ(limits.take_uncached("key-a", app, kStart), 1s);  // a refusal takes nothing
  EXPECT_EQ(limits.take_uncached("key-b", app, kStart), 0s);
  // Content keys are public: the same key used from elsewhere has its own.
  EXPECT_EQ(limits.take_uncached("key-a", "198.51.100.7", kStart), 0s);
  EXPECT_EQ(limits.take_uncached("key-a", app, kStart + 1s), 0s);
  // The allowance never grows past the burst, however long a key is quiet.
  EXPECT_EQ(limits.take_uncached("key-b", app, kStart + 1000s), 0s);
  EXPECT_EQ(limits.take_uncached("key-b", app, kStart + 1000s), 0s);
  EXPECT_EQ(limits.take_uncached("key-b", app, kStart + 1000s), 1s);
}

TEST(ApiRateLimits, AnIpv4ClientOnADualStackSocketIsItsOwnAddress) {
  ApiRateLimits limits({.refused_burst = 1, .refused_per_second = 0.1});
  limits.record_refused("::ffff:192.0.2.7", kStart);
  EXPECT_GT(limits.wait_for_address("192.0.2.7", kStart), 0s);
  EXPECT_EQ(limits.wait_for_address("::ffff:192.0.2.8", kStart), 0s);
  EXPECT_EQ(client_of("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(client_of("2001:db8:1:2::1"), "2001:db8:1:2::/64");
}

TEST(ApiRateLimits, AFloodOfAddressesDoesNotGrowWithoutBoundOrForgetTheOneWaiting) {
  ApiRateLimits limits({.refused_burst = 1, .refused_per_second = 0.001});
  limits.record_refused("198.51.100.1", kStart);
  for (int i = 0; i < 30000; ++i) {
    const std::string address = "10." + std::to_string(i / 65536) + "." +
                                std::to_string(i / 256 % 256) + "." + std::to_string(i % 256);
    limits.wait_for_address(address, kStart + 1s);
  }
  // The one that used its allowance is still waiting; the quiet ones went.
  EXPECT_GT(limits.wait_for_address("198.51.100.1", kStart + 2s), 0s);
}

}  // namespace
TEST(ApiRateLimits, ALookAtAnAllowanceTakesNothingFromIt) {
  ApiRateLimits limits({.uncached_burst = 1, .uncached_per_second = 1});
  const std::string app = "192.0.2.1";
  EXPECT_EQ(limits.uncached_wait("key-a", app, kStart), 0s);
  EXPECT_EQ(limits.uncached_wait("key-a", app, kStart), 0s);
  EXPECT_EQ(limits.take_uncached("key-a", app, kStart), 0s);
  EXPECT_EQ(limits.uncached_wait("key-a", app, kStart), 1s);
}

}  // namespace byline::accounts
