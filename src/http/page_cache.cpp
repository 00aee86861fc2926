#include "http/page_cache.hpp"

#include "common/text_encoding.hpp"
#include "http/percent_encoding.hpp"

#include <algorithm>

namespace byline::http {
namespace {

// What every cached answer may be kept for: browsers check back each time
// (a 304 costs little), shared caches such as a CDN keep it a few seconds
// and may serve it a while longer while they fetch a fresh one.
constexpr std::string_view kCacheControl = "public, max-age=0, s-maxage=10, stale-while-revalidate=60";

// Answers smaller than this are not worth compressing.
constexpr std::size_t kMinCompressBytes = 256;

bool is_compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/xml") ||
         content_type.starts_with("application/rss+xml") || content_type.starts_with("application/atom+xml") ||
         content_type.starts_with("application/json") || content_type.starts_with("application/feed+json") ||
         content_type.starts_with("application/javascript") || content_type.starts_with("image/svg+xml");
}

bool has_cookie(std::string_view cookies, std::string_view name) {
  std::size_t start = 0;
  while (start < cookies.size()) {
    auto end = cookies.find(';', start);
    if (end == std::string_view::npos) end = cookies.size();
    std::string_view pair = cookies.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=') return true;
    start = end + 1;
  }
  return false;
}

// Whether If-None-Match (a list of entity tags, or "*") names `etag`.
bool matches_etag(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    auto end = if_none_match.find(',', start);
    if (end == std::string_view::npos) end = if_none_match.size();
    std::string_view tag = if_none_match.substr(start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // If-None-Match compares weakly
    if (tag == etag) return true;
    start = end + 1;
  }
  return false;
}

void add_line(std::string& head, std::string_view name, std::string_view value) {
  head += name;
  head += ": ";
  head += value;
  head += "\r\n";
}

}  // namespace

PageCache::PageCache(std::size_t max_bytes, std::string bypass_cookie)
    : max_bytes_(max_bytes), bypass_cookie_(std::move(bypass_cookie)) {}

std::optional<std::string> PageCache::key_for(const CacheRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  if (!request.authorization.empty()) return std::nullopt;
  if (!bypass_cookie_.empty() && has_cookie(request.cookie, bypass_cookie_)) return std::nullopt;
  const std::string_view path = request.target.substr(0, request.target.find('?'));
  if (path.empty() || path.front() != '/') return std::nullopt;
  // Decoded, so that the many spellings of one address share one entry.
  return percent_decode(path, false, true);
}

std::optional<CacheHit> PageCache::find(const std::string& key, const CacheRequest& request, Time now) {
  std::shared_ptr<const CachedAnswer> answer;
  {
    std::lock_guard lock(mutex_);
    const auto entry = entries_.find(key);
    if (entry == entries_.end()) {
      ++misses_;
      return std::nullopt;
    }
    if (entry->second.answer->expires_at && *entry->second.answer->expires_at <= now) {
      erase_locked(entry);
      ++misses_;
      return std::nullopt;
    }
    recency_.splice(recency_.begin(), recency_, entry->second.recency);
    answer = entry->second.answer;
  }
  ++hits_;
  CacheHit hit{std::move(answer), choose_encoding(request.accept_encoding), false};
  // A variant that was not worth compressing is sent as it is.
  if (hit.answer->body(hit.encoding).empty() && !hit.answer->body(Encoding::identity).empty()) {
    hit.encoding = Encoding::identity;
  }
  if (!request.if_none_match.empty()) {
    hit.not_modified = matches_etag(request.if_none_match, hit.answer->variant(hit.encoding).etag);
  } else if (!request.if_modified_since.empty()) {
    const auto since = parse_http_date(request.if_modified_since);
    hit.not_modified = since && hit.answer->modified_at <= *since;
  }
  return hit;
}

