// Building view models for the default theme.
#include "site/view_models.hpp"

#include "common/json.hpp"
#include "content/language.hpp"
#include "content/sanitize.hpp"
#include "content/sections.hpp"
#include "content/text.hpp"
#include "site/editions.hpp"
#include "site/share_links.hpp"

namespace byline::site {

using render::View;

std::string post_url(const content::Post& post) { return "/" + post.slug + "/"; }
std::string section_url(const content::Section& section) {
  return (section.language.empty() ? "" : "/" + section.language) + "/section/" + section.slug +
         "/";
}
std::string author_url(const content::User& user, const Edition* edition) {
  return edition_path(edition) + "author/" + user.slug + "/";
}
std::string tag_url(const content::Tag& tag, const Edition* edition) {
  return edition_path(edition) + "tag/" + tag.slug + "/";
}

std::string initials(std::string_view name) {
  std::string letters;
  auto first_character = [](std::string_view word) {
    std::size_t length = 1;
    while (length < word.size() && (static_cast<unsigned char>(word[length]) & 0xC0) == 0x80) {
      ++length;
    }
    return std::string(word.substr(0, length));
  };
  std::string_view first, last;
  std::size_t start = 0;
  while (start < name.size()) {
    const auto end = std::min(name.find(' ', start), name.size());
    if (end > start) {
      if (first.empty()) first = name.substr(start, end - start);
      last = name.substr(start, end - start);
    }
    start = end + 1;
  }
  if (!first.empty()) letters += first_character(first);
  if (!last.empty() && last.data() != first.data()) letters += first_character(last);
  return letters;
}

// Open Graph writes "fa_IR" where BCP 47 writes "fa-IR".
std::string open_graph_locale(std::string tag) {
  for (char& c : tag) c = c == '-' ? '_' : c;
  return tag;
}

std::string absolute(const SiteSettings& settings, std::string_view address) {
  return address.starts_with("/") && !address.starts_with("//")
             ? settings.url + std::string(address)
             : std::string(address);
}

std::string organization_json_ld(const SiteSettings& settings) {
  std::string json = "{\"@type\":\"Organization\",\"name\":" + json_quote(settings.title) +
                     ",\"url\":" + json_quote(settings.url + "/");
  if (!settings.logo.empty()) {
    json += ",\"logo\":{\"@type\":\"ImageObject\",\"url\":" +
            json_quote(absolute(settings, settings.logo)) + "}";
  }
  return json + "}";
}

std::string site_json_ld(const SiteSettings& settings) {
  return "[{\"@context\":\"https://schema.org\"," + organization_json_ld(settings).substr(1) + "," +
         "{\"@context\":\"https://schema.org\",\"@type\":\"WebSite\",\"name\":" +
         json_quote(settings.title) + ",\"url\":" + json_quote(settings.url + "/") +
         ",\"potentialAction\":{\"@type\":\"SearchAction\",\"target\":{\"@type\":\"EntryPoint\","
         "\"urlTemplate\":" +
         json_quote(settings.url + "/search?q={search_term_string}") +
         "},\"query-input\":\"required name=search_term_string\"}}]";
}

void article_metadata(const PageContext& context, const content::Post& post, View& view) {
  const SiteSettings& settings = *context.settings;
  const std::string url = settings.url + post_url(post);
  view.set("og_type", "article");
  view.set("og_locale", open_graph_locale(post_language(context, post)));
  view.set("og_title", post.seo_title.empty() ? post.title : post.seo_title);
  View properties = render::make_list();
  auto add = [&properties](std::string property, std::string content) {
    View item;
    item.set("property", std::move(property));
    item.set("content", std::move(content));
    properties.push_back(item);
  };
  const Time published = post.published_at.value_or(post.created_at);
  add("article:published_time", iso8601(published));
  add("article:modified_time", iso8601(post.updated_at));
  for (const auto& author : post.authors)
    add("article:author", settings.url + author_url(author, context.edition));
  if (!post.sections.empty()) add("article:section", post.sections.front().name);
  for (const auto& tag : post.tags) add("article:tag", tag.name);
  std::string image_json;
  if (!post.featured_image.empty()) {
    const auto sized =
        context.social_image_for ? context.social_image_for(post.featured_image) : std::nullopt;
    const std::string image = absolute(settings, sized ? sized->src : post.featured_image);
    view.set("og_image", image);
    render::set_if_present(view, "og_image_alt", post.featured_image_alt);
    view.set("twitter_card", "summary_large_image");
    image_json = json_quote(image);
    if (sized) {
      view.set("og_image_width", std::to_string(sized->width));
      view.set("og_image_height", std::to_string(sized->height));
      image_json = "{\"@type\":\"ImageObject\",\"url\":" + image_json +
                   ",\"width\":" + std::to_string(sized->width) +
                   ",\"height\":" + std::to_string(sized->height) + "}";
    }
  }
  view.set("meta_properties", properties);

  // NewsArticle and the breadcrumb trail, for search engines.
  std::string authors;
  for (const auto& author : post.authors) {
    if (!authors.empty()) authors += ",";
    authors += "{\"@type\":\"Person\",\"name\":" + json_quote(author.name) +
               ",\"url\":" + json_quote(settings.url + author_url(author, context.edition)) + "}";
  }
  std::string article =
      "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":" +
      json_quote(post.title) + ",\"datePublished\":" + json_quote(iso8601(published)) +
      ",\"dateModified\":" + json_quote(iso8601(post.updated_at)) +
      ",\"inLanguage\":" + json_quote(post_language(context, post)) + ",\"author\":[" + authors +
      "],\"publisher\":" + organization_json_ld(settings) +
      ",\"mainEntityOfPage\":{\"@type\":\"WebPage\",\"@id\":" + json_quote(url) + "}";
  if (!image_json.empty()) article += ",\"image\":[" + image_json + "]";
  article += "}";
  std::string crumbs =
      "{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\",\"itemListElement\":[";
  int position = 1;
  auto crumb = [&](const std::string& name, const std::string& item_url) {
    if (position > 1) crumbs += ",";
    crumbs += "{\"@type\":\"ListItem\",\"position\":" + std::to_string(position++) +
              ",\"name\":" + json_quote(name) + ",\"item\":" + json_quote(item_url) + "}";
  };
  crumb(context.edition ? context.edition->title : settings.title,
        settings.url + edition_path(context.edition));
  if (!post.sections.empty()) {
    for (const auto& section : content::section_trail(context.sections, post.sections.front().id)) {
      crumb(section.name, settings.url + section_url(section));
    }
  }
  crumb(post.title, url);
  crumbs += "]}";
  view.set("json_ld", "[" + article + "," + crumbs + "]");
}

const render::Catalogue& words(const PageContext& context) {
  static const render::Catalogue none("en", {});
  return context.words ? *context.words : none;
}

PageContext in_language(const PageContext& context, const std::string& language,
                        const render::Messages& messages) {
  // A language the theme has no words for keeps the page in the site's;
  // the story then carries its own lang and dir.
  const render::Catalogue& catalogue = messages.for_language(language);
  if (language.substr(0, language.find_first_of("-_")) != catalogue.language()) return context;
  PageContext changed = context;
  changed.language = language;
  changed.dates = render::DateFormatter(language, context.settings->time_zone);
  changed.words = &catalogue;
  return changed;
}

namespace {

// Links to the front pages of the site's editions, each in its own
// language, but for the page's own.
View edition_links(const PageContext& context) {
  const SiteSettings& settings = *context.settings;
  View links = render::make_list();
  auto add = [&links, &context](const Edition* edition, const std::string& language) {
    if (edition == context.edition) return;
    View link;
    link.set("name", content::language_name(language));
    link.set("url", edition_path(edition));
    link.set("lang", language);
    link.set("dir", content::is_right_to_left(language) ? "rtl" : "ltr");
    links.push_back(link);
  };
  if (settings.editions.empty()) return links;
  add(nullptr, settings.locale);
  for (const auto& edition : settings.editions) add(&edition, edition.language);
  return links;
}

// A front page's alternates: the front page of every edition, the site's
// own for readers of any other language.
void front_page_alternates(const SiteSettings& settings, const Edition* shown, View& view) {
  View alternates = render::make_list();
  View og_alternates = render::make_list();
  auto add = [&](const std::string& hreflang, const Edition* edition) {
    View alternate;
    alternate.set("hreflang", hreflang);
    alternate.set("url", settings.url + edition_path(edition));
    alternates.push_back(alternate);
    if (edition == shown || hreflang == "x-default") return;
    View og;
    og.set("locale", open_graph_locale(hreflang));
    og_alternates.push_back(og);
  };
  add(settings.locale, nullptr);
  for (const auto& edition : settings.editions) add(edition.language, &edition);
  add("x-default", nullptr);
  view.set("alternates", alternates);
  view.set("og_locale_alternates", og_alternates);
}

}  // namespace

View page_view(const PageContext& context, std::string_view page_title,
               std::string_view description, std::string_view path) {
  const SiteSettings& settings = *context.settings;
  const Edition* edition = context.edition;
  // An edition's title, description and sections are in its language.
  const std::string& site_title = edition ? edition->title : settings.title;
  const std::string& site_description = edition ? edition->description : settings.description;
  const std::string& site_language = edition ? edition->language : settings.locale;
  const std::string home = edition_path(edition);
  View view;
  view.set("site_title", site_title);
  render::set_if_present(view, "site_description", site_description);
  view.set("about_url", context.about_url);
  view.set("lang", context.language);
  view.set("dir", content::is_right_to_left(context.language) ? "rtl" : "ltr");
  view.set("rtl", content::is_right_to_left(context.language));
  // The site's own words (its title, sections, description) say which
  // language they are in on a page in another.
  if (context.language != site_language) {
    view.set("site_lang", site_language);
    view.set("site_dir", content::is_right_to_left(site_language) ? "rtl" : "ltr");
  }
  View texts;
  for (const auto& [key, text] : words(context).texts()) texts.set(key, text);
  view.set("t", texts);
  view.set("page_title",
           page_title.empty() ? site_title : std::string(page_title) + " – " + site_title);
  view.set("meta_description", std::string(!description.empty()        ? description
                                           : !site_description.empty() ? site_description
                                                                       : site_title));
  view.set("canonical_url", settings.url + std::string(path));
  // The edition's own addresses: its front page, search and feeds.
  view.set("home_url", home);
  view.set("search_url", home + "search");
  view.set("rss_url", home + "rss/");
  view.set("atom_url", home + "atom.xml");
  view.set("json_feed_url", home + "feed.json");
  // Social and search metadata; article_metadata() adds an article's own.
  view.set("og_type", "website");
  view.set("og_locale", open_graph_locale(site_language));
  view.set("og_title", page_title.empty() ? site_title : std::string(page_title));
  view.set("twitter_card", "summary");
  view.set("meta_properties", render::make_list());
  if (path == "/") view.set("json_ld", site_json_ld(settings));
  if (path == home && !settings.editions.empty()) front_page_alternates(settings, edition, view);
  View navigation = render::make_list();
  bool has_navigation = false;
  for (const auto& section : context.sections) {
    // A section of an edition since removed is the site's own again.
    if (edition_named(settings, section.language) != edition) continue;
    View item;
    item.set("name", section.name);
    item.set("url", section_url(section));
    item.set("current", path.starts_with(section_url(section)));
    navigation.push_back(item);
    has_navigation = true;
  }
  // The extra links are the site's own edition's: they are in its language.
  if (!edition) {
    for (const auto& link : settings.navigation_links) {
      View item;
      item.set("name", link.label);
      item.set("url", link.url);
      item.set("current", path == link.url);
      navigation.push_back(item);
      has_navigation = true;
    }
  }
  view.set("navigation", navigation);
  View editions = edition_links(context);
  view.set("has_navigation", has_navigation || !settings.editions.empty());
  view.set("other_editions", editions);
  render::set_if_present(view, "logo", settings.logo);
  View social = render::make_list();
  for (const auto& account : settings.social_accounts) {
    View item;
    item.set("name", account.label);
    item.set("url", account.url);
    social.push_back(item);
  }
  view.set("social", social);
  view.set("has_social", !settings.social_accounts.empty());
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(context.now)};
  view.set("year", words(context).number(static_cast<int>(today.year())));  // "۲۰۲۶" in Persian
  return view;
}

