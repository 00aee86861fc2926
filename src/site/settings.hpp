// The site's settings as pages use them, read from the Store's settings
// table with defaults for anything not set, and changed from the newsroom
// while Byline runs.
#pragma once

#include "common/result.hpp"
#include "content/text.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace byline::store {
class Store;
}

namespace byline::site {

struct Link {
  std::string label;
  std::string url;
};

// A language of the site with its own front page, sections, feeds and
// title, under /<language>/: a Persian edition of an English site at /fa/.
// Its stories are those written in its language.
struct Edition {
  std::string language;     // a primary language subtag: "fa"
  std::string title;        // the site's title in that language
  std::string description;  // "": none shown
};

struct SiteSettings {
  std::string title = "Byline";
  std::string description = "News, as it happens.";
  std::string url = "http://127.0.0.1:8080";  // public address, no trailing '/'
  std::string locale = "en";
  std::string time_zone = "UTC";
  std::string logo;                    // an image address; "" shows the title
  std::vector<Link> navigation_links;  // after the sections in the masthead
  std::vector<Link> social_accounts;   // in the footer: X, Facebook, Telegram, ...
  std::vector<Edition> editions;       // besides the site's own, in `locale`
  content::ExcerptRule excerpt_rule;   // 100 characters unless set
  int posts_per_page = 10;
  int recent_posts = 6;
  int feed_items = 20;
};

// Setting keys in the Store.
inline constexpr std::string_view kTitleKey = "title";
inline constexpr std::string_view kDescriptionKey = "description";
inline constexpr std::string_view kUrlKey = "url";
inline constexpr std::string_view kLocaleKey = "locale";
inline constexpr std::string_view kTimeZoneKey = "time_zone";
inline constexpr std::string_view kExcerptKey = "excerpt_length";  // "100 characters", "15 words"
inline constexpr std::string_view kLogoKey = "logo";
inline constexpr std::string_view kNavigationKey = "navigation";  // "Label | /url" lines
inline constexpr std::string_view kSocialKey = "social";          // "Label | https://…" lines
inline constexpr std::string_view kFeedItemsKey = "feed_items";   // how many items a feed holds
inline constexpr std::string_view kEditionsKey = "editions";  // "fa | Title | Description" lines

// Reads the settings; `defaults` fills in what the Store does not have.
// A setting with a value Byline cannot use is an error naming it.
Result<SiteSettings> load_settings(store::Store& store, SiteSettings defaults);

// Checks settings an admin typed: a known time zone, a language ICU knows,
// http(s) addresses, an excerpt rule. Returns the first problem.
Result<void> check_settings(const SiteSettings& settings);

// Writes every setting (after check_settings).
Result<void> save_settings(store::Store& store, const SiteSettings& settings);

// "Label | url" lines to links and back; lines without both are dropped.
std::vector<Link> parse_links(std::string_view lines);
std::string format_links(const std::vector<Link>& links);

// "fa | Title | Description" lines to editions and back (the description
// may be left out); lines without a language and a title are dropped.
std::vector<Edition> parse_editions(std::string_view lines);
std::string format_editions(const std::vector<Edition>& editions);

// At most this many editions besides the site's own.
inline constexpr std::size_t kMaxEditions = 20;

// The settings in force, shared by the reader site and the newsroom. Pages
// take a snapshot per request; a change applies to the next request.
class SettingsSource {
 public:
  explicit SettingsSource(SiteSettings settings)
      : current_(std::make_shared<const SiteSettings>(std::move(settings))) {}
  std::shared_ptr<const SiteSettings> current() const { return current_.load(); }
  void replace(SiteSettings settings) {
    current_.store(std::make_shared<const SiteSettings>(std::move(settings)));
  }

 private:
  std::atomic<std::shared_ptr<const SiteSettings>> current_;
};

}  // namespace byline::site
