#include "app/progress_bar.hpp"

#include <gtest/gtest.h>

namespace byline::app {
namespace {

using namespace std::chrono_literals;

TEST(ProgressBar, ShowsBytesItemsRateAndTimeLeft) {
  ProgressBar bar(false);
  bar.begin("Importing", 100 * 1024 * 1024);
  bar.advance(50 * 1024 * 1024, 1000);
  const std::string line = bar.line(10s);
  EXPECT_NE(line.find("Importing [############------------]  50%"), std::string::npos) << line;
  EXPECT_NE(line.find("50.0/100.0 MB"), std::string::npos) << line;
  EXPECT_NE(line.find("1000 items"), std::string::npos) << line;
  EXPECT_NE(line.find("100/s"), std::string::npos) << line;
  EXPECT_NE(line.find("0:10 left"), std::string::npos) << line;
}

TEST(ProgressBar, CountsItemsWhenThereAreNoBytesToGoBy) {
  ProgressBar bar(false);
  bar.begin("Importing", 400, true);
  bar.advance(100, 100);
  const std::string line = bar.line(2h);
  EXPECT_NE(line.find(" 25%  100/400 items"), std::string::npos) << line;
  EXPECT_NE(line.find("6:00:00 left"), std::string::npos) << line;
}

}  // namespace
}  // namespace byline::app
