// Account rules on top of the Store.
#include "accounts/accounts.hpp"

#include "accounts/secrets.hpp"
#include "content/slug.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cctype>

namespace byline::accounts {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

Result<content::User> find_by_email(store::Store& store, std::string_view email) {
  const auto normalized = normalize_email(email);
  if (!normalized) return make_error(ErrorCode::invalid_input, "That is not an email address.");
  auto user = store.user_by_email(*normalized);
  BYLINE_TRY(user);
  if (!*user)
    return make_error(ErrorCode::not_found, "No account has the email " + *normalized + ".");
  return std::move(**user);
}

// The name's slug, or the first of "slug-2", "slug-3", ... nobody has.
Result<std::string> free_author_slug(store::Store& store, std::string_view name) {
  std::string base = content::make_slug(name);
  if (base.empty()) base = "author";
  for (int suffix = 1; suffix < 1000; ++suffix) {
    std::string candidate = suffix == 1 ? base : base + "-" + std::to_string(suffix);
    auto taken = store.user_by_slug(candidate);
    BYLINE_TRY(taken);
    if (!*taken) return candidate;
  }
  return make_error(ErrorCode::conflict, "Too many people share that name.");
}

}  // namespace

std::optional<std::string> normalize_email(std::string_view email) {
  std::string address = trim(email);
  std::transform(address.begin(), address.end(), address.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = address.find('@');
  if (address.empty() || address.size() > kMaxEmailBytes || at == std::string::npos || at == 0 ||
      address.find('@', at + 1) != std::string::npos) {
    return std::nullopt;
  }
  const std::string_view domain = std::string_view(address).substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.ends_with('.')) return std::nullopt;
  if (std::any_of(address.begin(), address.end(),
                  [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
    return std::nullopt;
  }
  return address;
}

Result<content::User> add_account(store::Store& store, NewAccount account) {
  const auto email = normalize_email(account.email);
  if (!email) return make_error(ErrorCode::invalid_input, "That is not an email address.");
  const std::string name = trim(account.name);
  if (name.empty()) return make_error(ErrorCode::invalid_input, "A person needs a name.");
  if (name.size() > kMaxNameBytes)
    return make_error(ErrorCode::invalid_input, "That name is too long.");
  BYLINE_TRY(check_password(account.password));

  auto existing = store.user_by_email(*email);
  BYLINE_TRY(existing);
  if (*existing)
    return make_error(ErrorCode::conflict, "An account with the email " + *email + " exists.");

  auto slug = free_author_slug(store, name);
  BYLINE_TRY(slug);
  auto hash = hash_password(account.password);
  BYLINE_TRY(hash);

  content::User user;
  user.email = *email;
  user.name = name;
  user.slug = std::move(*slug);
  user.role = account.role;
  auto id = store.create_user(user, *hash);
  BYLINE_TRY(id);
  user.id = *id;
  return user;
}

Result<content::User> change_role(store::Store& store, std::string_view email, content::Role role) {
  auto user = find_by_email(store, email);
  BYLINE_TRY(user);
  if (user->role == content::Role::admin && role != content::Role::admin) {
    auto admins = store.count_users_with_role(content::Role::admin);
    BYLINE_TRY(admins);
    if (*admins <= 1) {
      return make_error(ErrorCode::conflict,
                        user->email + " is the only admin; make someone else admin first.");
    }
  }
  BYLINE_TRY(store.set_role(user->id, role));
  user->role = role;
  return user;
}

Result<content::User> reset_password(store::Store& store, std::string_view email,
                                     std::string_view password) {
  auto user = find_by_email(store, email);
  BYLINE_TRY(user);
  BYLINE_TRY(check_password(password));
  auto hash = hash_password(password);
  BYLINE_TRY(hash);
  BYLINE_TRY(store.set_password_hash(user->id, *hash));
  BYLINE_TRY(store.delete_sessions_of_user(user->id, ""));
  return user;
}

}  // namespace byline::accounts
