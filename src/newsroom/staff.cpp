// The staff page: admins add people and change their roles.
#include "newsroom/newsroom.hpp"

#include "accounts/accounts.hpp"
#include "accounts/permissions.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"
#include "newsroom/request_checks.hpp"
#include "render/view.hpp"
#include "store/store.hpp"

namespace byline::newsroom {

using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

constexpr content::Role kRoles[] = {content::Role::contributor, content::Role::author,
                                    content::Role::editor, content::Role::admin};

View role_options(content::Role chosen) {
  View options = render::make_list();
  for (const auto role : kRoles) {
    View option;
    option.set("value", std::string(content::to_string(role)));
    option.set("selected", role == chosen);
    options.push_back(option);
  }
  return options;
}

}  // namespace

Response Newsroom::render_staff(int status, const SignedIn& me, std::string_view error,
                                std::string_view notice, const Form* typed) const {
  auto people = store_->users();
  if (!people) return failure(people.error(), &me);
  View view;
  view.set("on_staff", true);
  render::set_if_present(view, "error", std::string(error));
  render::set_if_present(view, "notice", std::string(notice));
  View rows = render::make_list();
  for (const auto& person : *people) {
    View row;
    row.set("id", std::to_string(person.id));
    row.set("name", person.name);
    row.set("email", person.email);
    row.set("author_url", "/author/" + person.slug + "/");
    row.set("role_url", "/newsroom/staff/" + std::to_string(person.id) + "/role/");
    row.set("roles", role_options(person.role));
    row.set("csrf_token", me.session.csrf_token);
    rows.push_back(row);
  }
  view.set("people", rows);
  const auto typed_role = typed ? content::role_from_string(typed->get("role")) : std::nullopt;
  view.set("new_roles", role_options(typed_role.value_or(content::Role::author)));
  if (typed) {
    view.set("new_name", typed->get("name"));
    view.set("new_email", typed->get("email"));
  }
  return page(status, "staff", "Staff", view, &me);
}

Response Newsroom::staff_page(const Request&, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  return render_staff(200, me, "", "", nullptr);
}

Response Newsroom::add_person(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;

  const auto role = content::role_from_string(form.get("role"));
  if (!role) return render_staff(400, me, "Choose a role.", "", &form);
  auto added = accounts::add_account(
      *store_, {form.get("email"), form.get("name"), *role, form.get("password")});
  if (!added) {
    if (added.error().code != ErrorCode::invalid_input &&
        added.error().code != ErrorCode::conflict) {
      return failure(added.error(), &me);
    }
    return render_staff(http::status_for(added.error().code), me, added.error().message, "", &form);
  }
  log_line("newsroom: " + me.user.email + " added " + added->email + " as " + form.get("role"));
  audit(request, &me.user, "", "added a person", added->email + " as " + form.get("role"));
  return render_staff(200, me, "", "Added " + added->name + " as " + form.get("role") + ".",
                      nullptr);
}

Response Newsroom::change_role(const Request& request, const Params& params,
                               const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;

  const long long id = number_in(params.get("id")).value_or(0);
  const auto role = content::role_from_string(form.get("role"));
  auto person = store_->user_by_id(id);
  if (!person) return failure(person.error(), &me);
  if (!*person || !role) return render_staff(400, me, "No such person or role.", "", nullptr);
  auto changed = accounts::change_role(*store_, (*person)->email, *role);
  if (!changed)
    return render_staff(http::status_for(changed.error().code), me, changed.error().message, "",
                        nullptr);
  log_line("newsroom: " + me.user.email + " made " + changed->email + " " + form.get("role"));
  audit(request, &me.user, "", "changed a role", changed->email + " to " + form.get("role"));
  return render_staff(200, me, "", changed->name + " is now " + form.get("role") + ".", nullptr);
}

}  // namespace byline::newsroom
