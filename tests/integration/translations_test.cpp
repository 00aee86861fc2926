// Translations over real HTTP: an editor links a story to the original it
// translates; readers and search engines then find every published
// language of it, from any of them.
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include "http/percent_encoding.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

class Translations : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(add_staff(data_.path(), "eddie@example.com", "Eddie Editor", content::Role::editor,
                          kPassword));
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{});
    eddie_ = std::make_unique<StaffClient>(server_->port(), "eddie@example.com", kPassword);
    ASSERT_TRUE(eddie_->signed_in());
  }

  std::string site() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // Saves a new post from the editor's fields; returns the answer.
  HttpResponse write(const std::string& title, const std::string& slug, const std::string& fields,
                     const std::string& intent = "publish") {
    return eddie_->post("/newsroom/posts/new/",
                        "title=" + http::url_encode(title) + "&slug=" + slug +
                            "&body=%3Cp%3EStory.%3C%2Fp%3E&" + fields + "&intent=" + intent);
  }

  std::string page(const std::string& path) { return http_get(server_->port(), path).body; }

  bool has(const std::string& html, const std::string& text) {
    return html.find(text) != std::string::npos;
  }

  TempDir data_{"translations"};
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<StaffClient> eddie_;
};

TEST_F(Translations, OriginalAndTranslationNameEachOtherWithHreflang) {
  ASSERT_EQ(write("Talks resume in Vienna", "talks-resume-in-vienna", "").status, 303);
  // Pasted as a full address, the way a writer copies it from the site.
  const HttpResponse persian =
      write("مذاکرات در وین از سر گرفته شد", "mozakerat-dar-vin",
            "locale=fa&translation_of=" + http::url_encode(site() + "/talks-resume-in-vienna/"));
  ASSERT_EQ(persian.status, 303) << visible_text(persian.body);
  ASSERT_EQ(write("Gespräche in Wien", "gespraeche-in-wien",
                  "locale=de&translation_of=%2Fmozakerat-dar-vin%2F")
                .status,
            303);

  const std::string original = page("/talks-resume-in-vienna/");
  EXPECT_TRUE(has(original, "<link rel=\"alternate\" hreflang=\"en\" href=\"" + site() +
                                "/talks-resume-in-vienna/\">"))
      << original;
  EXPECT_TRUE(has(original, "<link rel=\"alternate\" hreflang=\"fa\" href=\"" + site() +
                                "/mozakerat-dar-vin/\">"));
  EXPECT_TRUE(has(original, "<link rel=\"alternate\" hreflang=\"de\" href=\"" + site() +
                                "/gespraeche-in-wien/\">"));
  EXPECT_TRUE(has(original, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + site() +
                                "/talks-resume-in-vienna/\">"));
  EXPECT_TRUE(has(original, "<meta property=\"og:locale:alternate\" content=\"fa\">"));
  EXPECT_TRUE(has(original, "<a href=\"/mozakerat-dar-vin/\" lang=\"fa\" hreflang=\"fa\""));
  EXPECT_TRUE(has(visible_text(original), "فارسی"));
  EXPECT_TRUE(has(visible_text(original), "Deutsch"));

  // The German one was linked through the Persian one: all three are one group.
  const std::string translation = page("/mozakerat-dar-vin/");
  // A Persian story reads Persian from the header to the footer; the
  // site's English words say they are English.
  EXPECT_TRUE(has(translation, "<html lang=\"fa\" dir=\"rtl\">")) << translation;
  EXPECT_TRUE(has(translation, "<a class=\"site-title\" href=\"/\" lang=\"en\" dir=\"ltr\">"));
  const std::string persian_text = visible_text(translation);
  for (const char* words : {"رفتن به محتوا", "هم‌رسانی", "منتشرشده به قلم",
                            "تازه‌ترین نوشته‌ها", "درباره‌ی ما"}) {
    EXPECT_TRUE(has(persian_text, words)) << words;
  }
  EXPECT_FALSE(has(persian_text, "Published by"));
  EXPECT_FALSE(has(persian_text, "Recent Posts"));
  // Its Recent Posts are English stories, their words marked so.
  EXPECT_TRUE(
      has(translation, "<h3 lang=\"en\" dir=\"auto\"><a href=\"/talks-resume-in-vienna/\">"))
      << translation;
  // Recent Posts are kept apart by language: the English page seen after
  // the Persian one is English still.
  const std::string english_again = visible_text(page("/talks-resume-in-vienna/"));
  EXPECT_TRUE(has(english_again, "Recent Posts"));
  EXPECT_FALSE(has(english_again, "تازه‌ترین نوشته‌ها"));
  // German has no words in the theme: that page stays English around it.
  const std::string german = page("/gespraeche-in-wien/");
  EXPECT_TRUE(has(german, "<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_TRUE(has(german, "<article class=\"article\" lang=\"de\" dir=\"ltr\">"));
  EXPECT_TRUE(has(translation, "<meta property=\"og:locale\" content=\"fa\">"));
  EXPECT_TRUE(has(translation, "\"inLanguage\":\"fa\""));
  EXPECT_TRUE(has(translation, "hreflang=\"de\" href=\"" + site() + "/gespraeche-in-wien/\">"));
  EXPECT_TRUE(has(translation, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + site() +
                                   "/talks-resume-in-vienna/\">"));
  EXPECT_TRUE(has(visible_text(translation), "English"));

  // Google News learns each story's own language.
  const std::string news = page("/news-sitemap.xml");
  EXPECT_TRUE(
      has(news,
          "/mozakerat-dar-vin/</loc><news:news><news:publication><news:name>Byline</news:name>"
          "<news:language>fa</news:language>"))
      << news;
  EXPECT_TRUE(
      has(news,
          "/gespraeche-in-wien/</loc><news:news><news:publication><news:name>Byline</news:name>"
          "<news:language>de</news:language>"));
  EXPECT_TRUE(
      has(news,
          "/talks-resume-in-vienna/</loc><news:news><news:publication><news:name>Byline</news:name>"
          "<news:language>en</news:language>"));
}

