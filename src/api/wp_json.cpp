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

json::object wp_post_json(const content::Post& post, const WpContext& context,
                          content::Id featured_media) {
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
  shown["featured_media"] = featured_media;
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
  if (featured_media != 0) {
    links["wp:featuredmedia"] = json::array{json::object{
        {"embeddable", true}, {"href", api + "media/" + std::to_string(featured_media)}}};
  }
  links["wp:attachment"] = link(api + "media?parent=" + id);
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

json::object wp_media_json(const FeaturedImage& image, const WpContext& context, bool embed) {
  const content::Media& media = image.media;
  const std::string api = context.api_root() + "wp/v2/";
  const std::string source = media.variants.empty()
                                 ? std::string()
                                 : context.site_url + "/media/" + media.variants.back().path;
  // "2026/11/3f9a…-1600.webp" → "3f9a…": the upload's own name, never
  // the one it had on the uploader's machine.
  std::string name = media.variants.empty() ? std::string() : media.variants.back().path;
  name = name.substr(name.rfind('/') + 1);
  name = name.substr(0, name.rfind('-'));
  auto height_at = [&](int width) {
    return media.width > 0
               ? (static_cast<long long>(width) * media.height + media.width / 2) / media.width
               : 0;
  };
  auto size = [&](const content::MediaVariant& variant) {
    return json::object{{"file", variant.path.substr(variant.path.rfind('/') + 1)},
                        {"width", variant.width},
                        {"height", height_at(variant.width)},
                        {"mime_type", "image/webp"},
                        {"source_url", context.site_url + "/media/" + variant.path}};
  };
  // WordPress's usual names for the widths Byline makes (narrowest first),
  // and each width by itself.
  json::object sizes;
  if (!media.variants.empty()) {
    auto widest_up_to = [&](int limit) {
      const content::MediaVariant* chosen = &media.variants.front();
      for (const auto& variant : media.variants)
        if (variant.width <= limit) chosen = &variant;
      return *chosen;
    };
    sizes["thumbnail"] = size(media.variants.front());
    sizes["medium"] = size(widest_up_to(800));
    sizes["large"] = size(widest_up_to(1600));
    for (const auto& variant : media.variants) sizes[std::to_string(variant.width)] = size(variant);
    sizes["full"] = size(media.variants.back());
  }
  const std::string widest = media.variants.empty() ? "" : media.variants.back().path;
  json::object details{
      {"width", media.variants.empty() ? 0 : media.variants.back().width},
      {"height", media.variants.empty() ? 0 : height_at(media.variants.back().width)},
      {"file", widest},
      {"sizes", std::move(sizes)}};
  const std::string date = wp_local_time(media.created_at, context.dates);
  json::object shown;
  shown["id"] = media.id;
  shown["date"] = date;
  if (!embed) {
    shown["date_gmt"] = wp_gmt_time(media.created_at);
    shown["guid"] = json::object{{"rendered", source}};
    shown["modified"] = date;
    shown["modified_gmt"] = wp_gmt_time(media.created_at);
  }
  shown["slug"] = name;
  if (!embed) shown["status"] = "inherit";
  shown["type"] = "attachment";
  shown["link"] = source;  // Byline has no attachment pages: the image itself
  shown["title"] =
      json::object{{"rendered", xml_escape(image.alt.empty() ? name : std::string(image.alt))}};
  // Who uploaded it is the newsroom's business, not the readers'.
  shown["author"] = 0;
  if (!embed) {
    shown["featured_media"] = 0;
    shown["comment_status"] = "closed";
    shown["ping_status"] = "closed";
    shown["template"] = "";
    shown["meta"] = json::array{};
    shown["description"] = json::object{{"rendered", ""}};
  }
  shown["caption"] = json::object{
      {"rendered", image.caption.empty() ? "" : "<p>" + xml_escape(image.caption) + "</p>\n"}};
  shown["alt_text"] = image.alt;
  shown["media_type"] = "image";
  shown["mime_type"] = "image/webp";
  shown["media_details"] = std::move(details);
  if (!embed) shown["post"] = image.post_id;
  shown["source_url"] = source;
  const std::string id = std::to_string(media.id);
  shown["_links"] = json::object{{"self", link(api + "media/" + id)},
                                 {"collection", link(api + "media")},
                                 {"about", link(api + "types/attachment")}};
  return shown;
}

json::object wp_search_result_json(content::Id id, std::string_view title, std::string_view url,
                                   std::string_view type, std::string_view subtype,
                                   std::string_view route, const WpContext& context) {
  const std::string api = context.api_root() + "wp/v2/";
  const std::string about = type == "post" ? api + "types/" + std::string(subtype)
                                           : api + "taxonomies/" + std::string(subtype);
  return json::object{
      {"id", id},
      {"title", type == "post" ? xml_escape(title) : std::string(title)},
      {"url", url},
      {"type", type},
      {"subtype", subtype},
      {"_links",
       json::object{{"self", json::array{json::object{{"embeddable", true},
                                                      {"href", api + std::string(route)}}}},
                    {"about", link(about)},
                    {"collection", link(api + "search")}}}};
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
