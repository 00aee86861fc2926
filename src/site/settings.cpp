// Loading, checking and saving site settings.
#include "site/settings.hpp"

#include "content/language.hpp"
#include "content/sanitize.hpp"
#include "render/dates.hpp"
#include "site/editions.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cctype>

namespace byline::site {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

bool is_web_address(std::string_view url, bool allow_relative) {
  if (url.starts_with("https://") || url.starts_with("http://")) return url.size() > 8;
  return allow_relative && url.starts_with('/') && !url.starts_with("//");
}

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

}  // namespace

std::vector<Link> parse_links(std::string_view lines) {
  std::vector<Link> links;
  while (!lines.empty() && links.size() < 50) {
    const auto end = lines.find('\n');
    const std::string_view line = lines.substr(0, end);
    const auto bar = line.find('|');
    if (bar != std::string_view::npos) {
      Link link{trim(line.substr(0, bar)), trim(line.substr(bar + 1))};
      if (!link.label.empty() && !link.url.empty()) links.push_back(std::move(link));
    }
    if (end == std::string_view::npos) break;
    lines.remove_prefix(end + 1);
  }
  return links;
}

std::string format_links(const std::vector<Link>& links) {
  std::string lines;
  for (const auto& link : links) lines += link.label + " | " + link.url + "\n";
  return lines;
}

std::vector<Edition> parse_editions(std::string_view lines) {
  std::vector<Edition> editions;
  // One more than may be kept, so that check_settings() says there are too many.
  while (!lines.empty() && editions.size() <= kMaxEditions) {
    const auto end = lines.find('\n');
    std::string_view line = lines.substr(0, end);
    std::vector<std::string> fields;
    while (fields.size() < 2) {
      const auto bar = line.find('|');
      if (bar == std::string_view::npos) break;
      fields.push_back(trim(line.substr(0, bar)));
      line.remove_prefix(bar + 1);
    }
    fields.push_back(trim(line));
    if (fields.size() >= 2 && !fields[0].empty() && !fields[1].empty()) {
      Edition edition{fields[0], fields[1], fields.size() > 2 ? fields[2] : ""};
      for (char& c : edition.language)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      editions.push_back(std::move(edition));
    }
    if (end == std::string_view::npos) break;
    lines.remove_prefix(end + 1);
  }
  return editions;
}

std::string format_editions(const std::vector<Edition>& editions) {
  std::string lines;
  for (const auto& edition : editions) {
    lines += edition.language + " | " + edition.title;
    if (!edition.description.empty()) lines += " | " + edition.description;
    lines += "\n";
  }
  return lines;
}

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
  BYLINE_TRY(read(kLogoKey, settings.logo));
  std::string navigation = format_links(settings.navigation_links);
  BYLINE_TRY(read(kNavigationKey, navigation));
  settings.navigation_links = parse_links(navigation);
  std::string social = format_links(settings.social_accounts);
  BYLINE_TRY(read(kSocialKey, social));
  settings.social_accounts = parse_links(social);
  std::string editions = format_editions(settings.editions);
  BYLINE_TRY(read(kEditionsKey, editions));
  settings.editions = parse_editions(editions);
  while (settings.url.ends_with('/')) settings.url.pop_back();

  std::string feed_items = std::to_string(settings.feed_items);
  BYLINE_TRY(read(kFeedItemsKey, feed_items));
  settings.feed_items = std::atoi(feed_items.c_str());
  if (settings.feed_items < 1 || settings.feed_items > 100) {
    return invalid("The setting feed_items must be a number from 1 to 100, not: " + feed_items);
  }

  std::string excerpt = settings.excerpt_rule.to_string();
  BYLINE_TRY(read(kExcerptKey, excerpt));
  auto rule = content::ExcerptRule::parse(excerpt);
  if (!rule) {
    return invalid(
        "The setting excerpt_length must look like \"100 characters\" or \"15 words\", not: " +
        excerpt);
  }
  settings.excerpt_rule = *rule;
  BYLINE_TRY(check_settings(settings));
  return settings;
}

