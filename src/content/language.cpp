#include "content/language.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

namespace byline::content {

std::optional<std::string> language_tag(std::string_view text) {
  if (text.empty() || text.size() > 35 || !std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
      })) {
    return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::string input(text);
  std::replace(input.begin(), input.end(), '_', '-');
  const icu::Locale locale = icu::Locale::forLanguageTag(input, status);
  if (U_FAILURE(status) || locale.isBogus()) return std::nullopt;
  const std::string language = locale.getLanguage();
  if (language.size() < 2 || language.size() > 3) return std::nullopt;
  // ICU names the languages it knows; for any other it echoes the code.
  icu::UnicodeString name;
  locale.getDisplayLanguage(icu::Locale::getEnglish(), name);
  std::string english;
  name.toUTF8String(english);
  if (english == language) return std::nullopt;
  std::string tag = locale.toLanguageTag<std::string>(status);
  if (U_FAILURE(status)) return std::nullopt;
  return tag;
}

std::string language_name(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(std::string(tag), status);
  if (U_FAILURE(status)) return std::string(tag);
  icu::UnicodeString name;
  locale.getDisplayLanguage(locale, name);
  std::string text;
  name.toUTF8String(text);
  return text;
}

std::string primary_language(std::string_view tag) {
  std::string primary(tag.substr(0, tag.find('-')));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return primary;
}

bool is_right_to_left(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(std::string(tag), status);
  return U_SUCCESS(status) && locale.isRightToLeft();
}

}  // namespace byline::content
