// The settings page: admins change the site's title, address, language,
// time zone, logo, navigation, social accounts and editions; the change
// applies to the next request.
#include "newsroom/newsroom.hpp"

#include "accounts/permissions.hpp"
#include "accounts/sessions.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "newsroom/request_checks.hpp"
#include "publishing/changes.hpp"
#include "render/view.hpp"
#include "store/store.hpp"

namespace byline::newsroom {

using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

View settings_view(const site::SiteSettings& settings) {
  View view;
  view.set("on_settings", true);
  view.set("title", settings.title);
  view.set("description", settings.description);
  view.set("url", settings.url);
  view.set("locale", settings.locale);
  view.set("time_zone", settings.time_zone);
  view.set("logo", settings.logo);
  view.set("excerpt", settings.excerpt_rule.to_string());
  view.set("navigation", site::format_links(settings.navigation_links));
  view.set("social", site::format_links(settings.social_accounts));
  view.set("editions", site::format_editions(settings.editions));
  return view;
}

}  // namespace

Response Newsroom::settings_page(const Request&, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  View view = settings_view(*settings_->current());
  return page(200, "settings", "Settings", view, &me);
}

Response Newsroom::save_settings(const Request& request, const Params&,
                                 const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;

  site::SiteSettings changed = *settings_->current();
  changed.title = form.get("title");
  changed.description = form.get("description");
  changed.url = form.get("url");
  while (changed.url.ends_with('/')) changed.url.pop_back();
  changed.locale = form.get("locale");
  changed.time_zone = form.get("time_zone");
  changed.logo = form.get("logo");
  changed.navigation_links = site::parse_links(form.get("navigation"));
  changed.social_accounts = site::parse_links(form.get("social"));
  changed.editions = site::parse_editions(form.get("editions"));
  const auto rule = content::ExcerptRule::parse(form.get("excerpt"));

  Result<void> saved =
      make_error(ErrorCode::invalid_input,
                 "Excerpt length must look like \"100 characters\" or \"15 words\".");
  if (rule) {
    changed.excerpt_rule = *rule;
    saved = site::save_settings(*store_, changed);
  }
  if (!saved) {
    if (saved.error().code != ErrorCode::invalid_input) return failure(saved.error(), &me);
    View view = settings_view(changed);
    view.set("excerpt", form.get("excerpt"));
    view.set("error", saved.error().message);
    return page(400, "settings", "Settings", view, &me);
  }
  settings_->replace(changed);
  changes_->site_changed();
  log_line("newsroom: " + me.user.email + " changed the site's settings");
  audit(request, &me.user, "", "changed the settings", "");
  View view = settings_view(changed);
  view.set("notice", "Settings saved. Readers see them from their next page.");
  return page(200, "settings", "Settings", view, &me);
}

}  // namespace byline::newsroom
