// Block diff by longest common subsequence.
#include "content/diff.hpp"

#include "content/html_document.hpp"

namespace byline::content {
namespace {

// The visible text of one node and everything under it.
std::string subtree_text(const GumboNode* root) {
  std::string text;
  std::vector<const GumboNode*> pending{root};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      text += node->v.text.text;
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    switch (node->v.element.tag) {  // blocks inside a block are separated
      case GUMBO_TAG_LI: case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_DIV:
      case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_DT:
      case GUMBO_TAG_DD:
        text += ' ';
        break;
      default:
        break;
    }
    if (node->v.element.tag == GUMBO_TAG_IMG) {
      // An image counts by its alt text, so swapping photos shows up.
      for (unsigned i = 0; i < node->v.element.attributes.length; ++i) {
        const auto* attribute = static_cast<const GumboAttribute*>(node->v.element.attributes.data[i]);
        if (std::string_view(attribute->name) == "alt") text += std::string("[image: ") + attribute->value + "] ";
      }
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  // Fold white space the way readers see it.
  std::string folded;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!folded.empty() && folded.back() != ' ') folded += ' ';
    } else {
      folded += c;
    }
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();
  return folded;
}

}  // namespace

std::vector<std::string> block_texts(std::string_view html) {
  HtmlDocument document(html);
  std::vector<std::string> blocks;
  const GumboVector& children = document.container()->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    std::string text = subtree_text(static_cast<const GumboNode*>(children.data[i]));
    if (!text.empty()) blocks.push_back(std::move(text));
  }
  return blocks;
}

std::vector<DiffLine> diff_blocks(const std::vector<std::string>& before,
                                  const std::vector<std::string>& after) {
  std::vector<DiffLine> lines;
  if (before.size() > kMaxDiffBlocks || after.size() > kMaxDiffBlocks) {
    for (const auto& text : before) lines.push_back({DiffLine::Kind::removed, text});
    for (const auto& text : after) lines.push_back({DiffLine::Kind::added, text});
    return lines;
  }
  const std::size_t n = before.size();
  const std::size_t m = after.size();
  // common[i][j]: the longest common subsequence of before[i..] and after[j..].
  std::vector<std::vector<unsigned>> common(n + 1, std::vector<unsigned>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1
                                           : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (before[i] == after[j]) {
      lines.push_back({DiffLine::Kind::same, before[i]});
      ++i;
      ++j;
    } else if (common[i + 1][j] >= common[i][j + 1]) {
      lines.push_back({DiffLine::Kind::removed, before[i++]});
    } else {
      lines.push_back({DiffLine::Kind::added, after[j++]});
    }
  }
  while (i < n) lines.push_back({DiffLine::Kind::removed, before[i++]});
  while (j < m) lines.push_back({DiffLine::Kind::added, after[j++]});
  return lines;
}

}  // namespace byline::content
