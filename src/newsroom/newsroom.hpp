// The newsroom at /newsroom/: staff sign-in, the first owner's setup link,
// password changes (newsroom.cpp), the post list, the editor, previews and
// revisions (editor.cpp), people and their roles (staff.cpp), and image
// uploads and the media library (media.cpp). Each route declares who may
// call it (newsroom/access.hpp), and the newsroom's gate checks that before
// its handler runs: a signed-in person, with their CSRF token for a change.
#pragma once

#include "accounts/sessions.hpp"
#include "common/embedded_file.hpp"
#include "http/form.hpp"
#include "http/router.hpp"
#include "newsroom/access.hpp"
#include "render/dates.hpp"
#include "render/theme.hpp"
#include "site/settings.hpp"
#include "store/webhooks.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <variant>

namespace byline::store {
class Store;
}
namespace byline::publishing {
class Changes;
class Workflow;
struct Edit;
}  // namespace byline::publishing
namespace byline::content {
struct Post;
struct User;
}  // namespace byline::content
namespace byline::media {
class MediaLibrary;
}
namespace byline::accounts {
struct NewApiKey;
}

namespace byline::newsroom {

// The newsroom's templates and assets, and the bundled rich-text editor
// (assets/editor.js), compiled into the binary.
std::span<const EmbeddedFile> newsroom_ui_files();
std::span<const EmbeddedFile> editor_bundle_files();

inline constexpr std::string_view kSessionCookie = "byline_session";
inline constexpr std::string_view kFormCookie = "byline_form";

// Renders a post as readers will see it, whatever its status.
using PreviewRenderer = std::function<http::Response(const content::Post&)>;

class Newsroom {
 public:
  Newsroom(std::shared_ptr<store::Store> store, std::shared_ptr<accounts::Sessions> sessions,
           std::shared_ptr<publishing::Workflow> workflow,
           std::shared_ptr<media::MediaLibrary> media,
           std::shared_ptr<site::SettingsSource> settings, PreviewRenderer preview,
           std::shared_ptr<const publishing::Changes> changes);
  ~Newsroom();

  void add_routes(http::Router& router) const;

  // When the site has no admin yet, makes a new one-time setup link, valid
  // for a day, and returns its path; otherwise nothing.
  Result<std::optional<std::string>> prepare_setup_link(Time now) const;

 private:
  using SignedIn = accounts::SignedIn;

