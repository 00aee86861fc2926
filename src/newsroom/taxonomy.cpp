// Sections and tags, for editors: add them, rename them, describe them,
// and place sections in an edition.
#include "newsroom/newsroom.hpp"

#include "accounts/permissions.hpp"
#include "accounts/sessions.hpp"
#include "common/log.hpp"
#include "content/language.hpp"
#include "content/sections.hpp"
#include "content/slug.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "newsroom/request_checks.hpp"
#include "publishing/changes.hpp"
#include "render/view.hpp"
#include "site/view_models.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <type_traits>

namespace byline::newsroom {

using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

constexpr std::size_t kMaxTermName = 100;
constexpr std::size_t kMaxTermDescription = 500;

// The choice of a parent for section `id` (0: a new one): none, or any
// section that keeps the tree a tree.
View parent_options(const std::vector<content::Section>& sections, content::Id id,
                    content::Id current) {
  View options = render::make_list();
  View none;
  none.set("id", "0");
  none.set("name", "— none —");
  none.set("selected", current == 0);
  options.push_back(none);
  for (const auto& section : sections) {
    if (!content::may_be_parent(sections, id, section.id)) continue;
    View option;
    option.set("id", std::to_string(section.id));
    option.set("name", section.name);
    option.set("selected", section.id == current);
    options.push_back(option);
  }
  return options;
}

// The choice of an edition for a section in `current` ("": the site's
// own), when the site has editions. A section keeps the language of an
// edition since removed until an editor moves it.
View edition_options(const site::SiteSettings& settings, const std::string& current) {
  View options = render::make_list();
  auto add = [&options, &current](const std::string& language, const std::string& name) {
    View option;
    option.set("language", language);
    option.set("name", name);
    option.set("selected", language == current);
    options.push_back(option);
  };
  add("", content::language_name(settings.locale) + " (the site's own)");
  bool listed = current.empty();
  for (const auto& edition : settings.editions) {
    add(edition.language, edition.title + " (" + content::language_name(edition.language) + ")");
    listed = listed || edition.language == current;
  }
  if (!listed) add(current, content::language_name(current) + " (no longer an edition)");
  return options;
}

template <typename Term>
View term_rows(const std::vector<Term>& terms, std::string_view kind,
               const site::SiteSettings& settings, const std::string& csrf_token) {
  View rows = render::make_list();
  for (const auto& term : terms) {
    View row;
    if constexpr (std::is_same_v<Term, content::Section>) {
      row.set("parents", parent_options(terms, term.id, term.parent_id));
      row.set("has_parent_choice", true);
      row.set("editions", edition_options(settings, term.language));
      row.set("has_edition_choice", !settings.editions.empty() || !term.language.empty());
      row.set("url", site::section_url(term));
    } else {
      row.set("url", site::tag_url(term));
    }
    row.set("id", std::to_string(term.id));
    row.set("kind", std::string(kind));
    row.set("name", term.name);
    row.set("description", term.description);
    row.set("update_url",
            "/newsroom/sections/" + std::string(kind) + "/" + std::to_string(term.id) + "/");
    row.set("csrf_token", csrf_token);
    rows.push_back(row);
  }
  return rows;
}

std::string trimmed(std::string_view text, std::size_t limit) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, std::min(last - first + 1, limit)));
}

}  // namespace

Result<content::Id> Newsroom::chosen_parent(const http::Form& form, content::Id id) const {
  const content::Id parent = number_in(form.get("parent")).value_or(0);
  if (parent == 0) return content::Id{0};
  auto sections = store_->sections();
  BYLINE_TRY(sections);
  if (!content::may_be_parent(*sections, id, parent)) {
    return make_error(ErrorCode::invalid_input,
                      "A section cannot be part of itself or of a section inside it.");
  }
  return parent;
}

Result<std::string> Newsroom::chosen_edition(const http::Form& form,
                                             const std::string& current) const {
  if (!form.has("edition")) return current;  // a form without the choice
  const std::string& language = form.get("edition");
  if (language.empty() || language == current) return language;
  const auto settings = settings_->current();
  for (const auto& edition : settings->editions) {
    if (edition.language == language) return language;
  }
  return make_error(ErrorCode::invalid_input, "The site has no edition " + language + ".");
}

