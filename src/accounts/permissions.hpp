// Who may do what in the newsroom. Every handler asks here before acting;
// nothing is allowed because a button was hidden.
#pragma once

#include "content/model.hpp"

namespace byline::accounts {

enum class Action {
  view_post,           // open it in the newsroom: editor, preview, revisions
  create_post,         // start a draft
  edit_post,           // change its title, body, metadata
  submit_for_review,   // draft -> review
  publish_post,        // -> published (now) or scheduled (later)
  unpublish_post,      // published -> unpublished
  feature_post,
  delete_post,
  manage_taxonomy,     // sections and tags
  manage_users,
  manage_settings,
  manage_api_keys,
  view_audit_log,
};

// Whether `actor` may do `action` to `post` (ignored for actions that are
// not about one post). The rules:
// - contributor: writes their own drafts and submits them for review; once
//   submitted or published, their post is the editors' to change;
// - author: writes, publishes, schedules and unpublishes their own posts;
// - editor: all of that for anyone's posts, plus featuring, deleting and
//   sections and tags;
// - admin: everything, plus people, settings, API keys and the audit log.
// Reading follows WordPress and Ghost: contributors and authors open any
// published post but only their own unpublished ones (drafts, review,
// scheduled, unpublished); editors and admins open everything.
// A post's authors are the people in its byline.
bool may(const content::User& actor, Action action, const content::Post* post = nullptr);

// Whether `actor` may open every post, unpublished ones included (editors
// and admins); the others see only their own unpublished posts in lists.
bool reads_every_post(const content::User& actor);

// True when `user` is in `post`'s byline.
bool is_author_of(const content::User& user, const content::Post& post);

}  // namespace byline::accounts
