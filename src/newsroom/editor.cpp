// The editor: writing a new post, saving, sending for review, publishing,
// scheduling and unpublishing, previews and revisions. Permissions are the
// workflow's; the page only hides buttons that would be refused anyway.
#include "newsroom/newsroom.hpp"

#include "accounts/permissions.hpp"
#include "accounts/sessions.hpp"
#include "common/comma_list.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "content/alt_text.hpp"
#include "content/diff.hpp"
#include "content/language.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "http/percent_encoding.hpp"
#include "newsroom/request_checks.hpp"
#include "publishing/workflow.hpp"
#include "render/view.hpp"
#include "store/store.hpp"

#include <charconv>

namespace byline::newsroom {

using accounts::Action;
using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

constexpr int kAuthorSlots = 3;

std::string edit_url(content::Id id) { return "/newsroom/posts/" + std::to_string(id) + "/"; }

std::string_view not_found_message() { return "That post does not exist."; }

std::string trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

// The slug in a post's address as a writer pastes it: "ruz-e-sakht",
// "/ruz-e-sakht/" or "https://news.example/ruz-e-sakht/" (percent-encoded
// or not). Anything else comes back as it is, for the workflow to refuse.
std::string slug_in_address(std::string_view address) {
  std::string_view path = address;
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (path.starts_with(scheme)) {
      path.remove_prefix(scheme.size());
      const auto slash = path.find('/');
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    }
  }
  path = path.substr(0, path.find_first_of("?#"));
  while (path.starts_with('/')) path.remove_prefix(1);
  while (path.ends_with('/')) path.remove_suffix(1);
  return http::percent_decode(path, false, false).value_or(std::string(path));
}

// The editor's form, as the workflow takes it.
publishing::Edit edit_from(const Form& form, const render::DateFormatter& dates) {
  publishing::Edit edit;
  edit.title = form.get("title");
  edit.slug = form.get("slug");
  edit.body_html = form.get("body");
  edit.custom_excerpt = form.get("excerpt");
  for (const auto& value : form.all("author")) {
    if (auto id = number_in(value); id && *id > 0) edit.author_ids.push_back(*id);
  }
  for (const auto& value : form.all("section")) {
    if (auto id = number_in(value); id && *id > 0) edit.section_ids.push_back(*id);
  }
  edit.tag_names = comma_list(form.get("tags"));
  edit.publish_at = dates.parse_local(form.get("publish_at"));
  edit.featured_image = form.get("featured_image");
  edit.featured_image_alt = form.get("featured_image_alt");
  edit.featured_image_caption = form.get("featured_image_caption");
  edit.seo_title = form.get("seo_title");
  edit.seo_description = form.get("seo_description");
  // Only editors see the box; for others the field is absent and left alone.
  if (form.has("featured_shown")) edit.featured = form.has("featured");
  if (form.has("locale")) edit.locale = trimmed(form.get("locale"));
  if (form.has("translation_of"))
    edit.translation_of = slug_in_address(trimmed(form.get("translation_of")));
  return edit;
}

// The images of a post that readers who cannot see them would miss: the
// featured image and those in the story without alt text, said as a
// sentence ("" when every image has alt text).
std::string missing_alt_text(std::string_view featured_image, std::string_view featured_alt,
                             std::string_view body_html) {
  std::vector<std::string> missing;
  if (!featured_image.empty() && content::is_blank_alt_text(featured_alt)) {
    missing.emplace_back("the featured image");
  }
  for (const auto& src : content::images_without_alt_text(body_html)) {
    // Named by its file, as the writer sees it on the Media page.
    const std::string_view name = std::string_view(src).substr(src.rfind('/') + 1);
    missing.push_back(name.empty() ? std::string("an image in the story")
                                   : "the image " + std::string(name) + " in the story");
  }
  if (missing.empty()) return "";
  std::string sentence = "No alt text for ";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) sentence += i + 1 == missing.size() ? " and " : ", ";
    sentence += missing[i];
  }
  return sentence + ". Readers who cannot see an image hear its alt text instead.";
}

