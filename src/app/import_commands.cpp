// The import commands: options, the lock on the data directory, the
// progress bar and the summary.
#include "app/import_commands.hpp"

#include "app/data_dir.hpp"
#include "app/progress_bar.hpp"
#include "importing/ghost_import.hpp"
#include "importing/wordpress_import.hpp"
#include "media/media_library.hpp"
#include "publishing/workflow.hpp"
#include "site/settings.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace byline::app {
namespace {

struct ImportCommand {
  std::string data_dir = kDefaultDataDir;
  std::string file;
  std::string uploads;  // WordPress
  std::string url;      // Ghost
  bool dry_run = false;
};

// Runs `import` on the data directory of `command`, then prints the summary.
int run_import(
    const ImportCommand& command,
    const std::function<Result<importing::ImportSummary>(
        store::Store&, publishing::Workflow&, media::MediaLibrary&, ProgressBar&)>& import) {
  const std::filesystem::path dir = command.data_dir;
  // Rule: an import runs while Byline is stopped, so no running server
  // keeps pages from before it in its caches. A dry run writes nothing and
  // may run beside one.
  std::optional<DataDirLock> lock;
  if (!command.dry_run) {
    auto acquired = DataDirLock::acquire(dir);
    if (!acquired) {
      if (acquired.error().code == ErrorCode::conflict) {
        std::fprintf(
            stderr,
            "byline: Byline is serving %s; stop it, import, and start it again (a running server "
            "would go on showing pages from before the import). --dry-run may run beside it.\n",
            dir.c_str());
        return 1;
      }
      return report_failure(acquired.error());
    }
    lock.emplace(std::move(*acquired));
  }
  auto store = open_store(dir, 1);
  if (!store) return report_failure(store.error());
  publishing::Workflow workflow(*store);
  // No imported story takes the address of an edition's front page.
  auto settings = site::load_settings(**store, site::SiteSettings{});
  if (!settings) return report_failure(settings.error());
  workflow.keep_slugs_for([editions = settings->editions](std::string_view slug) {
    return std::any_of(editions.begin(), editions.end(),
                       [slug](const site::Edition& edition) { return edition.language == slug; });
  });
  media::MediaLibrary media(*store, dir);
  ProgressBar progress(isatty(STDERR_FILENO) == 1);
  auto summary = import(**store, workflow, media, progress);
  if (!summary) return report_failure(summary.error());
  for (const auto& line : importing::summary_lines(*summary)) std::printf("%s\n", line.c_str());
  return 0;
}

int import_wordpress(const ImportCommand& command) {
  return run_import(command, [&](store::Store& store, publishing::Workflow& workflow,
                                 media::MediaLibrary& media, ProgressBar& progress) {
    importing::WordPressImportOptions options;
    options.file = command.file;
    if (!command.uploads.empty()) options.uploads = command.uploads;
    options.dry_run = command.dry_run;
    return importing::import_wordpress(store, workflow, media, options, &progress);
  });
}

int import_ghost(const ImportCommand& command) {
  return run_import(command, [&](store::Store& store, publishing::Workflow& workflow,
                                 media::MediaLibrary&, ProgressBar& progress) {
    importing::GhostImportOptions options;
    options.file = command.file;
    options.url = command.url;
    options.dry_run = command.dry_run;
    return importing::import_ghost(store, workflow, options, &progress);
  });
}

}  // namespace

void add_import_commands(CLI::App& app, std::function<int()>& action) {
  auto* import_command =
      app.add_subcommand("import", "Move a site from another platform into Byline");
  import_command->require_subcommand(1);

  auto command = std::make_shared<ImportCommand>();
  auto* wordpress = import_command->add_subcommand(
      "wordpress",
      "Import a WordPress export (Tools → Export → All content): authors, sections, tags, posts, "
      "pages, images and every old address");
  wordpress->add_option("FILE", command->file, "The export, a .xml file (WXR 1.0 to 1.2)")
      ->required()
      ->check(CLI::ExistingFile);
  wordpress
      ->add_option("--uploads", command->uploads,
                   "A copy of the site's wp-content/uploads: images are taken in as if uploaded "
                   "(without it they stay at their old addresses)")
      ->check(CLI::ExistingDirectory);
  wordpress->add_flag("--dry-run", command->dry_run, "Read and check everything, write nothing");
  wordpress->add_option("--data", command->data_dir, "Directory of byline.db")
      ->capture_default_str();
  wordpress->footer(
      "Run it again with the same file to update what changed: nothing is duplicated, and an "
      "import that\n"
      "was interrupted finishes. Stop Byline first; --dry-run may run beside it.\n\n"
      "Example:\n  byline import wordpress export.xml --uploads ./wp-content/uploads --data "
      "./data");
  wordpress->callback(
      [&action, command] { action = [command] { return import_wordpress(*command); }; });

  auto* ghost = import_command->add_subcommand("ghost",
                                               "Import a Ghost export (Settings → Labs → Export): "
                                               "staff, tags, posts and pages, Ghost's ids kept");
  ghost->add_option("FILE", command->file, "The export, a .json file")
      ->required()
      ->check(CLI::ExistingFile);
  ghost->add_option(
      "--url", command->url,
      "The old site's address (https://…): Ghost writes it as __GHOST_URL__ in exports, and its "
      "images stay there");
  ghost->add_flag("--dry-run", command->dry_run, "Read and check everything, write nothing");
  ghost->add_option("--data", command->data_dir, "Directory of byline.db")->capture_default_str();
  ghost->footer(
      "Run it again to update what changed. Stop Byline first; --dry-run may run beside it.\n\n"
      "Example:\n  byline import ghost my-site.ghost.2024-01-15.json --url https://old.example "
      "--data ./data");
  ghost->callback([&action, command] { action = [command] { return import_ghost(*command); }; });
}

}  // namespace byline::app
