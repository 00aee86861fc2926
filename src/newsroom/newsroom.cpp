// Newsroom handlers: each checks who is asking (and their CSRF token for a
// change), calls the accounts service or the Store, and renders a page.
#include "newsroom/newsroom.hpp"

#include "accounts/accounts.hpp"
#include "accounts/permissions.hpp"
#include "accounts/secrets.hpp"
#include "accounts/sessions.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "http/route_group.hpp"
#include "media/media_library.hpp"
#include "newsroom/request_checks.hpp"
#include "render/view.hpp"
#include "site/assets.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <charconv>

namespace byline::newsroom {

using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

std::vector<EmbeddedFile> newsroom_files() {
  std::vector<EmbeddedFile> files(newsroom_ui_files().begin(), newsroom_ui_files().end());
  files.insert(files.end(), editor_bundle_files().begin(), editor_bundle_files().end());
  return files;
}

constexpr std::string_view kSetupDigestKey = "setup_token_digest";
constexpr std::string_view kSetupExpiryKey = "setup_token_expires";
constexpr std::chrono::hours kSetupLinkLifetime{24};

// Whether `c` may stand in a path and query as sent (RFC 3986: unreserved,
// sub-delims, ':', '@', '/', '?' and '%' of an escape).
bool is_address_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=:@/?%").find(c) != std::string_view::npos;
}

// Rule: after signing in, go only to a newsroom page of this site, never to
// another site, and never with anything that could end the Location header.
std::string safe_next(std::string_view next) {
  const bool same_site = next.starts_with("/newsroom/") &&
                         next.find("//") == std::string_view::npos &&
                         std::all_of(next.begin(), next.end(), is_address_char);
  return same_site ? std::string(next) : "/newsroom/";
}

std::string client_address(const Request& request) { return request.remote_address; }

}  // namespace

Newsroom::Newsroom(std::shared_ptr<store::Store> store,
                   std::shared_ptr<accounts::Sessions> sessions,
                   std::shared_ptr<publishing::Workflow> workflow,
                   std::shared_ptr<media::MediaLibrary> media,
                   std::shared_ptr<site::SettingsSource> settings, PreviewRenderer preview,
                   std::shared_ptr<const publishing::Changes> changes)
    : store_(std::move(store)),
      sessions_(std::move(sessions)),
      workflow_(std::move(workflow)),
      media_(std::move(media)),
      settings_(std::move(settings)),
      changes_(std::move(changes)),
      preview_(std::move(preview)),
      theme_(std::make_shared<const render::Theme>(newsroom_files(), "/newsroom/assets/")) {}

render::DateFormatter Newsroom::dates() const {
  const auto settings = settings_->current();
  return render::DateFormatter(settings->locale, settings->time_zone);
}

// Rule: on an https site, cookies are only ever sent over https.
bool Newsroom::secure_cookies() const { return settings_->current()->url.starts_with("https://"); }

Newsroom::~Newsroom() = default;

