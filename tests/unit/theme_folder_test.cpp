// A theme of one's own, read from its folder: what is read and what is
// not, what is refused and why, how a change is noticed, and its words
// over the default theme's.
#include "render/theme_folder.hpp"

#include "render/view.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

namespace byline::render {
namespace {

namespace fs = std::filesystem;

class ThemeFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("byline-theme-" + std::to_string(std::random_device{}()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(folder_);
    write("index.mustache", "<ul>{{#posts}}{{> item}}{{/posts}}</ul>");
    write("post.mustache", "<h1>{{title}}</h1><p>{{t.recent_posts}}</p><p>{{t.tagline}}</p>");
    write("default.mustache", "<main>{{{body}}}</main>");
    write("partials/item.mustache", "<li>{{title}}</li>");
    write("assets/style.css", "body { background: url(\"paper.png\"); }");
    write("assets/paper.png", "PNG bytes");
    write("locales/en.json", R"({"tagline": "The news"})");
    write("locales/fa.json", R"({"tagline": "خبر"})");
  }
  void TearDown() override { fs::remove_all(folder_); }

  void write(const std::string& path, const std::string& text) {
    fs::create_directories((folder_ / path).parent_path());
    std::ofstream(folder_ / path, std::ios::binary) << text;
  }

  std::shared_ptr<const Theme> load(const ThemeFolderLimits& limits = {}) {
    auto theme = load_theme_folder(folder_, "/assets/", limits);
    EXPECT_TRUE(theme) << theme.error().message;
    return theme ? *theme : nullptr;
  }

  std::string refusal(const ThemeFolderLimits& limits = {}) {
    auto theme = load_theme_folder(folder_, "/assets/", limits);
    EXPECT_FALSE(theme) << "the theme was accepted";
    return theme ? std::string() : theme.error().message;
  }

  fs::path folder_;
};

TEST_F(ThemeFolder, ReadsTemplatesPartialsAssetsAndCatalogues) {
  const auto theme = load();
  ASSERT_TRUE(theme);
  EXPECT_TRUE(theme->has_template("index"));
  EXPECT_TRUE(theme->has_template("post"));
  EXPECT_TRUE(theme->has_partial("item"));
  View view;
  View posts = make_list();
  View post;
  post.set("title", "Oil exports rise");
  posts.push_back(post);
  view.set("posts", posts);
  EXPECT_EQ(*theme->render_page({"home", "index"}, view),
            "<main><ul><li>Oil exports rise</li></ul></main>");
  const Asset* paper = theme->asset("paper.png");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->bytes, "PNG bytes");
  EXPECT_NE(std::string(theme->asset("style.css")->bytes).find(paper->versioned_name),
            std::string::npos)
      << "the stylesheet names the image by its versioned name";
}

TEST_F(ThemeFolder, ItsWordsComeFirstAndTheDefaultThemesFillTheRest) {
  const auto theme = load();
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->messages().for_language("en").text("tagline"), "The news");
  EXPECT_EQ(theme->messages().for_language("fa").text("tagline"), "خبر");
  EXPECT_EQ(theme->messages().for_language("en").text("recent_posts"), "Recent Posts");
  EXPECT_EQ(theme->messages().for_language("fa").text("recent_posts"),
            Theme::embedded_default()->messages().for_language("fa").text("recent_posts"))
      << "a key the theme lacks reads as the default theme has it, in the page's language";
  EXPECT_EQ(theme->messages().for_language("ar").text("tagline"), "The news")
      << "a language only the default theme speaks takes the theme's own keys in English";
}

TEST_F(ThemeFolder, ItsCataloguesCanOverrideAWordOfTheDefaultTheme) {
  write("locales/en.json", R"({"recent_posts": "Latest"})");
  const auto theme = load();
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->messages().for_language("en").text("recent_posts"), "Latest");
}

TEST_F(ThemeFolder, NeedsNoCataloguesOfItsOwn) {
  fs::remove_all(folder_ / "locales");
  const auto theme = load();
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->messages().for_language("en").text("search"), "Search");
  EXPECT_TRUE(theme->messages_problem().empty()) << theme->messages_problem();
}

TEST_F(ThemeFolder, LeavesOutHiddenFilesBackupsAndOtherFolders) {
  write(".post.mustache.swp", "{{#broken");
  write("post.mustache~", "{{#broken");
  write("node_modules/pkg/index.mustache", "{{#broken");
  write("partials/.draft.mustache", "{{#broken");
  write("assets/.git/config", "secret");
  write("README.md", "# Theme");
  const auto theme = load();
  ASSERT_TRUE(theme);
  EXPECT_FALSE(theme->has_template("node_modules/pkg/index"));
  EXPECT_EQ(theme->asset(".git/config"), nullptr);
  EXPECT_EQ(theme->asset("README.md"), nullptr);
  EXPECT_EQ(theme->template_count(), 4u) << "index, post, default and the partial";
  EXPECT_EQ(theme->asset_count(), 2u);
}

TEST_F(ThemeFolder, FollowsNoLinkOutOfTheFolder) {
  const fs::path outside = folder_.string() + "-outside";
  fs::create_directories(outside / "secrets");
  std::ofstream(outside / "secrets/key.txt") << "private";
  fs::create_symlink(outside / "secrets/key.txt", folder_ / "assets/key.txt");
  fs::create_symlink(outside / "secrets", folder_ / "assets/linked");
  fs::create_symlink(outside / "secrets/key.txt", folder_ / "linked.mustache");
  const auto theme = load();
  fs::remove_all(outside);
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->asset("key.txt"), nullptr);
  EXPECT_EQ(theme->asset("linked/key.txt"), nullptr);
  EXPECT_FALSE(theme->has_template("linked"));
  EXPECT_EQ(theme->asset_count(), 2u) << "its own two files";
}

