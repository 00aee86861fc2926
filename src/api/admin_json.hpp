// The Ghost Admin API's objects as JSON (../shared/specs/ghost-admin-api.md
// §2): posts and pages of any status, with their status, a Lexical copy of
// the body, tags and authors always; staff with their email and role; every
// tag. Dates are UTC with milliseconds, as Ghost writes them.
#pragma once

#include "api/content_json.hpp"
#include "content/model.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace byline::api {

// A post's updated_at as the Admin API shows it: the time of its last
// change, with the post's revision in the milliseconds ("…:07.012Z" for
// revision 12). Ghost refuses an edit whose updated_at is not the stored
// one; Byline stores seconds, and two saves in one second must not look
// alike, so the revision tells them apart.
std::string edit_stamp(const content::Post& post);

// Whether `sent` (ISO 8601, any offset) is `post`'s edit_stamp, the post
// as the client last saw it.
bool is_edit_stamp_of(std::string_view sent, const content::Post& post);

// "2026-12-02T07:00:00.000Z".
std::string admin_time(Time time);
// The time in ISO 8601 text with any offset ("…Z", "…+03:30"), its
// fraction dropped; nullopt for anything else.
std::optional<Time> read_admin_time(std::string_view text);

// Ghost's word for a post's status: review and unpublished posts are
// "draft" there, being neither out nor due.
std::string_view ghost_status(content::PostStatus status);

// A post or page of any status; `html`/`plaintext` when the query's
// formats ask for them. `preview_url` for a post readers cannot see yet.
boost::json::object admin_post_json(const content::Post& post, const JsonContext& context);

// A staff member, with email and role.
boost::json::object admin_user_json(const content::User& user, const JsonContext& context,
                                    std::optional<long> posts = std::nullopt);

}  // namespace byline::api
