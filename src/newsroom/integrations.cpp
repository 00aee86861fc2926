// The integrations page: admins make keys for the Ghost Content and Admin
// APIs, see which exist, and revoke them. A new key is shown once, on the
// answer to the form that made it; the list shows only its first
// characters.
#include "newsroom/newsroom.hpp"

#include "accounts/api_keys.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"
#include "newsroom/request_checks.hpp"
#include "render/view.hpp"
#include "site/settings.hpp"
#include "store/store.hpp"

namespace byline::newsroom {

using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

// What a client of each API is configured with, beside the key.
std::string_view api_of(store::ApiKeyKind kind) {
  return kind == store::ApiKeyKind::admin ? "Ghost Admin API" : "Ghost Content API";
}

}  // namespace

Response Newsroom::render_integrations(int status, const SignedIn& me, std::string_view error,
                                       std::string_view notice,
                                       const accounts::NewApiKey* made) const {
  auto keys = store_->api_keys();
  if (!keys) return failure(keys.error(), &me);
  auto people = store_->users();
  if (!people) return failure(people.error(), &me);
  View view;
  view.set("on_integrations", true);
  render::set_if_present(view, "error", std::string(error));
  render::set_if_present(view, "notice", std::string(notice));
  view.set("site_url", settings_->current()->url);
  if (made) {
    View shown;
    shown.set("name", made->record.name);
    shown.set("api", std::string(api_of(made->record.kind)));
    shown.set("key", made->key);
    view.set("made", shown);
  }
  View active = render::make_list();
  View revoked = render::make_list();
  for (const store::ApiKey& key : *keys) {
    View row;
    row.set("id", std::to_string(key.id));
    row.set("name", key.name);
    row.set("api", std::string(api_of(key.kind)));
    row.set("hint", key.hint);
    row.set("created", dates().date(key.created_at));
    std::string by = "the command line";
    for (const content::User& person : *people) {
      if (person.id == key.created_by) by = person.name;
    }
    row.set("created_by", by);
    row.set("revoke_url", "/newsroom/integrations/" + std::to_string(key.id) + "/revoke/");
    if (key.revoked_at) {
      row.set("revoked", dates().date(*key.revoked_at));
      revoked.push_back(row);
    } else {
      active.push_back(row);
    }
  }
  view.set("active", active);
  view.set("revoked_keys", revoked);
  return page(status, "integrations", "Integrations", view, &me);
}

Response Newsroom::integrations_page(const Request&, const Params&, const Caller& caller) const {
  return render_integrations(200, caller.me(), "", "", nullptr);
}

Response Newsroom::add_integration(const Request& request, const Params&,
                                   const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;
  const std::string kind_name = form.get("kind");
  if (kind_name != "content" && kind_name != "admin") {
    return render_integrations(400, me, "Choose which API the key is for.", "", nullptr);
  }
  const auto kind = kind_name == "admin" ? store::ApiKeyKind::admin : store::ApiKeyKind::content;
  auto made = accounts::add_api_key(*store_, kind, form.get("name"), me.user.id, now_utc());
  if (!made) {
    if (made.error().code != ErrorCode::invalid_input) return failure(made.error(), &me);
    return render_integrations(400, me, made.error().message, "", nullptr);
  }
  const std::string subject = accounts::describe(made->record);
  log_line("newsroom: " + me.user.email + " added " + subject);
  audit(request, &me.user, "", "added an API key", subject);
  return render_integrations(201, me, "", "", &*made);
}

Response Newsroom::revoke_integration(const Request& request, const Params& params,
                                      const Caller& caller) const {
  const SignedIn& me = caller.me();
  const auto id = number_in(params.get("id"));
  if (!id) return render_integrations(404, me, "There is no such key.", "", nullptr);
  auto revoked = accounts::revoke_api_key(*store_, *id, now_utc());
  if (!revoked) {
    const ErrorCode code = revoked.error().code;
    if (code != ErrorCode::not_found && code != ErrorCode::conflict) {
      return failure(revoked.error(), &me);
    }
    return render_integrations(http::status_for(code), me, revoked.error().message, "", nullptr);
  }
  const std::string subject = accounts::describe(*revoked);
  log_line("newsroom: " + me.user.email + " revoked " + subject);
  audit(request, &me.user, "", "revoked an API key", subject);
  return render_integrations(
      200, me, "", "Revoked \u201C" + revoked->name + "\u201D: it opens nothing from now on.",
      nullptr);
}

}  // namespace byline::newsroom