// Rule: a story goes public (published or scheduled) from the newsroom
// only with alt text on its featured image, which its field is right there
// for; the images in the story, and any save that keeps a story where it
// is, are flagged in the editor instead: a breaking story is never held up
// by a picture pasted into it.
std::optional<Error> refused_for_alt_text(publishing::Intent intent, const publishing::Edit& edit) {
  if (intent != publishing::Intent::publish && intent != publishing::Intent::schedule) {
    return std::nullopt;
  }
  if (edit.featured_image.empty() || !content::is_blank_alt_text(edit.featured_image_alt)) {
    return std::nullopt;
  }
  return make_error(ErrorCode::invalid_input,
                    "The featured image has no alt text. Readers who cannot see an image hear "
                    "its alt text instead: add it, then publish.");
}

// The post with `id`, when `me` may open it. Rule: a post someone may not
// read is answered as if it did not exist, so not even its title leaks.
Result<content::Post> visible_post(store::Store& store, const content::User& me,
                                   std::optional<long long> id) {
  if (!id) return make_error(ErrorCode::not_found, std::string(not_found_message()));
  auto post = store.post_by_id(*id);
  BYLINE_TRY(post);
  if (!*post || !accounts::may(me, accounts::Action::view_post, &**post)) {
    return make_error(ErrorCode::not_found, std::string(not_found_message()));
  }
  return std::move(**post);
}

// The post named by the route's :id, when `me` may open it.
Result<content::Post> post_from(store::Store& store, const content::User& me,
                                const Params& params) {
  return visible_post(store, me, number_in(params.get("id")));
}

}  // namespace

