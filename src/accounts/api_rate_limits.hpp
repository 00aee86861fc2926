// How much the APIs answer one client, so that no key and no address can
// make Byline do unbounded work or guess keys at speed.
//
// Rule: what is limited is what costs: an address's refused requests
// (bad or missing keys) and what one key asks from one address that the
// cache does not hold (database work). A valid key is never refused for
// its address's refusals, so nobody is locked out by others behind the
// same address; and answers from the cache are not limited, so a
// breaking-news spike through a headless front end does not turn into
// 429s. Each limit is a token bucket: `burst` at once, then `per_second`.
// Kept in memory: a restart forgives.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace byline::accounts {

class ApiRateLimits {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    double refused_burst = 60;        // refused requests from one address,
    double refused_per_second = 0.1;  // then six a minute
    double uncached_burst = 1000;     // uncached answers for one key
    double uncached_per_second = 200;
  };

  ApiRateLimits() : ApiRateLimits(Limits{}) {}
  explicit ApiRateLimits(Limits limits) : limits_(limits) {}

  // How long `address` must wait before another refusal is answered as
  // such rather than with 429; zero when it has refusals left.
  std::chrono::seconds wait_for_address(const std::string& address, Clock::time_point now);
  void record_refused(const std::string& address, Clock::time_point now);
  // Both: a refusal from `address` is counted, and the wait it had before
  // is returned (zero: answer it as a refusal; more: answer 429).
  std::chrono::seconds refuse(const std::string& address, Clock::time_point now) {
    const auto wait = wait_for_address(address, now);
    record_refused(address, now);
    return wait;
  }

  // Takes one uncached answer from what key `key` may ask from `address`
  // (content keys are public: one used elsewhere must not spend another
  // client's allowance); how long to wait when none is left (zero: go ahead).
  std::chrono::seconds take_uncached(const std::string& key, const std::string& address,
                                     Clock::time_point now);
  // The same wait, without taking anything: for a look before a request's
  // body is read, when the request takes its answer later.
  std::chrono::seconds uncached_wait(const std::string& key, const std::string& address,
                                     Clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at{};
  };
  // The buckets of one limit, swept of full ones when the map reaches
  // `sweep_at`, which then doubles the size that is left.
  struct Buckets {
    std::unordered_map<std::string, Bucket> of;
    std::size_t sweep_at = 10000;
  };

  // The bucket of `name`, refilled to `now` (a new one is full).
  Bucket& refilled(Buckets& buckets, const std::string& name, double burst, double per_second,
                   Clock::time_point now);
  static std::chrono::seconds wait_for_one(const Bucket& bucket, double per_second);

  Limits limits_;
  std::mutex mutex_;
  Buckets refused_;
  Buckets uncached_;
};

}  // namespace byline::accounts
