// serve(): a tour of Byline in start-up order. Data directory, Store and
// migrations, the media library, demo content, server socket, settings, the
// reader site and the newsroom, the scheduler (which publishes what came due
// while stopped), the owner's setup link, then the I/O threads.
#include "app/boot.hpp"

#include "accounts/sessions.hpp"
#include "api/admin_api.hpp"
#include "api/content_api.hpp"
#include "api/wp_rest_api.hpp"
#include "app/data_dir.hpp"
#include "app/theme_reloader.hpp"
#include "common/cpus.hpp"
#include "common/log.hpp"
#include "demo/demo_content.hpp"
#include "http/page_cache.hpp"
#include "http/server.hpp"
#include "media/media_library.hpp"
#include "newsroom/newsroom.hpp"
#include "publishing/changes.hpp"
#include "publishing/scheduler.hpp"
#include "publishing/workflow.hpp"
#include "render/theme.hpp"
#include "render/theme_folder.hpp"
#include "render/theme_source.hpp"
#include "site/cache_keys.hpp"
#include "site/editions.hpp"
#include "site/settings.hpp"
#include "site/site.hpp"
#include "store/store.hpp"
#include "webhooks/dispatcher.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <optional>

namespace byline::app {
namespace {

// Where the reader site serves its theme's files (site.cpp's route).
constexpr std::string_view kThemeAssetsUrl = "/assets/";

// Raises the open-file limit to what the system allows, and returns how
// many connections fit in it (the rest of the descriptors are for the
// database, media files and the log).
std::size_t connection_capacity() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1000;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur > 128 ? static_cast<std::size_t>(limit.rlim_cur - 64) : 64;
}

}  // namespace

