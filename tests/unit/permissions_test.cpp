#include "accounts/permissions.hpp"

#include <gtest/gtest.h>

namespace byline::accounts {
namespace {

using content::PostStatus;
using content::Role;

content::User person(content::Id id, Role role) {
  content::User user;
  user.id = id;
  user.role = role;
  return user;
}

content::Post post_by(content::Id author_id, PostStatus status) {
  content::Post post;
  post.status = status;
  post.authors.push_back(person(author_id, Role::author));
  return post;
}

const content::User kContributor = person(1, Role::contributor);
const content::User kAuthor = person(2, Role::author);
const content::User kEditor = person(3, Role::editor);
const content::User kAdmin = person(4, Role::admin);

TEST(Permissions, EveryRoleStartsDrafts) {
  for (const auto& user : {kContributor, kAuthor, kEditor, kAdmin}) {
    EXPECT_TRUE(may(user, Action::create_post));
  }
}

TEST(Permissions, AContributorWritesOwnDraftsAndSubmitsThem) {
  const auto own_draft = post_by(kContributor.id, PostStatus::draft);
  EXPECT_TRUE(may(kContributor, Action::edit_post, &own_draft));
  EXPECT_TRUE(may(kContributor, Action::submit_for_review, &own_draft));
}

TEST(Permissions, AContributorIsDeniedPublishingAndOthersPosts) {
  const auto own_draft = post_by(kContributor.id, PostStatus::draft);
  const auto own_in_review = post_by(kContributor.id, PostStatus::review);
  const auto someone_elses = post_by(kAuthor.id, PostStatus::draft);
  EXPECT_FALSE(may(kContributor, Action::publish_post, &own_draft));
  EXPECT_FALSE(may(kContributor, Action::unpublish_post, &own_draft));
  EXPECT_FALSE(may(kContributor, Action::edit_post, &own_in_review));
  EXPECT_FALSE(may(kContributor, Action::edit_post, &someone_elses));
  EXPECT_FALSE(may(kContributor, Action::submit_for_review, &someone_elses));
  EXPECT_FALSE(may(kContributor, Action::feature_post, &own_draft));
  EXPECT_FALSE(may(kContributor, Action::delete_post, &own_draft));
  EXPECT_FALSE(may(kContributor, Action::manage_taxonomy));
}

TEST(Permissions, AnAuthorPublishesOwnPostsOnly) {
  const auto own = post_by(kAuthor.id, PostStatus::published);
  const auto someone_elses = post_by(kContributor.id, PostStatus::review);
  EXPECT_TRUE(may(kAuthor, Action::edit_post, &own));
  EXPECT_TRUE(may(kAuthor, Action::publish_post, &own));
  EXPECT_TRUE(may(kAuthor, Action::unpublish_post, &own));
  EXPECT_FALSE(may(kAuthor, Action::edit_post, &someone_elses));
  EXPECT_FALSE(may(kAuthor, Action::publish_post, &someone_elses));
  EXPECT_FALSE(may(kAuthor, Action::unpublish_post, &someone_elses));
  EXPECT_FALSE(may(kAuthor, Action::feature_post, &own));
  EXPECT_FALSE(may(kAuthor, Action::manage_taxonomy));
}

TEST(Permissions, AnEditorHandlesAnyonesPostsButNotPeopleOrSettings) {
  const auto someone_elses = post_by(kContributor.id, PostStatus::review);
  for (const auto action : {Action::edit_post, Action::publish_post, Action::unpublish_post,
                            Action::feature_post, Action::delete_post}) {
    EXPECT_TRUE(may(kEditor, action, &someone_elses));
  }
  EXPECT_TRUE(may(kEditor, Action::manage_taxonomy));
  for (const auto action : {Action::manage_users, Action::manage_settings, Action::manage_api_keys,
                            Action::view_audit_log}) {
    EXPECT_FALSE(may(kEditor, action));
  }
}

TEST(Permissions, AnAdminMayDoEverything) {
  const auto someone_elses = post_by(kContributor.id, PostStatus::draft);
  for (int action = 0; action <= static_cast<int>(Action::view_audit_log); ++action) {
    EXPECT_TRUE(may(kAdmin, static_cast<Action>(action), &someone_elses)) << action;
  }
}

}  // namespace
}  // namespace byline::accounts