TEST_F(ThemeFolder, AnAssetsFolderThatIsALinkIsNotRead) {
  const fs::path outside = folder_.string() + "-elsewhere";
  fs::create_directories(outside);
  std::ofstream(outside / "file.txt") << "not the theme's";
  fs::remove_all(folder_ / "assets");
  fs::create_directory_symlink(outside, folder_ / "assets");
  const auto theme = load();
  fs::remove_all(outside);
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->asset_count(), 0u);
}

TEST_F(ThemeFolder, ReadsCataloguesFromLocalesItselfOnly) {
  write("locales/old/fa.json", R"({"tagline": "old"})");
  const auto theme = load();
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->messages().for_language("fa").text("tagline"), "خبر");
  for (const auto& language : theme->messages().languages())
    EXPECT_EQ(language.find('/'), std::string::npos);
}

TEST_F(ThemeFolder, RefusesAFolderThatDoesNotExist) {
  fs::remove_all(folder_);
  EXPECT_NE(refusal().find("does not exist"), std::string::npos);
}

TEST_F(ThemeFolder, RefusesAThemeWithoutIndexOrPost) {
  fs::remove(folder_ / "post.mustache");
  EXPECT_NE(refusal().find("no post.mustache"), std::string::npos);
  write("post.mustache", "<h1>{{title}}</h1>");
  fs::remove(folder_ / "index.mustache");
  EXPECT_NE(refusal().find("no index.mustache"), std::string::npos);
}

TEST_F(ThemeFolder, RefusesATemplateThatDoesNotCompileAndNamesIt) {
  write("partials/item.mustache", "<li>{{#title}}</li>");
  const std::string why = refusal();
  EXPECT_NE(why.find("partials/item.mustache"), std::string::npos) << why;
  EXPECT_NE(why.find("Unclosed section"), std::string::npos) << why;
}

TEST_F(ThemeFolder, RefusesACatalogueThatIsNoJsonObject) {
  write("locales/fa.json", "[\"not\", \"an object\"]");
  EXPECT_NE(refusal().find("locales/fa.json"), std::string::npos);
}

TEST_F(ThemeFolder, TakesFilesUpToItsLimitsAndRefusesMore) {
  ThemeFolderLimits limits;
  limits.max_files = 8;  // the eight files SetUp writes
  EXPECT_TRUE(load(limits));
  write("assets/extra.txt", "one more");
  EXPECT_NE(refusal(limits).find("more than 8 files"), std::string::npos);

  ThemeFolderLimits bytes;
  bytes.max_bytes = 2 * 1024 * 1024;
  write("assets/big.bin", std::string(1024 * 1024, 'x'));
  EXPECT_TRUE(load(bytes)) << "1 MB of a 2 MB limit";
  write("assets/bigger.bin", std::string(1024 * 1024 + 1, 'x'));
  EXPECT_NE(refusal(bytes).find("more than 2 MB"), std::string::npos);
}

TEST_F(ThemeFolder, ItsStateChangesWithAnEditAnAdditionAndARemoval) {
  const std::string untouched = theme_folder_state(folder_);
  EXPECT_EQ(theme_folder_state(folder_), untouched);
  write("README.md", "not part of the theme");
  EXPECT_EQ(theme_folder_state(folder_), untouched) << "files the theme is not made of";

  write("partials/item.mustache", "<li class=\"item\">{{title}}</li>");
  const std::string edited = theme_folder_state(folder_);
  EXPECT_NE(edited, untouched) << "the size changed";

  // The same size, written later: the modification time tells.
  const auto written = fs::last_write_time(folder_ / "partials/item.mustache");
  write("partials/item.mustache", "<li class=\"ITEM\">{{title}}</li>");
  fs::last_write_time(folder_ / "partials/item.mustache", written + std::chrono::seconds(2));
  const std::string rewritten = theme_folder_state(folder_);
  EXPECT_NE(rewritten, edited);

  write("assets/new.svg", "<svg/>");
  const std::string added = theme_folder_state(folder_);
  EXPECT_NE(added, rewritten);
  fs::remove(folder_ / "assets/new.svg");
  EXPECT_EQ(theme_folder_state(folder_), rewritten);
}

TEST(ThemeReplacement, ATemplateIsNeverTakenForItsPredecessors) {
  // Each thread keeps its compiled templates. A theme read again is a new
  // object, often where the last one was: it must render its own.
  for (int version = 0; version < 20; ++version) {
    const std::string text = "version " + std::to_string(version);
    const std::array<EmbeddedFile, 2> files = {{{"index.mustache", text}, {"post.mustache", ""}}};
    const auto theme = std::make_shared<const Theme>(files, "/assets/");
    View view;
    EXPECT_EQ(*theme->render_page({"index"}, view), text);
  }
}

TEST(ThemeCheck, TheDefaultThemeCanBeServed) {
  const auto usable = Theme::embedded_default()->check();
  EXPECT_TRUE(usable) << usable.error().message;
}

}  // namespace
}  // namespace byline::render
