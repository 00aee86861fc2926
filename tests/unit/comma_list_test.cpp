#include "common/comma_list.hpp"

#include <gtest/gtest.h>

namespace byline {
namespace {

TEST(CommaList, TrimsEachPartAndDropsEmptyOnes) {
  EXPECT_EQ(comma_list("Iran, oil ,,economy, "),
            (std::vector<std::string>{"Iran", "oil", "economy"}));
  EXPECT_EQ(comma_list("tags,authors"), (std::vector<std::string>{"tags", "authors"}));
  EXPECT_EQ(comma_list("ایران، نفت"), std::vector<std::string>{"ایران، نفت"});  // only ',' splits
  EXPECT_TRUE(comma_list("").empty());
  EXPECT_TRUE(comma_list(" , ,").empty());
}

}  // namespace
}  // namespace byline
