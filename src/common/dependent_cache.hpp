// A bounded, thread-safe cache whose entries name what they depend on, so
// that a change removes exactly the entries that depend on it. The page
// cache keeps whole answers in one; the site keeps rendered fragments of
// pages in another.
//
// Rules: an entry leaves when something it depends on is invalidated, when
// its time is up (expires_at), or when the cache is over its size and it is
// the least recently used. Values are shared and immutable, so an entry
// leaving never pulls bytes from under a reader.
#pragma once

#include "common/time.hpp"

#include <atomic>
#include <cstdint>
#include <iterator>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace byline {

template <typename Value>  // Value::bytes(), the size it counts for
class DependentCache {
 public:
  explicit DependentCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  std::size_t max_bytes() const { return max_bytes_; }

  // The value under `key`, unless absent or out of time at `now`.
  std::shared_ptr<const Value> find(const std::string& key, Time now) {
    std::lock_guard lock(mutex_);
    const auto entry = entries_.find(key);
    if (entry == entries_.end()) return nullptr;
    if (entry->second.expires_at && *entry->second.expires_at <= now) {
      erase_locked(entry);
      return nullptr;
    }
    recency_.splice(recency_.begin(), recency_, entry->second.recency);
    return entry->second.value;
  }

  // Counts invalidations. Read it before reading what a value is made
  // from, and hand it to store(): a value made from data that changed
  // meanwhile is then refused rather than kept stale.
  std::uint64_t generation() const { return generation_.load(); }

  // Keeps `value` under `key` (replacing what was there) until anything in
  // `depends_on` is invalidated or `expires_at` comes. False when not kept:
  // something was invalidated since `generation`, or the value is too large
  // (one value may not take over a quarter of it all).
  bool store(const std::string& key, std::shared_ptr<const Value> value, const std::vector<std::string>& depends_on,
             std::optional<Time> expires_at, std::uint64_t generation) {
    const std::size_t bytes = value->bytes() + key.size();
    if (bytes > max_bytes_ / 4) return false;
    std::lock_guard lock(mutex_);
    if (generation != generation_.load()) return false;
    if (const auto old = entries_.find(key); old != entries_.end()) erase_locked(old);
    recency_.push_front(key);
    const std::uint64_t id = next_id_++;
    entries_.emplace(key, Entry{std::move(value), expires_at, bytes, id, recency_.begin()});
    bytes_ += bytes;
    for (const auto& dependency : depends_on) dependents_[dependency].emplace_back(key, id);
    references_ += depends_on.size();
    while (bytes_ > max_bytes_ && !recency_.empty()) erase_locked(entries_.find(recency_.back()));
    compact_locked();
    return true;
  }

  // Removes every entry that depends on any of `dependencies`.
  void invalidate(const std::vector<std::string>& dependencies) {
    std::lock_guard lock(mutex_);
    ++generation_;
    for (const auto& dependency : dependencies) {
      const auto users = dependents_.find(dependency);
      if (users == dependents_.end()) continue;
      for (const auto& [key, id] : users->second) {
        const auto entry = entries_.find(key);
        if (entry != entries_.end() && entry->second.id == id) erase_locked(entry);
      }
      references_ -= users->second.size();
      dependents_.erase(users);
    }
    compact_locked();
  }

  void clear() {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
    recency_.clear();
    dependents_.clear();
    references_ = 0;
    bytes_ = 0;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }
  std::size_t bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
  }

 private:
  struct Entry {
    std::shared_ptr<const Value> value;
    std::optional<Time> expires_at;
    std::size_t bytes = 0;
    std::uint64_t id = 0;  // tells a replaced entry from its successor
    std::list<std::string>::iterator recency;
  };
  using Entries = std::unordered_map<std::string, Entry>;

  void erase_locked(typename Entries::iterator entry) {
    bytes_ -= entry->second.bytes;
    recency_.erase(entry->second.recency);
    entries_.erase(entry);
  }

  // Dependencies of entries that left another way (eviction, expiry,
  // replacement) are dropped now and then, so the index stays about as
  // large as what it indexes.
  void compact_locked() {
    if (references_ <= 4 * entries_.size() + 1024) return;
    references_ = 0;
    for (auto users = dependents_.begin(); users != dependents_.end();) {
      auto& list = users->second;
      std::erase_if(list, [this](const auto& reference) {
        const auto entry = entries_.find(reference.first);
        return entry == entries_.end() || entry->second.id != reference.second;
      });
      references_ += list.size();
      users = list.empty() ? dependents_.erase(users) : std::next(users);
    }
  }

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  Entries entries_;
  std::list<std::string> recency_;  // keys, most recently used first
  // Dependency -> the entries (key and id) that depend on it; ids that no
  // longer match are skipped.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::uint64_t>>> dependents_;
  std::size_t references_ = 0;  // in dependents_, live or not
  std::size_t bytes_ = 0;
  std::uint64_t next_id_ = 1;
  std::atomic<std::uint64_t> generation_{0};  // written under mutex_, read anywhere
};

}  // namespace byline