TEST_F(Translations, AnUnpublishedTranslationIsNotOffered) {
  ASSERT_EQ(write("Budget passes", "budget-passes", "").status, 303);
  ASSERT_EQ(write("Le budget est adopté", "budget-adopte", "locale=fr&translation_of=budget-passes",
                  "save")
                .status,
            303);
  const std::string original = page("/budget-passes/");
  EXPECT_FALSE(has(original, "hreflang")) << original;
  EXPECT_FALSE(has(original, "budget-adopte"));
}

TEST_F(Translations, TheEditorShowsTheLanguageAndTheOriginal) {
  ASSERT_EQ(write("Talks resume in Vienna", "talks-resume-in-vienna", "").status, 303);
  const HttpResponse saved =
      write("مذاکرات", "mozakerat", "locale=fa&translation_of=talks-resume-in-vienna");
  ASSERT_EQ(saved.status, 303);
  const std::string location = saved.header("location");
  const std::string editor = eddie_->get(location.substr(0, location.find('?'))).body;
  EXPECT_TRUE(has(editor, "<input id=\"locale\" name=\"locale\" value=\"fa\"")) << editor;
  EXPECT_TRUE(has(
      editor,
      "<input id=\"translation_of\" name=\"translation_of\" value=\"/talks-resume-in-vienna/\""));
}

TEST_F(Translations, RefusesUnknownLanguagesMissingOriginalsAndLoops) {
  ASSERT_EQ(write("Talks resume in Vienna", "talks-resume-in-vienna", "").status, 303);

  const HttpResponse unknown = write("Typed headline", "typed", "locale=klingon");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(has(visible_text(unknown.body), "The language klingon is not known"))
      << visible_text(unknown.body);
  EXPECT_TRUE(has(unknown.body, "value=\"Typed headline\""));  // nothing typed is lost
  EXPECT_EQ(http_get(server_->port(), "/typed/").status, 404);

  const HttpResponse missing = write("Orphan", "orphan", "translation_of=%2Fno-such-story%2F");
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(has(visible_text(missing.body), "There is no post at /no-such-story/"));

  // A post cannot translate itself, nor become a translation while others translate it.
  ASSERT_EQ(write("مذاکرات", "mozakerat", "locale=fa&translation_of=talks-resume-in-vienna").status,
            303);
  ASSERT_EQ(write("Other original", "other-original", "").status, 303);
  const std::string editor_path = "/newsroom/posts/1/";
  const std::string revision =
      first_match(eddie_->get(editor_path).body, R"re(name="revision" value="(\d+)")re");
  const HttpResponse itself =
      eddie_->post(editor_path, "revision=" + revision +
                                    "&title=Talks+resume+in+Vienna&body=x"
                                    "&translation_of=talks-resume-in-vienna&intent=save");
  EXPECT_EQ(itself.status, 400);
  EXPECT_TRUE(has(visible_text(itself.body), "A post cannot be a translation of itself."));
  const HttpResponse nested =
      eddie_->post(editor_path, "revision=" + revision +
                                    "&title=Talks+resume+in+Vienna&body=x"
                                    "&translation_of=other-original&intent=save");
  EXPECT_EQ(nested.status, 400);
  EXPECT_TRUE(has(visible_text(nested.body), "is the original of other translations"));
}

}  // namespace
}  // namespace byline::testing
