// The fast path's rules come from the HTML standard's tree construction
// "in body" (§13.2.6.4.7): every element it takes is one whose start and
// end tags do exactly what they say as long as
// - each end tag closes the element opened last (nothing is closed for it,
//   no formatting element is adopted or reopened);
// - no block (p, li, div, h2, …) opens while a <p> is open, which would
//   close the <p>;
// - an <li> opens only straight inside <ul> or <ol>, a <dt> or <dd> only
//   straight inside <dl>, which keeps them from closing an open item;
// - no <a> opens inside an <a>, no heading inside a heading, and no more
//   than three of one formatting element are open (the "Noah's Ark" rule
//   would forget the fourth);
// - a <pre> does not start with a line break (the parser drops it).
// None of its elements is a scope boundary, so "a <p> in button scope" is
// any open <p>. fuzz_sanitizer_fast_path checks that what this reads gives
// the bytes gumbo's parse gives.
#include "content/html_fast_path.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <string>
#include <vector>

namespace byline::content {
namespace {

enum Flags : unsigned {
  kBlock = 1,       // its start tag closes an open <p>
  kVoid = 2,        // no content, no end tag
  kFormatting = 4,  // on the list of active formatting elements
  kHeading = 8,
};

struct Element {
  std::string_view name;
  GumboTag tag;
  unsigned flags;
};

constexpr std::array kElements = {
    Element{"a", GUMBO_TAG_A, kFormatting},
    Element{"abbr", GUMBO_TAG_ABBR, 0},
    Element{"b", GUMBO_TAG_B, kFormatting},
    Element{"blockquote", GUMBO_TAG_BLOCKQUOTE, kBlock},
    Element{"br", GUMBO_TAG_BR, kVoid},
    Element{"cite", GUMBO_TAG_CITE, 0},
    Element{"code", GUMBO_TAG_CODE, kFormatting},
    Element{"dd", GUMBO_TAG_DD, kBlock},
    Element{"del", GUMBO_TAG_DEL, 0},
    Element{"div", GUMBO_TAG_DIV, kBlock},
    Element{"dl", GUMBO_TAG_DL, kBlock},
    Element{"dt", GUMBO_TAG_DT, kBlock},
    Element{"em", GUMBO_TAG_EM, kFormatting},
    Element{"figcaption", GUMBO_TAG_FIGCAPTION, kBlock},
    Element{"figure", GUMBO_TAG_FIGURE, kBlock},
    Element{"h1", GUMBO_TAG_H1, kBlock | kHeading},
    Element{"h2", GUMBO_TAG_H2, kBlock | kHeading},
    Element{"h3", GUMBO_TAG_H3, kBlock | kHeading},
    Element{"h4", GUMBO_TAG_H4, kBlock | kHeading},
    Element{"h5", GUMBO_TAG_H5, kBlock | kHeading},
    Element{"h6", GUMBO_TAG_H6, kBlock | kHeading},
    Element{"hr", GUMBO_TAG_HR, kBlock | kVoid},
    Element{"i", GUMBO_TAG_I, kFormatting},
    Element{"img", GUMBO_TAG_IMG, kVoid},
    Element{"ins", GUMBO_TAG_INS, 0},
    Element{"li", GUMBO_TAG_LI, kBlock},
    Element{"mark", GUMBO_TAG_MARK, 0},
    Element{"ol", GUMBO_TAG_OL, kBlock},
    Element{"p", GUMBO_TAG_P, kBlock},
    Element{"pre", GUMBO_TAG_PRE, kBlock},
    Element{"q", GUMBO_TAG_Q, 0},
    Element{"s", GUMBO_TAG_S, kFormatting},
    Element{"small", GUMBO_TAG_SMALL, kFormatting},
    Element{"span", GUMBO_TAG_SPAN, 0},
    Element{"strong", GUMBO_TAG_STRONG, kFormatting},
    Element{"sub", GUMBO_TAG_SUB, 0},
    Element{"sup", GUMBO_TAG_SUP, 0},
    Element{"time", GUMBO_TAG_TIME, 0},
    Element{"u", GUMBO_TAG_U, kFormatting},
    Element{"ul", GUMBO_TAG_UL, kBlock},
};

const Element* find_element(std::string_view name) {
  for (const auto& element : kElements) {
    if (element.name == name) return &element;
  }
  return nullptr;
}

// The named character references bodies use most; any other one is left
// to gumbo, which knows all 2,231.
struct NamedReference {
  std::string_view name;
  char32_t character;
};
constexpr std::array kNamedReferences = {
    NamedReference{"amp", U'&'},         NamedReference{"lt", U'<'},
    NamedReference{"gt", U'>'},          NamedReference{"quot", U'"'},
    NamedReference{"apos", U'\''},       NamedReference{"nbsp", U'\u00A0'},
    NamedReference{"hellip", U'\u2026'}, NamedReference{"mdash", U'\u2014'},
    NamedReference{"ndash", U'\u2013'},  NamedReference{"lsquo", U'\u2018'},
    NamedReference{"rsquo", U'\u2019'},  NamedReference{"ldquo", U'\u201C'},
    NamedReference{"rdquo", U'\u201D'},  NamedReference{"laquo", U'\u00AB'},
    NamedReference{"raquo", U'\u00BB'},  NamedReference{"copy", U'\u00A9'},
    NamedReference{"reg", U'\u00AE'},    NamedReference{"trade", U'\u2122'},
    NamedReference{"deg", U'\u00B0'},    NamedReference{"euro", U'\u20AC'},
    NamedReference{"pound", U'\u00A3'},  NamedReference{"middot", U'\u00B7'},
    NamedReference{"bull", U'\u2022'},   NamedReference{"times", U'\u00D7'},
};

constexpr std::size_t kLongestReferenceName = 6;  // "hellip", "middot"
static_assert(std::all_of(kNamedReferences.begin(), kNamedReferences.end(),
                          [](const NamedReference& reference) {
                            return reference.name.size() <= kLongestReferenceName;
                          }));

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || is_ascii_digit(c); }
bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// A character the parser takes as it is, with no parse error: not a
// control (but tab and newline), not a carriage return (which it turns
// into a newline), not a noncharacter.
bool is_plain_character(UChar32 c) {
  if (c < 0x20) return c == '\t' || c == '\n';
  if (c >= 0x7F && c <= 0x9F) return false;
  if (c >= 0xFDD0 && c <= 0xFDEF) return false;
  if (c == 0xFEFF) return false;  // a byte order mark, which a decoder may take away
  return (c & 0xFFFE) != 0xFFFE;
}

// A byte text may hold as it is: printable ASCII but '<' and '&', tab, line break.
bool is_plain_ascii(char c) {
  return ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n') && c != '<' && c != '&';
}

void append_utf8(std::string& out, UChar32 c) {
  std::array<uint8_t, U8_MAX_LENGTH> bytes{};
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes.data(), length, c);
  out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(length));
}

