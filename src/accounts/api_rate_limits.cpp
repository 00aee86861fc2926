#include "accounts/api_rate_limits.hpp"

#include "accounts/sign_in_throttle.hpp"

#include <cmath>

namespace byline::accounts {
namespace {

// Past this many remembered clients, the full buckets (clients quiet long
// enough to have their whole allowance back) are forgotten; the next sweep
// waits until the map has doubled what was left, so sweeping costs O(1) a
// request on average however the clients come.
constexpr std::size_t kSweepAfter = 10000;

}  // namespace

ApiRateLimits::Bucket& ApiRateLimits::refilled(Buckets& buckets, const std::string& name,
                                               double burst, double per_second,
                                               Clock::time_point now) {
  if (buckets.of.size() >= buckets.sweep_at && !buckets.of.contains(name)) {
    std::erase_if(buckets.of, [&](const auto& entry) {
      const double seconds = std::chrono::duration<double>(now - entry.second.at).count();
      return entry.second.tokens + seconds * per_second >= burst;
    });
    buckets.sweep_at = std::max(kSweepAfter, buckets.of.size() * 2);
  }
  auto [found, made] = buckets.of.try_emplace(name, Bucket{burst, now});
  Bucket& bucket = found->second;
  if (!made && now > bucket.at) {
    const double seconds = std::chrono::duration<double>(now - bucket.at).count();
    bucket.tokens = std::min(burst, bucket.tokens + seconds * per_second);
    bucket.at = now;
  }
  return bucket;
}

std::chrono::seconds ApiRateLimits::wait_for_one(const Bucket& bucket, double per_second) {
  if (bucket.tokens >= 1) return std::chrono::seconds(0);
  return std::chrono::seconds(static_cast<long>(std::ceil((1 - bucket.tokens) / per_second)));
}

std::chrono::seconds ApiRateLimits::wait_for_address(const std::string& address,
                                                     Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const Bucket& bucket = refilled(refused_, client_of(address), limits_.refused_burst,
                                  limits_.refused_per_second, now);
  return wait_for_one(bucket, limits_.refused_per_second);
}

void ApiRateLimits::record_refused(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = refilled(refused_, client_of(address), limits_.refused_burst,
                            limits_.refused_per_second, now);
  bucket.tokens = std::max(0.0, bucket.tokens - 1);
}

std::chrono::seconds ApiRateLimits::take_uncached(const std::string& key,
                                                  const std::string& address,
                                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = refilled(uncached_, key + '\n' + client_of(address), limits_.uncached_burst,
                            limits_.uncached_per_second, now);
  const auto wait = wait_for_one(bucket, limits_.uncached_per_second);
  if (wait.count() == 0) bucket.tokens -= 1;
  return wait;
}

std::chrono::seconds ApiRateLimits::uncached_wait(const std::string& key,
                                                  const std::string& address,
                                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const Bucket& bucket = refilled(uncached_, key + '\n' + client_of(address),
                                  limits_.uncached_burst, limits_.uncached_per_second, now);
  return wait_for_one(bucket, limits_.uncached_per_second);
}

}  // namespace byline::accounts