Response Newsroom::editor_page(int status, const content::Post& post, const publishing::Edit* typed,
                               std::string_view error, std::string_view notice,
                               const SignedIn& me) const {
  const bool is_new = post.id == 0;
  View view;
  view.set("is_new", is_new);
  view.set("rich_editor", true);
  if (is_new) {
    view.set("autosave_url", std::string("/newsroom/posts/new/autosave/"));
  } else if (post.status == content::PostStatus::draft) {
    view.set("autosave_url", edit_url(post.id) + "autosave/");
  }
  view.set("action", is_new ? std::string("/newsroom/posts/new/") : edit_url(post.id));
  view.set("revision", std::to_string(post.revision));
  view.set("status", std::string(content::to_string(post.status)));
  render::set_if_present(view, "error", std::string(error));
  render::set_if_present(view, "notice", std::string(notice));
  const auto settings = settings_->current();  // one snapshot for the page
  view.set("time_zone", settings->time_zone);
  if (!is_new) {
    view.set("preview_url", edit_url(post.id) + "preview/");
    view.set("revisions_url", edit_url(post.id) + "revisions/");
    if (post.status == content::PostStatus::published && post.published_at &&
        *post.published_at <= now_utc()) {
      view.set("live_url", "/" + post.slug + "/");
    }
  }

  // What the writer typed wins over what is stored: a refused save loses nothing.
  std::vector<content::Id> author_ids;
  std::vector<content::Id> section_ids;
  std::string tags;
  if (typed) {
    view.set("title", typed->title);
    view.set("slug", typed->slug);
    view.set("body", typed->body_html);
    view.set("excerpt", typed->custom_excerpt);
    view.set("featured_image", typed->featured_image);
    view.set("featured_image_alt", typed->featured_image_alt);
    view.set("featured_image_caption", typed->featured_image_caption);
    view.set("seo_title", typed->seo_title);
    view.set("seo_description", typed->seo_description);
    view.set("featured", typed->featured.value_or(post.featured));
    view.set("locale", typed->locale.value_or(post.locale));
    // As typed (less the address around the slug).
    if (typed->translation_of && !typed->translation_of->empty()) {
      view.set("translation_of", "/" + *typed->translation_of + "/");
    }
    author_ids = typed->author_ids;
    section_ids = typed->section_ids;
    for (const auto& name : typed->tag_names) tags += (tags.empty() ? "" : ", ") + name;
    if (typed->publish_at) view.set("publish_at", dates().format_local(*typed->publish_at));
  } else {
    view.set("title", post.title);
    view.set("slug", post.slug);
    view.set("body", post.body_html);
    view.set("excerpt", post.custom_excerpt);
    view.set("featured_image", post.featured_image);
    view.set("featured_image_alt", post.featured_image_alt);
    view.set("featured_image_caption", post.featured_image_caption);
    view.set("seo_title", post.seo_title);
    view.set("seo_description", post.seo_description);
    view.set("featured", post.featured);
    view.set("locale", post.locale);
    if (post.translation_of > 0) {
      auto original = store_->post_by_id(post.translation_of);
      if (!original) return failure(original.error(), &me);
      if (*original) view.set("translation_of", "/" + (*original)->slug + "/");
    }
    for (const auto& author : post.authors) author_ids.push_back(author.id);
    for (const auto& section : post.sections) section_ids.push_back(section.id);
    for (const auto& tag : post.tags) tags += (tags.empty() ? "" : ", ") + tag.name;
    if (post.status == content::PostStatus::scheduled && post.published_at) {
      view.set("publish_at", dates().format_local(*post.published_at));
    }
  }
  // The story's own text is written in its language, right to left for
  // Persian or Arabic; editor.js follows the Language field as it changes.
  const std::string written = typed ? typed->locale.value_or(post.locale) : post.locale;
  const std::string language = written.empty() ? settings->locale : written;
  view.set("story_lang", language);
  view.set("story_dir", std::string(content::is_right_to_left(language) ? "rtl" : "ltr"));
  view.set("site_locale", settings->locale);
  if (is_new && author_ids.empty()) author_ids.push_back(me.user.id);
  view.set("tags", tags);
  // Flagged on every page of the editor, so it is seen before publishing;
  // a refusal says it already.
  if (error.empty()) {
    render::set_if_present(
        view, "alt_text_warning",
        typed ? missing_alt_text(typed->featured_image, typed->featured_image_alt, typed->body_html)
              : missing_alt_text(post.featured_image, post.featured_image_alt, post.body_html));
  }

  auto people = store_->users();
  if (!people) return failure(people.error(), &me);
  View slots = render::make_list();
  for (int slot = 0; slot < kAuthorSlots; ++slot) {
    View item;
    item.set("number", std::to_string(slot + 1));
    item.set("label", slot == 0 ? std::string("Author") : "Co-author " + std::to_string(slot));
    View options = render::make_list();
    for (const auto& person : *people) {
      View option;
      option.set("value", std::to_string(person.id));
      option.set("label", person.name);
      option.set("selected", slot < static_cast<int>(author_ids.size()) &&
                                 author_ids[static_cast<std::size_t>(slot)] == person.id);
      options.push_back(option);
    }
    item.set("options", options);
    slots.push_back(item);
  }
  view.set("author_slots", slots);

  auto sections = store_->sections();
  if (!sections) return failure(sections.error(), &me);
  View section_list = render::make_list();
  for (const auto& section : *sections) {
    View item;
    item.set("id", std::to_string(section.id));
    item.set("name", section.name);
    item.set("checked",
             std::find(section_ids.begin(), section_ids.end(), section.id) != section_ids.end());
    section_list.push_back(item);
  }
  view.set("sections", section_list);

  // Buttons for what the workflow would allow; it checks again on save.
  content::Post judged = post;
  if (is_new) {
    judged.authors = {me.user};
    judged.status = content::PostStatus::draft;
  }
  view.set("can_submit", judged.status == content::PostStatus::draft &&
                             accounts::may(me.user, Action::submit_for_review, &judged));
  view.set("can_publish", accounts::may(me.user, Action::publish_post, &judged));
  view.set("can_feature", accounts::may(me.user, Action::feature_post, &judged));
  view.set("can_unpublish", (judged.status == content::PostStatus::published ||
                             judged.status == content::PostStatus::scheduled) &&
                                accounts::may(me.user, Action::unpublish_post, &judged));
  return page(status, "editor", is_new ? "New post" : "Edit post", view, &me);
}

Response Newsroom::new_post_page(const Request&, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  return editor_page(200, content::Post{}, nullptr, "", "", me);
}

