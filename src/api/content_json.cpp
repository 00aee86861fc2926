#include "api/content_json.hpp"

#include "api/ghost_ids.hpp"
#include "api/json_values.hpp"
#include "content/text.hpp"
#include "site/editions.hpp"
#include "site/feeds.hpp"
#include "site/view_models.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cmath>

namespace byline::api {
namespace {

namespace json = boost::json;

// A root-relative address under the site; "" is null.
json::value absolute_or_null(std::string_view address, std::string_view site_url) {
  if (address.empty()) return nullptr;
  if (address.starts_with('/') && !address.starts_with("//"))
    return json::string(std::string(site_url) + std::string(address));
  return json::string(address);
}

long count_words(std::string_view text) {
  long words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

long count_images(std::string_view html) {
  long images = 0;
  for (auto at = html.find("<img"); at != std::string_view::npos; at = html.find("<img", at + 4))
    ++images;
  return images;
}

}  // namespace

int reading_minutes(std::string_view plaintext, std::string_view html, bool has_feature_image) {
  double seconds = static_cast<double>(count_words(plaintext)) / (275.0 / 60.0);
  const long images = count_images(html) + (has_feature_image ? 1 : 0);
  for (long i = 12; i > 12 - images; --i) seconds += std::max(i, 3L);
  return static_cast<int>(std::lround(seconds / 60.0));
}

json::object pagination_json(int page, int limit, long total) {
  const long pages = std::max<long>(1, (total + limit - 1) / limit);
  json::object shown;
  shown["page"] = page;
  shown["limit"] = limit;
  shown["pages"] = pages;
  shown["total"] = total;
  shown["next"] = page < pages ? json::value(page + 1) : json::value(nullptr);
  shown["prev"] = page > 1 ? json::value(page - 1) : json::value(nullptr);
  return json::object{{"pagination", std::move(shown)}};
}

void keep_asked_fields(json::object& object, const ContentQuery& query) {
  if (query.fields.empty()) return;
  for (auto it = object.begin(); it != object.end();) {
    const std::string_view key = it->key();
    if (key != "id" && !query.wants(key)) {
      it = object.erase(it);
    } else {
      ++it;
    }
  }
}

json::object author_json(const content::User& user, const JsonContext& context,
                         std::optional<long> posts) {
  json::object author;
  author["id"] = ghost_id(GhostKind::user, user.id);
  author["name"] = user.name;
  author["slug"] = user.slug;
  author["profile_image"] = nullptr;
  author["cover_image"] = nullptr;
  author["bio"] = text_or_null(user.bio);
  author["website"] = text_or_null(user.website);
  author["location"] = nullptr;
  author["facebook"] = nullptr;
  author["twitter"] = nullptr;
  author["meta_title"] = nullptr;
  author["meta_description"] = nullptr;
  author["url"] = context.site_url + site::author_url(user);
  if (posts && context.query.include_count_posts) author["count"] = json::object{{"posts", *posts}};
  return author;
}

json::object tag_json(const content::Tag& tag, const JsonContext& context,
                      std::optional<long> posts) {
  json::object shown;
  shown["id"] = ghost_id(GhostKind::tag, tag.id);
  shown["name"] = tag.name;
  shown["slug"] = tag.slug;
  shown["description"] = text_or_null(tag.description);
  shown["feature_image"] = nullptr;
  shown["visibility"] = "public";
  for (const char* empty :
       {"og_image", "og_title", "og_description", "twitter_image", "twitter_title",
        "twitter_description", "meta_title", "meta_description", "codeinjection_head",
        "codeinjection_foot", "canonical_url", "accent_color"}) {
    shown[empty] = nullptr;
  }
  shown["url"] = context.site_url + site::tag_url(tag);
  if (posts && context.query.include_count_posts) shown["count"] = json::object{{"posts", *posts}};
  return shown;
}

json::object post_json(const content::Post& post, const JsonContext& context) {
  const ContentQuery& query = context.query;
  // Authors and tags inside a post are whole, whatever `fields` says.
  JsonContext nested{context.site_url, context.dates, ContentQuery{}};
  json::object shown;
  shown["id"] = ghost_id(GhostKind::post, post.id);
  shown["uuid"] = ghost_uuid(post.id);
  shown["title"] = post.title;
  shown["slug"] = post.slug;
  if (query.html) shown["html"] = site::absolute_urls(post.body_html, context.site_url);
  if (query.plaintext) shown["plaintext"] = post.plaintext;
  shown["comment_id"] = ghost_id(GhostKind::post, post.id);
  shown["feature_image"] = absolute_or_null(post.featured_image, context.site_url);
  shown["feature_image_alt"] = text_or_null(post.featured_image_alt);
  shown["feature_image_caption"] = text_or_null(post.featured_image_caption);
  shown["featured"] = post.featured;
  shown["visibility"] = "public";
  shown["created_at"] = context.dates.iso8601_with_offset(post.created_at);
  shown["updated_at"] = context.dates.iso8601_with_offset(post.updated_at);
  shown["published_at"] =
      context.dates.iso8601_with_offset(post.published_at.value_or(post.created_at));
  shown["custom_excerpt"] = text_or_null(post.custom_excerpt);
  shown["codeinjection_head"] = nullptr;
  shown["codeinjection_foot"] = nullptr;
  shown["custom_template"] = nullptr;
  shown["canonical_url"] = nullptr;
  if (query.include_tags) {
    json::array tags;
    for (const content::Tag& tag : post.tags) tags.push_back(tag_json(tag, nested));
    shown["primary_tag"] = tags.empty() ? json::value(nullptr) : tags.front();
    shown["tags"] = std::move(tags);
  }
  if (query.include_authors) {
    json::array authors;
    for (const content::User& author : post.authors) authors.push_back(author_json(author, nested));
    shown["primary_author"] = authors.empty() ? json::value(nullptr) : authors.front();
    shown["authors"] = std::move(authors);
  }
  shown["url"] = context.site_url + site::post_url(post);
  shown["excerpt"] =
      post.custom_excerpt.empty()
          ? content::make_excerpt(post.plaintext, {content::ExcerptRule::Unit::characters, 500})
          : post.custom_excerpt;
  shown["reading_time"] =
      reading_minutes(post.plaintext, post.body_html, !post.featured_image.empty());
  shown["access"] = true;
  shown["comments"] = false;
  for (const char* empty : {"og_image", "og_title", "og_description", "twitter_image",
                            "twitter_title", "twitter_description"}) {
    shown[empty] = nullptr;
  }
  shown["meta_title"] = text_or_null(post.seo_title);
  shown["meta_description"] = text_or_null(post.seo_description);
  shown["email_subject"] = nullptr;
  shown["frontmatter"] = nullptr;
  if (post.type == content::PostType::page) shown["show_title_and_feature_image"] = true;
  keep_asked_fields(shown, query);
  return shown;
}

json::object settings_json(const site::SiteSettings& settings,
                           const std::vector<content::Section>& sections) {
  json::array navigation;
  navigation.push_back(json::object{{"label", "Home"}, {"url", "/"}});
  // The site's own sections: an edition's are in its language, and Ghost
  // knows one language a site.
  for (const content::Section& section : sections) {
    if (section.parent_id == 0 && !site::edition_named(settings, section.language))
      navigation.push_back(
          json::object{{"label", section.name}, {"url", site::section_url(section)}});
  }
  for (const site::Link& link : settings.navigation_links)
    navigation.push_back(json::object{{"label", link.label}, {"url", link.url}});
  json::object shown;
  shown["title"] = settings.title;
  shown["description"] = settings.description;
  shown["logo"] = absolute_or_null(settings.logo, settings.url);
  shown["icon"] = nullptr;
  shown["accent_color"] = nullptr;
  shown["cover_image"] = nullptr;
  shown["facebook"] = nullptr;
  shown["twitter"] = nullptr;
  shown["lang"] = settings.locale;
  shown["locale"] = settings.locale;
  shown["timezone"] = settings.time_zone;
  shown["codeinjection_head"] = nullptr;
  shown["codeinjection_foot"] = nullptr;
  shown["navigation"] = std::move(navigation);
  shown["secondary_navigation"] = json::array{};
  for (const char* empty :
       {"meta_title", "meta_description", "og_image", "og_title", "og_description", "twitter_image",
        "twitter_title", "twitter_description"}) {
    shown[empty] = nullptr;
  }
  // Byline has no paying members: what Ghost's themes read of them says so.
  shown["members_support_address"] = "noreply";
  shown["members_enabled"] = false;
  shown["members_invite_only"] = false;
  shown["paid_members_enabled"] = false;
  shown["firstpromoter_account"] = nullptr;
  shown["portal_button"] = false;
  shown["portal_name"] = false;
  shown["portal_plans"] = json::array{};
  shown["portal_button_style"] = "icon-and-text";
  shown["portal_button_icon"] = nullptr;
  shown["portal_button_signup_text"] = "Subscribe";
  shown["portal_signup_terms_html"] = nullptr;
  shown["portal_signup_checkbox_required"] = false;
  shown["comments_enabled"] = "off";
  shown["recommendations_enabled"] = false;
  shown["url"] = settings.url + "/";
  shown["version"] = "6.0";
  return shown;
}

}  // namespace byline::api