class Reader {
 public:
  Reader(std::string_view html, WellFormedHtmlHandler& handler, int max_depth)
      : html_(html), handler_(handler), max_depth_(max_depth) {}

  bool run() {
    while (at_ < html_.size()) {
      if (html_[at_] == '<') {
        if (!read_markup()) return false;
      } else {
        if (!read_text()) return false;
      }
    }
    return open_.empty();  // an element left open is closed by the parser, with an error
  }

 private:
  // Text up to the next tag, decoded, handed over as one piece.
  bool read_text() {
    text_.clear();
    while (at_ < html_.size() && html_[at_] != '<') {
      // Runs of printable ASCII, tabs and line breaks are copied at once.
      const std::size_t start = at_;
      while (at_ < html_.size() && is_plain_ascii(html_[at_])) ++at_;
      text_.append(html_, start, at_ - start);
      if (at_ < html_.size() && html_[at_] != '<' &&
          !read_character(text_, /*in_attribute=*/false)) {
        return false;
      }
    }
    if (after_pre_ && !text_.empty() && text_[0] == '\n') return false;
    after_pre_ = false;
    handler_.text(text_);
    return true;
  }

  // One character of text or of an attribute value, decoded into `out`.
  bool read_character(std::string& out, bool in_attribute) {
    const char c = html_[at_];
    if (c == '&') return read_reference(out);
    if (static_cast<unsigned char>(c) < 0x80) {
      if (!is_plain_character(static_cast<unsigned char>(c))) return false;
      if (in_attribute && c == '<') return false;  // allowed, but a sign of broken markup
      out += c;
      ++at_;
      return true;
    }
    UChar32 decoded = 0;
    auto offset = static_cast<int32_t>(at_);
    const auto start = at_;
    U8_NEXT(html_.data(), offset, static_cast<int32_t>(html_.size()), decoded);
    if (decoded < 0 || !is_plain_character(decoded)) return false;
    at_ = static_cast<std::size_t>(offset);
    out.append(html_, start, at_ - start);
    return true;
  }

