#include "webhooks/payload.hpp"

#include "api/admin_json.hpp"
#include "api/ghost_ids.hpp"

#include <boost/json/serialize.hpp>

namespace byline::webhooks {
namespace {

namespace json = boost::json;

void drop_emails(json::value& person) {
  if (person.is_object()) person.as_object().erase("email");
}

json::object shown(const content::Post& post, const api::JsonContext& context) {
  json::object object = api::admin_post_json(post, context);
  if (auto* authors = object.if_contains("authors"); authors && authors->is_array()) {
    for (auto& author : authors->as_array()) drop_emails(author);
  }
  if (auto* primary = object.if_contains("primary_author")) drop_emails(*primary);
  return object;
}

std::string envelope(bool page, json::object current, json::object previous) {
  json::object inner;
  inner["current"] = std::move(current);
  inner["previous"] = std::move(previous);
  json::object body;
  body[page ? "page" : "post"] = std::move(inner);
  return json::serialize(body);
}

}  // namespace

std::string payload(const content::Post* before, const content::Post* after,
                    const api::JsonContext& context) {
  const content::Post& subject = after ? *after : *before;
  const bool page = subject.type == content::PostType::page;
  if (!after) return envelope(page, {}, shown(*before, context));
  json::object current = shown(*after, context);
  json::object previous;
  if (before) {
    for (auto& [key, value] : shown(*before, context)) {
      const auto* now = current.if_contains(key);
      if (!now || *now != value) previous[key] = std::move(value);
    }
  }
  return envelope(page, std::move(current), std::move(previous));
}

std::string recovered_payload(std::string_view event, content::Id post_id,
                              const content::Post* now_stored, const api::JsonContext& context) {
  const bool page = event.starts_with("page.");
  if (now_stored && !event.ends_with(".deleted")) {
    return envelope(page, shown(*now_stored, context), {});
  }
  json::object previous;
  previous["id"] = api::ghost_id(api::GhostKind::post, post_id);
  return envelope(page, {}, std::move(previous));
}

}  // namespace byline::webhooks
