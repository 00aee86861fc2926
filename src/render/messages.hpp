// A theme's message catalogues: every word its pages show, in each language
// the theme speaks. Kept as Ghost themes keep them, one flat JSON object a
// language (locales/en.json, locales/fa.json …); texts that take values are
// ICU MessageFormat patterns ("Page {page}", plurals), formatted with the
// language's own digits.
#pragma once

#include "common/embedded_file.hpp"
#include "common/result.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace byline::render {

// One language's texts, with English filling any key it lacks.
class Catalogue {
 public:
  Catalogue(std::string language, std::map<std::string, std::string, std::less<>> texts);

  // The language these texts are in ("fa"; "en" for the fallback).
  const std::string& language() const { return language_; }
  // The text for `key` as written; the key itself when no catalogue has it,
  // so a missing text shows on the page instead of nothing.
  std::string text(std::string_view key) const;
  // A value put into a text: a number (written in the language's digits,
  // and choosing plural forms) or words.
  using Value = std::variant<long long, std::string>;
  struct Argument {
    std::string name;
    Value value;
  };
  // The text for `key` with `arguments` put in ("Page {page}",
  // "{count, plural, one {# result} other {# results}}"). A text that is no
  // valid pattern comes back as written.
  std::string format(std::string_view key, const std::vector<Argument>& arguments) const;
  // A number alone in the language's digits, without grouping: a year
  // ("2026", "۲۰۲۶").
  std::string number(long long value) const;

  // Every key and its text: what templates get as {{t.key}}.
  const std::map<std::string, std::string, std::less<>>& texts() const { return texts_; }

 private:
  std::string format_pattern(const std::string& pattern,
                             const std::vector<Argument>& arguments) const;

  std::string language_;
  std::map<std::string, std::string, std::less<>> texts_;
};

class Messages {
 public:
  // Reads "locales/<language>.json" among `files`; an unreadable catalogue
  // is an error naming the file. English (en.json) is required: it is the
  // fallback for every other language.
  //
  // With `underneath` (the default theme's words under a theme of one's
  // own), a key a language's catalogue lacks reads as underneath has it in
  // that language, and only keys underneath lacks too read as the theme's
  // English. en.json is then optional, and languages only underneath
  // speaks are spoken too.
  static Result<Messages> from_files(std::span<const EmbeddedFile> files,
                                     const Messages* underneath = nullptr);

  // The catalogue for a language tag: "fa-IR" finds fa.json, then falls
  // back to English.
  const Catalogue& for_language(std::string_view language) const;

  // The languages the theme has catalogues for ("ar", "en", "fa").
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, Catalogue, std::less<>> catalogues_;
};

}  // namespace byline::render
