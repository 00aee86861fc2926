// The newsroom's permission rules, in one function.
#include "accounts/permissions.hpp"

#include <algorithm>

namespace byline::accounts {

using content::PostStatus;
using content::Role;

bool is_author_of(const content::User& user, const content::Post& post) {
  return std::any_of(post.authors.begin(), post.authors.end(),
                     [&](const content::User& author) { return author.id == user.id; });
}

bool reads_every_post(const content::User& actor) {
  return actor.role == Role::admin || actor.role == Role::editor;
}

bool may(const content::User& actor, Action action, const content::Post* post) {
  const Role role = actor.role;
  const bool admin = role == Role::admin;
  const bool editor = admin || role == Role::editor;
  const bool author = editor || role == Role::author;
  const bool own = post == nullptr || is_author_of(actor, *post);
  const bool draft = post == nullptr || post->status == PostStatus::draft;

  switch (action) {
    case Action::view_post:
      return editor || own || post->status == PostStatus::published;
    case Action::create_post:
      return true;  // every role writes
    case Action::edit_post:
      if (editor) return true;
      if (author) return own;
      return own && draft;  // a contributor's post is theirs until submitted
    case Action::submit_for_review:
      return editor || (own && draft);
    case Action::publish_post:
    case Action::unpublish_post:
      return editor || (author && own);
    case Action::feature_post:
    case Action::delete_post:
    case Action::manage_taxonomy:
      return editor;
    case Action::manage_users:
    case Action::manage_settings:
    case Action::manage_api_keys:
    case Action::view_audit_log:
      return admin;
  }
  return false;
}

}  // namespace byline::accounts
