// What changed between two versions of a story, block by block, for the
// newsroom's revision comparison.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace byline::content {

struct DiffLine {
  enum class Kind { same, removed, added };
  Kind kind;
  std::string text;
};

// The texts of `html`'s top-level blocks (paragraphs, headings, quotes,
// lists, figures), in order, empty ones left out.
std::vector<std::string> block_texts(std::string_view html);

// A longest-common-subsequence diff of two lists of blocks: what `before`
// and `after` share, what was removed and what was added, in reading order.
// Past kMaxDiffBlocks a side, everything is shown as removed then added.
inline constexpr std::size_t kMaxDiffBlocks = 2000;
std::vector<DiffLine> diff_blocks(const std::vector<std::string>& before,
                                  const std::vector<std::string>& after);

}  // namespace byline::content
