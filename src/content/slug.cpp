// Slug rules, on ICU so that every script is handled the same way.
#include "content/slug.hpp"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <memory>

namespace byline::content {
namespace {

// A Transliterator is not safe to share between threads; each thread that
// makes slugs gets its own.
icu::Transliterator* latin_to_ascii() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        "Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(made) : nullptr;
  }();
  return transliterator.get();
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

bool is_kept(UChar32 c) {
  if (u_isalnum(c)) return true;
  // Combining marks carry meaning in many scripts (Arabic, Devanagari, ...).
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

void append_utf8(std::string& out, UChar32 c) {
  icu::UnicodeString one(c);
  one.toUTF8String(out);
}

}  // namespace

std::string make_slug(std::string_view text) {
  const icu::UnicodeString typed = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // Rule: what cannot be seen is not part of an address. A zero-width space
  // or a soft hyphen inside a word leaves the word whole (taken out before
  // the transliterator, which would make a soft hyphen a dash).
  icu::UnicodeString unicode;
  for (int32_t i = 0; i < typed.length(); i = typed.moveIndex32(i, 1)) {
    const UChar32 c = typed.char32At(i);
    if (!u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) unicode.append(c);
  }
  // Lower case first and last: some capitals lower into letters the
  // transliterator knows ("Ʀ" → "ʀ" → "r"), and its output may hold capitals.
  unicode.toLower(icu::Locale::getRoot());
  if (auto* transliterator = latin_to_ascii()) transliterator->transliterate(unicode);
  unicode.toLower(icu::Locale::getRoot());

  std::string slug;
  bool pending_dash = false;
  bool after_kept = false;  // the character just before was kept
  for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
    const UChar32 c = unicode.char32At(i);
    if (is_apostrophe(c)) {  // "Iran's" reads as "irans", not "iran-s"
      after_kept = false;
      continue;
    }
    if (!is_kept(c)) {
      pending_dash = !slug.empty();
      after_kept = false;
      continue;
    }
    // A mark belongs to the letter it follows. One that would land on
    // another letter once apostrophes are gone, or on an ASCII letter (the
    // transliterator strips those), is dropped now: else making a slug of
    // the slug would drop it then (found by fuzz_slug).
    if (!u_isalnum(c) && (!after_kept || static_cast<unsigned char>(slug.back()) < 0x80)) continue;
    after_kept = true;
    std::string piece;
    append_utf8(piece, c);
    const std::size_t needed = piece.size() + (pending_dash ? 1 : 0);
    if (slug.size() + needed > kMaxSlugBytes) break;
    if (pending_dash) slug += '-';
    slug += piece;
    pending_dash = false;
  }
  return slug;
}

bool mixes_lookalike_scripts(std::string_view slug) {
  // Plain ASCII is one script.
  if (std::all_of(slug.begin(), slug.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return false;
  }
  thread_local std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> made(uspoof_open(&status), &uspoof_close);
    uspoof_setChecks(made.get(), USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS, &status);
    uspoof_setRestrictionLevel(made.get(), USPOOF_MODERATELY_RESTRICTIVE);
    return made;
  }();
  std::size_t start = 0;
  while (start <= slug.size()) {
    const auto end = std::min(slug.find('-', start), slug.size());
    const std::string_view word = slug.substr(start, end - start);
    if (!word.empty()) {
      UErrorCode status = U_ZERO_ERROR;
      const int32_t found = uspoof_checkUTF8(checker.get(), word.data(), static_cast<int32_t>(word.size()),
                                             nullptr, &status);
      if (U_FAILURE(status) || found != 0) return true;
    }
    start = end + 1;
  }
  return false;
}

bool is_reserved_slug(std::string_view slug) {
  // Routes of today (site, feeds, newsroom, media, theme assets), of the
  // APIs and imports to come, and the addresses other platforms used that
  // redirects may need.
  static constexpr std::string_view kReserved[] = {
      "admin",    "amp",        "api",        "assets",     "atom",     "author",       "authors",
      "category", "comments",   "edit",       "embed",      "feed",     "feeds",        "ghost",
      "login",    "logout",     "media",      "new",        "news-sitemap", "newsroom", "p",
      "page",     "preview",    "robots",     "rss",        "search",   "section",      "sections",
      "sign-in",  "sign-out",   "sitemap",    "static",     "tag",      "tags",         "wp-admin",
      "wp-content", "wp-includes", "wp-json", "wp-login",   "xmlrpc",
  };
  return std::find(std::begin(kReserved), std::end(kReserved), slug) != std::end(kReserved);
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlugBytes) return false;
  // Most slugs are plain ASCII, checked here without ICU: for them the
  // round trip below comes down to "no dash at either end, never two".
  const bool ascii = std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (ascii) return slug.front() != '-' && slug.back() != '-' && slug.find("--") == std::string_view::npos;
  // Invalid UTF-8 decodes to U+FFFD, which make_slug turns into '-', so a
  // round trip rejects it too.
  return make_slug(slug) == slug;
}

}  // namespace byline::content
