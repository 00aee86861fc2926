// Command-line parsing with CLI11.
#include "app/command_line.hpp"

#include "app/apikey_commands.hpp"
#include "app/backup_commands.hpp"
#include "app/boot.hpp"
#include "app/import_commands.hpp"
#include "app/user_commands.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>

namespace byline::app {

int run_command_line(int argc, char** argv) {
  CLI::App app{"Byline: a news site and its newsroom in one program.", "byline"};
  app.set_version_flag("--version", "byline 0.1.0");
  app.require_subcommand(1);

  ServeOptions serve_options;
  std::string data_dir = serve_options.data_dir.string();
  auto* serve_command = app.add_subcommand("serve", "Serve the site over HTTP until stopped");
  serve_command->add_option("--host", serve_options.host, "Address to listen on")
      ->capture_default_str();
  serve_command->add_option("--port", serve_options.port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  serve_command->add_option("--data", data_dir, "Directory for byline.db and media")
      ->capture_default_str();
  serve_command->add_flag("--demo", serve_options.demo,
                          "Fill an empty data directory with a demo news site");
  serve_command
      ->add_option("--threads", serve_options.threads,
                   "I/O threads (default: one per CPU this process may use)")
      ->check(CLI::Range(0, 256));
  serve_command->add_option("--url", serve_options.url,
                            "Public address of the site, for links and sharing "
                            "(default: http://HOST:PORT)");
  std::string theme_dir;
  serve_command->add_option("--theme", theme_dir,
                            "Serve the reader site with the theme in this folder (templates, "
                            "partials/, assets/, locales/; see docs/THEMES.md), read again when "
                            "its files change");
  bool no_cache = false;
  serve_command->add_flag("--no-cache", no_cache,
                          "Render every page whole, from the database, for every request");
  bool no_page_cache = false;
  serve_command->add_flag("--no-page-cache", no_page_cache,
                          "Keep rendered fragments of pages but not whole pages (for measuring)");
  serve_command
      ->add_option("--cache-mb", serve_options.cache_megabytes,
                   "Memory for the page cache, in megabytes")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  serve_command
      ->add_option("--max-connections", serve_options.max_connections,
                   "Open connections past this get 503 (also capped by the file limit)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  bool no_access_log = false;
  serve_command->add_flag("--no-access-log", no_access_log, "Do not print a line per request");
  serve_command->footer(
      "Examples:\n  byline serve --demo --data ./data --port 8080\n"
      "  byline serve --demo --data ./data --theme ./themes/minimal\n"
      "Stop with Ctrl-C: requests in flight are finished first.");

  std::function<int()> action;
  add_user_commands(app, action);
  add_backup_commands(app, action);
  add_import_commands(app, action);
  add_apikey_commands(app, action);

  if (argc < 2) {  // no command: say what there is
    std::fputs(app.help().c_str(), stderr);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& asked) {  // --help, --version
    return app.exit(asked);
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "byline: %s (see byline --help)\n", error.what());
    return error.get_exit_code();
  }

  if (serve_command->parsed()) {
    serve_options.data_dir = data_dir;
    serve_options.theme_dir = theme_dir;
    serve_options.page_cache = !no_cache && !no_page_cache;
    serve_options.fragment_cache = !no_cache;
    serve_options.access_log = !no_access_log;
    return serve(serve_options);
  }
  return action ? action() : 0;
}

}  // namespace byline::app
