#include "content/search_text.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

TEST(SearchText, FoldsArabicFormsOfPersianLetters) {
  EXPECT_EQ(normalize_for_search("كتاب"), "کتاب");        // Arabic kaf
  EXPECT_EQ(normalize_for_search("ايران"), "ایران");       // Arabic yeh
  EXPECT_EQ(normalize_for_search("می‌روم"), "میروم");      // zero-width non-joiner
  EXPECT_EQ(normalize_for_search("كِتَاب"), "کتاب");        // diacritics
  EXPECT_EQ(normalize_for_search("Café"), "Café");
}

TEST(FtsQuery, QuotesEveryTermAndMakesTheLastAPrefix) {
  EXPECT_EQ(fts_query("oil deal"), "\"oil\" \"deal\"*");
  EXPECT_EQ(fts_query("\"strategic ties\" russia"), "\"strategic ties\" \"russia\"*");
  EXPECT_EQ(fts_query("\"strategic ties\""), "\"strategic ties\"");
}

TEST(FtsQuery, NeverPassesFtsSyntaxThrough) {
  EXPECT_EQ(fts_query("a AND b OR NOT c"), "\"a\" \"AND\" \"b\" \"OR\" \"NOT\" \"c\"*");
  EXPECT_EQ(fts_query("NEAR(x y"), "\"NEAR\" \"x\" \"y\"*");
  EXPECT_EQ(fts_query("***"), "");
  EXPECT_EQ(fts_query("title:secret"), "\"title\" \"secret\"*");
  EXPECT_EQ(fts_query("\"unclosed phrase"), "\"unclosed phrase\"");
  EXPECT_EQ(fts_query(""), "");
  EXPECT_EQ(fts_query("\xff\xfe broken"), "\"broken\"*");
}

TEST(FtsQuery, BoundsLongQueries) {
  std::string long_query;
  for (int i = 0; i < 5000; ++i) long_query += "word ";
  const std::string query = fts_query(long_query);
  EXPECT_LE(query.size(), 16u * 9u);
}

}  // namespace
}  // namespace byline::content