Response Newsroom::create_post(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;

  const auto intent =
      publishing::intent_from_string(form.get("intent")).value_or(publishing::Intent::save);
  const publishing::Edit typed = edit_from(form, dates());
  // Permission first: someone who may not publish hears that from the
  // workflow, not about the alt text.
  content::Post judged;
  judged.authors = {me.user};
  if (accounts::may(me.user, Action::publish_post, &judged)) {
    if (auto refused = refused_for_alt_text(intent, typed)) {
      return editor_page(http::status_for(refused->code), content::Post{}, &typed, refused->message,
                         "", me);
    }
  }
  auto created = workflow_->create(publishing::Actor(me.user, request.remote_address), typed,
                                   intent, now_utc());
  if (!created) {
    const Error& error = created.error();
    if (!error.detail.empty()) log_line("error: " + error.message + " (" + error.detail + ")");
    return editor_page(http::status_for(error.code), content::Post{}, &typed, error.message, "",
                       me);
  }
  log_line("newsroom: " + me.user.email + " created post " + std::to_string(created->id) + " (" +
           std::string(content::to_string(created->status)) + ")");
  return see_other(edit_url(created->id) + "?saved=1");
}

Response Newsroom::edit_post_page(const Request& request, const Params& params,
                                  const Caller& caller) const {
  const SignedIn& me = caller.me();
  auto post = post_from(*store_, me.user, params);
  if (!post) return failure(post.error(), &me);
  const bool saved = Form::parse(request.query).has("saved");
  return editor_page(200, *post, nullptr, "", saved ? "Saved." : "", me);
}

Response Newsroom::save_post(const Request& request, const Params& params,
                             const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;
  const auto id = number_in(params.get("id"));
  const auto base_revision = number_in(form.get("revision"));
  if (!id || !base_revision)
    return failure(make_error(ErrorCode::invalid_input, "That form is incomplete."), &me);

  const auto intent =
      publishing::intent_from_string(form.get("intent")).value_or(publishing::Intent::save);
  const publishing::Edit typed = edit_from(form, dates());
  auto saved = [&]() -> Result<content::Post> {
    // Permission first, as on create.
    if (auto refused = refused_for_alt_text(intent, typed)) {
      auto stored = visible_post(*store_, me.user, id);
      if (stored && accounts::may(me.user, Action::publish_post, &*stored)) {
        return std::move(*refused);
      }
    }
    return workflow_->update(publishing::Actor(me.user, request.remote_address), *id,
                             static_cast<int>(*base_revision), typed, intent, now_utc());
  }();
  if (!saved) {
    const Error& error = saved.error();
    auto stored = visible_post(*store_, me.user, id);
    if (!stored) return failure(error, &me);
    content::Post shown = std::move(*stored);
    // Keep the revision the writer started from: a conflict must be seen,
    // not silently skipped by the next click.
    shown.revision = static_cast<int>(*base_revision);
    return editor_page(http::status_for(error.code), shown, &typed, error.message, "", me);
  }
  log_line("newsroom: " + me.user.email + " saved post " + std::to_string(saved->id) + " (" +
           std::string(content::to_string(saved->status)) + ", revision " +
           std::to_string(saved->revision) + ")");
  return see_other(edit_url(saved->id) + "?saved=1");
}

// Autosave, for drafts only: the editor posts the form every half minute
// while it changes, and gets JSON back. A published post is never changed
// behind its editor's back.
Response Newsroom::autosave_post(const Request& request, const Params& params,
                                 const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;
  const publishing::Edit typed = edit_from(form, dates());
  const std::string& id_text = params.get("id");
  Result<content::Post> saved = make_error(ErrorCode::internal, "");
  if (id_text.empty()) {
    saved = workflow_->create(publishing::Actor(me.user, request.remote_address), typed,
                              publishing::Intent::save, now_utc());
  } else {
    const auto id = number_in(id_text);
    const auto base_revision = number_in(form.get("revision"));
    auto stored = visible_post(*store_, me.user, id);
    if (!stored) return json_error(stored.error());
    if (!base_revision)
      return json_error(make_error(ErrorCode::not_found, "That post does not exist."));
    if (stored->status != content::PostStatus::draft) {
      return json_error(
          make_error(ErrorCode::conflict, "Only drafts are saved automatically; use Save."));
    }
    saved = workflow_->update(publishing::Actor(me.user, request.remote_address), *id,
                              static_cast<int>(*base_revision), typed, publishing::Intent::save,
                              now_utc());
  }
  if (!saved) return json_error(saved.error());
  return json_response(200, "{\"id\":" + std::to_string(saved->id) +
                                ",\"revision\":" + std::to_string(saved->revision) +
                                ",\"edit_url\":" + json_quote(edit_url(saved->id)) +
                                ",\"saved_at\":" + json_quote(iso8601(saved->updated_at)) + "}\n");
}