  http::Response posts(const http::Request& request, const http::Params& params,
                       const Caller& caller) const;
  http::Response sign_in_page(const http::Request& request, const http::Params& params,
                              const Caller& caller) const;
  http::Response sign_in(const http::Request& request, const http::Params& params,
                         const Caller& caller) const;
  http::Response sign_out(const http::Request& request, const http::Params& params,
                          const Caller& caller) const;
  http::Response password_page(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;
  http::Response change_password(const http::Request& request, const http::Params& params,
                                 const Caller& caller) const;
  http::Response setup_page(const http::Request& request, const http::Params& params,
                            const Caller& caller) const;
  http::Response setup(const http::Request& request, const http::Params& params,
                       const Caller& caller) const;
  http::Response asset(const http::Request& request, const http::Params& params,
                       const Caller& caller) const;

  // settings.cpp
  http::Response settings_page(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;
  http::Response save_settings(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;

  // taxonomy.cpp
  http::Response taxonomy_page(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;
  http::Response add_term(const http::Request& request, const http::Params& params,
                          const Caller& caller) const;
  http::Response update_term(const http::Request& request, const http::Params& params,
                             const Caller& caller) const;
  // The parent section a form names for section `id` (0: a new one); 0
  // for none. Refused when it would not keep the sections a tree.
  Result<content::Id> chosen_parent(const http::Form& form, content::Id id) const;
  // The edition a section form chose: "" (the site's own), one of the
  // site's editions, or `current`, the section's language as it is.
  Result<std::string> chosen_edition(const http::Form& form, const std::string& current) const;
  http::Response render_taxonomy(int status, const SignedIn& me, std::string_view error,
                                 std::string_view notice) const;

  // staff.cpp
  http::Response staff_page(const http::Request& request, const http::Params& params,
                            const Caller& caller) const;
  http::Response add_person(const http::Request& request, const http::Params& params,
                            const Caller& caller) const;
  http::Response change_role(const http::Request& request, const http::Params& params,
                             const Caller& caller) const;
  http::Response render_staff(int status, const SignedIn& me, std::string_view error,
                              std::string_view notice, const http::Form* typed) const;

  // integrations.cpp
  http::Response integrations_page(const http::Request& request, const http::Params& params,
                                   const Caller& caller) const;
  http::Response add_integration(const http::Request& request, const http::Params& params,
                                 const Caller& caller) const;
  http::Response revoke_integration(const http::Request& request, const http::Params& params,
                                    const Caller& caller) const;
  // `made`: a key just made, to show once.
  http::Response render_integrations(int status, const SignedIn& me, std::string_view error,
                                     std::string_view notice,
                                     const accounts::NewApiKey* made) const;

  // webhooks.cpp
  http::Response webhooks_page(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;
  http::Response add_webhook(const http::Request& request, const http::Params& params,
                             const Caller& caller) const;
  http::Response delete_webhook(const http::Request& request, const http::Params& params,
                                const Caller& caller) const;
  // `made`: a webhook just added, whose secret is shown once; `typed`: the
  // form to show again after a refusal.
  http::Response render_webhooks(int status, const SignedIn& me, std::string_view error,
                                 std::string_view notice, const store::Webhook* made,
                                 const http::Form* typed) const;

  // media.cpp
  http::Response upload_media(const http::Request& request, const http::Params& params,
                              const Caller& caller) const;
  http::Response media_page(const http::Request& request, const http::Params& params,
                            const Caller& caller) const;

  // editor.cpp
  http::Response new_post_page(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;
  http::Response create_post(const http::Request& request, const http::Params& params,
                             const Caller& caller) const;
  http::Response edit_post_page(const http::Request& request, const http::Params& params,
                                const Caller& caller) const;
  http::Response save_post(const http::Request& request, const http::Params& params,
                           const Caller& caller) const;
  http::Response autosave_post(const http::Request& request, const http::Params& params,
                               const Caller& caller) const;
  http::Response preview_post(const http::Request& request, const http::Params& params,
                              const Caller& caller) const;
  http::Response revisions_page(const http::Request& request, const http::Params& params,
                                const Caller& caller) const;
  http::Response restore_revision(const http::Request& request, const http::Params& params,
                                  const Caller& caller) const;
  http::Response compare_revision(const http::Request& request, const http::Params& params,
                                  const Caller& caller) const;
  http::Response editor_page(int status, const content::Post& post, const publishing::Edit* typed,
                             std::string_view error, std::string_view notice,
                             const SignedIn& me) const;
  http::Response to_sign_in(const http::Request& request) const;

  Result<std::optional<SignedIn>> signed_in(const http::Request& request) const;

  // The newsroom's gate: who is asking, and whether the route's access
  // admits them (for a change, with their session's CSRF token); the
  // caller, or the answer to give instead.
  std::variant<Caller, http::Response> admit(const http::Request& request,
                                             const Access& access) const;
  // Adds a line to the audit log; a failure to write it is logged, not shown.
  void audit(const http::Request& request, const content::User* actor, std::string_view actor_name,
             std::string_view action, std::string_view subject) const;
  http::Response audit_page(const http::Request& request, const http::Params& params,
                            const Caller& caller) const;
  http::Response page(int status, std::string_view name, std::string_view title, render::View& view,
                      const SignedIn* me) const;
  http::Response failure(const Error& error, const SignedIn* me) const;
  http::Response expired_form(const SignedIn* me) const;
  http::Response form_page(int status, std::string_view name, std::string_view title,
                           render::View& view) const;
  bool setup_token_valid(std::string_view token, Time now) const;
  std::string session_cookie(const SignedIn& signed_in) const;
  render::DateFormatter dates() const;
  bool secure_cookies() const;

  std::shared_ptr<store::Store> store_;
  std::shared_ptr<accounts::Sessions> sessions_;
  std::shared_ptr<publishing::Workflow> workflow_;
  std::shared_ptr<media::MediaLibrary> media_;
  std::shared_ptr<site::SettingsSource> settings_;
  std::shared_ptr<const publishing::Changes> changes_;  // told of settings, section and tag changes
  PreviewRenderer preview_;
  std::shared_ptr<const render::Theme> theme_;
};

}  // namespace byline::newsroom
