#include "http/page_cache.hpp"

#include "decompress.hpp"

#include <gtest/gtest.h>

namespace byline::http {
namespace {

using namespace std::chrono_literals;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026)) + 3h;

Response page(std::string body, std::vector<std::string> shows, std::optional<Time> changes_at = std::nullopt) {
  Response response = Response::html(200, std::move(body));
  response.cache = CachePolicy{std::move(shows), changes_at};
  return response;
}

std::string long_page(std::string_view marker) {
  std::string body = "<!doctype html><title>" + std::string(marker) + "</title>";
  for (int i = 0; i < 200; ++i) body += "<p>Paragraph " + std::to_string(i) + " of the story.</p>";
  return body;
}

CacheRequest get(std::string_view target, std::string_view accept_encoding = "") {
  CacheRequest request;
  request.method = "GET";
  request.target = target;
  request.accept_encoding = accept_encoding;
  return request;
}

class PageCacheTest : public ::testing::Test {
 protected:
  // Stores `response` as the answer to GET `target`.
  void keep(std::string_view target, const Response& response) {
    const auto key = cache_.key_for(get(target));
    ASSERT_TRUE(key.has_value());
    ASSERT_TRUE(cache_.store(*key, response, kNow, cache_.generation()));
  }
  std::optional<CacheHit> find(const CacheRequest& request, Time now = kNow) {
    const auto key = cache_.key_for(request);
    return key ? cache_.find(*key, request, now) : std::nullopt;
  }
  std::optional<CacheHit> find(std::string_view target) { return find(get(target)); }

  PageCache cache_{1024 * 1024, "byline_session"};
};

TEST_F(PageCacheTest, AnswersWithTheStoredBytesInTheEncodingTheClientTakes) {
  const std::string body = long_page("Talks");
  keep("/talks/", page(body, {"post:1"}));
  const auto plain = find("/talks/");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->encoding, Encoding::identity);
  EXPECT_EQ(plain->answer->body(Encoding::identity), body);
  EXPECT_TRUE(plain->answer->head(Encoding::identity).starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_NE(plain->answer->head(Encoding::identity).find("Content-Length: " + std::to_string(body.size()) + "\r\n"),
            std::string::npos);

  const auto brotli = find(get("/talks/", "gzip, deflate, br"));
  ASSERT_EQ(brotli->encoding, Encoding::brotli);
  EXPECT_EQ(testing::unbrotli(brotli->answer->body(Encoding::brotli)), body);
  EXPECT_NE(brotli->answer->head(Encoding::brotli).find("Content-Encoding: br\r\n"), std::string::npos);
  EXPECT_NE(brotli->answer->head(Encoding::brotli).find("Vary: Accept-Encoding\r\n"), std::string::npos);
  EXPECT_LT(brotli->answer->body(Encoding::brotli).size(), body.size() / 4);

  const auto gzip = find(get("/talks/", "gzip"));
  ASSERT_EQ(gzip->encoding, Encoding::gzip);
  EXPECT_EQ(testing::gunzip(gzip->answer->body(Encoding::gzip)), body);
  // Each encoding is its own representation, with its own strong tag.
  EXPECT_NE(gzip->answer->head(Encoding::gzip).find("ETag: \""), std::string::npos);
  EXPECT_NE(gzip->answer->head(Encoding::gzip).find("-gz\""), std::string::npos);
}

TEST_F(PageCacheTest, ChoosesEncodingsByAcceptEncodingAndItsQValues) {
  EXPECT_EQ(choose_encoding(""), Encoding::identity);
  EXPECT_EQ(choose_encoding("gzip"), Encoding::gzip);
  EXPECT_EQ(choose_encoding("gzip, deflate, br, zstd"), Encoding::brotli);
  EXPECT_EQ(choose_encoding("br;q=0, gzip;q=0.5"), Encoding::gzip);
  EXPECT_EQ(choose_encoding("BR"), Encoding::brotli);
  EXPECT_EQ(choose_encoding("gzip;q=0.000"), Encoding::identity);
  EXPECT_EQ(choose_encoding("identity, deflate"), Encoding::identity);
  EXPECT_EQ(choose_encoding("brotli, xgzip"), Encoding::identity);
}

