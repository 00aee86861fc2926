// The page cache: answers for anonymous readers kept in memory, already
// serialised and compressed, so that a hit is a lookup and one write
// without touching the database or a template.
//
// Rules:
// - Only GET and HEAD without a staff session or credentials are looked up,
//   under the canonical path and the query fields its route reads (in
//   canonical form): any other field is ignored, so random ones cannot fill
//   the cache, and "/?p=12" is never answered with the front page.
// - Only 200 answers whose handler set a CachePolicy are kept.
// - An entry leaves when anything it shows changes (invalidate), when its
//   text changes by itself (CachePolicy::changes_at), or when the cache is
//   over its size and it is the least recently used.
#pragma once

#include "common/dependent_cache.hpp"
#include "common/time.hpp"
#include "http/compression.hpp"
#include "http/message.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline::http {

// One cached answer in each encoding. Immutable once made; shared with the
// connections writing it, so eviction never pulls bytes from under a write.
class CachedAnswer {
 public:
  // Status line and headers, each line ending in CRLF, without the blank
  // line: the server adds per-request headers (X-Request-Id, Connection).
  std::string_view head(Encoding encoding) const { return variant(encoding).head; }
  std::string_view not_modified_head(Encoding encoding) const {
    return variant(encoding).not_modified_head;
  }
  std::string_view body(Encoding encoding) const { return variant(encoding).body; }
  std::size_t bytes() const { return bytes_; }
  // Whether its route's gate must admit each caller first (CachePolicy::admit_each_hit).
  bool admit_each_hit() const { return admit_each_hit_; }

 private:
  friend class PageCache;
  struct Variant {
    std::string head;
    std::string not_modified_head;
    std::string body;
    std::string etag;  // with its quotes
  };
  const Variant& variant(Encoding encoding) const { return variants_[static_cast<int>(encoding)]; }

  std::array<Variant, 3> variants_;  // identity, gzip, brotli
  std::string last_modified;         // HTTP date
  Time modified_at{};
  std::size_t bytes_ = 0;
  bool admit_each_hit_ = false;
};

struct CacheHit {
  std::shared_ptr<const CachedAnswer> answer;
  Encoding encoding = Encoding::identity;
  bool not_modified = false;  // the client's copy is current: answer 304
};

// What the cache needs of a request.
struct CacheRequest {
  std::string_view method;
  std::string_view target;
  std::string_view cookie;
  std::string_view authorization;
  std::string_view accept_encoding;
  std::string_view if_none_match;
  std::string_view if_modified_since;
};

struct CacheStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
};

class PageCache {
 public:
  // `max_bytes` bounds the bodies and heads kept; `bypass_cookie` names the
  // cookie of signed-in staff, who always get fresh pages.
  PageCache(std::size_t max_bytes, std::string bypass_cookie);

  // The key a request is cached under; nullopt when it must not be served
  // from the cache or stored in it.
  std::optional<std::string> key_for(const CacheRequest& request) const;

  // Tells the cache which query fields the route of a canonical path reads
  // (Router::query_fields); without it every query is ignored. Set before
  // serving.
  using QueryFields = std::function<const std::vector<std::string>&(std::string_view path)>;
  void set_query_fields(QueryFields fields) { query_fields_ = std::move(fields); }

  std::optional<CacheHit> find(const std::string& key, const CacheRequest& request, Time now);

  // Read before handling a request whose answer may be stored.
  std::uint64_t generation() const { return entries_.generation(); }

  // Keeps `response` under `key` if its handler allowed it; false when not
  // kept (no policy, not a 200, Set-Cookie, larger than the cache allows,
  // or something changed since `generation`, read before handling).
  bool store(const std::string& key, const Response& response, Time now, std::uint64_t generation);

  // Removes every entry that shows any of `keys`.
  void invalidate(const std::vector<std::string>& keys) { entries_.invalidate(keys); }
  void clear() { entries_.clear(); }

  CacheStats stats() const;

 private:
  const std::string bypass_cookie_;
  QueryFields query_fields_;
  DependentCache<CachedAnswer> entries_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace byline::http
