// Search normalisation and query building, on ICU for characters.
#include "content/search_text.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
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

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool is_word_character(UChar32 c) {
  const auto type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// A word as the index compares it: folded like normalize_for_search, lower
// case, diacritics gone (FTS5's unicode61 with remove_diacritics).
std::string fold_word(std::string_view word) {
  std::string out;
  if (std::all_of(word.begin(), word.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    out.reserve(word.size());
    for (const char c : word) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
  }
  const std::string normalized = normalize_for_search(word);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed = icu::UnicodeString::fromUTF8(normalized);
  if (U_SUCCESS(status)) decomposed = nfd->normalize(decomposed, status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
  }
  bare.toLower(icu::Locale::getRoot());
  bare.toUTF8String(out);
  return out;
}

// A word of a text: where it stands, in bytes.
struct Span {
  std::size_t begin;
  std::size_t end;
};

// The words of the first `limit` bytes of `text`, by position.
std::vector<Span> word_spans(std::string_view text, std::size_t limit) {
  std::vector<Span> spans;
  const std::size_t size = std::min(text.size(), limit);
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t i = 0;
  std::size_t start = kNone;  // where the word being read began
  while (i < size) {
    UChar32 c = 0;
    const std::size_t at = i;
    int32_t offset = static_cast<int32_t>(i);
    U8_NEXT(text.data(), offset, static_cast<int32_t>(size), c);
    i = static_cast<std::size_t>(offset);
    if (c >= 0 && is_word_character(c)) {
      if (start == kNone) start = at;
    } else if (start != kNone) {
      spans.push_back({start, at});
      start = kNone;
    }
  }
  if (start != kNone) spans.push_back({start, size});
  return spans;
}

}  // namespace

std::string make_snippet(std::string_view text, std::string_view typed) {
  constexpr std::size_t kWindowWords = 24;
  constexpr std::size_t kWordsBefore = 4;
  constexpr std::size_t kMaxGapBytes = 16;
  std::vector<std::string> terms;
  for (auto& word : words(normalize_for_search(typed.substr(0, kMaxQueryBytes)))) {
    if (terms.size() < kMaxTerms) terms.push_back(fold_word(word));
  }
  const bool last_is_prefix =
      !terms.empty() && count_code_points(terms.back()) >= kMinPrefixCharacters;
  auto matches = [&](std::string_view word) {
    const std::string folded = fold_word(word);
    for (std::size_t t = 0; t < terms.size(); ++t) {
      if (folded == terms[t]) return true;
      if (t + 1 == terms.size() && last_is_prefix && folded.starts_with(terms[t])) return true;
    }
    return false;
  };

  const std::vector<Span> spans = word_spans(text, kMaxSnippetScanBytes);
  if (spans.empty()) return {};
  std::size_t first = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (matches(text.substr(spans[i].begin, spans[i].end - spans[i].begin))) {
      first = i > kWordsBefore ? i - kWordsBefore : 0;
      break;
    }
  }
  const std::size_t last = std::min(spans.size(), first + kWindowWords);
  std::string snippet = first > 0 ? "…" : "";
  std::size_t copied = spans[first].begin;
  for (std::size_t i = first; i < last; ++i) {
    const std::string_view word = text.substr(spans[i].begin, spans[i].end - spans[i].begin);
    // What stands between words is kept when it is short (a space, a
    // comma); a long run of it (punctuation, symbols) becomes one space.
    const std::size_t gap = spans[i].begin - copied;
    if (gap <= kMaxGapBytes) {
      snippet.append(text, copied, gap);
    } else {
      snippet += ' ';
    }
    if (matches(word)) {
      snippet += '\x01';
      snippet += word;
      snippet += '\x02';
    } else {
      snippet += word;
    }
    copied = spans[i].end;
  }
  if (last == spans.size() && text.size() <= kMaxSnippetScanBytes) {
    snippet.append(text, copied);  // the closing punctuation
  } else {
    snippet += "…";
  }
  return snippet;
}

std::string normalize_for_search(std::string_view text) {
  // Read and written as UTF-8: every character this folds lies outside
  // ASCII, and most text indexed is all but ASCII, so there is no reason
  // to pass it through UTF-16. Ill-formed bytes become U+FFFD, as ICU's
  // fromUTF8 makes them (one per maximal subpart).
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < size) {
    if (bytes[i] < 0x80) {
      out += static_cast<char>(bytes[i++]);
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, size, c);
    if (c < 0) c = 0xFFFD;
    if (c == 0x200C || c == 0x200D || is_arabic_mark(c)) continue;  // ZWNJ, ZWJ, harakat
    if (c == 0x064A || c == 0x0649) c = 0x06CC;  // Arabic yeh, alef maksura -> Persian yeh
    if (c == 0x0643) c = 0x06A9;                 // Arabic kaf -> Persian keheh
    uint8_t encoded[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(encoded, length, c);
    out.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(length));
  }
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
  // reader types; from three characters on (kMinPrefixCharacters).
  if (last_is_word && count_code_points(parts.back()) >= kMinPrefixCharacters + 2)
    parts.back() += "*";
  std::string query;
  for (const auto& part : parts) query += (query.empty() ? "" : " ") + part;
  return query;
}

}  // namespace byline::content
