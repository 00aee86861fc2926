// The reader site over real HTTP: `byline serve --demo` on a free port.
#include "byline_process.hpp"
#include "http_client.hpp"
#include "newsroom_client.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <regex>

namespace byline::testing {
namespace {

constexpr const char* kArticle = "/president-putin-russia-iran-having-strategic-ties/";

class ReaderSite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("reader-site");
    server_ = new ServerProcess(data_->path(), {"--demo"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }
  static HttpResponse get(const std::string& target) { return http_get(server_->port(), target); }

  static TempDir* data_;
  static ServerProcess* server_;
};

TempDir* ReaderSite::data_ = nullptr;
ServerProcess* ReaderSite::server_ = nullptr;

// Asserts that `expected` appear in `text` in this order; names the first
// one missing.
void expect_in_order(const std::string& text, const std::vector<std::string>& expected) {
  std::size_t at = 0;
  for (const auto& piece : expected) {
    const auto found = text.find(piece, at);
    ASSERT_NE(found, std::string::npos) << "missing, or out of order: \"" << piece << "\"";
    at = found + piece.size();
  }
}

TEST_F(ReaderSite, ArticlePageReadsInTheSeedPagesOrder) {
  const HttpResponse response = get(kArticle);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8");
  const std::string text = visible_text(response.body);
  expect_in_order(
      text,
      {"President Putin: Russia, Iran having strategic ties",
       "Head of Strategic Research Center of the Expediency Council Ali Akbar Velayati met with",
       "‘It is necessary that cooperation to be expanded in all areas",
       "The Russian president underlined that Moscow and Tehran are having strategic relations.",
       "Velayati, for his part voiced his pleasure in meeting the Russia president",
       "Share",
       "Published by Emad Askarieh",
       "Emad Askarieh has worked as a journalist since 2002.",
       "Recent Posts",
       "Iran says ready to give assurances regarding peaceful nature of its nuclear work",
       "The spokesperson for Iran’s Foreign Ministry says that the Islamic Republic of Iran is "
       "prepared…",
       "4 hours ago",
       "Iran spokesman: Preventing aid from entering Gaza war crime",
       "of the Gaza Strip…",
       "12 hours ago",
       "Iran’s Mission Denies Dutch Terror Allegations as Baseless",
       "Dutch National Security Agency's…",
       "14 hours ago",
       "Iran FM calls for robust Islamic action against Israel crimes",
       "the Islamic world are expected to…",
       "14 hours ago",
       "Iran signs 4 oilfield development contracts with Russia",
       "four major contracts with Russian…",
       "1 day ago",
       "4 arrested over controversial content aired on Iranian state TV",
       "a divisive segment on…",
       "1 day ago"});
}

TEST_F(ReaderSite, RecentPostsCarryMachineReadableTimes) {
  const std::string body = get(kArticle).body;
  const std::regex time_element(
      R"re(<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">4 hours ago</time>)re");
  EXPECT_TRUE(std::regex_search(body, time_element));
}

TEST(ReaderSiteOnHttps, ShareLinksOpenBesideTheArticleButCopyAndEmailStay) {
  TempDir data("share-on-https");
  ServerProcess server(data.path(), {"--demo", "--url", "https://news.example"});
  const std::string body = http_get(server.port(), kArticle).body;
  const std::regex copy(
      R"re(<a class="share-copy" href="https://news\.example/[^"]+" data-copy-link>)re");
  EXPECT_TRUE(std::regex_search(body, copy)) << "no new tab for the copy link";
  const std::regex email(R"re(<a class="share-email" href="mailto:[^"]+">)re");
  EXPECT_TRUE(std::regex_search(body, email));
  const std::regex telegram(
      R"re(<a class="share-telegram" href="https://t\.me/[^"]+" target="_blank" rel="noopener noreferrer">)re");
  EXPECT_TRUE(std::regex_search(body, telegram)) << "a share page opens in a new tab";
}

TEST_F(ReaderSite, ArticlePageHasPlainShareLinksAndNoThirdPartyScripts) {
  const std::string body = get(kArticle).body;
  EXPECT_NE(body.find("https://x.com/intent/post?url="), std::string::npos);
  EXPECT_NE(body.find("https://www.facebook.com/sharer/sharer.php?u="), std::string::npos);
  EXPECT_NE(body.find("https://t.me/share/url?url="), std::string::npos);
  EXPECT_NE(body.find("https://wa.me/?text="), std::string::npos);
  EXPECT_NE(body.find("mailto:?subject="), std::string::npos);
  EXPECT_NE(body.find("data-copy-link"), std::string::npos);
  const std::regex external_script(R"re(<script[^>]+src="(https?:)?//)re");
  EXPECT_FALSE(std::regex_search(body, external_script));
}

TEST_F(ReaderSite, HomeListsTheNewestArticleFirstAndPages) {
  const HttpResponse home = get("/");
  ASSERT_EQ(home.status, 200);
  const std::string text = visible_text(home.body);
  expect_in_order(text, {"Iran says ready to give assurances", "Iran spokesman: Preventing aid"});
  EXPECT_NE(home.body.find("href=\"/page/2/\""), std::string::npos);

  const HttpResponse second = get("/page/2/");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("href=\"/page/3/\""), std::string::npos);
  EXPECT_NE(second.body.find("rel=\"prev\" href=\"/\""), std::string::npos);
  EXPECT_EQ(second.body.find("Iran says ready to give assurances"), std::string::npos);
}

TEST_F(ReaderSite, PageOneAndPagesPastTheEndHaveNoPageOfTheirOwn) {
  const HttpResponse first = get("/page/1/");
  EXPECT_EQ(first.status, 301);
  EXPECT_EQ(first.header("location"), "/");
  EXPECT_EQ(get("/page/999/").status, 404);
  EXPECT_EQ(get("/page/0/").status, 404);
  EXPECT_EQ(get("/page/abc/").status, 404);
  EXPECT_EQ(get("/page/02/").status, 404);
}

TEST_F(ReaderSite, AuthorPageShowsTheBioAndTheirArticles) {
  const HttpResponse response = get("/author/emad-askarieh/");
  ASSERT_EQ(response.status, 200);
  const std::string text = visible_text(response.body);
  EXPECT_NE(text.find("Emad Askarieh has worked as a journalist since 2002."), std::string::npos);
  EXPECT_NE(text.find("President Putin: Russia, Iran having strategic ties"), std::string::npos);
  EXPECT_EQ(get("/author/emad-askarieh/page/2/").status, 200);
  EXPECT_EQ(get("/author/nobody/").status, 404);
}

TEST_F(ReaderSite, SectionAndTagPagesListTheirArticles) {
  const HttpResponse section = get("/section/economy/");
  ASSERT_EQ(section.status, 200);
  EXPECT_NE(visible_text(section.body).find("Iran signs 4 oilfield development contracts"),
            std::string::npos);
  EXPECT_EQ(section.body.find("Iran spokesman: Preventing aid"), std::string::npos);

  const HttpResponse tag = get("/tag/russia/");
  ASSERT_EQ(tag.status, 200);
  EXPECT_NE(visible_text(tag.body).find("President Putin: Russia, Iran having strategic ties"),
            std::string::npos);
  EXPECT_EQ(get("/section/sport/").status, 404);
  EXPECT_EQ(get("/tag/nothing/").status, 404);
}

TEST_F(ReaderSite, PagesAreServedAtTheirSlug) {
  const HttpResponse about = get("/about/");
  ASSERT_EQ(about.status, 200);
  EXPECT_NE(visible_text(about.body).find("demo site of Byline"), std::string::npos);
}

TEST_F(ReaderSite, UnknownPathsGetARealNotFoundPage) {
  for (const std::string path : {"/no-such-story/", "/a/b/c/", "/author/", "/assets/nothing.css"}) {
    const HttpResponse response = get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(response.body.find("Page not found"), std::string::npos) << path;
  }
}

TEST_F(ReaderSite, PathsWithoutTheirSlashRedirectPermanently) {
  const HttpResponse response = get("/president-putin-russia-iran-having-strategic-ties?ref=x");
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(response.header("location"),
            "/president-putin-russia-iran-having-strategic-ties/?ref=x");
  EXPECT_EQ(get("/author/emad-askarieh").status, 301);
}

TEST_F(ReaderSite, HeadAnswersLikeGetWithoutABody) {
  for (const std::string path : {"/", kArticle, "/no-such-story/", "/assets/style.css"}) {
    const HttpResponse got = get(path);
    const HttpResponse head = http_request(server_->port(), "HEAD", path);
    EXPECT_EQ(head.status, got.status) << path;
    EXPECT_EQ(head.header("content-length"), std::to_string(got.body.size())) << path;
    EXPECT_EQ(head.header("content-type"), got.header("content-type")) << path;
    EXPECT_TRUE(head.body.empty()) << path;
  }
}

TEST_F(ReaderSite, OtherMethodsAreNotAllowed) {
  const HttpResponse response = http_request(server_->port(), "POST", kArticle);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "GET, HEAD");
}

TEST_F(ReaderSite, EveryAnswerCarriesSecurityHeaders) {
  for (const std::string path : {"/", kArticle, "/no-such-story/"}) {
    const HttpResponse response = get(path);
    EXPECT_NE(response.header("content-security-policy").find("script-src 'self'"),
              std::string::npos)
        << path;
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff") << path;
    EXPECT_FALSE(response.header("x-request-id").empty()) << path;
  }
}

TEST_F(ReaderSite, AssetsHaveContentHashedNamesAndAreRevalidated) {
  const std::string page = get("/").body;
  const std::regex stylesheet(R"re(href="(/assets/style\.[0-9a-f]{10}\.css)")re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(page, match, stylesheet));
  const HttpResponse css = get(match[1].str());
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("cache-control"), "public, max-age=31536000, immutable");
  // The plain name may change content: browsers check back.
  EXPECT_EQ(get("/assets/style.css").header("cache-control"), "public, max-age=300");
  EXPECT_EQ(get("/assets/style.css").body, css.body);
  const HttpResponse again = http_request(server_->port(), "GET", "/assets/style.css",
                                          {{"If-None-Match", css.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ReaderSite, MalformedRequestsGetAClearRefusal) {
  EXPECT_EQ(get("/%zz/").status, 400);
  EXPECT_NE(send_raw(server_->port(), "NONSENSE\r\n\r\n").find("400 Bad Request"),
            std::string::npos);
  const std::string huge_header =
      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
  EXPECT_NE(send_raw(server_->port(), huge_header).find("431"), std::string::npos);
}

TEST_F(ReaderSite, KeepsConnectionsAliveForSeveralRequests) {
  const std::string two =
      "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /about/ HTTP/1.1\r\nHost: x\r\n"
      "Connection: close\r\n\r\n";
  const std::string answer = send_raw(server_->port(), two);
  std::size_t responses = 0;
  for (auto at = answer.find("HTTP/1.1 200"); at != std::string::npos;
       at = answer.find("HTTP/1.1 200", at + 1)) {
    ++responses;
  }
  EXPECT_EQ(responses, 2u);
}

std::size_t count(const std::string& text, const std::string& piece) {
  std::size_t found = 0;
  for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++found;
  return found;
}

TEST_F(ReaderSite, RobotsTxtNamesTheSitemapsAndKeepsCrawlersOutOfTheNewsroom) {
  const HttpResponse robots = get("/robots.txt");
  ASSERT_EQ(robots.status, 200);
  const std::string site = "http://127.0.0.1:" + std::to_string(server_->port());
  EXPECT_NE(robots.body.find("Disallow: /newsroom/\n"), std::string::npos);
  EXPECT_NE(robots.body.find("Disallow: /search\n"), std::string::npos);
  EXPECT_NE(robots.body.find("Sitemap: " + site + "/sitemap.xml\n"), std::string::npos);
  // Addresses come from the configured site URL, never from the Host header.
  for (const std::string path : {"/robots.txt", "/sitemap.xml", kArticle, "/rss/"}) {
    const HttpResponse forged =
        http_request(server_->port(), "GET", path, {{"Host", "evil.example"}});
    EXPECT_EQ(forged.status, 200) << path;
    EXPECT_EQ(forged.body.find("evil.example"), std::string::npos) << path;
  }
}

TEST_F(ReaderSite, TheSitemapIndexListsEveryPublishedAddress) {
  const HttpResponse index = get("/sitemap.xml");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "application/xml; charset=utf-8");
  for (const std::string child :
       {"/sitemap-posts-1.xml", "/sitemap-pages.xml", "/sitemap-authors.xml",
        "/sitemap-sections.xml", "/sitemap-tags.xml"}) {
    EXPECT_NE(index.body.find(child + "</loc>"), std::string::npos) << child;
    EXPECT_EQ(get(child).status, 200) << child;
  }
  const std::string posts = get("/sitemap-posts-1.xml").body;
  EXPECT_EQ(count(posts, "<url>"), 47u) << "the 47 demo articles, 4 of them Persian";
  EXPECT_EQ(count(posts, "<lastmod>"), 47u);
  EXPECT_NE(posts.find("/president-putin-russia-iran-having-strategic-ties/</loc>"),
            std::string::npos);
  const std::string pages = get("/sitemap-pages.xml").body;
  EXPECT_NE(pages.find("/about/</loc>"), std::string::npos);
  EXPECT_NE(pages.find("/fa/</loc>"), std::string::npos) << "the Persian edition's front page";
  EXPECT_NE(get("/sitemap-authors.xml").body.find("/author/emad-askarieh/</loc>"),
            std::string::npos);
  EXPECT_EQ(get("/sitemap-posts-2.xml").status, 404);
  EXPECT_EQ(get("/sitemap-posts-zero.xml").status, 404);
}

TEST_F(ReaderSite, TheNewsSitemapHoldsTheLastTwoDays) {
  const HttpResponse news = get("/news-sitemap.xml");
  ASSERT_EQ(news.status, 200);
  // The seed article (34 hours old), its six recent posts and four Persian
  // translations; the generated ones are two days old or more.
  EXPECT_EQ(count(news.body, "<news:news>"), 11u) << news.body;
  EXPECT_NE(news.body.find("<news:name>روزنامه‌ی "
                           "بایلاین</news:name><news:language>fa</news:language>"),
            std::string::npos)
      << "a Persian story is published under the Persian edition's name";
  EXPECT_NE(
      news.body.find("<news:name>The Daily Byline</news:name><news:language>en</news:language>"),
      std::string::npos);
  EXPECT_NE(
      news.body.find(
          "<news:title>Iran’s Mission Denies Dutch Terror Allegations as Baseless</news:title>"),
      std::string::npos);
}

TEST_F(ReaderSite, SearchFindsStoriesAndMarksTheWords) {
  const HttpResponse results = get("/search?q=strategic+tie");  // the last word as a prefix
  ASSERT_EQ(results.status, 200);
  EXPECT_NE(results.body.find("<meta name=\"robots\" content=\"noindex\">"), std::string::npos);
  const std::string text = visible_text(results.body);
  EXPECT_NE(text.find("President Putin: Russia, Iran having strategic ties"), std::string::npos);
  // Marked as written where it first appears ("Strategic Research").
  EXPECT_TRUE(results.body.find("<mark>strategic</mark>") != std::string::npos ||
              results.body.find("<mark>Strategic</mark>") != std::string::npos);
  EXPECT_NE(visible_text(get("/search?q=nothing-like-this").body).find("Nothing matches"),
            std::string::npos);
}

TEST_F(ReaderSite, SearchAnswersAnyQuery) {
  for (const std::string& query : std::vector<std::string>{
           "%22", "%22%22%22", "*", "a+AND+b+OR+NOT+c", "NEAR(", "title%3Asecret", "%FF%FE%FD",
           "%00", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", std::string(10000, 'x'), ""}) {
    const HttpResponse answer = get("/search?q=" + query);
    EXPECT_EQ(answer.status, 200) << query.substr(0, 40);
    EXPECT_EQ(answer.body.find("<script>alert"), std::string::npos);
  }
}

TEST_F(ReaderSite, LogsOneLinePerRequest) {
  get("/?log-check=1");
  const std::string output = server_->output();
  EXPECT_NE(output.find("\"GET /?log-check=1 HTTP/1.1\" 200"), std::string::npos) << output;
}

TEST(PublicAuthors, StaffWithNothingPublishedHaveNoPublicPage) {
  TempDir data("public-authors");
  ASSERT_TRUE(add_staff(data.path(), "olga@example.com", "Olga Owner", content::Role::admin,
                        "a long enough secret"));
  ASSERT_TRUE(add_staff(data.path(), "nima@example.com", "Nima New", content::Role::author,
                        "a long enough secret"));
  ServerProcess server(data.path(), {"--demo"});
  const std::vector<std::string> addresses{"/author/{}/", "/author/{}/rss/", "/author/{}/atom.xml",
                                           "/author/{}/feed.json", "/author/{}/page/2/"};
  auto at = [](std::string pattern, const std::string& slug) {
    return pattern.replace(pattern.find("{}"), 2, slug);
  };
  for (const std::string slug : {"olga-owner", "nima-new", "no-such-person"}) {
    for (const auto& address : addresses) {
      const HttpResponse answer = http_get(server.port(), at(address, slug));
      EXPECT_EQ(answer.status, 404) << at(address, slug);
      EXPECT_EQ(answer.body.find("Olga Owner"), std::string::npos);
      EXPECT_EQ(answer.body.find("Nima New"), std::string::npos);
    }
  }
  EXPECT_EQ(http_get(server.port(), "/sitemap-authors.xml").body.find("nima-new"),
            std::string::npos);

  // Once a story of theirs is out, the page and its feeds are there.
  StaffClient nima(server.port(), "nima@example.com", "a long enough secret");
  ASSERT_TRUE(nima.signed_in());
  ASSERT_EQ(nima.post("/newsroom/posts/new/", "title=First+story&body=Hello&intent=publish").status,
            303);
  const HttpResponse page = http_get(server.port(), "/author/nima-new/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nima New"), std::string::npos);
  EXPECT_EQ(http_get(server.port(), "/author/nima-new/rss/").status, 200);
  EXPECT_EQ(http_get(server.port(), "/author/olga-owner/").status, 404);
}

}  // namespace
}  // namespace byline::testing
