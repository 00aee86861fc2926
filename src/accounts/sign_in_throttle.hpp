// Slows down password guessing without locking anyone out for good.
#pragma once

#include "common/time.hpp"

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace byline::accounts {

// Rule: after `per_account` failed sign-ins for one email, or `per_address`
// from one network address, within `window`, further attempts wait until
// the oldest of those failures is `window` old. A success clears the
// account's count. Kept in memory: a restart forgives.
class SignInThrottle {
 public:
  struct Limits {
    int per_account = 5;
    int per_address = 20;
    std::chrono::seconds window{15 * 60};
  };

  SignInThrottle() : SignInThrottle(Limits{}) {}
  explicit SignInThrottle(Limits limits) : limits_(limits) {}

  // How long to wait before an attempt may go ahead; zero when it may now.
  std::chrono::seconds wait_before_attempt(const std::string& account, const std::string& address,
                                           Time now);
  void record_failure(const std::string& account, const std::string& address, Time now);
  void record_success(const std::string& account);

 private:
  using Failures = std::unordered_map<std::string, std::deque<Time>>;
  std::chrono::seconds wait_for(Failures& failures, const std::string& key, int limit, Time now);
  void forget_old(Time now);

  Limits limits_;
  std::mutex mutex_;
  Failures by_account_;
  Failures by_address_;
};

}  // namespace byline::accounts