TEST_F(PageCacheTest, KeysIgnoreQueryStringsAndSpellingsOfOneAddress) {
  EXPECT_EQ(cache_.key_for(get("/?utm_source=x")), "/");
  EXPECT_EQ(cache_.key_for(get("/%d8%a7/")), cache_.key_for(get("/%D8%A7/")));
  CacheRequest head = get("/");
  head.method = "HEAD";
  EXPECT_EQ(cache_.key_for(head), "/");
  CacheRequest post = get("/");
  post.method = "POST";
  EXPECT_EQ(cache_.key_for(post), std::nullopt);
  EXPECT_EQ(cache_.key_for(get("/%zz/")), std::nullopt);
  EXPECT_EQ(cache_.key_for(get("*")), std::nullopt);
}

TEST_F(PageCacheTest, KeysKeepTheQueryFieldsTheRouteReads) {
  const std::vector<std::string> home_fields = {"p", "cat"};
  const std::vector<std::string> none;
  cache_.set_query_fields([&](std::string_view path) -> const std::vector<std::string>& {
    return path == "/" ? home_fields : none;
  });
  EXPECT_EQ(cache_.key_for(get("/")), "/");
  EXPECT_EQ(cache_.key_for(get("/?utm_source=x")), "/");
  const auto old_link = cache_.key_for(get("/?p=12&utm_source=x"));
  ASSERT_TRUE(old_link.has_value());
  EXPECT_NE(*old_link, "/");
  EXPECT_EQ(old_link, cache_.key_for(get("/?utm_source=y&p=%31%32")));
  EXPECT_NE(old_link, cache_.key_for(get("/?p=13")));
  EXPECT_EQ(cache_.key_for(get("/story/?p=12")), "/story/");
  // A path that decodes to what looks like a query is another address.
  EXPECT_NE(cache_.key_for(get("/%3Fp=12")), old_link);

  keep("/", page("front page", {"front"}));
  EXPECT_TRUE(find("/?utm_source=x").has_value());
  EXPECT_FALSE(find("/?p=12").has_value());
}

TEST_F(PageCacheTest, SignedInStaffAndCredentialsBypassTheCache) {
  CacheRequest staff = get("/");
  staff.cookie = "theme=dark; byline_session=abc";
  EXPECT_EQ(cache_.key_for(staff), std::nullopt);
  CacheRequest other_cookie = get("/");
  other_cookie.cookie = "not_byline_session=abc";
  EXPECT_EQ(cache_.key_for(other_cookie), "/");
  CacheRequest credentials = get("/");
  credentials.authorization = "Bearer x";
  EXPECT_EQ(cache_.key_for(credentials), std::nullopt);
}

TEST_F(PageCacheTest, KeepsOnlyAnswersItsHandlerAllowed) {
  EXPECT_FALSE(cache_.store("/a/", Response::html(200, "no policy"), kNow, cache_.generation()));
  Response not_found = page("gone", {});
  not_found.status = 404;
  EXPECT_FALSE(cache_.store("/b/", not_found, kNow, cache_.generation()));
  Response with_cookie = page("cookie", {});
  with_cookie.set_header("Set-Cookie", "a=b");
  EXPECT_FALSE(cache_.store("/c/", with_cookie, kNow, cache_.generation()));
  EXPECT_EQ(cache_.stats().entries, 0u);
}

TEST_F(PageCacheTest, InvalidationRemovesExactlyThePagesThatShowAChange) {
  keep("/", page("front", {"list:front", "post:1", "post:2"}));
  keep("/one/", page("one", {"post:1", "list:front"}));
  keep("/section/world/", page("world", {"list:section:3", "post:2"}));
  keep("/tag/iran/", page("iran", {"list:tag:4"}));

  cache_.invalidate({"post:2"});
  EXPECT_FALSE(find("/").has_value());
  EXPECT_FALSE(find("/section/world/").has_value());
  EXPECT_TRUE(find("/one/").has_value());
  EXPECT_TRUE(find("/tag/iran/").has_value());

  cache_.invalidate({"list:front"});
  EXPECT_FALSE(find("/one/").has_value());
  EXPECT_TRUE(find("/tag/iran/").has_value());
}

TEST_F(PageCacheTest, AReplacedEntryIsNotRemovedForWhatOnlyItsPredecessorShowed) {
  keep("/", page("old front", {"post:1"}));
  keep("/", page("new front", {"post:2"}));
  cache_.invalidate({"post:1"});
  ASSERT_TRUE(find("/").has_value());
  EXPECT_EQ(find("/")->answer->body(Encoding::identity), "new front");
}

