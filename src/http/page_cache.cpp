#include "http/page_cache.hpp"

#include "common/text_encoding.hpp"
#include "http/form.hpp"
#include "http/target.hpp"

#include <algorithm>

namespace byline::http {
namespace {

// What every cached answer may be kept for: browsers check back each time
// (a 304 costs little), shared caches such as a CDN keep it a few seconds
// and may serve it a while longer while they fetch a fresh one.
constexpr std::string_view kCacheControl =
    "public, max-age=0, s-maxage=10, stale-while-revalidate=60";

// Answers smaller than this are not worth compressing.
constexpr std::size_t kMinCompressBytes = 256;

bool is_compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/xml") ||
         content_type.starts_with("application/rss+xml") ||
         content_type.starts_with("application/atom+xml") ||
         content_type.starts_with("application/json") ||
         content_type.starts_with("application/feed+json") ||
         content_type.starts_with("application/javascript") ||
         content_type.starts_with("image/svg+xml");
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
    : bypass_cookie_(std::move(bypass_cookie)), entries_(max_bytes) {}

std::optional<std::string> PageCache::key_for(const CacheRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  if (!request.authorization.empty()) return std::nullopt;
  if (!bypass_cookie_.empty() && find_cookie(request.cookie, bypass_cookie_)) return std::nullopt;
  // Canonical, so that the many spellings of one address share one entry,
  // and a spelling the router refuses is never answered from here.
  const auto question = request.target.find('?');
  auto key = canonical_path(request.target.substr(0, question));
  // Most requests have no query, and need no route lookup.
  if (!key || question == std::string_view::npos || !query_fields_) return key;
  const std::vector<std::string>& fields = query_fields_(*key);
  if (fields.empty()) return key;
  const std::string query = canonical_query(request.target.substr(question + 1), &fields);
  // NUL, which no canonical path holds, so "/%3Fp=1" is not "/?p=1".
  if (!query.empty()) *key += '\0' + query;
  return key;
}

std::optional<CacheHit> PageCache::find(const std::string& key, const CacheRequest& request,
                                        Time now) {
  std::shared_ptr<const CachedAnswer> answer = entries_.find(key, now);
  if (!answer) {
    ++misses_;
    return std::nullopt;
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

bool PageCache::store(const std::string& key, const Response& response, Time now,
                      std::uint64_t generation) {
  if (!response.cache || response.status != 200 || !response.header("set-cookie").empty())
    return false;
  if (response.cache->changes_at && *response.cache->changes_at <= now) return false;

  auto answer = std::make_shared<CachedAnswer>();
  answer->admit_each_hit_ = response.cache->admit_each_hit;
  answer->modified_at = now;
  if (const auto given = parse_http_date(response.header("last-modified")))
    answer->modified_at = *given;
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
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == "etag" || lower == "last-modified" || lower == "cache-control" ||
        lower == "content-length" || lower == "x-request-id" || lower == "vary" ||
        lower == "content-encoding" || lower == "connection") {
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
    variant.etag = "\"" + base_tag +
                   (encoding == Encoding::gzip     ? "-gz"
                    : encoding == Encoding::brotli ? "-br"
                                                   : "") +
                   "\"";
    std::string shared = common;
    add_line(shared, "ETag", variant.etag);
    if (compress) add_line(shared, "Vary", "Accept-Encoding");
    variant.not_modified_head = "HTTP/1.1 304 Not Modified\r\n" + shared;
    variant.head = "HTTP/1.1 200 OK\r\n" + shared;
    if (encoding != Encoding::identity)
      add_line(variant.head, "Content-Encoding", content_coding(encoding));
    add_line(variant.head, "Content-Length", std::to_string(variant.body.size()));
    answer->bytes_ += variant.head.size() + variant.not_modified_head.size() + variant.body.size();
  }
  return entries_.store(key, std::move(answer), response.cache->shows, response.cache->changes_at,
                        generation);
}

CacheStats PageCache::stats() const {
  return CacheStats{entries_.size(), entries_.bytes(), hits_.load(), misses_.load()};
}

}  // namespace byline::http
