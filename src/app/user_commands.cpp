// The `user` commands: parse, call the accounts service, report.
#include "app/user_commands.hpp"

#include "accounts/accounts.hpp"
#include "app/data_dir.hpp"
#include "app/password_prompt.hpp"
#include "store/store.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

namespace byline::app {
namespace {

struct UserOptions {
  std::string data_dir = kDefaultDataDir;
  std::string email;
  std::string name;
  std::string role = "author";
  bool password_stdin = false;
};

const std::vector<std::string> kRoleNames{"contributor", "author", "editor", "admin"};

void add_data_option(CLI::App& command, UserOptions& options) {
  command.add_option("--data", options.data_dir, "Directory of byline.db")->capture_default_str();
}

void add_role_option(CLI::App& command, UserOptions& options, bool required) {
  auto* option = command.add_option("--role", options.role, "contributor, author, editor or admin")
                     ->check(CLI::IsMember(kRoleNames));
  if (required) {
    option->required();
  } else {
    option->capture_default_str();
  }
}

int add(const UserOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  auto password = read_new_password(options.password_stdin);
  if (!password) return report_failure(password.error());
  auto user = accounts::add_account(
      **store, {options.email, options.name, *content::role_from_string(options.role),
                std::move(*password)});
  if (!user) return report_failure(user.error());
  audit_command(**store, "added a person", user->email + " as " + options.role);
  std::printf("Added %s <%s> as %s; author page /author/%s/\n", user->name.c_str(),
              user->email.c_str(), options.role.c_str(), user->slug.c_str());
  return 0;
}

int list(const UserOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  auto users = (*store)->users();
  if (!users) return report_failure(users.error());
  std::printf("%-32s %-28s %-12s %s\n", "EMAIL", "NAME", "ROLE", "AUTHOR PAGE");
  for (const auto& user : *users) {
    std::printf("%-32s %-28s %-12s /author/%s/\n", user.email.c_str(), user.name.c_str(),
                std::string(content::to_string(user.role)).c_str(), user.slug.c_str());
  }
  return 0;
}

int set_role(const UserOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  auto user =
      accounts::change_role(**store, options.email, *content::role_from_string(options.role));
  if (!user) return report_failure(user.error());
  audit_command(**store, "changed a role", user->email + " to " + options.role);
  std::printf("%s <%s> is now %s\n", user->name.c_str(), user->email.c_str(), options.role.c_str());
  return 0;
}

int reset_password(const UserOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  auto password = read_new_password(options.password_stdin);
  if (!password) return report_failure(password.error());
  auto user = accounts::reset_password(**store, options.email, *password);
  if (!user) return report_failure(user.error());
  audit_command(**store, "reset a password", user->email);
  std::printf("New password set for %s <%s>; their sessions have ended\n", user->name.c_str(),
              user->email.c_str());
  return 0;
}

}  // namespace

void add_user_commands(CLI::App& app, std::function<int()>& action) {
  auto options = std::make_shared<UserOptions>();
  auto* user = app.add_subcommand("user", "Manage staff accounts");
  user->require_subcommand(1);

  auto* add_command = user->add_subcommand("add", "Add a staff account");
  add_data_option(*add_command, *options);
  add_command->add_option("--email", options->email, "Sign-in email")->required();
  add_command->add_option("--name", options->name, "Name as shown in bylines")->required();
  add_role_option(*add_command, *options, false);
  add_command->add_flag("--password-stdin", options->password_stdin,
                        "Read the password from standard input instead of asking");
  add_command->callback([options, &action] { action = [options] { return add(*options); }; });

  auto* list_command = user->add_subcommand("list", "List staff accounts");
  add_data_option(*list_command, *options);
  list_command->callback([options, &action] { action = [options] { return list(*options); }; });

  auto* role_command = user->add_subcommand("set-role", "Change someone's role");
  add_data_option(*role_command, *options);
  role_command->add_option("--email", options->email, "Their sign-in email")->required();
  add_role_option(*role_command, *options, true);
  role_command->callback([options, &action] { action = [options] { return set_role(*options); }; });

  auto* reset_command =
      user->add_subcommand("reset-password", "Set a new password and end their sessions");
  add_data_option(*reset_command, *options);
  reset_command->add_option("--email", options->email, "Their sign-in email")->required();
  reset_command->add_flag("--password-stdin", options->password_stdin,
                          "Read the password from standard input instead of asking");
  reset_command->callback(
      [options, &action] { action = [options] { return reset_password(*options); }; });
}

}  // namespace byline::app