void Newsroom::add_routes(http::Router& router) const {
  // Staff pages are same-origin only: no CORS. Uploads may be larger than
  // the server's limit for everything else.
  http::RouteGroup<Access, Caller> routes(
      router, {.prefixes = {"/newsroom/"}},
      [this](const Request& request, const Access& access) { return admit(request, access); });
  auto bind = [this](auto method) {
    return [this, method](const Request& request, const Params& params, const Caller& caller) {
      return (this->*method)(request, params, caller);
    };
  };
  using accounts::Action;
  routes.add("GET", "", kStaff, bind(&Newsroom::posts),
             {.reads_query = {"status", "author", "section", "q", "page"}});
  routes.add("GET", "sign-in/", kAnyone, bind(&Newsroom::sign_in_page), {.reads_query = {"next"}});
  routes.add("POST", "sign-in/", kAnyone, bind(&Newsroom::sign_in));
  routes.add("POST", "sign-out/", kStaff, bind(&Newsroom::sign_out));
  routes.add("GET", "password/", kStaff, bind(&Newsroom::password_page));
  routes.add("POST", "password/", kStaff, bind(&Newsroom::change_password));
  routes.add("GET", "setup/:token/", kAnyone, bind(&Newsroom::setup_page));
  routes.add("POST", "setup/:token/", kAnyone, bind(&Newsroom::setup));
  routes.add("GET", "assets/*path", kAnyone, bind(&Newsroom::asset));
  routes.add("GET", "staff/", staff_who_may(Action::manage_users), bind(&Newsroom::staff_page));
  routes.add("POST", "staff/", staff_who_may(Action::manage_users), bind(&Newsroom::add_person));
  routes.add("POST", "staff/:id/role/", staff_who_may(Action::manage_users),
             bind(&Newsroom::change_role));
  routes.add("GET", "integrations/", staff_who_may(Action::manage_api_keys),
             bind(&Newsroom::integrations_page));
  routes.add("POST", "integrations/", staff_who_may(Action::manage_api_keys),
             bind(&Newsroom::add_integration));
  routes.add("POST", "integrations/:id/revoke/", staff_who_may(Action::manage_api_keys),
             bind(&Newsroom::revoke_integration));
  routes.add("GET", "webhooks/", staff_who_may(Action::manage_api_keys),
             bind(&Newsroom::webhooks_page));
  routes.add("POST", "webhooks/", staff_who_may(Action::manage_api_keys),
             bind(&Newsroom::add_webhook));
  routes.add("POST", "webhooks/:id/delete/", staff_who_may(Action::manage_api_keys),
             bind(&Newsroom::delete_webhook));
  routes.add("GET", "audit/", staff_who_may(Action::view_audit_log), bind(&Newsroom::audit_page),
             {.reads_query = {"page"}});
  routes.add("GET", "sections/", staff_who_may(Action::manage_taxonomy),
             bind(&Newsroom::taxonomy_page));
  routes.add("POST", "sections/", staff_who_may(Action::manage_taxonomy),
             bind(&Newsroom::add_term));
  routes.add("POST", "sections/:kind/:id/", staff_who_may(Action::manage_taxonomy),
             bind(&Newsroom::update_term));
  routes.add("GET", "settings/", staff_who_may(Action::manage_settings),
             bind(&Newsroom::settings_page));
  routes.add("POST", "settings/", staff_who_may(Action::manage_settings),
             bind(&Newsroom::save_settings));
  routes.add("GET", "media/", kStaff, bind(&Newsroom::media_page), {.reads_query = {"format"}});
  routes.add("POST", "media/", kStaffScripts, bind(&Newsroom::upload_media),
             {.body_limit = media::kMaxUploadBytes + 1024});
  routes.add("GET", "posts/new/", kStaff, bind(&Newsroom::new_post_page));
  routes.add("POST", "posts/new/", kStaff, bind(&Newsroom::create_post));
  routes.add("GET", "posts/:id/", kStaff, bind(&Newsroom::edit_post_page),
             {.reads_query = {"saved"}});
  routes.add("POST", "posts/:id/", kStaff, bind(&Newsroom::save_post));
  routes.add("POST", "posts/new/autosave/", kStaffScripts, bind(&Newsroom::autosave_post));
  routes.add("POST", "posts/:id/autosave/", kStaffScripts, bind(&Newsroom::autosave_post));
  routes.add("GET", "posts/:id/preview/", kStaff, bind(&Newsroom::preview_post));
  routes.add("GET", "posts/:id/revisions/", kStaff, bind(&Newsroom::revisions_page));
  routes.add("GET", "posts/:id/revisions/:number/", kStaff, bind(&Newsroom::compare_revision));
  routes.add("POST", "posts/:id/revisions/:number/restore/", kStaff,
             bind(&Newsroom::restore_revision));
}

// --- Who is asking -------------------------------------------------------

Result<std::optional<accounts::SignedIn>> Newsroom::signed_in(const Request& request) const {
  return sessions_->authenticate(http::cookie(request, kSessionCookie), now_utc());
}

void Newsroom::audit(const Request& request, const content::User* actor,
                     std::string_view actor_name, std::string_view action,
                     std::string_view subject) const {
  store::AuditEntry entry;
  entry.at = now_utc();
  entry.actor_id = actor ? actor->id : 0;
  entry.actor = std::string(actor ? std::string_view(actor->email) : actor_name.substr(0, 200));
  entry.action = std::string(action);
  entry.subject = std::string(subject.substr(0, 300));
  entry.address = client_address(request);
  if (auto recorded = store_->record_audit(entry); !recorded) {
    log_line("error: the audit log could not be written: " + recorded.error().detail);
  }
}

