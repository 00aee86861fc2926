#include "api/wp_json.hpp"

#include "api/admin_json.hpp"  // admin_time
#include "common/text_encoding.hpp"
#include "content/text.hpp"
#include "site/feeds.hpp"
#include "site/view_models.hpp"

#include <boost/json.hpp>

namespace byline::api {
namespace {

namespace json = boost::json;

// A link as WordPress gives every one: a list of objects with an href.
json::array link(std::string href) { return json::array{json::object{{"href", std::move(href)}}}; }

json::array curies() {
  return json::array{
      json::object{{"name", "wp"}, {"href", "https://api.w.org/{rel}"}, {"templated", true}}};
}

std::string rendered_excerpt(const content::Post& post) {
  const std::string text =
      post.custom_excerpt.empty()
          ? content::make_excerpt(post.plaintext, {content::ExcerptRule::Unit::characters, 300})
          : post.custom_excerpt;
  return text.empty() ? "" : "<p>" + xml_escape(text) + "</p>\n";
}

json::array id_list(const auto& records) {
  json::array ids;
  for (const auto& record : records) ids.push_back(record.id);
  return ids;
}

}  // namespace

std::string wp_local_time(Time time, const render::DateFormatter& dates) {
  // "2026-11-29T18:00:15.000+03:30" without its fraction and offset.
  return dates.iso8601_with_offset(time).substr(0, 19);
}

std::string wp_gmt_time(Time time) {
  return admin_time(time).substr(0, 19);  // "2026-12-02T07:00:00.000Z" without ".000Z"
}

json::object wp_post_json(const content::Post& post, const WpContext& context) {
  const bool page = post.type == content::PostType::page;
  const std::string kind = page ? "pages" : "posts";
  const std::string api = context.api_root() + "wp/v2/";
  const std::string id = std::to_string(post.id);
  const Time published = post.published_at.value_or(post.created_at);
  json::object shown;
  shown["id"] = post.id;
  shown["date"] = wp_local_time(published, context.dates);
  shown["date_gmt"] = wp_gmt_time(published);
  shown["guid"] = json::object{{"rendered", context.site_url + "/?p=" + id}};
  shown["modified"] = wp_local_time(post.updated_at, context.dates);
  shown["modified_gmt"] = wp_gmt_time(post.updated_at);
  shown["slug"] = post.slug;
  shown["status"] = "publish";
  shown["type"] = page ? "page" : "post";
  shown["link"] = context.site_url + site::post_url(post);
  shown["title"] = json::object{{"rendered", xml_escape(post.title)}};
  shown["content"] = json::object{
      {"rendered", site::absolute_urls(post.body_html, context.site_url)}, {"protected", false}};
  shown["excerpt"] = json::object{{"rendered", rendered_excerpt(post)}, {"protected", false}};
  shown["author"] = post.authors.empty() ? 0 : post.authors.front().id;
  shown["featured_media"] = 0;
  shown["comment_status"] = "closed";
  shown["ping_status"] = "closed";
  shown["template"] = "";
  shown["meta"] = json::array{};
  if (page) {
    shown["parent"] = 0;
    shown["menu_order"] = 0;
  } else {
    shown["sticky"] = post.featured;
    shown["format"] = "standard";
    shown["categories"] = id_list(post.sections);
    shown["tags"] = id_list(post.tags);
  }

  json::object links;
  links["self"] = link(api + kind + "/" + id);
  links["collection"] = link(api + kind);
  links["about"] = link(api + "types/" + (page ? "page" : "post"));
  if (!post.authors.empty()) {
    json::array authors;
    for (const content::User& author : post.authors) {
      authors.push_back(
          json::object{{"embeddable", true}, {"href", api + "users/" + std::to_string(author.id)}});
    }
    links["author"] = std::move(authors);
  }
  if (!page) {
    links["wp:term"] = json::array{
        json::object{{"taxonomy", "category"},
                     {"embeddable", true},
                     {"href", api + "categories?post=" + id}},
        json::object{
            {"taxonomy", "post_tag"}, {"embeddable", true}, {"href", api + "tags?post=" + id}}};
  }
  links["curies"] = curies();
  shown["_links"] = std::move(links);
  return shown;
}

json::object wp_category_json(const content::Section& section, long posts, const WpContext& context,
                              bool embed) {
  const std::string api = context.api_root() + "wp/v2/";
  json::object shown;
  shown["id"] = section.id;
  if (!embed) shown["count"] = posts;
  if (!embed) shown["description"] = section.description;
  shown["link"] = context.site_url + site::section_url(section);
  shown["name"] = section.name;
  shown["slug"] = section.slug;
  shown["taxonomy"] = "category";
  if (!embed) {
    shown["parent"] = section.parent_id;
    shown["meta"] = json::array{};
  }
  shown["_links"] =
      json::object{{"self", link(api + "categories/" + std::to_string(section.id))},
                   {"collection", link(api + "categories")},
                   {"about", link(api + "taxonomies/category")},
                   {"wp:post_type", link(api + "posts?categories=" + std::to_string(section.id))},
                   {"curies", curies()}};
  return shown;
}

json::object wp_tag_json(const content::Tag& tag, long posts, const WpContext& context,
                         bool embed) {
  const std::string api = context.api_root() + "wp/v2/";
  json::object shown;
  shown["id"] = tag.id;
  if (!embed) shown["count"] = posts;
  if (!embed) shown["description"] = tag.description;
  shown["link"] = context.site_url + site::tag_url(tag);
  shown["name"] = tag.name;
  shown["slug"] = tag.slug;
  shown["taxonomy"] = "post_tag";
  if (!embed) shown["meta"] = json::array{};
  shown["_links"] =
      json::object{{"self", link(api + "tags/" + std::to_string(tag.id))},
                   {"collection", link(api + "tags")},
                   {"about", link(api + "taxonomies/post_tag")},
                   {"wp:post_type", link(api + "posts?tags=" + std::to_string(tag.id))},
                   {"curies", curies()}};
  return shown;
}

json::object wp_user_json(const content::User& user, const WpContext& context, bool embed) {
  const std::string api = context.api_root() + "wp/v2/";
  json::object shown;
  shown["id"] = user.id;
  shown["name"] = user.name;
  shown["url"] = user.website;
  shown["description"] = user.bio;
  shown["link"] = context.site_url + site::author_url(user);
  shown["slug"] = user.slug;
  // Byline keeps no pictures of staff and sends no email hash to Gravatar.
  shown["avatar_urls"] = json::object{};
  if (!embed) shown["meta"] = json::array{};
  shown["_links"] = json::object{{"self", link(api + "users/" + std::to_string(user.id))},
                                 {"collection", link(api + "users")}};
  return shown;
}

json::object wp_error_json(std::string_view code, std::string_view message, int status) {
  return json::object{
      {"code", code}, {"message", message}, {"data", json::object{{"status", status}}}};
}

void keep_wp_fields(json::object& object, const std::vector<std::string>& fields) {
  if (fields.empty()) return;
  json::object kept;
  for (const std::string& field : fields) {
    const auto dot = field.find('.');
    const std::string top = field.substr(0, dot);
    const json::value* value = object.if_contains(top);
    if (!value) continue;
    if (dot == std::string::npos || !value->is_object()) {
      kept[top] = *value;
      continue;
    }
    // "title.rendered": the nested field alone, beside others asked for.
    const json::value* inner = value->as_object().if_contains(field.substr(dot + 1));
    if (!inner) continue;
    json::value& into = kept[top];
    if (!into.is_object()) into = json::object{};
    into.as_object()[field.substr(dot + 1)] = *inner;
  }
  object = std::move(kept);
}

}  // namespace byline::api