bool PageCache::store(const std::string& key, const Response& response, Time now) {
  if (!response.cache || response.status != 200 || !response.header("set-cookie").empty()) return false;
  if (response.cache->changes_at && *response.cache->changes_at <= now) return false;

  auto answer = std::make_shared<CachedAnswer>();
  answer->expires_at = response.cache->changes_at;
  answer->modified_at = now;
  if (const auto given = parse_http_date(response.header("last-modified"))) answer->modified_at = *given;
  answer->last_modified = http_date(answer->modified_at);

  const std::string_view content_type = response.header("content-type");
  std::string base_tag(response.header("etag"));
  if (base_tag.size() >= 2 && base_tag.front() == '"' && base_tag.back() == '"') {
    base_tag = base_tag.substr(1, base_tag.size() - 2);
  } else {
    base_tag = content_hash(response.body);
  }
  const std::string_view cache_control =
      response.header("cache-control").empty() ? kCacheControl : response.header("cache-control");

  // The headers every variant shares, as the handler and the server set them.
  std::string common;
  for (const auto& [name, value] : response.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "etag" || lower == "last-modified" || lower == "cache-control" || lower == "content-length" ||
        lower == "x-request-id" || lower == "vary" || lower == "content-encoding" || lower == "connection") {
      continue;
    }
    add_line(common, name, value);
  }
  add_line(common, "Cache-Control", cache_control);
  add_line(common, "Last-Modified", answer->last_modified);

  const bool compress = is_compressible(content_type) && response.body.size() >= kMinCompressBytes;
  for (const Encoding encoding : {Encoding::identity, Encoding::gzip, Encoding::brotli}) {
    CachedAnswer::Variant& variant = answer->variants_[static_cast<int>(encoding)];
    if (encoding != Encoding::identity && !compress) continue;  // left empty: identity is sent
    variant.body = encoding == Encoding::identity ? response.body
                   : encoding == Encoding::gzip   ? gzip_compress(response.body)
                                                  : brotli_compress(response.body);
    // Each encoding is its own representation, so its own strong tag.
    variant.etag = "\"" + base_tag + (encoding == Encoding::gzip     ? "-gz"
                                      : encoding == Encoding::brotli ? "-br"
                                                                     : "") +
                   "\"";
    std::string shared = common;
    add_line(shared, "ETag", variant.etag);
    if (compress) add_line(shared, "Vary", "Accept-Encoding");
    variant.not_modified_head = "HTTP/1.1 304 Not Modified\r\n" + shared;
    variant.head = "HTTP/1.1 200 OK\r\n" + shared;
    if (encoding != Encoding::identity) add_line(variant.head, "Content-Encoding", content_coding(encoding));
    add_line(variant.head, "Content-Length", std::to_string(variant.body.size()));
    answer->bytes_ += variant.head.size() + variant.not_modified_head.size() + variant.body.size();
  }
  if (answer->bytes_ > max_bytes_ / 4) return false;  // one answer may not crowd out the rest

  std::lock_guard lock(mutex_);
  if (const auto old = entries_.find(key); old != entries_.end()) erase_locked(old);
  recency_.push_front(key);
  const std::uint64_t id = next_id_++;
  entries_.emplace(key, Entry{answer, id, recency_.begin()});
  bytes_ += answer->bytes();
  for (const auto& shown : response.cache->shows) shown_by_[shown].emplace_back(key, id);
  references_ += response.cache->shows.size();
  while (bytes_ > max_bytes_ && !recency_.empty()) erase_locked(entries_.find(recency_.back()));
  compact_locked();
  return true;
}

void PageCache::invalidate(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  for (const auto& shown : keys) {
    const auto users = shown_by_.find(shown);
    if (users == shown_by_.end()) continue;
    for (const auto& [key, id] : users->second) {
      const auto entry = entries_.find(key);
      if (entry != entries_.end() && entry->second.id == id) erase_locked(entry);
    }
    references_ -= users->second.size();
    shown_by_.erase(users);
  }
  compact_locked();
}

void PageCache::compact_locked() {
  // References to entries that left for other reasons (eviction, expiry,
  // replacement) are dropped now and then, so the index stays about as
  // large as what it indexes.
  if (references_ <= 4 * entries_.size() + 1024) return;
  references_ = 0;
  for (auto user = shown_by_.begin(); user != shown_by_.end();) {
    auto& list = user->second;
    std::erase_if(list, [this](const auto& reference) {
      const auto entry = entries_.find(reference.first);
      return entry == entries_.end() || entry->second.id != reference.second;
    });
    references_ += list.size();
    user = list.empty() ? shown_by_.erase(user) : std::next(user);
  }
}

void PageCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  recency_.clear();
  shown_by_.clear();
  references_ = 0;
  bytes_ = 0;
}

CacheStats PageCache::stats() const {
  std::lock_guard lock(mutex_);
  return CacheStats{entries_.size(), bytes_, hits_.load(), misses_.load()};
}

void PageCache::erase_locked(std::unordered_map<std::string, Entry>::iterator entry) {
  bytes_ -= entry->second.answer->bytes();
  recency_.erase(entry->second.recency);
  entries_.erase(entry);
}

}  // namespace byline::http
