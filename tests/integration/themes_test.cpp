// A theme of one's own, served from its folder (`byline serve --theme DIR`):
// every kind of page rendered with it, its fallbacks, and an edit seen on
// the next request while a broken edit leaves the last good version up.
#include "byline_process.hpp"
#include "http_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

namespace byline::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kMinimalTheme = fs::path(BYLINE_THEMES) / "minimal";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// The versioned address of the theme's stylesheet a page links, or "".
std::string stylesheet_of(const std::string& page) {
  std::smatch found;
  const std::regex stylesheet(R"re(href="(/assets/style\.[0-9a-f]+\.css)")re");
  return std::regex_search(page, found, stylesheet) ? found[1].str() : "";
}

// The first address of a story on the front page.
std::string first_story(const std::string& front_page) {
  std::smatch found;
  const std::regex story(R"re(<h2[^>]*><a href="(/[a-z0-9-]+/)")re");
  return std::regex_search(front_page, found, story) ? found[1].str() : "";
}

class MinimalTheme : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("minimal-theme");
    server_ = new ServerProcess(data_->path(), {"--demo", "--theme", kMinimalTheme.string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }
  static HttpResponse get(const std::string& path) { return http_get(server_->port(), path); }

  static TempDir* data_;
  static ServerProcess* server_;
};
TempDir* MinimalTheme::data_ = nullptr;
ServerProcess* MinimalTheme::server_ = nullptr;

