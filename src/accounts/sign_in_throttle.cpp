// Sliding-window counting of failed sign-ins.
#include "accounts/sign_in_throttle.hpp"

namespace byline::accounts {
namespace {

// Past this many remembered keys, old entries are swept on the next failure,
// so a flood of addresses cannot grow memory without bound.
constexpr std::size_t kSweepAfterKeys = 10000;

void drop_older_than(std::deque<Time>& times, Time cutoff) {
  while (!times.empty() && times.front() <= cutoff) times.pop_front();
}

}  // namespace

std::chrono::seconds SignInThrottle::wait_for(Failures& failures, const std::string& key, int limit,
                                              Time now) {
  auto found = failures.find(key);
  if (found == failures.end()) return std::chrono::seconds(0);
  drop_older_than(found->second, now - limits_.window);
  if (static_cast<int>(found->second.size()) < limit) return std::chrono::seconds(0);
  // The attempt may go ahead once enough failures have aged out.
  const Time allowed_at = found->second[found->second.size() - static_cast<std::size_t>(limit)] +
                          limits_.window;
  return std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(allowed_at - now));
}

std::string SignInThrottle::pair_key(const std::string& account, const std::string& address) {
  return address + '\n' + account;  // neither holds a newline
}

std::chrono::seconds SignInThrottle::wait_before_attempt(const std::string& account,
                                                         const std::string& address, Time now) {
  std::lock_guard lock(mutex_);
  return std::max(wait_for(by_account_and_address_, pair_key(account, address), limits_.per_account_and_address, now),
                  wait_for(by_address_, address, limits_.per_address, now));
}

void SignInThrottle::record_failure(const std::string& account, const std::string& address,
                                    Time now) {
  std::lock_guard lock(mutex_);
  if (by_account_and_address_.size() + by_address_.size() > kSweepAfterKeys) forget_old(now);
  by_account_and_address_[pair_key(account, address)].push_back(now);
  by_address_[address].push_back(now);
}

void SignInThrottle::record_success(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  by_account_and_address_.erase(pair_key(account, address));
}

void SignInThrottle::forget_old(Time now) {
  for (Failures* failures : {&by_account_and_address_, &by_address_}) {
    for (auto it = failures->begin(); it != failures->end();) {
      drop_older_than(it->second, now - limits_.window);
      it = it->second.empty() ? failures->erase(it) : std::next(it);
    }
  }
}

}  // namespace byline::accounts
