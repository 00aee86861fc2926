#include "api/admin_post_input.hpp"

#include "api/admin_json.hpp"
#include "api/ghost_ids.hpp"
#include "api/lexical.hpp"
#include "site/feeds.hpp"  // absolute_urls
#include "store/store.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace byline::api {
namespace {

namespace json = boost::json;

// More than any story carries; each one named costs a lookup.
constexpr std::size_t kMaxTags = 100;
constexpr std::size_t kMaxAuthors = 20;

AdminInputError invalid(std::string message, std::string context = {}) {
  return AdminInputError{422, std::move(message), std::move(context)};
}

// A text field: a string, or null for "none"; nullopt when not sent.
// A field of another type is an error, named.
std::variant<std::optional<std::string>, AdminInputError> text_field(const json::object& sent,
                                                                     std::string_view name) {
  const json::value* value = sent.if_contains(name);
  if (!value) return std::optional<std::string>{};
  if (value->is_null()) return std::optional<std::string>{std::string()};
  if (!value->is_string()) {
    return invalid(std::string(name) + " must be a string.",
                   "Validation failed for " + std::string(name) + ".");
  }
  return std::optional<std::string>{std::string(value->as_string())};
}

// An address of this site's, as Byline keeps it: root-relative.
std::string site_relative(std::string address, std::string_view site_url) {
  if (!site_url.empty() && address.starts_with(site_url) &&
      address.substr(site_url.size()).starts_with('/')) {
    address.erase(0, site_url.size());
  }
  return address;
}

std::variant<std::vector<std::string>, AdminInputError> tag_names(const json::array& sent,
                                                                  store::Store& store) {
  if (sent.size() > kMaxTags) {
    return invalid("A post has at most " + std::to_string(kMaxTags) + " tags.",
                   "Validation failed for tags.");
  }
  std::vector<std::string> names;
  std::optional<std::vector<content::Tag>> every_tag;  // read once, for tags named by id
  for (const json::value& tag : sent) {
    if (tag.is_string()) {
      names.emplace_back(tag.as_string());
      continue;
    }
    if (!tag.is_object())
      return invalid("A tag is a name or an object.", "Validation failed for tags.");
    const json::object& object = tag.as_object();
    std::optional<content::Tag> found;
    if (const json::value* id = object.if_contains("id"); id && id->is_string()) {
      const auto local = local_id(GhostKind::tag, id->as_string());
      if (local) {
        if (!every_tag) {
          auto tags = store.tags();
          if (!tags) return AdminInputError{500, tags.error().message, {}};
          every_tag = std::move(*tags);
        }
        for (const content::Tag& one : *every_tag) {
          if (one.id == *local) found = one;
        }
      }
      if (!found)
        return invalid("There is no tag with the id " + std::string(id->as_string()) + ".",
                       "Validation failed for tags.");
    } else if (const json::value* slug = object.if_contains("slug"); slug && slug->is_string()) {
      auto by_slug = store.tag_by_slug(slug->as_string());
      if (!by_slug) return AdminInputError{500, by_slug.error().message, {}};
      found = *by_slug;
    }
    if (found) {
      names.push_back(found->name);
    } else if (const json::value* name = object.if_contains("name"); name && name->is_string()) {
      names.emplace_back(name->as_string());
    } else if (const json::value* slug = object.if_contains("slug"); slug && slug->is_string()) {
      names.emplace_back(slug->as_string());  // a new tag named as its slug
    } else {
      return invalid("A tag needs an id, a slug or a name.", "Validation failed for tags.");
    }
  }
  return names;
}

std::variant<std::vector<content::Id>, AdminInputError> author_ids(const json::array& sent,
                                                                   store::Store& store) {
  if (sent.size() > kMaxAuthors) {
    return invalid("A byline names at most " + std::to_string(kMaxAuthors) + " people.",
                   "Validation failed for authors.");
  }
  std::vector<content::Id> ids;
  for (const json::value& author : sent) {
    Result<std::optional<content::User>> found = std::optional<content::User>{};
    std::string named;
    if (author.is_string()) {
      named = author.as_string();
      found = store.user_by_email(named);
    } else if (author.is_object()) {
      const json::object& object = author.as_object();
      if (const json::value* id = object.if_contains("id"); id && id->is_string()) {
        named = id->as_string();
        if (const auto local = local_id(GhostKind::user, named)) found = store.user_by_id(*local);
      } else if (const json::value* email = object.if_contains("email");
                 email && email->is_string()) {
        named = email->as_string();
        found = store.user_by_email(named);
      } else if (const json::value* slug = object.if_contains("slug"); slug && slug->is_string()) {
        named = slug->as_string();
        found = store.user_by_slug(named);
      }
    }
    if (!found) return AdminInputError{500, found.error().message, {}};
    // Rule: a byline names staff; a name nobody has is refused, not given
    // to someone else.
    if (!*found) {
      return invalid("No one on the staff is " + named.substr(0, 200) + ".",
                     "Validation failed for authors.");
    }
    ids.push_back((*found)->id);
  }
  return ids;
}

}  // namespace

