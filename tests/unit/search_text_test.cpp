#include "content/search_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace byline::content {
namespace {

TEST(SearchText, FoldsArabicFormsOfPersianLetters) {
  EXPECT_EQ(normalize_for_search("كتاب"), "کتاب");        // Arabic kaf
  EXPECT_EQ(normalize_for_search("ايران"), "ایران");       // Arabic yeh
  EXPECT_EQ(normalize_for_search("می‌روم"), "میروم");      // zero-width non-joiner
  EXPECT_EQ(normalize_for_search("كِتَاب"), "کتاب");        // diacritics
  EXPECT_EQ(normalize_for_search("Café"), "Café");
}

TEST(SearchText, KeepsEveryOtherCharacterAndMendsIllFormedBytes) {
  EXPECT_EQ(normalize_for_search("Oil \xE2\x80\x94 and 石油 and 🛢 in كِتَاب."),
            "Oil \xE2\x80\x94 and 石油 and 🛢 in کتاب.");
  // One U+FFFD for each maximal ill-formed part, as ICU makes them.
  EXPECT_EQ(normalize_for_search("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(normalize_for_search("a\xE2\x80z"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(normalize_for_search("a\xC0\xAFz"), "a\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_EQ(normalize_for_search("end\xD9"), "end\xEF\xBF\xBD");
  EXPECT_EQ(normalize_for_search(std::string_view("nul\0byte", 8)), std::string("nul\0byte", 8));
}

TEST(FtsQuery, QuotesEveryTermAndMakesTheLastAPrefix) {
  EXPECT_EQ(fts_query("oil deal"), "\"oil\" \"deal\"*");
  EXPECT_EQ(fts_query("\"strategic ties\" russia"), "\"strategic ties\" \"russia\"*");
  EXPECT_EQ(fts_query("\"strategic ties\""), "\"strategic ties\"");
}

TEST(FtsQuery, NeverPassesFtsSyntaxThrough) {
  EXPECT_EQ(fts_query("a AND b OR NOT cat"), "\"a\" \"AND\" \"b\" \"OR\" \"NOT\" \"cat\"*");
  EXPECT_EQ(fts_query("NEAR(x yes"), "\"NEAR\" \"x\" \"yes\"*");
  EXPECT_EQ(fts_query("***"), "");
  EXPECT_EQ(fts_query("title:secret"), "\"title\" \"secret\"*");
  EXPECT_EQ(fts_query("\"unclosed phrase"), "\"unclosed phrase\"");
  EXPECT_EQ(fts_query(""), "");
  EXPECT_EQ(fts_query("\xff\xfe broken"), "\"broken\"*");
}

TEST(FtsQuery, ALastWordMatchesAsAPrefixFromThreeCharactersOn) {
  EXPECT_EQ(fts_query("a"), "\"a\"");
  EXPECT_EQ(fts_query("oi"), "\"oi\"");
  EXPECT_EQ(fts_query("oil"), "\"oil\"*");
  EXPECT_EQ(fts_query("ایر"), "\"ایر\"*");
  EXPECT_EQ(fts_query("%E0%A4%A"), "\"E0\" \"A4\" \"A\"");
}

TEST(Snippet, MarksTheWordsAroundTheirFirstPlace) {
  const std::string text =
      "Tehran said on Monday that talks with Vienna went well. Oil exports rose by a third in the "
      "month, officials said, and oil prices fell.";
  const std::string snippet = make_snippet(text, "oil");
  EXPECT_TRUE(snippet.starts_with("…")) << snippet;
  EXPECT_NE(snippet.find("\x01Oil\x02 exports"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("\x01oil\x02 prices"), std::string::npos) << snippet;
  EXPECT_EQ(make_snippet(text, "expo"), make_snippet(text, "exports")) << "the last word as a prefix";
  EXPECT_EQ(make_snippet("Café society", "cafe"), "\x01" "Café\x02 society");
  EXPECT_EQ(make_snippet("دیدار ایران و روسیه", "ايران"), "دیدار \x01ایران\x02 و روسیه");
}

TEST(Snippet, ShowsTheStartWhenTheWordsAreOnlyInTheTitle) {
  EXPECT_EQ(make_snippet("Markets were calm today.", "oil"), "Markets were calm today.");
  EXPECT_EQ(make_snippet("", "oil"), "");
}

TEST(Snippet, LooksThroughABoundedPartOfTheText) {
  std::string text;
  while (text.size() < kMaxSnippetScanBytes + 100) text += "calm ";
  text += "oil";
  const std::string snippet = make_snippet(text, "oil");
  EXPECT_EQ(snippet.find('\x01'), std::string::npos) << "found past the bound";
  EXPECT_TRUE(snippet.starts_with("calm calm"));
  // A word repeated tens of thousands of times costs no more than any text.
  std::string repeated;
  for (int i = 0; i < 20000; ++i) repeated += "oil ";
  const std::string marked = make_snippet(repeated, "oil");
  EXPECT_EQ(std::count(marked.begin(), marked.end(), '\x01'), 24);
  // Long runs between words do not make a long snippet.
  EXPECT_EQ(make_snippet("oil " + std::string(20000, '!') + " prices", "oil"), "\x01oil\x02 prices");
}

TEST(FtsQuery, BoundsLongQueries) {
  std::string long_query;
  for (int i = 0; i < 5000; ++i) long_query += "word ";
  const std::string query = fts_query(long_query);
  EXPECT_LE(query.size(), 16u * 9u);
}

}  // namespace
}  // namespace byline::content
