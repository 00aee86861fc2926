#include "site/editions.hpp"

#include "content/language.hpp"
#include "site/cache_keys.hpp"

namespace byline::site {

const Edition* edition_named(const SiteSettings& settings, std::string_view language) {
  for (const auto& edition : settings.editions) {
    if (edition.language == language) return &edition;
  }
  return nullptr;
}

const Edition* edition_of(const SiteSettings& settings, std::string_view language) {
  const std::string primary = content::primary_language(language);
  if (primary.empty()) return nullptr;  // a story in the site's language
  return edition_named(settings, primary);
}

std::string edition_path(const Edition* edition) {
  return edition ? "/" + edition->language + "/" : "/";
}

store::PostCondition edition_stories(const SiteSettings& settings, const Edition* edition) {
  using store::PostCondition;
  if (edition) return PostCondition::with_slugs(PostCondition::Kind::language, {edition->language});
  if (settings.editions.empty()) return {};  // every story
  std::vector<std::string> languages;
  for (const auto& other : settings.editions) languages.push_back(other.language);
  return PostCondition::none_of(
      {PostCondition::with_slugs(PostCondition::Kind::language, std::move(languages))});
}

store::PostCondition stories_in(const Edition* edition, store::PostCondition of) {
  using store::PostCondition;
  if (!edition) return of;
  return PostCondition::all_of(
      {PostCondition::with_slugs(PostCondition::Kind::language, {edition->language}),
       std::move(of)});
}

std::string edition_list_key(const Edition* edition) {
  return edition ? cache_keys::language_list(edition->language)
                 : std::string(cache_keys::kFrontPage);
}

}  // namespace byline::site