namespace {

// An edition's language is its address's first segment ("/fa/"): a primary
// language subtag ICU knows, other than the site's own, which no page of
// the site starts with.
Result<void> check_editions(const SiteSettings& settings) {
  if (settings.editions.size() > kMaxEditions) {
    return invalid("A site may have at most " + std::to_string(kMaxEditions) + " editions.");
  }
  // The site's language as it is kept ("EN" and "iw" are kept as "en" and
  // "he"), so that what is saved here loads at the next start.
  const std::string own =
      content::primary_language(content::language_tag(settings.locale).value_or(settings.locale));
  std::vector<std::string_view> seen;
  for (const auto& edition : settings.editions) {
    const std::string& language = edition.language;
    const bool letters_only =
        language.size() >= 2 && language.size() <= 3 &&
        std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!letters_only || content::language_tag(language) != language || language == "tag" ||
        language == "rss") {
      return invalid("The edition " + language +
                     " needs a language code of two or three letters, like fa or ar.");
    }
    if (language == own) {
      return invalid("The edition " + language +
                     " is in the site's own language; an edition is for another.");
    }
    if (std::find(seen.begin(), seen.end(), language) != seen.end()) {
      return invalid("The edition " + language + " is named twice.");
    }
    seen.push_back(language);
    if (edition.title.size() > 200)
      return invalid("The title of the edition " + language + " is too long.");
    if (edition.description.size() > 1000) {
      return invalid("The description of the edition " + language + " is too long.");
    }
  }
  return {};
}

// What editions ask of the rest of the site: every section stays in an
// edition that exists, and no story's address is an edition's front page.
Result<void> check_editions_fit(store::Store& store, const SiteSettings& changed) {
  auto sections = store.sections();
  BYLINE_TRY(sections);
  for (const auto& section : *sections) {
    if (section.language.empty() || edition_named(changed, section.language)) continue;
    return invalid("The section " + section.name + " is in the edition " + section.language +
                   "; move it to another edition under Sections & tags first.");
  }
  for (const auto& edition : changed.editions) {
    auto post = store.post_by_slug(edition.language);
    BYLINE_TRY(post);
    if (*post) {
      return invalid("The story " + (*post)->title + " is at /" + edition.language +
                     "/, the edition's address; give it another address first.");
    }
  }
  return {};
}

}  // namespace

Result<void> check_settings(const SiteSettings& settings) {
  if (trim(settings.title).empty()) return invalid("The site needs a title.");
  if (settings.title.size() > 200) return invalid("The title is too long.");
  if (settings.description.size() > 1000) return invalid("The description is too long.");
  if (!is_web_address(settings.url, false)) {
    return invalid("The site's address must start with https:// or http://.");
  }
  if (!render::DateFormatter::is_known_time_zone(settings.time_zone)) {
    return invalid("The time zone " + settings.time_zone +
                   " is not known; use a name like Asia/Tehran.");
  }
  if (!content::language_tag(settings.locale)) {
    return invalid("The language " + settings.locale + " is not known; use a code like en or fa.");
  }
  if (!settings.logo.empty() && !is_web_address(settings.logo, true)) {
    return invalid("The logo must be an image address, like one from the Media page.");
  }
  for (const auto* links : {&settings.navigation_links, &settings.social_accounts}) {
    for (const auto& link : *links) {
      if (!is_web_address(link.url, links == &settings.navigation_links) ||
          !content::is_safe_url(link.url)) {
        return invalid("The link " + link.label + " needs an address starting with https:// or /.");
      }
    }
  }
  return check_editions(settings);
}

Result<void> save_settings(store::Store& store, const SiteSettings& settings) {
  BYLINE_TRY(check_settings(settings));
  BYLINE_TRY(check_editions_fit(store, settings));
  // One write: a crash keeps the settings as they were or as saved, never
  // half of each.
  return store.put_settings({
      {std::string(kTitleKey), trim(settings.title)},
      {std::string(kDescriptionKey), trim(settings.description)},
      {std::string(kUrlKey), settings.url},
      {std::string(kLocaleKey), *content::language_tag(settings.locale)},
      {std::string(kTimeZoneKey), settings.time_zone},
      {std::string(kLogoKey), settings.logo},
      {std::string(kNavigationKey), format_links(settings.navigation_links)},
      {std::string(kSocialKey), format_links(settings.social_accounts)},
      {std::string(kEditionsKey), format_editions(settings.editions)},
      {std::string(kExcerptKey), settings.excerpt_rule.to_string()},
  });
}

}  // namespace byline::site
