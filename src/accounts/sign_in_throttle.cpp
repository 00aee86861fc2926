// Sliding-window counting of failed sign-ins.
#include "accounts/sign_in_throttle.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>

namespace byline::accounts {
namespace {

// Past this many remembered keys, old entries are swept on the next failure,
// so a flood of addresses cannot grow memory without bound.
constexpr std::size_t kSweepAfterKeys = 10000;

// No email is longer than 254 characters; a longer "account" is cut there,
// so what a guesser types cannot make the counts take much memory.
std::string account_key(const std::string& account) { return account.substr(0, 254); }

void drop_older_than(std::deque<Time>& times, Time cutoff) {
  while (!times.empty() && times.front() <= cutoff) times.pop_front();
}

}  // namespace

std::string client_of(const std::string& address) {
  // Rule: one IPv6 host holds a whole /64 and can change its address at
  // will, so IPv6 addresses are counted by their /64; IPv4 ones as they are.
  in6_addr ipv6{};
  if (inet_pton(AF_INET6, address.c_str(), &ipv6) != 1) return address.substr(0, INET6_ADDRSTRLEN);
  char text[INET6_ADDRSTRLEN];
  // An IPv4 client on a dual-stack socket ("::ffff:192.0.2.7") is that
  // IPv4 address, not part of one /64 with every other IPv4 client.
  if (IN6_IS_ADDR_V4MAPPED(&ipv6)) {
    return inet_ntop(AF_INET, ipv6.s6_addr + 12, text, sizeof text) ? std::string(text) : address;
  }
  std::fill(std::begin(ipv6.s6_addr) + 8, std::end(ipv6.s6_addr), 0);
  return inet_ntop(AF_INET6, &ipv6, text, sizeof text) ? std::string(text) + "/64" : address;
}

std::chrono::seconds SignInThrottle::wait_for(Failures& failures, const std::string& key, int limit,
                                              Time now) {
  auto found = failures.find(key);
  if (found == failures.end()) return std::chrono::seconds(0);
  drop_older_than(found->second, now - limits_.window);
  if (static_cast<int>(found->second.size()) < limit) return std::chrono::seconds(0);
  // The attempt may go ahead once enough failures have aged out.
  const Time allowed_at =
      found->second[found->second.size() - static_cast<std::size_t>(limit)] + limits_.window;
  return std::max(std::chrono::seconds(1),
                  std::chrono::duration_cast<std::chrono::seconds>(allowed_at - now));
}

std::string SignInThrottle::pair_key(const std::string& account, const std::string& address) {
  return client_of(address) + '\n' + account_key(account);  // neither holds a newline
}

std::chrono::seconds SignInThrottle::wait_before_attempt(const std::string& account,
                                                         const std::string& address, Time now) {
  std::lock_guard lock(mutex_);
  return std::max(wait_for(by_account_and_address_, pair_key(account, address),
                           limits_.per_account_and_address, now),
                  wait_for(by_address_, client_of(address), limits_.per_address, now));
}

void SignInThrottle::record_failure(const std::string& account, const std::string& address,
                                    Time now) {
  std::lock_guard lock(mutex_);
  if (by_account_and_address_.size() + by_address_.size() > kSweepAfterKeys) forget_old(now);
  by_account_and_address_[pair_key(account, address)].push_back(now);
  by_address_[client_of(address)].push_back(now);
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