View author_view(const content::User& user, const Edition* edition) {
  View author;
  author.set("name", user.name);
  render::set_if_present(author, "bio", user.bio);
  author.set("url", author_url(user, edition));
  author.set("initials", initials(user.name));
  // Imports keep only safe websites now, but a site imported before they
  // did may hold any: only an address a link may lead to is linked.
  if (content::is_safe_url(user.website)) render::set_if_present(author, "website", user.website);
  return author;
}

void mark_bio_language(const PageContext& context, View& author) {
  const std::string& bios = context.settings->locale;
  if (content::primary_language(context.language) == content::primary_language(bios)) return;
  author.set("bio_lang", bios);
  author.set("bio_dir", content::is_right_to_left(bios) ? "rtl" : "ltr");
}

View post_card(const PageContext& context, const content::Post& post, ImageDetail detail) {
  View card;
  card.set("title", post.title);
  card.set("url", post_url(post));
  card.set("excerpt", post.custom_excerpt.empty()
                          ? content::make_excerpt(post.plaintext, context.settings->excerpt_rule)
                          : post.custom_excerpt);
  if (post.published_at) {
    card.set("published_iso", iso8601(*post.published_at));
    card.set("published_date", context.dates.date(*post.published_at));
    card.set("published_ago", context.dates.relative(*post.published_at, context.now));
  }
  // The byline leads to the author's page in the story's edition, whatever
  // page lists it (search and the site's own author pages list them all).
  if (!post.authors.empty()) {
    card.set("author", author_view(post.authors.front(),
                                   edition_of(*context.settings, post_language(context, post))));
  }
  // A story in another language than its page's says so, for screen
  // readers, hyphenation and direction (a Persian card's headline on an
  // English page is set right to left). Named apart from the page's own
  // lang and dir, which a card without these would otherwise find.
  const std::string language = post_language(context, post);
  if (language != context.language) {
    card.set("story_lang", language);
    card.set("story_dir", content::is_right_to_left(language) ? "rtl" : "ltr");
  }
  if (!post.featured_image.empty()) {
    View image;
    image.set("src", post.featured_image);
    image.set("alt", post.featured_image_alt);
    if (detail == ImageDetail::sized && context.image_attributes_for) {
      const auto attributes = context.image_attributes_for(post.featured_image);
      render::set_if_present(image, "srcset", attributes.srcset);
      if (attributes.width > 0) {
        image.set("width", std::to_string(attributes.width));
        image.set("height", std::to_string(attributes.height));
      }
    }
    render::set_if_present(image, "caption", post.featured_image_caption);
    card.set("image", image);
  }
  if (!post.sections.empty()) {
    View section;
    section.set("name", post.sections.front().name);
    section.set("url", section_url(post.sections.front()));
    card.set("section", section);
  }
  return card;
}