TEST_F(MinimalTheme, TheFrontPageSectionsTagsAndAuthorsAreItsIndex) {
  const HttpResponse home = get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(has(home.body, "<p class=\"tagline\">The news, and nothing else</p>"))
      << "its own words";
  EXPECT_TRUE(has(home.body, "<article class=\"story\">")) << "its partial";
  EXPECT_FALSE(has(home.body, "post-grid")) << "nothing of the default theme";
  for (const std::string path :
       {"/section/politics/", "/tag/diplomacy/", "/author/emad-askarieh/", "/page/2/"}) {
    const HttpResponse page = get(path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_TRUE(has(page.body, "<article class=\"story\">")) << path;
    EXPECT_TRUE(has(page.body, "class=\"tagline\"")) << path;
  }
  EXPECT_TRUE(has(get("/section/politics/").body, "<h1>Politics</h1>"));
  EXPECT_TRUE(has(get("/author/emad-askarieh/").body, "<h1>Emad Askarieh</h1>"));
}

TEST_F(MinimalTheme, ArticlesAndPagesArePostsWithItsRecentPosts) {
  const std::string story = first_story(get("/").body);
  ASSERT_FALSE(story.empty());
  const HttpResponse article = get(story);
  ASSERT_EQ(article.status, 200);
  EXPECT_TRUE(has(article.body, "<ul class=\"recent\">"));
  EXPECT_TRUE(has(article.body, "<h2 id=\"recent\">Recent Posts</h2>"))
      << "a word the default theme's catalogue gives it";
  const HttpResponse about = get("/about/");
  ASSERT_EQ(about.status, 200);
  EXPECT_TRUE(has(about.body, "<h1 dir=\"auto\">About us</h1>"));
  EXPECT_TRUE(has(about.body, "class=\"tagline\""));
}

TEST_F(MinimalTheme, APersianStoryGetsItsPersianWordsAndTheDefaultThemesOthers) {
  const HttpResponse persian = get("/putin-rusiye-va-iran-ravabet-rahbordi/");
  ASSERT_EQ(persian.status, 200);
  EXPECT_TRUE(has(persian.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(persian.body, "خبر، و دیگر هیچ")) << "its own Persian";
  EXPECT_TRUE(has(persian.body, "تازه‌ترین نوشته‌ها"))
      << "the default theme's Persian for Recent Posts";
}

TEST_F(MinimalTheme, SearchWithoutASearchTemplateListsResultsWithItsIndex) {
  const HttpResponse search = get("/search?q=iran");
  ASSERT_EQ(search.status, 200);
  EXPECT_TRUE(has(search.body, "results for “iran”"));
  EXPECT_TRUE(has(search.body, "<article class=\"story\">"));
  EXPECT_TRUE(has(search.body, "<input id=\"q\" name=\"q\" type=\"search\" value=\"iran\">"));
}

TEST_F(MinimalTheme, NotFoundWithoutAnErrorTemplateIsBylinesOwnPlainPage) {
  const HttpResponse missing = get("/no-such-story/");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(has(missing.body, "<h1>Page not found</h1>"));
  EXPECT_TRUE(has(missing.body, "<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_TRUE(has(missing.body, "<a href=\"/\">The Daily Byline</a>"));
  EXPECT_EQ(get("/").status, 200) << "and the site goes on";
}

TEST_F(MinimalTheme, ServesItsOwnAssetsAndNoneOfTheDefaultThemes) {
  const std::string address = stylesheet_of(get("/").body);
  ASSERT_FALSE(address.empty());
  const HttpResponse style = get(address);
  EXPECT_EQ(style.status, 200);
  EXPECT_EQ(style.header("content-type"), "text/css; charset=utf-8");
  EXPECT_TRUE(has(style.body, "Minimal: one column of text"));
  EXPECT_EQ(get("/assets/site.js").status, 404) << "the default theme's script is not served";
}

// A theme folder of the test's own, with a server on it.
class ThemeReloading : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(kMinimalTheme, theme_.path(), fs::copy_options::recursive);
    server_ = std::make_unique<ServerProcess>(
        data_.path(), std::vector<std::string>{"--demo", "--theme", theme_.path().string()});
  }

  HttpResponse get(const std::string& path) { return http_get(server_->port(), path); }

  // Waits, a bounded while, until `path` shows `text`.
  bool shows_soon(const std::string& path, const std::string& text) {
    for (int tries = 0; tries < 100; ++tries) {
      if (has(get(path).body, text)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // How many times the server has printed `line` so far.
  std::size_t times_said(const std::string& line) {
    const std::string output = server_->output();
    std::size_t times = 0;
    for (auto at = output.find(line); at != std::string::npos; at = output.find(line, at + 1)) {
      ++times;
    }
    return times;
  }

  // Waits, a bounded while, until the server has printed `line` `times`
  // times in all.
  bool says_soon(const std::string& line, std::size_t times = 1) {
    for (int tries = 0; tries < 100; ++tries) {
      if (times_said(line) >= times) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir data_{"theme-reloading"};
  TempDir theme_{"theme-folder"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ThemeReloading, AnEditShowsOnCachedPagesTooAndABrokenOneKeepsTheLastGoodVersion) {
  const std::string story = first_story(get("/").body);
  ASSERT_FALSE(story.empty());
  // Both in the page cache now.
  ASSERT_TRUE(has(get("/").body, "The news, and nothing else"));
  ASSERT_TRUE(has(get(story).body, "The news, and nothing else"));

  write(theme_.path() / "locales/en.json", R"({"minimal_tagline": "The news, first"})");
  EXPECT_TRUE(shows_soon("/", "The news, first"));
  EXPECT_TRUE(has(get(story).body, "The news, first")) << "every cached page was dropped";
  EXPECT_TRUE(says_soon("Theme: reloaded " + theme_.path().string()));

  write(theme_.path() / "index.mustache", "{{#posts}}never closed");
  EXPECT_TRUE(says_soon("index.mustache: Unclosed section"));
  const HttpResponse still = get("/section/world/");
  EXPECT_EQ(still.status, 200);
  EXPECT_TRUE(has(still.body, "The news, first")) << "the last version that worked";

  write(theme_.path() / "index.mustache", "<p class=\"mended\">{{#posts}}{{title}} {{/posts}}</p>");
  EXPECT_TRUE(shows_soon("/", "<p class=\"mended\">"));
}

TEST_F(ThemeReloading, AnEditedStylesheetGetsANewAddress) {
  const std::string before = stylesheet_of(get("/").body);
  ASSERT_FALSE(before.empty());

  std::ofstream(theme_.path() / "assets/style.css", std::ios::app) << "\n.story { margin: 0; }\n";
  ASSERT_TRUE(says_soon("Theme: reloaded"));
  const std::string after = stylesheet_of(get("/").body);
  ASSERT_FALSE(after.empty());
  EXPECT_NE(after, before);
  EXPECT_TRUE(has(get(after).body, ".story { margin: 0; }"));
}

TEST_F(ThemeReloading, ATemplateRemovedFallsBackAndARemovedRecentPostPartialHidesRecentPosts) {
  const std::string story = first_story(get("/").body);
  ASSERT_FALSE(story.empty());
  write(theme_.path() / "page.mustache", "<p class=\"a-page\">{{#post}}{{title}}{{/post}}</p>");
  EXPECT_TRUE(shows_soon("/about/", "<p class=\"a-page\">About us</p>"));
  fs::remove(theme_.path() / "page.mustache");
  EXPECT_TRUE(shows_soon("/about/", "<h1 dir=\"auto\">About us</h1>")) << "back to post";

  const std::size_t reloads = times_said("Theme: reloaded");
  fs::remove(theme_.path() / "partials/recent-post.mustache");
  ASSERT_TRUE(says_soon("Theme: reloaded", reloads + 1));
  for (int tries = 0; tries < 50 && has(get(story).body, "class=\"recent\""); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const HttpResponse article = get(story);
  EXPECT_EQ(article.status, 200);
  EXPECT_FALSE(has(article.body, "class=\"recent\""));
}

TEST(ThemeFolderStart, ABrokenOrMissingThemeStopsTheStartWithTheReason) {
  TempDir data("broken-theme-data");
  TempDir theme("broken-theme");
  fs::copy(kMinimalTheme, theme.path(), fs::copy_options::recursive);
  fs::remove(theme.path() / "post.mustache");
  const CommandResult broken = run_byline(
      {"serve", "--port", "0", "--data", data.path().string(), "--theme", theme.path().string()});
  EXPECT_NE(broken.exit_code, 0);
  EXPECT_TRUE(has(broken.output, "has no post.mustache")) << broken.output;

  const CommandResult missing = run_byline({"serve", "--port", "0", "--data", data.path().string(),
                                            "--theme", (theme.path() / "nowhere").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_TRUE(has(missing.output, "does not exist")) << missing.output;
}

}  // namespace
}  // namespace byline::testing
