#include "content/diff.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

using Kind = DiffLine::Kind;

TEST(BlockTexts, SplitsABodyIntoItsBlocks) {
  EXPECT_EQ(block_texts("<h2>Head</h2>\n<p>One <b>bold</b> line.</p><ul><li>a</li><li>b</li></ul>"
                        "<figure><img src=\"/x.webp\" alt=\"Delegates\"><figcaption>Caption</figcaption></figure>"),
            (std::vector<std::string>{"Head", "One bold line.", "a b", "[image: Delegates] Caption"}));
}

TEST(DiffBlocks, ShowsWhatWasKeptRemovedAndAdded) {
  const auto lines = diff_blocks({"Intro", "Old middle", "End"}, {"Intro", "New middle", "End", "Update"});
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].kind, Kind::same);
  EXPECT_EQ(lines[1].kind, Kind::removed);
  EXPECT_EQ(lines[1].text, "Old middle");
  EXPECT_EQ(lines[2].kind, Kind::added);
  EXPECT_EQ(lines[2].text, "New middle");
  EXPECT_EQ(lines[3].kind, Kind::same);
  EXPECT_EQ(lines[4].kind, Kind::added);
}

TEST(DiffBlocks, HandlesEmptySides) {
  EXPECT_TRUE(diff_blocks({}, {}).empty());
  EXPECT_EQ(diff_blocks({}, {"New"})[0].kind, Kind::added);
  EXPECT_EQ(diff_blocks({"Gone"}, {})[0].kind, Kind::removed);
}

TEST(DiffBlocks, FallsBackToWholeSidesForHugeStories) {
  const std::vector<std::string> huge(kMaxDiffBlocks + 1, "same");
  const auto lines = diff_blocks(huge, huge);
  EXPECT_EQ(lines.size(), 2 * huge.size());
}

}  // namespace
}  // namespace byline::content
