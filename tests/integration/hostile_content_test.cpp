// What writers put in is shown harmlessly, and what is not published is not
// shown: content written through the Store, then read over real HTTP.
#include "byline_process.hpp"
#include "http_client.hpp"

#include "content/post_rules.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

using namespace std::chrono_literals;
using content::PostStatus;

constexpr std::string_view kHostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";

class HostileContent : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    store_ = std::move(*opened);

    content::User author;
    author.email = "mallory@example.com";
    author.name = "Mallory " + std::string(kHostile);
    author.slug = "mallory";
    author.bio = "Bio " + std::string(kHostile) + " \" onmouseover=\"alert(2)";
    auto id = store_->create_user(author, "");
    ASSERT_TRUE(id.ok());
    author_id_ = *id;
  }

  void add(std::string title, std::string slug, PostStatus status, std::optional<Time> when,
           std::string body = "<p>Body</p>") {
    content::Post post;
    post.title = std::move(title);
    post.slug = std::move(slug);
    post.body_source = std::move(body);
    post.status = status;
    post.published_at = when;
    content::User author;
    author.id = author_id_;
    post.authors.push_back(author);
    auto prepared = content::prepare_post(std::move(post), now_utc());
    ASSERT_TRUE(prepared.ok()) << prepared.error().message;
    ASSERT_TRUE(store_->create_post(*prepared).ok());
  }

  TempDir data_{"hostile"};
  std::unique_ptr<store::Store> store_;
  content::Id author_id_ = 0;
};

TEST(HtmlChecks, SeeEventHandlersInTagsButNotInQuotedValues) {
  EXPECT_EQ(attribute_names("<img src=x onerror=alert(1)>"),
            (std::vector<std::string>{"src", "onerror"}));
  EXPECT_EQ(attribute_names("<meta content=\"&quot; onmouseover=&quot;x\">"),
            (std::vector<std::string>{"content"}));
}

TEST_F(HostileContent, FeedsCarryHostileTitlesEscaped) {
  add("Title " + std::string(kHostile), "hostile", PostStatus::published, now_utc() - 1h);
  store_.reset();
  ServerProcess server(data_.path(), {});
  const std::string rss = http_get(server.port(), "/rss/").body;
  EXPECT_NE(rss.find("<title>Title &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"), std::string::npos) << rss;
  EXPECT_EQ(rss.find("<script>"), std::string::npos);
  const std::string json = http_get(server.port(), "/feed.json").body;
  EXPECT_EQ(json.find("<script>"), std::string::npos) << "json_quote escapes '<'";
}

TEST_F(HostileContent, TextThatTurnsRightToLeftIsIsolatedWhereverItIsShown) {
  const std::string title = "Ministers \u202Eagree\u202C on talks";
  add(title, "override", PostStatus::published, now_utc() - 1h, "<p>\u202Eflipped</p>");
  add("Another story", "another", PostStatus::published, now_utc() - 2h);
  store_.reset();
  ServerProcess server(data_.path(), {});
  const std::string article = http_get(server.port(), "/override/").body;
  EXPECT_NE(article.find("<h1 class=\"headline\" dir=\"auto\">" + title + "</h1>"), std::string::npos);
  EXPECT_NE(article.find("rel=\"author\"><bdi>Mallory"), std::string::npos);
  const std::string home = http_get(server.port(), "/").body;
  EXPECT_NE(home.find("<h2 class=\"card-title\" dir=\"auto\"><a href=\"/override/\">" + title), std::string::npos);
  const std::string other = http_get(server.port(), "/another/").body;
  EXPECT_NE(other.find("<h3 dir=\"auto\"><a href=\"/override/\">" + title), std::string::npos) << "Recent Posts";
  const std::string found = http_get(server.port(), "/search?q=ministers").body;
  EXPECT_NE(found.find("<h2 class=\"card-title\" dir=\"auto\"><a href=\"/override/\">"), std::string::npos);
}

TEST_F(HostileContent, TitlesBiosAndBodiesAreShownHarmlessly) {
  add("Title " + std::string(kHostile), "hostile", PostStatus::published, now_utc() - 1h,
      "<p onclick=\"alert(3)\">Safe text</p><script>alert(4)</script>"
      "<a href=\"javascript:alert(5)\">link</a>");
  store_.reset();
  ServerProcess server(data_.path(), {});

  for (const std::string path : {"/hostile/", "/", "/author/mallory/"}) {
    const HttpResponse response = http_get(server.port(), path);
    ASSERT_EQ(response.status, 200) << path;
    const std::string& body = response.body;
    EXPECT_EQ(body.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(body.find("<img src=x"), std::string::npos) << path;
    // No tag of the page carries an event handler (escaped text may mention one).
    for (const auto& name : attribute_names(body)) {
      EXPECT_FALSE(name.starts_with("on")) << name << " on " << path;
    }
    EXPECT_EQ(body.find("javascript:"), std::string::npos) << path;
    // The reader still sees what was typed, as text.
    EXPECT_NE(visible_text(body).find("<script>alert('x')</script>"), std::string::npos) << path;
  }
  EXPECT_NE(visible_text(http_get(server.port(), "/hostile/").body).find("Safe text"),
            std::string::npos);
}

TEST_F(HostileContent, DraftsScheduledAndFuturePostsAreNeverShown) {
  add("Visible story", "visible", PostStatus::published, now_utc() - 1h);
  add("Secret draft", "secret-draft", PostStatus::draft, std::nullopt);
  add("In review", "in-review", PostStatus::review, std::nullopt);
  add("Scheduled story", "scheduled-story", PostStatus::scheduled, now_utc() + 24h);
  add("Embargoed story", "embargoed", PostStatus::published, now_utc() + 24h);
  add("Pulled story", "pulled", PostStatus::unpublished, now_utc() - 2h);
  store_.reset();
  ServerProcess server(data_.path(), {});

  EXPECT_EQ(http_get(server.port(), "/visible/").status, 200);
  for (const std::string slug : {"secret-draft", "in-review", "scheduled-story", "embargoed", "pulled"}) {
    EXPECT_EQ(http_get(server.port(), "/" + slug + "/").status, 404) << slug;
  }
  for (const std::string path : {"/", "/author/mallory/", "/visible/", "/rss/", "/atom.xml", "/feed.json",
                                 "/author/mallory/rss/", "/sitemap-posts-1.xml", "/news-sitemap.xml"}) {
    const std::string body = http_get(server.port(), path).body;
    for (const std::string title : {"Secret draft", "In review", "Scheduled story", "Embargoed story", "Pulled story",
                                    "secret-draft", "in-review", "scheduled-story", "embargoed", "pulled"}) {
      EXPECT_EQ(body.find(title), std::string::npos) << title << " on " << path;
    }
  }
}

}  // namespace
}  // namespace byline::testing
