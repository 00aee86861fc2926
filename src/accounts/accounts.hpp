// Staff accounts: adding people, changing their role, resetting a password.
// The rules live here; the command line and the newsroom both call them.
#pragma once

#include "common/result.hpp"
#include "content/model.hpp"

#include <string>

namespace byline::store {
class Store;
}

namespace byline::accounts {

inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxNameBytes = 200;

struct NewAccount {
  std::string email;
  std::string name;
  content::Role role = content::Role::author;
  std::string password;
};

// "Emad@Example.COM " -> "emad@example.com"; nullopt when it is not an
// address (one '@', something before it, a dotted domain after, no spaces).
std::optional<std::string> normalize_email(std::string_view email);

// Creates the account. The email must be new; the author page slug is made
// from the name, with "-2", "-3", ... when another person has it.
Result<content::User> add_account(store::Store& store, NewAccount account);

// Rule: the last admin cannot be demoted, so a site always has someone who
// can manage it.
Result<content::User> change_role(store::Store& store, std::string_view email, content::Role role);

// Sets a new password and ends every session of that person.
Result<content::User> reset_password(store::Store& store, std::string_view email,
                                     std::string_view password);

}  // namespace byline::accounts
