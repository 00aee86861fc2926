// The `apikey` commands: parse, call the accounts service, report. A new
// key is printed once; the list shows only its first characters.
#include "app/apikey_commands.hpp"

#include "accounts/api_keys.hpp"
#include "app/data_dir.hpp"
#include "store/store.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

namespace byline::app {
namespace {

struct ApiKeyOptions {
  std::string data_dir = kDefaultDataDir;
  std::string kind = "content";
  std::string name;
  long id = 0;
};

void add_data_option(CLI::App& command, ApiKeyOptions& options) {
  command.add_option("--data", options.data_dir, "Directory of byline.db")->capture_default_str();
}

int add(const ApiKeyOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  const auto kind = options.kind == "admin" ? store::ApiKeyKind::admin : store::ApiKeyKind::content;
  auto made = accounts::add_api_key(**store, kind, options.name, 0, now_utc());
  if (!made) return report_failure(made.error());
  audit_command(**store, "added an API key", accounts::describe(made->record));
  std::printf("Added %s API key %ld for %s:\n\n  %s\n\n",
              std::string(accounts::to_string(kind)).c_str(), static_cast<long>(made->record.id),
              made->record.name.c_str(), made->key.c_str());
  std::printf(
      "Keep it now: Byline shows it only this once. Revoke it with `byline apikey revoke %ld`.\n",
      static_cast<long>(made->record.id));
  return 0;
}

int list(const ApiKeyOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  auto keys = (*store)->api_keys();
  if (!keys) return report_failure(keys.error());
  if (keys->empty()) {
    std::printf("No API keys yet. Add one with `byline apikey add --kind content --name NAME`.\n");
    return 0;
  }
  std::printf("%-5s %-8s %-32s %-10s %-21s %s\n", "ID", "KIND", "NAME", "KEY", "CREATED", "STATUS");
  for (const auto& key : *keys) {
    const std::string status =
        key.revoked_at ? "revoked " + format_utc(*key.revoked_at, "%Y-%m-%d %H:%M UTC") : "active";
    // The hint is six characters and "…" one column (three bytes).
    std::printf("%-5ld %-8s %-32s %-6s…    %-21s %s\n", static_cast<long>(key.id),
                std::string(accounts::to_string(key.kind)).c_str(), key.name.c_str(),
                key.hint.c_str(), format_utc(key.created_at, "%Y-%m-%d %H:%M UTC").c_str(),
                status.c_str());
  }
  return 0;
}

int revoke(const ApiKeyOptions& options) {
  auto store = open_store(options.data_dir, 1);
  if (!store) return report_failure(store.error());
  auto revoked = accounts::revoke_api_key(**store, options.id, now_utc());
  if (!revoked) return report_failure(revoked.error());
  audit_command(**store, "revoked an API key", accounts::describe(*revoked));
  std::printf("Revoked %s API key %ld (%s): it opens nothing from now on.\n",
              std::string(accounts::to_string(revoked->kind)).c_str(),
              static_cast<long>(revoked->id), revoked->name.c_str());
  return 0;
}

}  // namespace

void add_apikey_commands(CLI::App& app, std::function<int()>& action) {
  auto options = std::make_shared<ApiKeyOptions>();
  auto* apikey = app.add_subcommand("apikey", "Manage keys for the Ghost Content and Admin APIs");
  apikey->require_subcommand(1);

  auto* add_command = apikey->add_subcommand("add", "Make a key (shown once)");
  add_data_option(*add_command, *options);
  add_command
      ->add_option("--kind", options->kind,
                   "content (read published posts) or admin (write as an editor)")
      ->check(CLI::IsMember({"content", "admin"}))
      ->capture_default_str();
  add_command->add_option("--name", options->name, "What will use it, as \"Mobile app\"")
      ->required();
  add_command->callback([options, &action] { action = [options] { return add(*options); }; });

  auto* list_command = apikey->add_subcommand("list", "List keys (never the keys themselves)");
  add_data_option(*list_command, *options);
  list_command->callback([options, &action] { action = [options] { return list(*options); }; });

  auto* revoke_command = apikey->add_subcommand("revoke", "Revoke a key at once");
  add_data_option(*revoke_command, *options);
  revoke_command->add_option("ID", options->id, "The key's number, as `apikey list` shows it")
      ->required()
      ->check(CLI::PositiveNumber);
  revoke_command->callback([options, &action] { action = [options] { return revoke(*options); }; });
}

}  // namespace byline::app
