// Backups of a site's database while it is served, and putting one back.
#include "app/backup_commands.hpp"

#include "app/data_dir.hpp"
#include "store/sqlite/backup.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

namespace byline::app {
namespace {

struct BackupOptions {
  std::string data_dir = kDefaultDataDir;
  std::string file;
};

// A progress bar on a terminal; nothing when the output is a file or pipe.
store::sqlite::BackupProgress progress_bar(const char* verb) {
  if (!isatty(STDERR_FILENO)) return nullptr;
  return [verb](int copied, int total) {
    const int percent = total > 0 ? copied * 100 / total : 100;
    std::fprintf(stderr, "\r%s [%-40s] %3d%%", verb, std::string(static_cast<std::size_t>(percent * 40 / 100), '#').c_str(),
                 percent);
    if (copied >= total) std::fputc('\n', stderr);
  };
}

int backup(const BackupOptions& options) {
  const auto database = std::filesystem::path(options.data_dir) / "byline.db";
  if (auto made = store::sqlite::backup_database(database, options.file, progress_bar("Copying")); !made) {
    return report_failure(made.error());
  }
  std::printf("Backed up %s to %s\n", database.c_str(), options.file.c_str());
  return 0;
}

int restore(const BackupOptions& options) {
  const std::filesystem::path dir = options.data_dir;
  auto lock = DataDirLock::acquire(dir);
  if (!lock) return report_failure(lock.error());
  if (auto restored = store::sqlite::restore_database(options.file, dir / "byline.db", progress_bar("Restoring"));
      !restored) {
    return report_failure(restored.error());
  }
  std::printf("Restored %s from %s\n", (dir / "byline.db").c_str(), options.file.c_str());
  return 0;
}

}  // namespace

void add_backup_commands(CLI::App& app, std::function<int()>& action) {
  auto options = std::make_shared<BackupOptions>();
  auto* backup_command = app.add_subcommand(
      "backup", "Copy the site's database to FILE, consistently, while Byline keeps serving");
  backup_command->add_option("FILE", options->file, "Where the copy goes (must not exist)")->required();
  backup_command->add_option("--data", options->data_dir, "Directory of byline.db")->capture_default_str();
  backup_command->footer("Media files are files: copy DATA/media with them.");
  backup_command->callback([&action, options] { action = [options] { return backup(*options); }; });

  auto* restore_command =
      app.add_subcommand("restore", "Replace the site's database with a backup (Byline must be stopped)");
  restore_command->add_option("FILE", options->file, "A copy made by byline backup")->required();
  restore_command->add_option("--data", options->data_dir, "Directory of byline.db")->capture_default_str();
  restore_command->callback([&action, options] { action = [options] { return restore(*options); }; });
}

}  // namespace byline::app