std::variant<AdminPostInput, AdminInputError> read_admin_post(const json::object& sent,
                                                              publishing::Edit base,
                                                              std::string_view stored_html,
                                                              store::Store& store,
                                                              std::string_view site_url) {
  AdminPostInput input;
  input.edit = std::move(base);
  publishing::Edit& edit = input.edit;

  // Each text field the client sent replaces what was there.
  struct TextField {
    std::string_view name;
    std::string* target;
  };
  const TextField fields[] = {{"title", &edit.title},
                              {"slug", &edit.slug},
                              {"custom_excerpt", &edit.custom_excerpt},
                              {"feature_image_alt", &edit.featured_image_alt},
                              {"feature_image_caption", &edit.featured_image_caption},
                              {"meta_title", &edit.seo_title},
                              {"meta_description", &edit.seo_description}};
  for (const TextField& field : fields) {
    auto read = text_field(sent, field.name);
    if (auto* error = std::get_if<AdminInputError>(&read)) return *error;
    if (auto& value = std::get<std::optional<std::string>>(read)) *field.target = std::move(*value);
  }
  {
    auto read = text_field(sent, "feature_image");
    if (auto* error = std::get_if<AdminInputError>(&read)) return *error;
    if (auto& value = std::get<std::optional<std::string>>(read)) {
      edit.featured_image = site_relative(std::move(*value), site_url);
    }
  }

  if (const json::value* featured = sent.if_contains("featured")) {
    if (!featured->is_bool())
      return invalid("featured must be true or false.", "Validation failed for featured.");
    edit.featured = featured->as_bool();
  }
  if (const json::value* visibility = sent.if_contains("visibility");
      visibility && !(visibility->is_string() && visibility->as_string() == "public")) {
    return invalid("Byline has no members: every post is public.",
                   "Validation failed for visibility.");
  }

  // The body: HTML, or a Lexical document; Mobiledoc is not read. A client
  // that reads a post, changes its title and sends it all back sends the
  // body as it read it: that leaves the body alone (a Markdown story stays
  // Markdown, and a stale copy that changed nothing is no collision).
  const auto as_read = [&](std::string_view body) {
    return !stored_html.empty() &&
           (body == stored_html || body == site::absolute_urls(stored_html, site_url));
  };
  const json::value* html = sent.if_contains("html");
  const json::value* lexical = sent.if_contains("lexical");
  if (html && !html->is_null()) {
    if (!html->is_string()) return invalid("html must be a string.", "Validation failed for html.");
    if (!as_read(html->as_string())) {
      edit.body_html = std::string(html->as_string());
      edit.source_format = content::SourceFormat::html;
    }
  } else if (lexical && !lexical->is_null()) {
    if (!lexical->is_string()) {
      return invalid("lexical must be a string holding a Lexical document.",
                     "Validation failed for lexical.");
    }
    auto converted = lexical_text_to_html(lexical->as_string());
    if (!converted)
      return invalid("Failed to read the Lexical document.", "Validation failed for lexical.");
    // An HTML card ends its HTML with a line break.
    std::string_view card_html = *converted;
    if (card_html.ends_with('\n')) card_html.remove_suffix(1);
    if (!as_read(card_html)) {
      edit.body_html = std::move(*converted);
      edit.source_format = content::SourceFormat::html;
    }
  } else if (const json::value* mobiledoc = sent.if_contains("mobiledoc");
             mobiledoc && !mobiledoc->is_null()) {
    return invalid("Byline does not read Mobiledoc: send html with ?source=html, or lexical.",
                   "Validation failed for mobiledoc.");
  }

  if (const json::value* tags = sent.if_contains("tags")) {
    if (!tags->is_array()) return invalid("tags must be a list.", "Validation failed for tags.");
    auto names = tag_names(tags->as_array(), store);
    if (auto* error = std::get_if<AdminInputError>(&names)) return *error;
    edit.tag_names = std::get<std::vector<std::string>>(std::move(names));
  }
  if (const json::value* authors = sent.if_contains("authors")) {
    if (!authors->is_array())
      return invalid("authors must be a list.", "Validation failed for authors.");
    auto ids = author_ids(authors->as_array(), store);
    if (auto* error = std::get_if<AdminInputError>(&ids)) return *error;
    edit.author_ids = std::get<std::vector<content::Id>>(std::move(ids));
  }

  for (const std::string_view name : {"status", "updated_at", "published_at"}) {
    auto read = text_field(sent, name);
    if (auto* error = std::get_if<AdminInputError>(&read)) return *error;
    auto& value = std::get<std::optional<std::string>>(read);
    if (!value || value->empty()) continue;
    if (name == "status") {
      if (*value != "draft" && *value != "published" && *value != "scheduled") {
        return invalid("status must be draft, published or scheduled.",
                       "Validation failed for status.");
      }
      input.status = std::move(*value);
    } else if (name == "updated_at") {
      input.updated_at = std::move(*value);
    } else {
      input.published_at = read_admin_time(*value);
      if (!input.published_at) {
        return invalid("published_at must be a date in ISO 8601.",
                       "Validation failed for published_at.");
      }
    }
  }
  return input;
}

}  // namespace byline::api
