#include "content/language.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

TEST(Language, TagsAreMadeCanonical) {
  EXPECT_EQ(language_tag("fa"), "fa");
  EXPECT_EQ(language_tag("pt_br"), "pt-BR");
  EXPECT_EQ(language_tag("EN-gb"), "en-GB");
  EXPECT_EQ(language_tag("ckb"), "ckb");
}

TEST(Language, UnknownOrMalformedTagsAreRefused) {
  EXPECT_EQ(language_tag(""), std::nullopt);
  EXPECT_EQ(language_tag("xx"), std::nullopt);
  EXPECT_EQ(language_tag("english"), std::nullopt);
  EXPECT_EQ(language_tag("fa\"><script>"), std::nullopt);
  EXPECT_EQ(language_tag(std::string(40, 'a')), std::nullopt);
}

TEST(Language, NamesALanguageInItself) {
  EXPECT_EQ(language_name("fa"), "فارسی");
  EXPECT_EQ(language_name("de"), "Deutsch");
  EXPECT_EQ(language_name("en"), "English");
}

TEST(Language, KnowsWhichLanguagesAreWrittenRightToLeft) {
  EXPECT_TRUE(is_right_to_left("fa"));
  EXPECT_TRUE(is_right_to_left("ar"));
  EXPECT_FALSE(is_right_to_left("en"));
}

TEST(Language, APrimaryLanguageIsTheFirstSubtagInLowerCase) {
  EXPECT_EQ(primary_language("fa-IR"), "fa");
  EXPECT_EQ(primary_language("FA"), "fa");
  EXPECT_EQ(primary_language("pt-BR"), "pt");
  EXPECT_EQ(primary_language(""), "");
}

}  // namespace
}  // namespace byline::content