std::string Newsroom::session_cookie(const SignedIn& signed_in) const {
  http::CookieOptions options;
  options.max_age_seconds = static_cast<long>(sessions_->lifetime().count());
  options.secure = secure_cookies();
  return http::set_cookie(kSessionCookie, signed_in.token, options);
}

namespace {

// Why staff without the power to do `action` are turned away.
std::string_view refusal_for(accounts::Action action) {
  using accounts::Action;
  switch (action) {
    case Action::manage_taxonomy:
      return "Only editors can manage sections and tags.";
    case Action::manage_users:
      return "Only admins can manage people.";
    case Action::manage_settings:
      return "Only admins can change the site's settings.";
    case Action::manage_api_keys:
      return "Only admins can manage integrations.";
    case Action::view_audit_log:
      return "Only admins can read the audit log.";
    default:
      return "Your role does not allow this.";
  }
}

}  // namespace

std::variant<Caller, Response> Newsroom::admit(const Request& request, const Access& access) const {
  if (access.who == Access::Who::anyone) return Caller{};
  const bool json = access.answer == Access::Answer::json;
  auto me = signed_in(request);
  if (!me) return json ? json_error(me.error()) : failure(me.error(), nullptr);
  if (!*me) {
    if (json) return json_error(make_error(ErrorCode::unauthorized, "Sign in again to go on."));
    return to_sign_in(request);
  }
  Caller caller;
  // A change carries the session's CSRF token: in a header from the
  // editor's scripts (an upload's body is the file), or in the form.
  // Before a large body is read, a form's token is still in it: only the
  // session and the role are judged then.
  const bool token_unread =
      request.body_pending && is_form(request) && request.header("x-csrf-token").empty();
  if (request.method != "GET" && request.method != "HEAD" && !token_unread) {
    const std::string_view header_token = request.header("x-csrf-token");
    if (is_form(request)) {
      caller.form = Form::parse(request.body);
    } else if (header_token.empty()) {
      if (json) return json_error(make_error(ErrorCode::invalid_input, "Expected a form."));
      return Response::text(415, "Expected a form.\n");
    }
    const bool token_matches = header_token.empty()
                                   ? session_token_matches(caller.form, **me)
                                   : accounts::same_secret(header_token, (*me)->session.csrf_token);
    if (!token_matches) {
      if (json)
        return json_error(make_error(ErrorCode::forbidden, "This page has expired; reload it."));
      return expired_form(&**me);
    }
  }
  if (access.action && !accounts::may((*me)->user, *access.action)) {
    const Error refused =
        make_error(ErrorCode::forbidden, std::string(refusal_for(*access.action)));
    return json ? json_error(refused) : failure(refused, &**me);
  }
  caller.signed_in = std::move(*me);
  return caller;
}

Response Newsroom::to_sign_in(const Request& request) const {
  return see_other("/newsroom/sign-in/?next=" + http::url_encode(request.target));
}

// --- Rendering -----------------------------------------------------------

Response Newsroom::page(int status, std::string_view name, std::string_view title, View& view,
                        const SignedIn* me) const {
  view.set("site_title", settings_->current()->title);
  view.set("page_title", std::string(title));
  view.set("main_class", std::string("page-") + std::string(name));
  if (me) {
    View person;
    person.set("name", me->user.name);
    person.set("role", std::string(content::to_string(me->user.role)));
    person.set("csrf_token", me->session.csrf_token);
    person.set("is_admin", me->user.role == content::Role::admin);
    person.set("is_editor", accounts::may(me->user, accounts::Action::manage_taxonomy));
    view.set("me", person);
    if (view.get("csrf_token") == nullptr) view.set("csrf_token", me->session.csrf_token);
  }
  auto rendered = theme_->render_page({name}, view);
  Response response = rendered ? Response::html(status, std::move(*rendered))
                               : Response::text(500, "The newsroom could not show this page.\n");
  if (!rendered) log_line("error: " + rendered.error().detail);
  // Staff pages are private and change all the time.
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Robots-Tag", "noindex");
  return response;
}

