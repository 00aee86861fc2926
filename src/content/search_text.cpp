// Search normalisation and query building, on ICU for characters.
#include "content/search_text.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <vector>

namespace byline::content {
namespace {

constexpr std::size_t kMaxQueryBytes = 256;
constexpr std::size_t kMaxTerms = 16;

bool is_arabic_mark(UChar32 c) { return (c >= 0x064B && c <= 0x065F) || c == 0x0670; }

// Quotes a term for FTS5: a string in double quotes, inner quotes doubled.
std::string quoted(const std::string& term) {
  std::string out = "\"";
  for (const char c : term) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// The words of `text`: runs of letters, digits and marks.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> found;
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::string current;
  for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
    const UChar32 c = unicode.char32At(i);
    const auto type = u_charType(c);
    if (u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) {
      icu::UnicodeString(c).toUTF8String(current);
    } else if (!current.empty()) {
      found.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) found.push_back(std::move(current));
  return found;
}

}  // namespace

std::string normalize_for_search(std::string_view text) {
  const icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded;
  for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
    UChar32 c = unicode.char32At(i);
    if (c == 0x200C || c == 0x200D || is_arabic_mark(c)) continue;  // ZWNJ, ZWJ, harakat
    if (c == 0x064A || c == 0x0649) c = 0x06CC;  // Arabic yeh, alef maksura -> Persian yeh
    if (c == 0x0643) c = 0x06A9;                  // Arabic kaf -> Persian keheh
    folded.append(c);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string fts_query(std::string_view typed) {
  std::string input = normalize_for_search(typed.substr(0, kMaxQueryBytes));
  std::vector<std::string> parts;  // already quoted FTS strings
  bool last_is_word = false;
  std::size_t start = 0;
  bool in_phrase = false;
  for (std::size_t i = 0; i <= input.size() && parts.size() < kMaxTerms; ++i) {
    if (i < input.size() && input[i] != '"') continue;
    const std::string piece = input.substr(start, i - start);
    const auto piece_words = words(piece);
    if (in_phrase) {
      std::string phrase;
      for (const auto& word : piece_words) phrase += (phrase.empty() ? "" : " ") + word;
      if (!phrase.empty()) {
        parts.push_back(quoted(phrase));
        last_is_word = false;
      }
    } else {
      for (const auto& word : piece_words) {
        if (parts.size() >= kMaxTerms) break;
        parts.push_back(quoted(word));
        last_is_word = true;
      }
    }
    in_phrase = !in_phrase;
    start = i + 1;
  }
  if (parts.empty()) return {};
  // Rule: the last word typed matches as a prefix, so results come as the
  // reader types.
  if (last_is_word) parts.back() += "*";
  std::string query;
  for (const auto& part : parts) query += (query.empty() ? "" : " ") + part;
  return query;
}

}  // namespace byline::content
