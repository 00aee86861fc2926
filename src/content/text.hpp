// Plain text from HTML, and excerpts cut from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::content {

// The text a reader sees in `html`, blocks separated by a space and runs of
// white space folded to one.
std::string html_to_text(std::string_view html);

// How long an automatic excerpt is: a number of characters (cut at the word
// boundary at or before it) or a number of words.
struct ExcerptRule {
  enum class Unit { characters, words };
  Unit unit = Unit::characters;
  int length = 100;

  // Reads "100 characters" or "15 words"; nullopt for anything else.
  static std::optional<ExcerptRule> parse(std::string_view text);
  std::string to_string() const;
};

// The start of `text` by `rule`, ending in "…" when anything was cut.
// Characters are counted as readers see them (grapheme clusters, by ICU):
// never cuts inside a word unless the first word alone is longer than the
// limit, and never inside a character (a letter and its marks, an emoji
// family joined by ZWJ).
std::string make_excerpt(std::string_view text, ExcerptRule rule = {});

}  // namespace byline::content
