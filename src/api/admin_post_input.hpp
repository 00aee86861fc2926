// A post as an Admin API client sends it ({"posts": [{…}]}), read into the
// newsroom's Edit: the fields it names change, the rest stay as they are.
// Tags are names (or {id}, {slug}, {name}); authors are emails (or {id},
// {email}, {slug}). The body is `html` (what ?source=html asks for, and
// what Byline also takes without it) or `lexical`; Mobiledoc is refused.
#pragma once

#include "publishing/workflow.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <variant>

namespace byline::store {
class Store;
}

namespace byline::api {

struct AdminPostInput {
  publishing::Edit edit;
  std::optional<std::string> status;      // "draft", "published" or "scheduled", if sent
  std::optional<Time> published_at;       // if sent
  std::optional<std::string> updated_at;  // as sent, for the collision check
};

struct AdminInputError {
  int status = 422;
  std::string message;
  std::string context;
};

// Reads `sent` over `base` (edit_of the stored post, or a new post's).
// `stored_html` is the stored post's HTML ("" for a new post): a body sent
// back as it was read (that HTML, with the site's addresses absolute or
// not, or the Lexical card of it) is no change, and the post keeps the
// body and the format it was written in. `site_url` turns the site's own
// absolute image addresses back into root-relative ones, as Byline keeps
// them.
std::variant<AdminPostInput, AdminInputError> read_admin_post(const boost::json::object& sent,
                                                              publishing::Edit base,
                                                              std::string_view stored_html,
                                                              store::Store& store,
                                                              std::string_view site_url);

}  // namespace byline::api