  // "&…;" at at_: a reference from the short list, a numeric one to a
  // plain character, or a lone "&" followed by what cannot start one.
  bool read_reference(std::string& out) {
    const std::size_t start = at_ + 1;
    if (start >= html_.size()) return false;  // "&" at the end: left to gumbo
    const char next = html_[start];
    if (next == '#') return read_numeric_reference(out);
    if (!is_ascii_alpha(next) && !is_ascii_digit(next)) {
      out += '&';  // not a reference at all, and no parse error
      ++at_;
      return true;
    }
    // Looked for only as far as the longest name on the list, so that a
    // body of "&a&a&a…" is not read to its end at every "&".
    const std::size_t length = html_.substr(start, kLongestReferenceName + 1).find(';');
    if (length == std::string_view::npos) return false;
    const std::string_view name = html_.substr(start, length);
    const std::size_t semicolon = start + length;
    for (const auto& reference : kNamedReferences) {
      if (reference.name == name) {
        append_utf8(out, static_cast<UChar32>(reference.character));
        at_ = semicolon + 1;
        return true;
      }
    }
    return false;
  }

  bool read_numeric_reference(std::string& out) {
    std::size_t i = at_ + 2;
    const bool hex = i < html_.size() && (html_[i] == 'x' || html_[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    UChar32 value = 0;
    while (i < html_.size() && i - digits_start < 7) {
      const char c = html_[i];
      int digit = -1;
      if (is_ascii_digit(c))
        digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        digit = c - 'A' + 10;
      if (digit < 0) break;
      value = value * (hex ? 16 : 10) + digit;
      ++i;
    }
    if (i == digits_start || i >= html_.size() || html_[i] != ';') return false;
    if (value == 0 || value > 0x10FFFF || U_IS_SURROGATE(value) || !is_plain_character(value)) {
      return false;  // the parser replaces or remaps these (windows-1252 for 0x80–0x9F)
    }
    append_utf8(out, value);
    at_ = i + 1;
    return true;
  }

  bool read_markup() {
    const std::string_view rest = html_.substr(at_);
    if (rest.starts_with("<!--")) return read_comment();
    if (rest.size() >= 2 && rest[1] == '/') return read_end_tag();
    return read_start_tag();
  }

  // "<!--…-->" with nothing in it a parser would read as something else.
  bool read_comment() {
    const std::size_t start = at_ + 4;
    const std::size_t end = html_.find("-->", start);
    if (end == std::string_view::npos) return false;
    const std::string_view inside = html_.substr(start, end - start);
    if (inside.starts_with('>') || inside.starts_with("->") || inside.ends_with('-') ||
        inside.find("--") != std::string_view::npos ||
        inside.find("<!-") != std::string_view::npos) {
      return false;
    }
    at_ = end + 3;
    after_pre_ = false;
    return true;
  }

  // A tag name of lower-case letters and digits, starting with a letter.
  std::string_view read_name() {
    const std::size_t start = at_;
    if (at_ >= html_.size() || !(html_[at_] >= 'a' && html_[at_] <= 'z')) return {};
    while (at_ < html_.size() && is_lower_alnum(html_[at_])) ++at_;
    return html_.substr(start, at_ - start);
  }

  void skip_spaces() {
    while (at_ < html_.size() && is_tag_space(html_[at_])) ++at_;
  }

  bool read_end_tag() {
    at_ += 2;
    const std::string_view name = read_name();
    const Element* element = find_element(name);
    if (!element || (element->flags & kVoid) || open_.empty() || open_.back() != element) {
      return false;
    }
    skip_spaces();
    if (at_ >= html_.size() || html_[at_] != '>') return false;
    ++at_;
    open_.pop_back();
    after_pre_ = false;
    handler_.end(element->tag);
    return true;
  }

  bool read_start_tag() {
    ++at_;
    const std::string_view name = read_name();
    const Element* element = find_element(name);
    if (!element || !may_open(*element)) return false;
    attributes_.clear();
    values_.clear();
    bool self_closing = false;
    while (true) {
      const bool spaced = at_ < html_.size() && is_tag_space(html_[at_]);
      skip_spaces();
      if (at_ >= html_.size()) return false;
      if (html_[at_] == '>') break;
      if (html_[at_] == '/') {
        if (at_ + 1 >= html_.size() || html_[at_ + 1] != '>') return false;
        self_closing = true;
        ++at_;
        break;
      }
      if (!spaced || !read_attribute()) return false;
    }
    ++at_;  // '>'
    // "<p/>" leaves the <p> open, with a parse error; only void elements may close so.
    if (self_closing && !(element->flags & kVoid)) return false;

    views_.clear();
    for (std::size_t i = 0; i < attributes_.size(); ++i)
      views_.push_back({attributes_[i], values_[i]});
    handler_.start(element->tag, views_, static_cast<int>(open_.size()));
    after_pre_ = element->tag == GUMBO_TAG_PRE;
    if (element->flags & kVoid) {
      handler_.end(element->tag);
    } else {
      open_.push_back(element);
    }
    return true;
  }

  // name="value", name='value' or a bare name; no duplicates.
  bool read_attribute() {
    const std::size_t start = at_;
    if (!(html_[at_] >= 'a' && html_[at_] <= 'z')) return false;
    while (at_ < html_.size() && (is_lower_alnum(html_[at_]) || html_[at_] == '-')) ++at_;
    const std::string_view name = html_.substr(start, at_ - start);
    for (const auto& seen : attributes_) {
      if (seen == name) return false;  // the parser keeps the first, with an error
    }
    std::string value;
    const std::size_t after_name = at_;
    skip_spaces();
    if (at_ >= html_.size() || html_[at_] != '=') {
      at_ = after_name;  // a bare name: the spaces after it are the next attribute's
    } else {
      ++at_;
      skip_spaces();
      if (at_ >= html_.size() || (html_[at_] != '"' && html_[at_] != '\'')) return false;
      const char quote = html_[at_++];
      while (at_ < html_.size() && html_[at_] != quote) {
        if (!read_character(value, /*in_attribute=*/true)) return false;
      }
      if (at_ >= html_.size()) return false;
      ++at_;  // the closing quote
      // After a value, a space, '/' or '>' must come.
      if (at_ < html_.size() && !is_tag_space(html_[at_]) && html_[at_] != '/' &&
          html_[at_] != '>') {
        return false;
      }
    }
    attributes_.push_back(name);
    values_.push_back(std::move(value));
    return true;
  }

  // Whether the element may open here without the parser closing,
  // reopening or moving anything (the rules at the top of this file).
  bool may_open(const Element& element) const {
    if (static_cast<int>(open_.size()) >= max_depth_) return false;
    const Element* current = open_.empty() ? nullptr : open_.back();
    int same_formatting = 0;
    for (const Element* open : open_) {
      if ((element.flags & kBlock) && open->tag == GUMBO_TAG_P) return false;
      if ((element.flags & kHeading) && (open->flags & kHeading)) return false;
      if (element.tag == GUMBO_TAG_A && open->tag == GUMBO_TAG_A) return false;
      if ((element.flags & kFormatting) && open == &element) ++same_formatting;
    }
    if (same_formatting >= 3) return false;
    switch (element.tag) {
      case GUMBO_TAG_LI:
        return current && (current->tag == GUMBO_TAG_UL || current->tag == GUMBO_TAG_OL);
      case GUMBO_TAG_DT:
      case GUMBO_TAG_DD:
        return current && current->tag == GUMBO_TAG_DL;
      default:
        return true;
    }
  }

  std::string_view html_;
  WellFormedHtmlHandler& handler_;
  const int max_depth_;
  std::size_t at_ = 0;
  std::vector<const Element*> open_;
  bool after_pre_ = false;  // the token just read was a <pre> start tag
  std::string text_;
  std::vector<std::string_view> attributes_;
  std::vector<std::string> values_;
  std::vector<AttributeView> views_;
};

}  // namespace

bool read_well_formed_html(std::string_view html, WellFormedHtmlHandler& handler, int max_depth) {
  // ICU's UTF-8 macros count in 32 bits; no body comes near that.
  if (html.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  return Reader(html, handler, max_depth).run();
}

}  // namespace byline::content
