// serve(): a tour of Byline in start-up order. Data directory, Store and
// migrations, demo content, settings, theme, routes, then the server.
#include "app/boot.hpp"

#include "demo/demo_content.hpp"
#include "http/server.hpp"
#include "render/theme.hpp"
#include "site/settings.hpp"
#include "site/site.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <cstdio>
#include <fstream>
#include <thread>

namespace byline::app {
namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "byline: %s\n", message.c_str());
  return 1;
}

int fail(const Error& error) {
  if (!error.detail.empty()) return fail(error.message + " (" + error.detail + ")");
  return fail(error.message);
}

// Creates the data directory if needed and proves it is writable, so the
// operator hears about a permission problem now, not at the first write.
Result<void> prepare_data_dir(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return make_error(ErrorCode::unavailable,
                      "cannot create data directory " + dir.string() + ": " + error.message());
  }
  const auto probe = dir / ".byline-write-check";
  {
    std::ofstream file(probe);
    if (!file || !(file << "ok") || !file.flush()) {
      return make_error(ErrorCode::unavailable,
                        "cannot write to data directory " + dir.string() + ": permission denied");
    }
  }
  std::filesystem::remove(probe, error);
  return {};
}

}  // namespace

int serve(const ServeOptions& options) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);

  if (auto ready = prepare_data_dir(options.data_dir); !ready) return fail(ready.error());

  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto database = options.data_dir / "byline.db";
  auto opened = store::sqlite::SqliteStore::open(database, threads);
  if (!opened) return fail(opened.error());
  std::shared_ptr<store::Store> store = std::move(*opened);

  if (options.demo) {
    auto filled = demo::fill_with_demo_content(*store, now_utc());
    if (!filled) return fail(filled.error());
    if (*filled > 0) {
      std::printf("Demo content: wrote %d posts to %s\n", *filled, database.c_str());
    } else {
      std::printf("Demo content: %s already has posts; left as it is\n", database.c_str());
    }
  }

  auto router = std::make_shared<http::Router>();
  http::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.threads = threads;
  http::Server server(server_options, router);
  if (auto listening = server.listen(); !listening) return fail(listening.error().message);

  site::SiteSettings defaults;
  defaults.url = options.url.empty()
                     ? "http://" + options.host + ":" + std::to_string(server.port())
                     : options.url;
  auto settings = site::load_settings(*store, defaults);
  if (!settings) return fail(settings.error());

  site::Site site(store, render::Theme::embedded_default(), std::move(*settings));
  site.add_routes(*router);

  std::printf("Byline is serving http://%s:%u/ (data: %s, %d threads)\n", options.host.c_str(),
              server.port(), options.data_dir.c_str(), threads);
  server.run();
  std::printf("Byline stopped.\n");
  return 0;
}

}  // namespace byline::app