Response Newsroom::failure(const Error& error, const SignedIn* me) const {
  if (!error.detail.empty()) log_line("error: " + error.message + " (" + error.detail + ")");
  View view;
  view.set("heading", "Something went wrong");
  view.set("message", error.message);
  Response response = page(http::status_for(error.code), "error", "Error", view, me);
  if (error.retry_after_seconds > 0) {
    response.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return response;
}

Response Newsroom::expired_form(const SignedIn* me) const {
  View view;
  view.set("heading", "This form has expired");
  view.set("message", "Nothing was changed. Go back, reload the page and try again.");
  return page(403, "error", "Form expired", view, me);
}

// Pages for people not signed in (sign-in, setup) protect their form with a
// random token kept in a cookie and repeated in the form.
Response Newsroom::form_page(int status, std::string_view name, std::string_view title,
                             View& view) const {
  const std::string token = accounts::random_token();
  view.set("csrf_token", token);
  Response response = page(status, name, title, view, nullptr);
  http::CookieOptions options;
  options.path = "/newsroom/";
  options.same_site = "Strict";
  options.secure = secure_cookies();
  response.set_header("Set-Cookie", http::set_cookie(kFormCookie, token, options));
  return response;
}

namespace {

bool form_token_matches(const Request& request, const Form& form) {
  const std::string_view expected = http::cookie(request, kFormCookie);
  return !expected.empty() && accounts::same_secret(form.get("_csrf"), expected);
}

}  // namespace

// --- Signing in and out --------------------------------------------------

Response Newsroom::sign_in_page(const Request& request, const Params&, const Caller&) const {
  auto me = signed_in(request);
  if (!me) return failure(me.error(), nullptr);
  if (*me) return see_other("/newsroom/");
  View view;
  view.set("next", safe_next(Form::parse(request.query).get("next")));
  return form_page(200, "sign-in", "Sign in", view);
}

Response Newsroom::sign_in(const Request& request, const Params&, const Caller&) const {
  if (!is_form(request)) return Response::text(415, "Expected a form.\n");
  const Form form = Form::parse(request.body);
  if (!form_token_matches(request, form)) return expired_form(nullptr);

  const std::string next = safe_next(form.get("next"));
  auto signed_in =
      sessions_->sign_in(form.get("email"), form.get("password"), client_address(request),
                         request.header("user-agent"), now_utc());
  if (!signed_in) {
    const Error& error = signed_in.error();
    // A refusal, a throttle or a full hashing gate: the form again, with
    // what was typed and, where it helps, when to try again.
    if (error.code != ErrorCode::unauthorized && error.code != ErrorCode::rate_limited &&
        error.code != ErrorCode::unavailable) {
      return failure(error, nullptr);
    }
    audit(request, nullptr, form.get("email"),
          error.code == ErrorCode::rate_limited ? "sign-in throttled" : "sign-in refused", "");
    View view;
    view.set("error", error.message);
    view.set("email", form.get("email"));
    view.set("next", next);
    Response response = form_page(http::status_for(error.code), "sign-in", "Sign in", view);
    if (error.retry_after_seconds > 0) {
      response.set_header("Retry-After", std::to_string(error.retry_after_seconds));
    }
    return response;
  }
  log_line("newsroom: " + signed_in->user.email + " signed in from " + client_address(request));
  audit(request, &signed_in->user, "", "signed in", "");
  Response response = see_other(next);
  response.headers.emplace_back("Set-Cookie", session_cookie(*signed_in));
  return response;
}

Response Newsroom::sign_out(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  if (auto ended = sessions_->sign_out(me.token); !ended) return failure(ended.error(), &me);
  audit(request, &me.user, "", "signed out", "");
  Response response = see_other("/newsroom/sign-in/");
  http::CookieOptions options;
  options.max_age_seconds = 0;
  options.secure = secure_cookies();
  response.set_header("Set-Cookie", http::set_cookie(kSessionCookie, "", options));
  return response;
}

// --- Password ------------------------------------------------------------

Response Newsroom::password_page(const Request&, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  View view;
  view.set("on_password", true);
  return page(200, "password", "Change password", view, &me);
}

Response Newsroom::change_password(const Request& request, const Params&,
                                   const Caller& caller) const {
  const SignedIn& me = caller.me();
  View view;
  view.set("on_password", true);
  auto changed = sessions_->change_password(me, caller.form.get("current"), caller.form.get("new"));
  if (!changed) {
    if (changed.error().code != ErrorCode::invalid_input) return failure(changed.error(), &me);
    view.set("error", changed.error().message);
    return page(400, "password", "Change password", view, &me);
  }
  audit(request, &me.user, "", "changed their password", "");
  view.set("notice", "Your password is changed. Every other session of yours has ended.");
  return page(200, "password", "Change password", view, &me);
}

// --- The owner's setup link ----------------------------------------------

Result<std::optional<std::string>> Newsroom::prepare_setup_link(Time now) const {
  auto admins = store_->count_users_with_role(content::Role::admin);
  BYLINE_TRY(admins);
  if (*admins > 0) return std::optional<std::string>{};
  const std::string token = accounts::random_token();
  BYLINE_TRY(store_->put_settings(
      {{std::string(kSetupDigestKey), accounts::token_digest(token)},
       {std::string(kSetupExpiryKey),
        std::to_string((now + kSetupLinkLifetime).time_since_epoch().count())}}));
  return std::optional<std::string>{"/newsroom/setup/" + token + "/"};
}

bool Newsroom::setup_token_valid(std::string_view token, Time now) const {
  auto digest = store_->setting(kSetupDigestKey);
  auto expiry = store_->setting(kSetupExpiryKey);
  auto admins = store_->count_users_with_role(content::Role::admin);
  if (!digest || !*digest || (*digest)->empty() || !expiry || !*expiry || !admins || *admins > 0) {
    return false;
  }
  long long expires = 0;
  const std::string& text = **expiry;
  std::from_chars(text.data(), text.data() + text.size(), expires);
  return now.time_since_epoch().count() < expires &&
         accounts::same_secret(accounts::token_digest(token), **digest);
}

Response Newsroom::setup_page(const Request& request, const Params& params, const Caller&) const {
  if (!setup_token_valid(params.get("token"), now_utc())) {
    View view;
    view.set("heading", "This setup link no longer works");
    view.set("message",
             "It has been used or it has expired. Ask whoever runs the site to restart "
             "Byline for a new one, or to add your account with `byline user add`.");
    return page(410, "error", "Setup link", view, nullptr);
  }
  View view;
  view.set("action", request.path);
  return form_page(200, "setup", "Create the owner account", view);
}

Response Newsroom::setup(const Request& request, const Params& params, const Caller& caller) const {
  if (!setup_token_valid(params.get("token"), now_utc()))
    return setup_page(request, params, caller);
  if (!is_form(request)) return Response::text(415, "Expected a form.\n");
  const Form form = Form::parse(request.body);
  if (!form_token_matches(request, form)) return expired_form(nullptr);

  auto owner = accounts::add_account(
      *store_, {form.get("email"), form.get("name"), content::Role::admin, form.get("password")});
  if (!owner) {
    if (owner.error().code != ErrorCode::invalid_input &&
        owner.error().code != ErrorCode::conflict) {
      return failure(owner.error(), nullptr);
    }
    View view;
    view.set("action", request.path);
    view.set("error", owner.error().message);
    view.set("name", form.get("name"));
    view.set("email", form.get("email"));
    return form_page(400, "setup", "Create the owner account", view);
  }
  // Rule: the link works once.
  if (auto used = store_->put_setting(kSetupDigestKey, ""); !used)
    return failure(used.error(), nullptr);
  log_line("newsroom: owner account " + owner->email + " created from the setup link");
  audit(request, &*owner, "", "created the owner account", owner->email);
  auto session = sessions_->open_session(*owner, client_address(request),
                                         request.header("user-agent"), now_utc());
  if (!session) return failure(session.error(), nullptr);
  Response response = see_other("/newsroom/");
  response.headers.emplace_back("Set-Cookie", session_cookie(*session));
  return response;
}

// --- Posts ----------------------------------------------------------------

Response Newsroom::posts(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();

  const Form query = Form::parse(request.query);
  store::PostFilter filter;
  filter.status = content::post_status_from_string(query.get("status"));
  if (const auto author = number_in(query.get("author")); author && *author > 0)
    filter.author_id = *author;
  if (const auto section = number_in(query.get("section")); section && *section > 0)
    filter.section_id = *section;
  filter.title_contains = query.get("q").substr(0, 200);
  if (!accounts::reads_every_post(me.user)) filter.unpublished_only_by = me.user.id;
  int page_number = 1;
  const std::string& page_text = query.get("page");
  std::from_chars(page_text.data(), page_text.data() + page_text.size(), page_number);
  page_number = std::clamp(page_number, 1, 100000);
  filter.offset = (page_number - 1) * filter.limit;

  auto listing = store_->list_posts(filter);
  if (!listing) return failure(listing.error(), &me);
  auto people = store_->users();
  if (!people) return failure(people.error(), &me);

  View view;
  view.set("on_posts", true);
  View statuses = render::make_list();
  auto add_option = [](View& list, std::string value, std::string label, bool selected) {
    View option;
    option.set("value", std::move(value));
    option.set("label", std::move(label));
    option.set("selected", selected);
    list.push_back(option);
  };
  add_option(statuses, "", "Any status", !filter.status);
  for (const auto status :
       {content::PostStatus::draft, content::PostStatus::review, content::PostStatus::scheduled,
        content::PostStatus::published, content::PostStatus::unpublished}) {
    const std::string name(content::to_string(status));
    add_option(statuses, name, name, filter.status == status);
  }
  view.set("statuses", statuses);
  View authors = render::make_list();
  add_option(authors, "", "Anyone", !filter.author_id);
  for (const auto& person : *people) {
    add_option(authors, std::to_string(person.id), person.name, filter.author_id == person.id);
  }
  view.set("authors", authors);
  auto sections = store_->sections();
  if (!sections) return failure(sections.error(), &me);
  View section_options = render::make_list();
  add_option(section_options, "", "Any section", !filter.section_id);
  for (const auto& section : *sections) {
    add_option(section_options, std::to_string(section.id), section.name,
               filter.section_id == section.id);
  }
  view.set("section_options", section_options);
  view.set("q", filter.title_contains);

  const Time now = now_utc();
  View rows = render::make_list();
  for (const auto& post : listing->posts) {
    View row;
    row.set("title", post.title);
    row.set("edit_url", "/newsroom/posts/" + std::to_string(post.id) + "/");
    row.set("status", std::string(content::to_string(post.status)));
    std::string byline;
    for (const auto& author : post.authors) byline += (byline.empty() ? "" : ", ") + author.name;
    row.set("byline", byline);
    row.set("updated_iso", iso8601(post.updated_at));
    row.set("updated_ago", dates().relative(post.updated_at, now));
    if (post.status == content::PostStatus::published && post.published_at &&
        *post.published_at <= now) {
      row.set("live_url", "/" + post.slug + "/");
    }
    rows.push_back(row);
  }
  view.set("posts", rows);
  view.set("has_posts", !listing->posts.empty());
  if (listing->has_more) {
    std::string older = "/newsroom/?page=" + std::to_string(page_number + 1);
    if (filter.status) older += "&status=" + std::string(content::to_string(*filter.status));
    if (filter.author_id) older += "&author=" + std::to_string(*filter.author_id);
    if (filter.section_id) older += "&section=" + std::to_string(*filter.section_id);
    if (!filter.title_contains.empty()) older += "&q=" + http::url_encode(filter.title_contains);
    view.set("older_url", older);
  }
  return page(200, "posts", "Posts", view, &me);
}

Response Newsroom::audit_page(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  constexpr int kPerPage = 100;
  int page_number = 1;
  const std::string& page_text = Form::parse(request.query).get("page");
  std::from_chars(page_text.data(), page_text.data() + page_text.size(), page_number);
  page_number = std::clamp(page_number, 1, 100000);
  auto entries = store_->audit_entries(kPerPage + 1, (page_number - 1) * kPerPage);
  if (!entries) return failure(entries.error(), &me);

  View view;
  view.set("on_audit", true);
  const Time now = now_utc();
  View rows = render::make_list();
  for (std::size_t i = 0; i < entries->size() && i < kPerPage; ++i) {
    const auto& entry = (*entries)[i];
    View row;
    row.set("at_iso", iso8601(entry.at));
    row.set("at_ago", dates().relative(entry.at, now));
    row.set("actor", entry.actor);
    row.set("action", entry.action);
    render::set_if_present(row, "subject", entry.subject);
    row.set("address", entry.address);
    rows.push_back(row);
  }
  view.set("entries", rows);
  view.set("has_entries", !entries->empty());
  if (entries->size() > kPerPage)
    view.set("older_url", "/newsroom/audit/?page=" + std::to_string(page_number + 1));
  return page(200, "audit", "Audit log", view, &me);
}

Response Newsroom::asset(const Request& request, const Params& params, const Caller&) const {
  return site::asset_response(theme_->asset(params.get("path")), params.get("path"), request);
}

}  // namespace byline::newsroom
