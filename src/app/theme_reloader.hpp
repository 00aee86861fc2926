// Serving a theme from its folder while it is worked on: an edit shows on
// the next page load. A thread looks at the folder's files a few times a
// second; once a change has settled it reads the theme again and, when it
// can be used, serves it and lets `on_reload` drop every page rendered
// with the old one. A broken edit is logged, and the last good version is
// served until the next change.
#pragma once

#include "render/theme_source.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace byline::app {

class ThemeReloader {
 public:
  // `served_state` is theme_folder_state() as it was just before the theme
  // being served was read, so that an edit made since is not missed.
  ThemeReloader(std::filesystem::path folder, std::shared_ptr<render::ThemeSource> themes,
                std::string assets_url, std::string served_state, std::function<void()> on_reload);
  // Destroyed, the thread (destroyed first) is asked to stop and waited for.
  ~ThemeReloader() = default;
  ThemeReloader(const ThemeReloader&) = delete;
  ThemeReloader& operator=(const ThemeReloader&) = delete;

 private:
  void watch(const std::stop_token& stop);

  std::filesystem::path folder_;
  std::shared_ptr<render::ThemeSource> themes_;
  std::string assets_url_;
  std::function<void()> on_reload_;
  std::string served_state_;  // the watcher's own once it runs
  std::jthread thread_;       // last: it starts once everything it reads is set
};

}  // namespace byline::app