int serve(const ServeOptions& options) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // A log reader that goes away (a closed pipe) must not take the site with
  // it: writes to it fail with EPIPE instead of killing the process.
  std::signal(SIGPIPE, SIG_IGN);

  const int threads = options.threads > 0 ? options.threads : available_cpus();
  // One server per data directory; restore waits for it to stop.
  auto lock = DataDirLock::acquire(options.data_dir);
  if (!lock) return report_failure(lock.error());
  const auto database = options.data_dir / "byline.db";
  auto opened = open_store(options.data_dir, threads);
  if (!opened) return report_failure(opened.error());
  std::shared_ptr<store::Store> store = std::move(*opened);

  auto media = std::make_shared<media::MediaLibrary>(store, options.data_dir);
  // Uploads that a crash cut short leave files behind; nothing else will.
  if (auto removed = media->remove_unrecorded_files(); !removed) {
    return report_failure(removed.error());
  } else if (*removed > 0) {
    log_line("Media: removed " + std::to_string(*removed) +
             " files left by uploads that never finished");
  }
  if (options.demo) {
    auto filled = demo::fill_with_demo_content(*store, *media, now_utc());
    if (!filled) return report_failure(filled.error());
    if (*filled > 0) {
      log_line("Demo content: wrote " + std::to_string(*filled) + " posts to " + database.string());
    } else {
      log_line("Demo content: " + database.string() + " already has posts; left as it is");
    }
  }

  auto router = std::make_shared<http::Router>();
  http::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.threads = threads;
  server_options.access_log = options.access_log;
  server_options.session_cookie = std::string(newsroom::kSessionCookie);
  server_options.max_connections = std::min(options.max_connections, connection_capacity());
  // The cache memory: three quarters for whole pages, a quarter for the
  // fragments they are put together from.
  const std::size_t cache_bytes = options.cache_megabytes * 1024 * 1024;
  if (options.page_cache) {
    // Signed-in staff never get a page from the cache.
    server_options.page_cache = std::make_shared<http::PageCache>(
        cache_bytes / 4 * 3, std::string(newsroom::kSessionCookie));
  }
  auto fragments =
      options.fragment_cache ? std::make_shared<site::FragmentCache>(cache_bytes / 4) : nullptr;
  http::Server server(server_options, router);
  if (auto listening = server.listen(); !listening) {
    return report_failure(make_error(listening.error().code, listening.error().message));
  }

  site::SiteSettings defaults;
  defaults.url = options.url.empty()
                     ? "http://" + options.host + ":" + std::to_string(server.port())
                     : options.url;
  auto settings = site::load_settings(*store, defaults);
  if (!settings) return report_failure(settings.error());

  auto settings_source = std::make_shared<site::SettingsSource>(std::move(*settings));
  // A site on https tells browsers to come back on https only (HSTS).
  server.add_headers([settings = settings_source](http::Response& response) {
    if (settings->current()->url.starts_with("https://")) {
      response.set_header("Strict-Transport-Security", "max-age=31536000");
    }
  });
  // A theme of one's own is read before anything is served, so a broken one
  // stops the start with the reason.
  auto themes = std::make_shared<render::ThemeSource>(render::Theme::embedded_default());
  std::string theme_state;  // what the theme's files were when it was read
  if (!options.theme_dir.empty()) {
    theme_state = render::theme_folder_state(options.theme_dir);
    auto theme = render::load_theme_folder(options.theme_dir, std::string(kThemeAssetsUrl));
    if (!theme) return report_failure(theme.error());
    themes->replace(std::move(*theme));
  }
  site::Site site(store, themes, media, settings_source, fragments);
  auto sessions = std::make_shared<accounts::Sessions>(store);
  // Exact invalidation: a save removes the pages and fragments that showed
  // the post or whose lists it joined or left; a settings, section or tag
  // change removes everything.
  auto changes = std::make_shared<publishing::Changes>();
  changes->on_post_change([pages = server_options.page_cache, fragments](
                              const content::Post* before, const content::Post& after) {
    const auto stale = site::cache_keys::changed_by(before, after, now_utc());
    if (fragments) fragments->invalidate(stale);
    if (pages) pages->invalidate(stale);
  });
  changes->on_site_change([pages = server_options.page_cache, fragments] {
    if (fragments) fragments->clear();
    if (pages) pages->clear();
  });
  // Webhook deliveries are queued with the writes that raise them; the
  // dispatcher makes their bodies once a write commits and sends them from
  // its own thread.
  auto dispatcher = std::make_shared<webhooks::Dispatcher>(store, settings_source);
  changes->on_post_event(
      [dispatcher](std::string_view event, const content::Post* before,
                   const content::Post* after) { dispatcher->post_event(event, before, after); });
  auto workflow = std::make_shared<publishing::Workflow>(store, changes);
  workflow->keep_slugs_for([settings = settings_source](std::string_view slug) {
    return site::edition_named(*settings->current(), slug) != nullptr;
  });
  newsroom::Newsroom newsroom(
      store, sessions, workflow, media, settings_source,
      [&site](const content::Post& post) {
        http::Response preview = site.render_article(post);
        preview.cache.reset();  // a preview is for staff only
        return preview;
      },
      changes);
  // Each adds its group of routes: the newsroom's under /newsroom/, the
  // Content and Admin APIs' under /ghost/api/…/content/ and …/admin/, the
  // WordPress REST API's under /wp-json/, and the site's for every path no
  // other group claims.
  newsroom.add_routes(*router);
  api::ContentApi content_api(store, settings_source);
  content_api.add_routes(*router);
  api::AdminApi admin_api(store, settings_source, workflow, media);
  admin_api.add_routes(*router);
  api::WpRestApi wp_rest_api(store, settings_source);
  wp_rest_api.add_routes(*router);
  site.add_routes(*router);
  if (server_options.page_cache) {
    // Without owning the router: its handlers reach the page cache (through
    // the Workflow's change listeners), so a cache owning it would keep
    // both, and the Store, alive for ever. The router outlives every
    // request the cache sees (both serve until server.run() returns), and
    // a plain pointer costs the lookup on every request nothing.
    server_options.page_cache->set_query_fields(
        [routes = router.get()](std::string_view path) -> const std::vector<std::string>& {
          return routes->query_fields(path);
        });
  }
  publishing::Scheduler scheduler(workflow);
  // Every page and fragment was rendered with the theme: an edit to it
  // drops them all, as a change to the site's settings does.
  std::optional<ThemeReloader> theme_reloader;
  if (!options.theme_dir.empty()) {
    theme_reloader.emplace(options.theme_dir, themes, std::string(kThemeAssetsUrl),
                           std::move(theme_state), [changes] { changes->site_changed(); });
    log_line("Theme: serving " + options.theme_dir.string() + ", read again when it changes");
  }
  dispatcher->start();

  auto setup_link = newsroom.prepare_setup_link(now_utc());
  if (!setup_link) return report_failure(setup_link.error());

  // Through the log, like every line a running server prints: in order, and
  // never waiting for a reader that has stalled.
  const std::string address = "http://" + options.host + ":" + std::to_string(server.port());
  log_line("Byline is serving " + address + "/ (data: " + options.data_dir.string() + ", " +
           std::to_string(threads) + " threads, " +
           (!options.fragment_cache ? "no cache"
            : options.page_cache    ? "cache " + std::to_string(options.cache_megabytes) + " MB"
                                    : "fragment cache only") +
           ")");
  if (*setup_link) {
    log_line("No admin account yet. Create the owner account at " + address + **setup_link +
             " (the link works once, for 24 hours)");
  }
  server.run();
  log_line("Byline stopped.");
  return 0;
}

}  // namespace byline::app
