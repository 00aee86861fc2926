// How much the APIs answer one client, so that no key and no address can
// make Byline do unbounded work or guess keys at speed.
//
// Rule: what is limited is what costs: an address's refused keys (a
// guesser's only output) and a key's uncached answers (database work).
// Cached answers for a valid key are not limited: they cost what a cached
// page costs, and a breaking-news spike through a headless front end must
// not turn into 429s. Each limit is a token bucket: `burst` at once, then
// `per_second`. Kept in memory: a restart forgives.
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
    double refused_burst = 60;  // refused keys from one address,
    double refused_per_second = 0.1;  // then six a minute
    double uncached_burst = 1000;  // uncached answers for one key
    double uncached_per_second = 200;
  };

  ApiRateLimits() : ApiRateLimits(Limits{}) {}
  explicit ApiRateLimits(Limits limits) : limits_(limits) {}

  // How long `address` must wait before its next request is looked at,
  // having used up its refused keys; zero when it may go ahead. A request
  // it sends while it must wait counts as refused too.
  std::chrono::seconds wait_for_address(const std::string& address, Clock::time_point now);
  void record_refused(const std::string& address, Clock::time_point now);

  // Takes one uncached answer from key `key`'s allowance; how long to wait
  // when there is none left (zero: go ahead).
  std::chrono::seconds take_uncached(const std::string& key, Clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at{};
  };
  using Buckets = std::unordered_map<std::string, Bucket>;

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