Response Newsroom::preview_post(const Request&, const Params& params, const Caller& caller) const {
  const SignedIn& me = caller.me();
  auto post = post_from(*store_, me.user, params);
  if (!post) return failure(post.error(), &me);
  Response response = preview_(*post);
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Robots-Tag", "noindex");
  return response;
}

Response Newsroom::revisions_page(const Request&, const Params& params,
                                  const Caller& caller) const {
  const SignedIn& me = caller.me();
  auto post = post_from(*store_, me.user, params);
  if (!post) return failure(post.error(), &me);
  const content::Id id = post->id;
  auto revisions = store_->revisions(id);
  if (!revisions) return failure(revisions.error(), &me);

  View view;
  view.set("title", post->title);
  view.set("edit_url", edit_url(id));
  const Time now = now_utc();
  View rows = render::make_list();
  for (const auto& revision : *revisions) {
    View row;
    row.set("number", std::to_string(revision.number));
    row.set("title", revision.title);
    row.set("status", std::string(content::to_string(revision.status)));
    render::set_if_present(row, "saved_by", revision.saved_by_name);
    row.set("saved_iso", iso8601(revision.saved_at));
    row.set("saved_ago", dates().relative(revision.saved_at, now));
    row.set("current", revision.number == post->revision);
    row.set("restore_url",
            edit_url(id) + "revisions/" + std::to_string(revision.number) + "/restore/");
    row.set("compare_url", edit_url(id) + "revisions/" + std::to_string(revision.number) + "/");
    row.set("base_revision", std::to_string(post->revision));
    row.set("csrf_token", me.session.csrf_token);
    rows.push_back(row);
  }
  view.set("revisions", rows);
  return page(200, "revisions", "Revisions", view, &me);
}

Response Newsroom::compare_revision(const Request&, const Params& params,
                                    const Caller& caller) const {
  const SignedIn& me = caller.me();
  auto post = post_from(*store_, me.user, params);
  if (!post) return failure(post.error(), &me);
  const auto number = number_in(params.get("number"));
  auto revision = number ? store_->revision(post->id, static_cast<int>(*number))
                         : Result<std::optional<content::Revision>>(std::nullopt);
  if (!revision) return failure(revision.error(), &me);
  if (!*revision)
    return failure(make_error(ErrorCode::not_found, "That revision does not exist."), &me);
  View view;
  view.set("number", std::to_string(*number));
  view.set("revisions_url", edit_url(post->id) + "revisions/");
  view.set("old_title", (*revision)->title);
  view.set("new_title", post->title);
  view.set("title_changed", (*revision)->title != post->title);
  View lines = render::make_list();
  for (const auto& line : content::diff_blocks(content::block_texts((*revision)->body_html),
                                               content::block_texts(post->body_html))) {
    View item;
    item.set("text", line.text);
    item.set("kind", std::string(line.kind == content::DiffLine::Kind::same      ? "same"
                                 : line.kind == content::DiffLine::Kind::removed ? "removed"
                                                                                 : "added"));
    item.set("removed", line.kind == content::DiffLine::Kind::removed);
    item.set("added", line.kind == content::DiffLine::Kind::added);
    lines.push_back(item);
  }
  view.set("lines", lines);
  return page(200, "compare", "Compare revisions", view, &me);
}

Response Newsroom::restore_revision(const Request& request, const Params& params,
                                    const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;
  const auto id = number_in(params.get("id"));
  const auto number = number_in(params.get("number"));
  const auto base_revision = number_in(form.get("revision"));
  if (!id || !number || !base_revision) {
    return failure(make_error(ErrorCode::invalid_input, "That form is incomplete."), &me);
  }
  auto restored =
      workflow_->restore(publishing::Actor(me.user, request.remote_address), *id,
                         static_cast<int>(*base_revision), static_cast<int>(*number), now_utc());
  if (!restored) return failure(restored.error(), &me);
  log_line("newsroom: " + me.user.email + " restored revision " + std::to_string(*number) +
           " of post " + std::to_string(*id));
  return see_other(edit_url(*id) + "?saved=1");
}

}  // namespace byline::newsroom
