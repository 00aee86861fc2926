// Status flow, permissions and post rules for newsroom saves.
#include "publishing/workflow.hpp"

#include "accounts/permissions.hpp"
#include "content/language.hpp"
#include "content/post_events.hpp"
#include "content/post_rules.hpp"
#include "content/slug.hpp"
#include "publishing/changes.hpp"
#include "store/store.hpp"

#include <algorithm>

namespace byline::publishing {

using accounts::Action;
using content::Post;
using content::PostStatus;

namespace {

Error forbidden(std::string message) {
  return make_error(ErrorCode::forbidden, std::move(message));
}

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

// What the audit log calls a save with `intent`; nullopt for a plain save
// of an existing post (autosaves among them), which its revision records.
std::optional<std::string> audited_action(Intent intent, bool created) {
  switch (intent) {
    case Intent::save:
      return created ? std::optional<std::string>("created a draft") : std::nullopt;
    case Intent::submit:
      return "sent for review";
    case Intent::publish:
      return "published";
    case Intent::schedule:
      return "scheduled";
    case Intent::unpublish:
      return "unpublished";
  }
  return std::nullopt;
}

std::optional<store::AuditEntry> audit_entry(const Actor& actor,
                                             const std::optional<std::string>& action,
                                             std::string_view subject, Time now) {
  if (!action) return std::nullopt;
  store::AuditEntry entry;
  entry.at = now;
  entry.actor_id = actor.user.id;
  entry.actor = actor.user.email.empty() ? actor.user.name : actor.user.email;
  entry.action = *action;
  entry.subject = std::string(subject.substr(0, 300));
  entry.address = actor.address;
  return entry;
}

// Applies the status change `intent` asks for, if `actor` may make it.
Result<void> change_status(const content::User& actor, Post& post, const Edit& edit, Intent intent,
                           Time now) {
  switch (intent) {
    case Intent::save:
      return {};
    case Intent::submit:
      if (!accounts::may(actor, Action::submit_for_review, &post)) {
        return forbidden("You may not send this post for review.");
      }
      if (post.status != PostStatus::draft) return invalid("Only a draft can be sent for review.");
      post.status = PostStatus::review;
      return {};
    case Intent::publish:
      if (!accounts::may(actor, Action::publish_post, &post)) {
        return forbidden("You may not publish this post; send it for review instead.");
      }
      // Rule: a post published before keeps its first publication time,
      // unless the edit gives a time already past (a story backdated to
      // when it first ran elsewhere). A later time is a schedule's, and
      // publishing now overrides it.
      if (edit.publish_at && *edit.publish_at <= now) {
        post.published_at = *edit.publish_at;
      } else if (!post.published_at || *post.published_at > now ||
                 post.status == PostStatus::scheduled) {
        post.published_at = now;
      }
      post.status = PostStatus::published;
      return {};
    case Intent::schedule:
      if (!accounts::may(actor, Action::publish_post, &post)) {
        return forbidden("You may not schedule this post; send it for review instead.");
      }
      if (!edit.publish_at || *edit.publish_at <= now) {
        return invalid("Pick a time in the future to schedule the post for.");
      }
      post.published_at = *edit.publish_at;
      post.status = PostStatus::scheduled;
      return {};
    case Intent::unpublish:
      if (!accounts::may(actor, Action::unpublish_post, &post)) {
        return forbidden("You may not unpublish this post.");
      }
      if (post.status != PostStatus::published && post.status != PostStatus::scheduled) {
        return invalid("Only a published or scheduled post can be unpublished.");
      }
      post.status = PostStatus::unpublished;
      return {};
  }
  return {};
}

// The webhook events a save raises, for the Store to queue with it.
std::vector<std::string> events_of(const Post* before, const Post& after) {
  const auto event = content::save_event(before, after);
  if (!event) return {};
  return {content::event_name(after.type, *event)};
}

}  // namespace

Edit edit_of(const Post& post) {
  Edit edit;
  edit.type = post.type;
  edit.title = post.title;
  edit.slug = post.slug;
  edit.body_html = post.body_source.empty() ? post.body_html : post.body_source;
  edit.source_format = post.source_format;
  edit.custom_excerpt = post.custom_excerpt;
  edit.featured_image = post.featured_image;
  edit.featured_image_alt = post.featured_image_alt;
  edit.featured_image_caption = post.featured_image_caption;
  edit.seo_title = post.seo_title;
  edit.seo_description = post.seo_description;
  edit.featured = post.featured;
  for (const auto& author : post.authors) edit.author_ids.push_back(author.id);
  for (const auto& section : post.sections) edit.section_ids.push_back(section.id);
  for (const auto& tag : post.tags) edit.tag_names.push_back(tag.name);
  return edit;
}

std::optional<Intent> intent_from_string(std::string_view text) {
  if (text == "save") return Intent::save;
  if (text == "submit") return Intent::submit;
  if (text == "publish") return Intent::publish;
  if (text == "schedule") return Intent::schedule;
  if (text == "unpublish") return Intent::unpublish;
  return std::nullopt;
}

Workflow::Workflow(std::shared_ptr<store::Store> store, std::shared_ptr<const Changes> changes)
    : store_(std::move(store)), changes_(std::move(changes)) {}

void Workflow::keep_slugs_for(std::function<bool(std::string_view)> is_kept) {
  is_kept_ = std::move(is_kept);
}

void Workflow::tell(const Post* before, const Post& after,
                    const std::vector<std::string>& events) const {
  if (!changes_) return;
  changes_->post_changed(before, after);
  for (const auto& event : events) changes_->post_event(event, before, &after);
}

Result<std::string> Workflow::free_slug(std::string_view wanted, content::Id post_id,
                                        bool generated) {
  for (int suffix = 1; suffix < 100; ++suffix) {
    const std::string candidate =
        suffix == 1 ? std::string(wanted) : std::string(wanted) + "-" + std::to_string(suffix);
    auto taken = store_->post_by_slug(candidate);
    BYLINE_TRY(taken);
    if (*taken && (*taken)->id == post_id) return candidate;  // its own, kept
    if (content::is_reserved_slug(candidate)) {
      if (!generated)
        return invalid("The slug " + candidate +
                       " is kept for Byline's own addresses; choose another.");
      continue;
    }
    if (is_kept_(candidate)) {
      if (!generated)
        return invalid("The slug " + candidate +
                       " is the address of an edition's front page; choose another.");
      continue;
    }
    if (!*taken) return candidate;
    if (!generated)
      return make_error(ErrorCode::conflict, "Another post has the slug " + candidate + ".");
  }
  return make_error(ErrorCode::conflict, "Too many posts have that title; choose a slug.");
}

Result<void> Workflow::resolve_people_and_terms(const content::User& actor, Post& post,
                                                const Edit& edit) {
  post.authors.clear();
  std::vector<content::Id> author_ids = edit.author_ids;
  if (author_ids.empty()) author_ids.push_back(actor.id);
  for (const auto id : author_ids) {
    if (std::any_of(post.authors.begin(), post.authors.end(),
                    [&](const content::User& u) { return u.id == id; })) {
      continue;  // named twice: once is enough
    }
    auto user = store_->user_by_id(id);
    BYLINE_TRY(user);
    if (!*user) return invalid("One of the authors does not exist.");
    post.authors.push_back(**user);
  }
  // Rule: below editor, a writer stays in the byline of what they write,
  // or they would lock themselves out of it.
  if (!accounts::may(actor, Action::feature_post) && !accounts::is_author_of(actor, post)) {
    return invalid("You must stay one of the post's authors.");
  }

  auto sections = store_->sections();
  BYLINE_TRY(sections);
  post.sections.clear();
  for (const auto id : edit.section_ids) {
    auto found = std::find_if(sections->begin(), sections->end(),
                              [&](const content::Section& s) { return s.id == id; });
    if (found == sections->end()) return invalid("One of the sections does not exist.");
    post.sections.push_back(*found);
  }

  post.tags.clear();
  for (const auto& name : edit.tag_names) {
    const std::string slug = content::make_slug(name);
    if (slug.empty()) continue;
    if (std::any_of(post.tags.begin(), post.tags.end(),
                    [&](const content::Tag& t) { return t.slug == slug; })) {
      continue;
    }
    auto tag = store_->tag_by_slug(slug);
    BYLINE_TRY(tag);
    if (*tag) {
      post.tags.push_back(**tag);
      continue;
    }
    if (!accounts::may(actor, Action::manage_taxonomy)) {
      return forbidden("Only editors can add new tags; \"" + name + "\" is not a tag yet.");
    }
    // Judged on new tags only: one that exists already is the editors' to rename.
    if (content::mixes_lookalike_scripts(slug)) {
      return invalid("The tag \"" + name +
                     "\" mixes alphabets whose letters look alike; write it in one alphabet.");
    }
    // Made with the post, in its transaction: a refused save leaves no tag.
    content::Tag created;
    created.slug = slug;
    created.name = name;
    post.tags.push_back(created);
  }
  return {};
}

Result<void> Workflow::resolve_language(Post& post, const Edit& edit) {
  if (edit.locale) {
    if (edit.locale->empty()) {
      post.locale.clear();
    } else {
      auto tag = content::language_tag(*edit.locale);
      if (!tag)
        return invalid("The language " + *edit.locale + " is not known; use a code like en or fa.");
      post.locale = std::move(*tag);
    }
  }
  if (!edit.translation_of) return {};
  if (edit.translation_of->empty()) {
    post.translation_of = 0;
    return {};
  }
  auto original = store_->post_by_slug(*edit.translation_of);
  BYLINE_TRY(original);
  if (!*original)
    return invalid("There is no post at /" + *edit.translation_of + "/ to be the original.");
  // A group has one original: naming a translation means its original.
  const content::Id original_id =
      (*original)->translation_of > 0 ? (*original)->translation_of : (*original)->id;
  if (post.id != 0 && original_id == post.id)
    return invalid("A post cannot be a translation of itself.");
  if (post.id != 0 && original_id != post.translation_of) {
    auto own = store_->count_translations(post.id);
    BYLINE_TRY(own);
    if (*own > 0) {
      return invalid(
          "This post is the original of other translations, so it cannot be a translation itself.");
    }
  }
  post.translation_of = original_id;
  return {};
}

Result<Post> Workflow::apply(const content::User& actor, Post post, Edit edit, Intent intent,
                             Time now, bool is_new) {
  post.type = edit.type;
  post.title = edit.title;
  post.body_source = edit.body_html;
  post.source_format = edit.source_format;
  post.body_html.clear();
  post.custom_excerpt = edit.custom_excerpt;
  post.featured_image = edit.featured_image;
  post.featured_image_alt = edit.featured_image_alt;
  post.featured_image_caption = edit.featured_image_caption;
  post.seo_title = edit.seo_title;
  post.seo_description = edit.seo_description;
  if (edit.featured && *edit.featured != post.featured) {
    if (!accounts::may(actor, Action::feature_post, &post)) {
      return forbidden("Only editors can feature posts on the front page.");
    }
    post.featured = *edit.featured;
  }
  BYLINE_TRY(resolve_people_and_terms(actor, post, edit));
  BYLINE_TRY(resolve_language(post, edit));
  BYLINE_TRY(change_status(actor, post, edit, intent, now));

  const bool generated = edit.slug.empty();
  std::string wanted =
      generated ? (is_new ? content::make_slug(edit.title) : post.slug) : edit.slug;
  if (wanted.empty()) wanted = "post";
  if (!content::is_valid_slug(wanted)) {
    return invalid("A slug may hold only lower-case letters, digits and dashes.");
  }
  // Judged on a new address only: a post keeps the slug it had.
  if (wanted != post.slug && content::mixes_lookalike_scripts(wanted)) {
    return invalid("The slug " + wanted +
                   " mixes alphabets whose letters look alike, so it could pass for "
                   "another address; type a slug in one alphabet.");
  }
  auto slug = free_slug(wanted, post.id, generated && is_new);
  BYLINE_TRY(slug);
  post.slug = std::move(*slug);

  auto prepared = content::prepare_post(std::move(post), now);
  BYLINE_TRY(prepared);
  return prepared;
}

Result<Post> Workflow::create(const Actor& actor, Edit edit, Intent intent, Time now) {
  if (!accounts::may(actor.user, Action::create_post)) return forbidden("You may not write posts.");
  auto post = apply(actor.user, Post{}, std::move(edit), intent, now, true);
  BYLINE_TRY(post);
  store::PostWrite write;
  write.post = *post;
  write.saved_by = actor.user.id;
  write.audit = audit_entry(actor, audited_action(intent, true), post->title, now);
  write.events = events_of(nullptr, *post);
  auto saved = store_->save_post(write);
  BYLINE_TRY(saved);
  post->id = saved->id;
  post->revision = saved->revision;
  post->tags = std::move(saved->tags);
  tell(nullptr, *post, write.events);
  return post;
}

Result<Post> Workflow::update(const Actor& actor, content::Id id, int base_revision, Edit edit,
                              Intent intent, Time now) {
  auto action = audited_action(intent, false);
  if (!action && actor.audits_every_save) action = "edited";
  return save_existing(actor, id, base_revision, std::move(edit), intent, now, std::move(action));
}

Result<Post> Workflow::save_existing(const Actor& actor, content::Id id, int base_revision,
                                     Edit edit, Intent intent, Time now,
                                     std::optional<std::string> action) {
  auto stored = store_->post_by_id(id);
  BYLINE_TRY(stored);
  if (!*stored) return make_error(ErrorCode::not_found, "That post does not exist.");
  // Judged on the post as stored: nobody makes a post theirs by editing
  // its byline.
  if (!accounts::may(actor.user, Action::edit_post, &**stored)) {
    return forbidden("You may not change this post.");
  }
  const Post before = **stored;
  Post post = std::move(**stored);
  const std::string old_slug = post.slug;
  const bool was_public = post.status == PostStatus::published;
  if (post.revision != base_revision) {
    return make_error(ErrorCode::conflict,
                      "Someone else saved this post after you opened it, so your save was not "
                      "made. Copy your changes, reload, and apply them again.");
  }
  auto changed = apply(actor.user, std::move(post), std::move(edit), intent, now, false);
  BYLINE_TRY(changed);
  changed->revision = base_revision;
  store::PostWrite write;
  write.post = *changed;
  write.saved_by = actor.user.id;
  write.audit = audit_entry(actor, action, changed->title, now);
  // Rule: a slug changed after publishing leaves a 301 behind, so links
  // and search results keep working.
  if (was_public && changed->slug != old_slug) write.redirects_from.push_back("/" + old_slug + "/");
  write.events = events_of(&before, *changed);
  auto saved = store_->save_post(write);
  BYLINE_TRY(saved);
  changed->revision = saved->revision;
  changed->tags = std::move(saved->tags);
  tell(&before, *changed, write.events);
  return changed;
}

Result<Post> Workflow::restore(const Actor& actor, content::Id id, int base_revision, int number,
                               Time now) {
  auto stored = store_->post_by_id(id);
  BYLINE_TRY(stored);
  if (!*stored) return make_error(ErrorCode::not_found, "That post does not exist.");
  auto revision = store_->revision(id, number);
  BYLINE_TRY(revision);
  if (!*revision) return make_error(ErrorCode::not_found, "That revision does not exist.");
  Edit edit = edit_of(**stored);
  edit.title = (*revision)->title;
  edit.body_html = (*revision)->body_html;
  edit.source_format = content::SourceFormat::html;
  edit.custom_excerpt = (*revision)->custom_excerpt;
  return save_existing(actor, id, base_revision, std::move(edit), Intent::save, now,
                       "restored revision " + std::to_string(number));
}

Result<void> Workflow::remove(const Actor& actor, content::Id id, Time now) {
  auto stored = store_->post_by_id(id);
  BYLINE_TRY(stored);
  if (!*stored) return make_error(ErrorCode::not_found, "That post does not exist.");
  if (!accounts::may(actor.user, Action::delete_post, &**stored)) {
    return forbidden("You may not delete this post.");
  }
  const auto entry = audit_entry(actor, "deleted", (*stored)->title, now);
  // Rule: only a post readers could have seen raises "deleted"; a draft's
  // text never leaves for another service.
  const bool was_out =
      (*stored)->status == PostStatus::published || (*stored)->status == PostStatus::unpublished;
  const std::string event =
      was_out ? content::event_name((*stored)->type, content::PostEvent::deleted) : "";
  auto deleted = store_->delete_post(id, *entry, event);
  BYLINE_TRY(deleted);
  if (!*deleted) return make_error(ErrorCode::not_found, "That post does not exist.");
  if (changes_) {
    // Whatever showed it shows it no more, as after an unpublish.
    Post gone = **stored;
    gone.status = PostStatus::unpublished;
    changes_->post_changed(&**stored, gone);
    if (!event.empty()) changes_->post_event(event, &**stored, nullptr);
  }
  return {};
}

Result<std::vector<content::Id>> Workflow::publish_due(Time now) {
  auto published = store_->publish_due_posts(now, "scheduler");
  BYLINE_TRY(published);
  for (const auto id : *published) {
    auto post = store_->post_by_id(id);
    if (post && *post) {
      Post before = **post;
      before.status = PostStatus::scheduled;
      // publish_due_posts queued this event with the publish.
      tell(&before, **post, {content::event_name((*post)->type, content::PostEvent::published)});
    }
  }
  return published;
}

}  // namespace byline::publishing
