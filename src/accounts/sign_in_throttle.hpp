// Slows down password guessing without locking anyone out for good.
#pragma once

#include "common/time.hpp"

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace byline::accounts {

// The part of a network address that counts as one client for limits: an
// IPv4 address as it is, an IPv6 address as its /64 (what one host may hold).
std::string client_of(const std::string& address);

// Rule: nobody can lock a person out. Failed sign-ins are counted per
// account and address together, and per address across accounts: after
// `per_account_and_address` failures for one email from one address, or
// `per_address` from one address in all, within `window`, further attempts
// from that address wait until enough of those failures are `window` old.
// The same account from any other address is not held up. A success
// clears its account-and-address count. Kept in memory: a restart forgives.
//
// An IPv6 address counts as its /64 (what one host may hold).
//
// The numbers follow Ghost's brute-force protection (a few free tries per
// person and address, then a wait) and OWASP's advice to throttle rather
// than lock accounts: 5 per account and address, and 20 per address, in 15
// minutes.
class SignInThrottle {
 public:
  struct Limits {
    int per_account_and_address = 5;
    int per_address = 20;
    std::chrono::seconds window{15 * 60};
  };

  SignInThrottle() : SignInThrottle(Limits{}) {}
  explicit SignInThrottle(Limits limits) : limits_(limits) {}

  // How long to wait before an attempt may go ahead; zero when it may now.
  std::chrono::seconds wait_before_attempt(const std::string& account, const std::string& address,
                                           Time now);
  void record_failure(const std::string& account, const std::string& address, Time now);
  void record_success(const std::string& account, const std::string& address);

 private:
  using Failures = std::unordered_map<std::string, std::deque<Time>>;
  std::chrono::seconds wait_for(Failures& failures, const std::string& key, int limit, Time now);
  void forget_old(Time now);

  static std::string pair_key(const std::string& account, const std::string& address);

  Limits limits_;
  std::mutex mutex_;
  Failures by_account_and_address_;
  Failures by_address_;
};

}  // namespace byline::accounts
