#include "app/theme_reloader.hpp"

#include "common/log.hpp"
#include "render/theme_folder.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace byline::app {
namespace {

// Often enough that a saved file shows on the next page load, rarely
// enough to cost nothing: a theme is a few dozen small files.
constexpr auto kLookEvery = std::chrono::milliseconds(250);

}  // namespace

ThemeReloader::ThemeReloader(std::filesystem::path folder,
                             std::shared_ptr<render::ThemeSource> themes, std::string assets_url,
                             std::string served_state, std::function<void()> on_reload)
    : folder_(std::move(folder)),
      themes_(std::move(themes)),
      assets_url_(std::move(assets_url)),
      on_reload_(std::move(on_reload)),
      served_state_(std::move(served_state)),
      thread_([this](const std::stop_token& stop) { watch(stop); }) {}

void ThemeReloader::watch(const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::string served = std::move(served_state_);
  std::string seen = served;
  while (true) {
    {
      std::unique_lock lock(mutex);
      // Nothing but a stop request wakes it early.
      wake.wait_for(lock, stop, kLookEvery, [] { return false; });
    }
    if (stop.stop_requested()) return;
    const std::string now = render::theme_folder_state(folder_);
    // An editor saving several files, or one in steps, is read once it
    // has settled: the same for two looks in a row.
    const bool settled = now == seen;
    seen = now;
    if (!settled || now == served) continue;
    served = now;
    auto theme = render::load_theme_folder(folder_, assets_url_);
    if (!theme) {
      log_line("Theme: not reloaded, the last version that worked is still served: " +
               theme.error().message);
      continue;
    }
    themes_->replace(std::move(*theme));
    on_reload_();
    log_line("Theme: reloaded " + folder_.string());
  }
}

}  // namespace byline::app
