#include "content/text.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

constexpr std::string_view kSentence =
    "The spokesperson for Iran’s Foreign Ministry says that the Islamic Republic of Iran is "
    "prepared to give the necessary assurances regarding the peaceful nature of its nuclear "
    "programme.";

TEST(Excerpt, CutsAtTheLastWordBoundaryWithinTheCharacterLimit) {
  const std::string excerpt = make_excerpt(kSentence, ExcerptRule{ExcerptRule::Unit::characters, 100});
  EXPECT_EQ(excerpt,
            "The spokesperson for Iran’s Foreign Ministry says that the Islamic Republic of Iran is "
            "prepared to…");
}

TEST(Excerpt, CountsCharactersNotBytes) {
  // 10 Persian letters are 20 bytes; a limit of 12 characters keeps both words.
  EXPECT_EQ(make_excerpt("ایران روسیه ادامه", ExcerptRule{ExcerptRule::Unit::characters, 12}),
            "ایران روسیه…");
}

TEST(Excerpt, CutsByWordsWhenTheRuleSaysWords) {
  EXPECT_EQ(make_excerpt(kSentence, ExcerptRule{ExcerptRule::Unit::words, 15}),
            "The spokesperson for Iran’s Foreign Ministry says that the Islamic Republic of Iran is "
            "prepared…");
}

TEST(Excerpt, LeavesShortTextWhole) {
  EXPECT_EQ(make_excerpt("Short and sweet.", {}), "Short and sweet.");
  EXPECT_EQ(make_excerpt("", {}), "");
}

TEST(Excerpt, DropsPunctuationBeforeTheEllipsis) {
  EXPECT_EQ(make_excerpt("Araqchi, said the world", ExcerptRule{ExcerptRule::Unit::words, 1}),
            "Araqchi…");
}

TEST(Excerpt, NeverCutsInsideACharacterAsReadersSeeIt) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";  // one character, five code points
  std::string families;
  for (int i = 0; i < 10; ++i) families += family;
  EXPECT_EQ(make_excerpt(families, ExcerptRule{ExcerptRule::Unit::characters, 3}), family + family + family + "…");
  // A letter with its combining marks stays whole; the marks count with it.
  const std::string marked = "e\u0301";  // é as e and an accent
  std::string word;
  for (int i = 0; i < 6; ++i) word += marked;
  EXPECT_EQ(make_excerpt(word, ExcerptRule{ExcerptRule::Unit::characters, 4}), marked + marked + marked + marked + "…");
  EXPECT_EQ(make_excerpt(family + " " + family + " news", ExcerptRule{ExcerptRule::Unit::characters, 3}),
            family + " " + family + "…");
}

TEST(Excerpt, CutsAnOverlongFirstWordAtACharacter) {
  EXPECT_EQ(make_excerpt("ایرانایرانایران", ExcerptRule{ExcerptRule::Unit::characters, 5}),
            "ایران…");
}

TEST(ExcerptRule, ParsesBothUnitsAndRejectsTheRest) {
  EXPECT_EQ(ExcerptRule::parse("15 words")->unit, ExcerptRule::Unit::words);
  EXPECT_EQ(ExcerptRule::parse("100 characters")->length, 100);
  EXPECT_FALSE(ExcerptRule::parse("0 words"));
  EXPECT_FALSE(ExcerptRule::parse("ten words"));
  EXPECT_FALSE(ExcerptRule::parse("15 lines"));
  EXPECT_FALSE(ExcerptRule::parse("15"));
  EXPECT_EQ(ExcerptRule::parse("15 words")->to_string(), "15 words");
}

TEST(HtmlToText, SeparatesBlocksAndFoldsWhiteSpace) {
  EXPECT_EQ(html_to_text("<p>First   line.</p><p>Second\n<b>bold</b> line.</p>"),
            "First line. Second bold line.");
}

TEST(HtmlToText, DecodesEntitiesAndSkipsScripts) {
  EXPECT_EQ(html_to_text("<p>Tom &amp; Jerry</p><script>alert(1)</script><style>p{}</style>"),
            "Tom & Jerry");
}

TEST(HtmlToText, SurvivesDeepNesting) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<span>";
  html += "deep";
  EXPECT_EQ(html_to_text(html), "deep");
}

}  // namespace
}  // namespace byline::content