View article_view(const PageContext& context, const content::Post& post) {
  View article = post_card(context, post);
  // The standfirst is what the editor wrote as the excerpt; an excerpt cut
  // from the body would repeat its first paragraph.
  render::set_if_present(article, "standfirst", post.custom_excerpt);
  article.set("body_html", post.body_html);  // sanitised when it was stored
  View authors = render::make_list();
  for (std::size_t i = 0; i < post.authors.size(); ++i) {
    View author = author_view(post.authors[i], context.edition);
    mark_bio_language(context, author);
    // The first author is the one who "published" the story.
    author.set("publisher", i == 0);
    author.set("about_label",
               words(context).format("about_author", {{"name", post.authors[i].name}}));
    authors.push_back(author);
  }
  article.set("authors", authors);
  View tags = render::make_list();
  for (const auto& tag : post.tags) {
    View item;
    item.set("name", tag.name);
    item.set("url", tag_url(tag, context.edition));
    tags.push_back(item);
  }
  article.set("tags", tags);
  article.set("has_tags", !post.tags.empty());
  View share = render::make_list();
  for (const auto& link : share_links(context.settings->url + post_url(post), post.title)) {
    View item;
    item.set("network", link.network);
    // Networks go by their own names; the rest is said in the page's language.
    item.set("label", link.network == "email"  ? words(context).text("email")
                      : link.network == "copy" ? words(context).text("copy_link")
                                               : link.label);
    item.set("href", link.href);
    item.set("copy", link.network == "copy");
    // A share page opens beside the article; mail and copy stay where they are.
    // (The copy link's address is the article's own, https on most sites.)
    item.set("new_tab", link.network != "copy" && link.href.starts_with("https://"));
    share.push_back(item);
  }
  article.set("share", share);
  return article;
}

