// The site's settings as pages use them, read from the Store's settings
// table with defaults for anything not set.
#pragma once

#include "common/result.hpp"
#include "content/text.hpp"

#include <string>

namespace byline::store {
class Store;
}

namespace byline::site {

struct SiteSettings {
  std::string title = "Byline";
  std::string description = "News, as it happens.";
  std::string url = "http://127.0.0.1:8080";  // public address, no trailing '/'
  std::string locale = "en";
  std::string time_zone = "UTC";
  content::ExcerptRule excerpt_rule;  // 100 characters unless set
  int posts_per_page = 10;
  int recent_posts = 6;
};

// Setting keys in the Store.
inline constexpr std::string_view kTitleKey = "title";
inline constexpr std::string_view kDescriptionKey = "description";
inline constexpr std::string_view kUrlKey = "url";
inline constexpr std::string_view kLocaleKey = "locale";
inline constexpr std::string_view kTimeZoneKey = "time_zone";
inline constexpr std::string_view kExcerptKey = "excerpt_length";  // "100 characters", "15 words"

// Reads the settings; `defaults` fills in what the Store does not have.
// A setting with a value Byline cannot use is an error naming it.
Result<SiteSettings> load_settings(store::Store& store, SiteSettings defaults);

}  // namespace byline::site
