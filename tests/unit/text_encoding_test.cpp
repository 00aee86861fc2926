#include "common/text_encoding.hpp"

#include <gtest/gtest.h>

namespace byline {
namespace {

TEST(TextEncoding, AUtf8PrefixNeverEndsInsideACharacter) {
  const std::string persian = "ایران";  // two bytes a letter
  EXPECT_EQ(utf8_prefix(persian, 3), "ا");
  EXPECT_EQ(utf8_prefix(persian, 4), "ای");
  EXPECT_EQ(utf8_prefix(persian, 100), persian);
  EXPECT_EQ(utf8_prefix("abc", 2), "ab");
  EXPECT_EQ(utf8_prefix("\xF0\x9F\x93\xB0 news", 3), "")
      << "a four-byte emoji is whole or not at all";
  EXPECT_EQ(utf8_prefix("", 0), "");
  EXPECT_EQ(valid_utf8(utf8_prefix(persian, 5)), utf8_prefix(persian, 5));
}

}  // namespace
}  // namespace byline
