// Who may call a newsroom route, as each route declares it, and the caller
// the newsroom's gate hands its handler.
#pragma once

#include "accounts/permissions.hpp"
#include "accounts/sessions.hpp"
#include "http/form.hpp"

#include <optional>
#include <stdexcept>

namespace byline::newsroom {

struct Access {
  enum class Who {
    anyone,  // sign-in, the setup link, assets: the handler decides
    staff,   // any signed-in person; a change also needs their CSRF token
  };
  // How a refusal is answered: a page, or JSON for the editor's scripts.
  enum class Answer { page, json };

  Who who = Who::staff;
  // Only staff who may do this (an action on no one post: the rules for a
  // post are the Workflow's).
  std::optional<accounts::Action> action = std::nullopt;
  Answer answer = Answer::page;
};

inline constexpr Access kAnyone{.who = Access::Who::anyone};
inline constexpr Access kStaff{.who = Access::Who::staff};
inline constexpr Access kStaffScripts{.who = Access::Who::staff, .answer = Access::Answer::json};
constexpr Access staff_who_may(accounts::Action action) {
  return Access{.who = Access::Who::staff, .action = action};
}

// Who is calling, as the gate found them.
struct Caller {
  std::optional<accounts::SignedIn> signed_in;  // always set on staff routes
  http::Form form;                              // a change's form, its CSRF token checked

  // The signed-in person. A handler that asks on a route open to anyone is
  // a bug, answered 500 by the server.
  const accounts::SignedIn& me() const {
    if (!signed_in) throw std::logic_error("a staff handler is on a route open to anyone");
    return *signed_in;
  }
};

}  // namespace byline::newsroom
