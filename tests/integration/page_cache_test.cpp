// The page cache over real HTTP, on the demo site: hits are the bytes of
// the miss, compressed answers hold the same bytes, conditional requests get
// 304, and a publish shows on the very next request everywhere it should,
// while unrelated pages stay cached.
#include "byline_process.hpp"
#include "decompress.hpp"
#include "newsroom_client.hpp"

#include "store/sqlite/connection.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";
constexpr const char* kArticle = "/president-putin-russia-iran-having-strategic-ties/";

class PageCacheOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(add_staff(data_.path(), "eddie@example.com", "Eddie Editor", content::Role::editor, kPassword));
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{"--demo"});
  }

  HttpResponse get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return http_request(server_->port(), "GET", target, headers);
  }

  // Publishes a story in the Politics section as an editor; returns its
  // editor path.
  std::string publish_in_politics(const StaffClient& eddie, const std::string& title) {
    const std::string politics =
        first_match(eddie.get("/newsroom/posts/new/").body, R"re(name="section" value="(\d+)"> Politics)re");
    EXPECT_FALSE(politics.empty());
    const HttpResponse saved = eddie.post("/newsroom/posts/new/", "title=" + http::url_encode(title) +
                                                                      "&body=%3Cp%3EBreaking.%3C%2Fp%3E&section=" +
                                                                      politics + "&intent=publish");
    EXPECT_EQ(saved.status, 303) << visible_text(saved.body);
    const std::string location = saved.header("location");
    return location.substr(0, location.find('?'));
  }

  TempDir data_{"page-cache"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(PageCacheOverHttp, AHitAnswersWithTheBytesOfTheMiss) {
  const HttpResponse miss = get(kArticle);
  ASSERT_EQ(miss.status, 200);
  EXPECT_EQ(miss.header("x-cache"), "MISS");
  const HttpResponse hit = get(kArticle);
  EXPECT_EQ(hit.header("x-cache"), "HIT");
  EXPECT_EQ(hit.body, miss.body);
  for (const auto& [name, value] : miss.headers) {
    if (name == "x-cache" || name == "x-request-id") continue;
    EXPECT_EQ(hit.header(name), value) << name;
  }
  EXPECT_EQ(hit.headers.size(), miss.headers.size());
  EXPECT_NE(hit.header("x-request-id"), miss.header("x-request-id"));

  const HttpResponse head = http_request(server_->port(), "HEAD", kArticle);
  EXPECT_EQ(head.header("x-cache"), "HIT");
  EXPECT_EQ(head.header("content-length"), std::to_string(miss.body.size()));
  EXPECT_TRUE(head.body.empty());
}

TEST_F(PageCacheOverHttp, CompressedAnswersHoldTheSameBytes) {
  const std::string plain = get(kArticle).body;
  for (const std::string target : {kArticle, "/", "/rss/", "/sitemap-posts-1.xml"}) {
    const std::string identity = get(target).body;
    const HttpResponse brotli = get(target, {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(brotli.header("content-encoding"), "br") << target;
    EXPECT_EQ(brotli.header("vary"), "Accept-Encoding") << target;
    EXPECT_EQ(unbrotli(brotli.body), identity) << target;
    EXPECT_LT(brotli.body.size(), identity.size()) << target;
    const HttpResponse gzip = get(target, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(gzip.header("content-encoding"), "gzip") << target;
    EXPECT_EQ(gunzip(gzip.body), identity) << target;
    EXPECT_NE(gzip.header("etag"), brotli.header("etag"));
  }
  EXPECT_EQ(get(kArticle).body, plain);
}

TEST_F(PageCacheOverHttp, ConditionalRequestsAreAnsweredWithNotModified) {
  const HttpResponse first = get("/", {{"Accept-Encoding", "br"}});
  ASSERT_FALSE(first.header("etag").empty());
  const HttpResponse by_tag = get("/", {{"Accept-Encoding", "br"}, {"If-None-Match", first.header("etag")}});
  EXPECT_EQ(by_tag.status, 304);
  EXPECT_TRUE(by_tag.body.empty());
  EXPECT_EQ(by_tag.header("etag"), first.header("etag"));
  const HttpResponse by_date = get("/", {{"If-Modified-Since", first.header("last-modified")}});
  EXPECT_EQ(by_date.status, 304);
  EXPECT_EQ(get("/", {{"If-None-Match", "\"stale\""}}).status, 200);
  // A CDN may keep it briefly and serve it while it asks again.
  EXPECT_EQ(first.header("cache-control"), "public, max-age=0, s-maxage=10, stale-while-revalidate=60");
}

TEST_F(PageCacheOverHttp, APublishShowsOnTheVeryNextRequestEverywhereItShouldAndNowhereElse) {
  // Warm every page the new story will touch, and one it will not.
  const std::vector<std::string> touched{"/", "/section/politics/", "/rss/", "/section/politics/rss/",
                                         "/atom.xml", "/feed.json", kArticle, "/sitemap-posts-1.xml"};
  const std::string untouched = "/section/society/";
  for (const auto& target : touched) get(target);
  get(untouched);
  for (const auto& target : touched) ASSERT_EQ(get(target).header("x-cache"), "HIT") << target;
  const std::string society_before = get(untouched).body;

  const StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  publish_in_politics(eddie, "Parliament passes the budget");

  for (const auto& target : touched) {
    const HttpResponse fresh = get(target);
    EXPECT_EQ(fresh.header("x-cache"), "MISS") << target;
    // Its address, which every one of them links (the sitemap has no titles).
    EXPECT_NE(fresh.body.find("/parliament-passes-the-budget/"), std::string::npos) << target;
  }
  // The seed article's Recent Posts lead with it.
  const std::string recent = visible_text(get(kArticle).body);
  EXPECT_NE(recent.find("Recent Posts Parliament passes the budget"), std::string::npos) << recent;
  const HttpResponse society = get(untouched);
  EXPECT_EQ(society.header("x-cache"), "HIT");
  EXPECT_EQ(society.body, society_before);
}

TEST_F(PageCacheOverHttp, AnEditAndAnUnpublishShowAtOnce) {
  const StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const std::string editor = publish_in_politics(eddie, "Budget vote tonight");
  ASSERT_EQ(get("/budget-vote-tonight/").status, 200);
  get("/budget-vote-tonight/");
  get("/");

  auto save = [&](const std::string& title, const std::string& intent) {
    const std::string revision = first_match(eddie.get(editor).body, R"re(name="revision" value="(\d+)")re");
    const HttpResponse saved = eddie.post(editor, "revision=" + revision + "&title=" + http::url_encode(title) +
                                                      "&body=%3Cp%3EUpdated.%3C%2Fp%3E&intent=" + intent);
    EXPECT_EQ(saved.status, 303) << visible_text(saved.body);
  };
  save("Budget vote postponed", "save");
  EXPECT_NE(get("/budget-vote-tonight/").body.find("Budget vote postponed"), std::string::npos);
  EXPECT_NE(get("/").body.find("Budget vote postponed"), std::string::npos);

  save("Budget vote postponed", "unpublish");
  EXPECT_EQ(get("/budget-vote-tonight/").status, 404);
  EXPECT_EQ(get("/").body.find("Budget vote postponed"), std::string::npos);
  EXPECT_EQ(get("/rss/").body.find("Budget vote postponed"), std::string::npos);
}

TEST_F(PageCacheOverHttp, SignedInStaffAlwaysGetAFreshPage) {
  get("/");
  ASSERT_EQ(get("/").header("x-cache"), "HIT");
  const StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const HttpResponse staff = eddie.get("/");
  EXPECT_EQ(staff.status, 200);
  EXPECT_EQ(staff.header("x-cache"), "");
}

TEST_F(PageCacheOverHttp, QueryStringsCannotFillTheCache) {
  get("/");
  for (const std::string query : {"?utm_source=x", "?a=1&b=2", "?%00", "?page=2"}) {
    const HttpResponse answer = get("/" + query);
    EXPECT_EQ(answer.header("x-cache"), "HIT") << query;
  }
  // Search uses its query, so it is never cached.
  EXPECT_EQ(get("/search?q=iran").header("x-cache"), "");
  EXPECT_EQ(get("/search?q=iran").header("x-cache"), "");
  // Unknown addresses are not kept either.
  get("/no-such-story/");
  EXPECT_EQ(get("/no-such-story/").header("x-cache"), "");
}

TEST_F(PageCacheOverHttp, AQueryFieldTheFrontPageReadsIsNeverAnsweredWithTheCachedFrontPage) {
  ASSERT_EQ(get("/").status, 200);
  ASSERT_EQ(get("/").header("x-cache"), "HIT");
  // WordPress's own addresses: nothing was imported, so they lead nowhere.
  for (const std::string old : {"/?p=1", "/?page_id=2", "/?cat=3&utm_source=x", "/?author=1"}) {
    const HttpResponse answer = get(old);
    EXPECT_EQ(answer.status, 404) << old;
    EXPECT_EQ(answer.header("x-cache"), "") << old;
  }
  // And those Byline can answer whatever was imported.
  EXPECT_EQ(get("/?feed=rss2").header("location"), "/rss/");
  EXPECT_EQ(get("/?s=iran+talks").header("location"), "/search?q=iran%20talks");
  EXPECT_EQ(get("/?utm_source=x").header("x-cache"), "HIT");
}

TEST_F(PageCacheOverHttp, RenamingASectionChangesEveryPageThatNamesIt) {
  for (const std::string target : {"/", kArticle, "/section/politics/"}) get(target);
  ASSERT_EQ(get(kArticle).header("x-cache"), "HIT");
  const StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const std::string politics =
      first_match(eddie.get("/newsroom/posts/new/").body, R"re(name="section" value="(\d+)"> Politics)re");
  const HttpResponse renamed =
      eddie.post("/newsroom/sections/section/" + politics + "/", "name=Government&description=Who+governs");
  ASSERT_EQ(renamed.status, 200) << visible_text(renamed.body);
  for (const std::string target : {"/", kArticle, "/section/politics/"}) {
    const HttpResponse fresh = get(target);
    EXPECT_EQ(fresh.header("x-cache"), "MISS") << target;
    EXPECT_NE(visible_text(fresh.body).find("Government"), std::string::npos) << target;
  }
}

// With whole pages not kept, an article is put together from its own
// fragment and the Recent Posts fragment. A title changed behind Byline's
// back (straight in the database) shows that a publish re-renders the
// Recent Posts only, not the article around them.
TEST(ArticleFragments, APublishRerendersTheRecentPostsNotTheArticlesAroundThem) {
  TempDir data("fragments");
  ASSERT_TRUE(add_staff(data.path(), "eddie@example.com", "Eddie Editor", content::Role::editor, kPassword));
  ServerProcess server(data.path(), {"--demo", "--no-page-cache"});
  ASSERT_NE(http_get(server.port(), kArticle).body.find("President Putin: Russia, Iran having strategic ties"),
            std::string::npos);
  {
    auto connection = store::sqlite::Connection::open((data.path() / "byline.db").string(), false);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)
                    ->execute("UPDATE posts SET title = 'Changed behind Byline''s back' "
                              "WHERE slug = 'president-putin-russia-iran-having-strategic-ties'")
                    .ok());
  }
  const StaffClient eddie(server.port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const HttpResponse saved = eddie.post("/newsroom/posts/new/",
                                        "title=Breaking+news+from+Vienna&body=%3Cp%3ENews.%3C%2Fp%3E&intent=publish");
  ASSERT_EQ(saved.status, 303);

  const HttpResponse page = http_get(server.port(), kArticle);
  EXPECT_EQ(page.header("x-cache"), "");  // no page cache here
  const std::string text = visible_text(page.body);
  EXPECT_NE(text.find("Recent Posts Breaking news from Vienna"), std::string::npos) << text;
  EXPECT_NE(text.find("President Putin: Russia, Iran having strategic ties"), std::string::npos);
  EXPECT_EQ(text.find("Changed behind"), std::string::npos);
}

TEST(PageCacheSwitchedOff, EveryRequestIsHandled) {
  TempDir data("no-cache");
  ServerProcess server(data.path(), {"--demo", "--no-cache"});
  http_get(server.port(), "/");
  const HttpResponse again = http_get(server.port(), "/");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.header("x-cache"), "");
}

}  // namespace
}  // namespace byline::testing