TEST_F(PageCacheTest, AnEntryLeavesWhenItsTextChangesByItself) {
  keep("/", page("4 hours ago", {}, kNow + 10min));
  EXPECT_TRUE(find(get("/"), kNow + 9min).has_value());
  EXPECT_FALSE(find(get("/"), kNow + 10min).has_value());
  EXPECT_EQ(cache_.stats().entries, 0u);
}

TEST_F(PageCacheTest, EvictsTheLeastRecentlyUsedWhenFull) {
  PageCache small(64 * 1024, "");
  auto request = [](const std::string& target) { return get(target); };
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(small.store("/" + std::to_string(i) + "/", page(std::string(12000, 'a' + i), {}), kNow, small.generation()));
  }
  // Touch /0/, then add more: /1/ goes first.
  ASSERT_TRUE(small.find("/0/", request("/0/"), kNow).has_value());
  for (int i = 3; i < 6; ++i) {
    ASSERT_TRUE(small.store("/" + std::to_string(i) + "/", page(std::string(12000, 'a' + i), {}), kNow, small.generation()));
  }
  EXPECT_LE(small.stats().bytes, 64u * 1024);
  EXPECT_TRUE(small.find("/0/", request("/0/"), kNow).has_value());
  EXPECT_FALSE(small.find("/1/", request("/1/"), kNow).has_value());
  EXPECT_TRUE(small.find("/5/", request("/5/"), kNow).has_value());
  // One answer may not take more than a quarter of the cache.
  EXPECT_FALSE(small.store("/huge/", page(std::string(40000, 'x'), {}), kNow, small.generation()));
}

TEST_F(PageCacheTest, AnswersConditionalRequestsWithNotModified) {
  keep("/", page(long_page("front"), {}));
  const auto first = find(get("/", "br"));
  const std::string head(first->answer->head(Encoding::brotli));
  const auto tag_start = head.find("ETag: ") + 6;
  const std::string etag = head.substr(tag_start, head.find("\r\n", tag_start) - tag_start);

  CacheRequest again = get("/", "br");
  again.if_none_match = etag;
  EXPECT_TRUE(find(again)->not_modified);
  EXPECT_TRUE(first->answer->not_modified_head(Encoding::brotli).starts_with("HTTP/1.1 304 Not Modified\r\n"));
  const std::string listed = "\"something-else\", W/" + etag;  // the request only views its headers
  again.if_none_match = listed;
  EXPECT_TRUE(find(again)->not_modified);
  again.if_none_match = "\"something-else\"";
  EXPECT_FALSE(find(again)->not_modified);

  CacheRequest dated = get("/");
  const std::string stored_at = http_date(kNow);  // the request only views its headers
  dated.if_modified_since = stored_at;
  EXPECT_TRUE(find(dated)->not_modified);
  const std::string earlier = http_date(kNow - 1s);
  dated.if_modified_since = earlier;
  EXPECT_FALSE(find(dated)->not_modified);
  dated.if_modified_since = "yesterday";
  EXPECT_FALSE(find(dated)->not_modified);
}

TEST_F(PageCacheTest, RefusesAnAnswerRenderedBeforeAChangeItMayNotShow) {
  const std::uint64_t before_render = cache_.generation();
  cache_.invalidate({"post:9"});  // a publish while the page was being rendered
  EXPECT_FALSE(cache_.store("/", page("rendered from the old state", {"list:front"}), kNow, before_render));
  EXPECT_FALSE(find("/").has_value());
  EXPECT_TRUE(cache_.store("/", page("rendered after", {"list:front"}), kNow, cache_.generation()));
}

TEST_F(PageCacheTest, SmallOrBinaryAnswersAreNotCompressed) {
  keep("/robots.txt", page("User-agent: *\n", {}));
  const auto hit = find(get("/robots.txt", "br, gzip"));
  EXPECT_EQ(hit->encoding, Encoding::identity);
  EXPECT_EQ(hit->answer->head(Encoding::identity).find("Vary"), std::string::npos);
}

TEST(HttpDate, ReadsWhatItWrites) {
  EXPECT_EQ(parse_http_date(http_date(kNow)), kNow);
  EXPECT_EQ(parse_http_date("Sun, 29 Nov 2026 03:00:00 GMT"), kNow);
  EXPECT_EQ(parse_http_date("Sunday, 29-Nov-26 03:00:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date(""), std::nullopt);
}

}  // namespace
}  // namespace byline::http
