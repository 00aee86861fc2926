// Plain text extraction and excerpts.
#include "content/text.hpp"

#include "content/html_document.hpp"
#include "content/html_fast_path.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <vector>

namespace byline::content {
namespace {

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The byte offsets in `text` where each user-perceived character (grapheme
// cluster: a letter with its marks, an emoji family joined by ZWJ) ends.
std::vector<std::size_t> grapheme_ends(std::string_view text) {
  std::vector<std::size_t> ends;
  if (is_ascii(text)) {  // the common case, without ICU: a byte a character
    for (std::size_t i = 1; i <= text.size(); ++i) ends.push_back(i);
    return ends;
  }
  thread_local std::unique_ptr<icu::BreakIterator> characters = [] {
    UErrorCode status = U_ZERO_ERROR;
    return std::unique_ptr<icu::BreakIterator>(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  }();
  UErrorCode status = U_ZERO_ERROR;
  UText* utext =
      characters ? utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status)
                 : nullptr;
  if (!utext || U_FAILURE(status)) {  // no ICU: whole code points at least
    utext_close(utext);
    for (std::size_t i = 1; i <= text.size(); ++i) {
      if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
        ends.push_back(i);
    }
    return ends;
  }
  characters->setText(utext, status);
  for (int32_t end = characters->next(); end != icu::BreakIterator::DONE;
       end = characters->next()) {
    ends.push_back(static_cast<std::size_t>(end));  // UTF-8 offsets, as the UText is UTF-8
  }
  utext_close(utext);
  return ends;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// Trailing punctuation reads badly before an ellipsis ("said,…").
void trim_trailing_punctuation(std::string& text) {
  static constexpr std::string_view kMarks[] = {",", ";", ":", ".", "-", "–", "—", "(", "\"", "“"};
  bool trimmed = true;
  while (trimmed && !text.empty()) {
    trimmed = false;
    for (const auto mark : kMarks) {
      if (text.ends_with(mark)) {
        text.resize(text.size() - mark.size());
        trimmed = true;
      }
    }
  }
}

}  // namespace

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
      return true;
    default:
      return false;
  }
}

bool is_invisible(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE ||
         tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_HEAD;
}

void ReadableText::add(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(static_cast<unsigned char>(text[i]))) {
      if (!text_.empty() && text_.back() != ' ') text_ += ' ';
      ++i;
      continue;
    }
    const std::size_t start = i;  // a run of what is not white space, copied at once
    while (i < text.size() && !is_space(static_cast<unsigned char>(text[i]))) ++i;
    text_.append(text, start, i - start);
  }
}

std::string ReadableText::take() {
  while (!text_.empty() && text_.back() == ' ') text_.pop_back();
  return std::move(text_);
}

std::string html_to_text(std::string_view html) {
  // Well-formed markup is read without building a tree (html_fast_path.hpp).
  struct TextOnly final : WellFormedHtmlHandler {
    void start(GumboTag tag, std::span<const AttributeView>, int) override {
      if (is_block(tag)) readable.block_edge();
    }
    void end(GumboTag tag) override {
      if (is_block(tag)) readable.block_edge();
    }
    void text(std::string_view piece) override { readable.add(piece); }
    ReadableText readable;
  };
  TextOnly fast;
  if (read_well_formed_html(html, fast, kMaxSanitizedDepth)) return fast.readable.take();
  return text_of(HtmlDocument(html));
}

std::string text_of(const HtmlDocument& document) {
  ReadableText text;
  // An explicit stack: a hostile body may nest deeper than the call stack goes.
  std::vector<const GumboNode*> pending{document.container()};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node == nullptr) {  // marks the end of a block
      text.block_edge();
      continue;
    }
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      text.add(node->v.text.text);
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    const GumboElement& element = node->v.element;
    if (is_invisible(element.tag)) continue;
    if (is_block(element.tag)) {
      pending.push_back(nullptr);
      text.block_edge();
    }
    for (unsigned i = element.children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(element.children.data[i - 1]));
    }
  }
  return text.take();
}

std::optional<ExcerptRule> ExcerptRule::parse(std::string_view text) {
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  int length = 0;
  const auto number = text.substr(0, space);
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), length);
  if (error != std::errc{} || end != number.data() + number.size() || length < 1 ||
      length > 10000) {
    return std::nullopt;
  }
  const auto unit = text.substr(space + 1);
  if (unit == "characters") return ExcerptRule{Unit::characters, length};
  if (unit == "words") return ExcerptRule{Unit::words, length};
  return std::nullopt;
}

std::string ExcerptRule::to_string() const {
  return std::to_string(length) + (unit == Unit::words ? " words" : " characters");
}

std::string make_excerpt(std::string_view text, ExcerptRule rule) {
  const auto words = split_words(text);
  const auto limit = static_cast<std::size_t>(rule.length);
  std::string excerpt;
  std::size_t taken = 0;
  std::size_t length = 0;  // in user-perceived characters
  for (const auto word : words) {
    const std::size_t word_length = grapheme_ends(word).size();
    const std::size_t grown = length + (taken > 0 ? 1 : 0) + word_length;
    const bool fits = rule.unit == ExcerptRule::Unit::words ? taken < limit : grown <= limit;
    if (!fits) break;
    if (taken > 0) excerpt += ' ';
    excerpt += word;
    length = grown;
    ++taken;
  }
  if (taken == words.size()) return excerpt;
  if (taken == 0) {  // one word longer than the limit: cut it, between characters
    const auto ends = grapheme_ends(words.front());
    excerpt = std::string(
        words.front().substr(0, limit > 0 && limit <= ends.size() ? ends[limit - 1] : 0));
  }
  trim_trailing_punctuation(excerpt);
  return excerpt + "…";
}

}  // namespace byline::content