std::string post_language(const PageContext& context, const content::Post& post) {
  return post.locale.empty() ? context.settings->locale : post.locale;
}

void translation_metadata(const PageContext& context, const content::Post& post,
                          const std::vector<content::Post>& translations, View& view) {
  if (translations.empty()) return;
  const SiteSettings& settings = *context.settings;
  View alternates = render::make_list();
  View og_alternates = render::make_list();
  View links = render::make_list();
  std::vector<std::string> seen;
  auto add = [&](const content::Post& version, bool is_this_page) {
    const std::string language = post_language(context, version);
    // One address per language: a second version in the same language
    // would make the alternates ambiguous.
    if (std::find(seen.begin(), seen.end(), language) != seen.end()) return;
    seen.push_back(language);
    View alternate;
    alternate.set("hreflang", language);
    alternate.set("url", settings.url + post_url(version));
    alternates.push_back(alternate);
    if (is_this_page) return;
    View og;
    og.set("locale", open_graph_locale(language));
    og_alternates.push_back(og);
    View link;
    link.set("lang", language);
    link.set("name", content::language_name(language));
    link.set("title", version.title);
    link.set("url", post_url(version));
    links.push_back(link);
  };
  add(post, true);
  for (const auto& version : translations) add(version, false);
  if (seen.size() < 2) return;  // only versions in this page's own language
  // Readers whose language none of the versions is get the original.
  const content::Id original = post.translation_of > 0 ? post.translation_of : post.id;
  const content::Post* original_post = post.id == original ? &post : nullptr;
  for (const auto& version : translations) {
    if (version.id == original) original_post = &version;
  }
  if (original_post) {
    View fallback;
    fallback.set("hreflang", "x-default");
    fallback.set("url", settings.url + post_url(*original_post));
    alternates.push_back(fallback);
  }
  view.set("alternates", alternates);
  view.set("og_locale_alternates", og_alternates);
  view.set("translations", links);
  view.set("has_translations", true);
}

}  // namespace byline::site
