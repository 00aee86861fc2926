#include "render/messages.hpp"
#include "render/theme.hpp"

#include <gtest/gtest.h>

#include <array>

namespace byline::render {
namespace {

using namespace std::string_literals;

const std::array<EmbeddedFile, 3> kFiles{{
    {"locales/en.json",
     R"({"share": "Share", "by": "By", "page_n": "Page {page}",
         "results_for": "{count, plural, one {# result} other {# results}} for “{q}”"})"},
    {"locales/fa.json", R"({"share": "هم‌رسانی", "page_n": "صفحه‌ی {page}"})"},
    {"post.mustache", "{{t.share}}"},
}};

TEST(Messages, FindsALanguageByItsTagAndFallsBackToEnglishKeyByKey) {
  auto messages = Messages::from_files(kFiles);
  ASSERT_TRUE(messages.ok()) << messages.error().message;
  EXPECT_EQ(messages->languages(), (std::vector<std::string>{"en", "fa"}));
  for (const char* tag : {"fa", "fa-IR", "fa_IR"}) {
    const Catalogue& persian = messages->for_language(tag);
    EXPECT_EQ(persian.language(), "fa") << tag;
    EXPECT_EQ(persian.text("share"), "هم‌رسانی") << tag;
    EXPECT_EQ(persian.text("by"), "By") << "a text Persian lacks reads as in English";
  }
  EXPECT_EQ(messages->for_language("de").language(), "en");
  EXPECT_EQ(messages->for_language("de").text("share"), "Share");
  EXPECT_EQ(messages->for_language("en").text("no_such_key"), "no_such_key")
      << "a missing text shows as its key, not as nothing";
}

TEST(Messages, FormatsNumbersInTheLanguagesDigitsAndPicksPluralForms) {
  auto messages = Messages::from_files(kFiles);
  ASSERT_TRUE(messages.ok());
  const Catalogue& english = messages->for_language("en");
  EXPECT_EQ(english.format("page_n", {{"page", 12LL}}), "Page 12");
  EXPECT_EQ(english.format("results_for", {{"count", 1LL}, {"q", "oil"s}}), "1 result for “oil”");
  EXPECT_EQ(english.format("results_for", {{"count", 1200LL}, {"q", "oil"s}}),
            "1,200 results for “oil”");
  EXPECT_EQ(messages->for_language("fa").format("page_n", {{"page", 12LL}}), "صفحه‌ی ۱۲");
  EXPECT_EQ(english.number(2026), "2026") << "a year has no grouping";
  EXPECT_EQ(messages->for_language("fa").number(2026), "۲۰۲۶");
}

TEST(Messages, ATextThatIsNoPatternComesBackAsWritten) {
  const std::array<EmbeddedFile, 1> files{{{"locales/en.json", R"({"broken": "Page {page"})"}}};
  auto messages = Messages::from_files(files);
  ASSERT_TRUE(messages.ok());
  EXPECT_EQ(messages->for_language("en").format("broken", {{"page", 2LL}}), "Page {page");
}

TEST(Messages, RefusesCataloguesThatAreNotFlatObjectsOfTextAndAThemeWithoutEnglish) {
  const std::array<EmbeddedFile, 1> not_json{{{"locales/en.json", "{\"share\": "}}};
  EXPECT_NE(Messages::from_files(not_json).error().message.find("locales/en.json"),
            std::string::npos);
  const std::array<EmbeddedFile, 1> nested{{{"locales/en.json", R"({"share": {"a": 1}})"}}};
  EXPECT_NE(Messages::from_files(nested).error().message.find("\"share\" is not a string"),
            std::string::npos);
  const std::array<EmbeddedFile, 1> no_english{{{"locales/fa.json", R"({"share": "x"})"}}};
  EXPECT_NE(Messages::from_files(no_english).error().message.find("en.json"), std::string::npos);
}

TEST(Messages, TheDefaultThemeSpeaksEnglishPersianAndArabicWithEveryKeyTranslated) {
  const auto theme = Theme::embedded_default();
  EXPECT_EQ(theme->messages_problem(), "");
  const Messages& messages = theme->messages();
  EXPECT_EQ(messages.languages(), (std::vector<std::string>{"ar", "en", "fa"}));
  const auto& english = messages.for_language("en").texts();
  for (const char* language : {"fa", "ar"}) {
    for (const auto& [key, text] : messages.for_language(language).texts()) {
      // Names and symbols may read the same; sentences may not.
      if (text.find(' ') != std::string::npos) {
        EXPECT_NE(text, english.at(key)) << language << ": " << key << " is not translated";
      }
    }
  }
  EXPECT_EQ(messages.for_language("ar").format("results_for", {{"count", 2LL}, {"q", "نفط"s}}),
            "نتيجتان لـ«نفط»");
}

}  // namespace
}  // namespace byline::render
