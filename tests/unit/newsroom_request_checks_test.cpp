#include "newsroom/request_checks.hpp"

#include <gtest/gtest.h>

namespace byline::newsroom {
namespace {

TEST(NewsroomNumbers, ReadsANumberWrittenTheCanonicalWay) {
  EXPECT_EQ(number_in("5"), 5);
  EXPECT_EQ(number_in("120"), 120);
  EXPECT_EQ(number_in("0"), 0);
}

TEST(NewsroomNumbers, RefusesEveryOtherSpelling) {
  for (const std::string_view text : {"05", "003", "00", "", "-1", "+5", "5a", " 5", "5 ", "1e3",
                                      "0x5", "99999999999999999999"}) {
    EXPECT_FALSE(number_in(text)) << text;
  }
}

}  // namespace
}  // namespace byline::newsroom
