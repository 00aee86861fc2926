// Loading of site settings.
#include "site/settings.hpp"

#include "render/dates.hpp"
#include "store/store.hpp"

namespace byline::site {

Result<SiteSettings> load_settings(store::Store& store, SiteSettings settings) {
  auto read = [&store](std::string_view key, std::string& target) -> Result<void> {
    auto value = store.setting(key);
    BYLINE_TRY(value);
    if (*value) target = **value;
    return {};
  };
  BYLINE_TRY(read(kTitleKey, settings.title));
  BYLINE_TRY(read(kDescriptionKey, settings.description));
  BYLINE_TRY(read(kUrlKey, settings.url));
  BYLINE_TRY(read(kLocaleKey, settings.locale));
  BYLINE_TRY(read(kTimeZoneKey, settings.time_zone));
  while (settings.url.ends_with('/')) settings.url.pop_back();

  if (!render::DateFormatter::is_known_time_zone(settings.time_zone)) {
    return make_error(ErrorCode::invalid_input,
                      "The setting time_zone is not a known time zone: " + settings.time_zone);
  }
  std::string excerpt = settings.excerpt_rule.to_string();
  BYLINE_TRY(read(kExcerptKey, excerpt));
  auto rule = content::ExcerptRule::parse(excerpt);
  if (!rule) {
    return make_error(ErrorCode::invalid_input,
                      "The setting excerpt_length must look like \"100 characters\" or "
                      "\"15 words\", not: " + excerpt);
  }
  settings.excerpt_rule = *rule;
  return settings;
}

}  // namespace byline::site