Response Newsroom::render_taxonomy(int status, const SignedIn& me, std::string_view error,
                                   std::string_view notice) const {
  auto sections = store_->sections();
  if (!sections) return failure(sections.error(), &me);
  auto tags = store_->tags();
  if (!tags) return failure(tags.error(), &me);
  View view;
  view.set("on_taxonomy", true);
  render::set_if_present(view, "error", std::string(error));
  render::set_if_present(view, "notice", std::string(notice));
  View groups = render::make_list();
  const auto settings = settings_->current();
  View section_group;
  section_group.set("heading", "Sections");
  section_group.set("kind", "section");
  section_group.set("terms", term_rows(*sections, "section", *settings, me.session.csrf_token));
  section_group.set("parents", parent_options(*sections, 0, 0));
  section_group.set("has_parent_choice", true);
  section_group.set("editions", edition_options(*settings, ""));
  section_group.set("has_edition_choice", !settings->editions.empty());
  groups.push_back(section_group);
  View tag_group;
  tag_group.set("heading", "Tags");
  tag_group.set("kind", "tag");
  tag_group.set("terms", term_rows(*tags, "tag", *settings, me.session.csrf_token));
  groups.push_back(tag_group);
  view.set("groups", groups);
  return page(status, "taxonomy", "Sections & tags", view, &me);
}

Response Newsroom::taxonomy_page(const Request&, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  return render_taxonomy(200, me, "", "");
}

Response Newsroom::add_term(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;

  const std::string name = trimmed(form.get("name"), kMaxTermName);
  const std::string description = trimmed(form.get("description"), kMaxTermDescription);
  const std::string slug = content::make_slug(name);
  if (slug.empty()) return render_taxonomy(400, me, "A name needs letters or digits.", "");
  if (content::mixes_lookalike_scripts(slug)) {
    return render_taxonomy(
        400, me, "That name mixes alphabets whose letters look alike; write it in one alphabet.",
        "");
  }
  const std::string& kind = form.get("kind");
  Result<content::Id> added = make_error(ErrorCode::invalid_input, "Choose a section or a tag.");
  if (kind == "section") {
    content::Section section;
    section.slug = slug;
    section.name = name;
    section.description = description;
    auto parent = chosen_parent(form, 0);
    if (!parent) return render_taxonomy(400, me, parent.error().message, "");
    section.parent_id = *parent;
    auto edition = chosen_edition(form, "");
    if (!edition) return render_taxonomy(400, me, edition.error().message, "");
    section.language = *edition;
    added = store_->create_section(section);
  } else if (kind == "tag") {
    content::Tag tag;
    tag.slug = slug;
    tag.name = name;
    tag.description = description;
    added = store_->create_tag(tag);
  }
  if (!added) {
    const bool taken = added.error().code == ErrorCode::conflict;
    if (!taken && added.error().code != ErrorCode::invalid_input)
      return failure(added.error(), &me);
    return render_taxonomy(
        taken ? 409 : 400, me,
        taken ? "A " + kind + " with the address " + slug + " exists." : added.error().message, "");
  }
  changes_->site_changed();
  audit(request, &me.user, "", "added a " + kind, name);
  return render_taxonomy(200, me, "", "Added the " + kind + " " + name + ".");
}

Response Newsroom::update_term(const Request& request, const Params& params,
                               const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;

  const long long id = number_in(params.get("id")).value_or(0);
  const std::string name = trimmed(form.get("name"), kMaxTermName);
  if (name.empty()) return render_taxonomy(400, me, "A name is needed.", "");
  const std::string description = trimmed(form.get("description"), kMaxTermDescription);
  const std::string& kind = params.get("kind");
  Result<void> updated = make_error(ErrorCode::not_found, "No such section or tag.");
  if (kind == "section") {
    auto parent = chosen_parent(form, id);
    if (!parent) return render_taxonomy(400, me, parent.error().message, "");
    auto sections = store_->sections();
    if (!sections) return failure(sections.error(), &me);
    const auto section = std::find_if(sections->begin(), sections->end(),
                                      [id](const content::Section& s) { return s.id == id; });
    if (section == sections->end())
      return failure(make_error(ErrorCode::not_found, "No such section."), &me);
    auto edition = chosen_edition(form, section->language);
    if (!edition) return render_taxonomy(400, me, edition.error().message, "");
    updated =
        store_->update_section(content::Section{id, "", name, description, *parent, *edition});
  } else if (kind == "tag") {
    updated = store_->update_tag(content::Tag{id, "", name, description});
  }
  if (!updated) return failure(updated.error(), &me);
  changes_->site_changed();  // every page's navigation, cards and feeds name them
  audit(request, &me.user, "", "renamed a " + kind, name);
  return render_taxonomy(200, me, "", "Saved " + name + ".");
}

}  // namespace byline::newsroom
