// Message catalogues: JSON read with Boost.JSON, patterns formatted by ICU.
#include "render/messages.hpp"

#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>
#include <boost/json.hpp>

namespace byline::render {
namespace {

constexpr std::string_view kFolder = "locales/";
constexpr std::string_view kSuffix = ".json";
constexpr std::string_view kFallback = "en";

using Texts = std::map<std::string, std::string, std::less<>>;

Result<Texts> parse_catalogue(std::string_view path, std::string_view json) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(json, error);
  if (error || !parsed.is_object()) {
    return make_error(ErrorCode::invalid_input,
                      "The message catalogue " + std::string(path) + " is not a JSON object.");
  }
  Texts texts;
  for (const auto& [key, value] : parsed.as_object()) {
    if (!value.is_string()) {
      return make_error(ErrorCode::invalid_input, "In the message catalogue " + std::string(path) +
                                                      ", \"" + std::string(key) +
                                                      "\" is not a string.");
    }
    texts.emplace(std::string(key), std::string(value.as_string()));
  }
  return texts;
}

}  // namespace

Catalogue::Catalogue(std::string language, Texts texts)
    : language_(std::move(language)), texts_(std::move(texts)) {}

std::string Catalogue::text(std::string_view key) const {
  const auto found = texts_.find(key);
  return found != texts_.end() ? found->second : std::string(key);
}

std::string Catalogue::format(std::string_view key, const std::vector<Argument>& arguments) const {
  return format_pattern(text(key), arguments);
}

std::string Catalogue::number(long long value) const {
  return format_pattern("{value,number,#}", {{"value", value}});
}

std::string Catalogue::format_pattern(const std::string& pattern,
                                      const std::vector<Argument>& arguments) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessageFormat message(icu::UnicodeString::fromUTF8(pattern), icu::Locale(language_.c_str()),
                             status);
  if (U_FAILURE(status)) return pattern;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& argument : arguments) {
    names.push_back(icu::UnicodeString::fromUTF8(argument.name));
    if (const auto* number = std::get_if<long long>(&argument.value)) {
      values.emplace_back(static_cast<int64_t>(*number));
    } else {
      values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(argument.value)));
    }
  }
  icu::UnicodeString formatted;
  message.format(names.data(), values.data(), static_cast<int32_t>(values.size()), formatted,
                 status);
  if (U_FAILURE(status)) return pattern;
  std::string out;
  formatted.toUTF8String(out);
  return out;
}

Result<Messages> Messages::from_files(std::span<const EmbeddedFile> files,
                                      const Messages* underneath) {
  std::map<std::string, Texts, std::less<>> parsed;
  for (const auto& file : files) {
    const std::string_view path = file.path;
    if (!path.starts_with(kFolder) || !path.ends_with(kSuffix)) continue;
    const auto language =
        path.substr(kFolder.size(), path.size() - kFolder.size() - kSuffix.size());
    auto texts = parse_catalogue(path, file.bytes);
    BYLINE_TRY(texts);
    parsed.emplace(std::string(language), std::move(*texts));
  }
  if (underneath) {
    for (const auto& [language, catalogue] : underneath->catalogues_) {
      // Keys the theme lacks in this language read as underneath has them.
      for (const auto& [key, text] : catalogue.texts()) parsed[language].emplace(key, text);
    }
  }
  const auto fallback = parsed.find(kFallback);
  if (fallback == parsed.end()) {
    return make_error(
        ErrorCode::invalid_input,
        "The theme has no locales/en.json: English is every other language's fallback.");
  }
  Messages messages;
  for (auto& [language, texts] : parsed) {
    // Keys this language lacks read as in English.
    for (const auto& [key, text] : fallback->second) texts.emplace(key, text);
    messages.catalogues_.emplace(language, Catalogue(language, texts));
  }
  return messages;
}

const Catalogue& Messages::for_language(std::string_view language) const {
  if (catalogues_.empty()) {  // a theme without catalogues shows its keys
    static const Catalogue none(std::string(kFallback), {});
    return none;
  }
  if (const auto exact = catalogues_.find(language); exact != catalogues_.end())
    return exact->second;
  // "fa-IR" and "fa_IR" are Persian.
  const auto primary = language.substr(0, language.find_first_of("-_"));
  if (const auto found = catalogues_.find(primary); found != catalogues_.end())
    return found->second;
  return catalogues_.find(kFallback)->second;
}

std::vector<std::string> Messages::languages() const {
  std::vector<std::string> languages;
  for (const auto& [language, catalogue] : catalogues_) languages.push_back(language);
  return languages;
}

}  // namespace byline::render
