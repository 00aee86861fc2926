// The theme pages are rendered with now. It changes while Byline runs only
// when a theme served from a folder is edited (ThemeReloader); each
// request takes one snapshot, so a page is never half one version.
#pragma once

#include "render/theme.hpp"

#include <atomic>
#include <memory>

namespace byline::render {

class ThemeSource {
 public:
  explicit ThemeSource(std::shared_ptr<const Theme> theme) : current_(std::move(theme)) {}
  std::shared_ptr<const Theme> current() const { return current_.load(); }
  void replace(std::shared_ptr<const Theme> theme) { current_.store(std::move(theme)); }

 private:
  std::atomic<std::shared_ptr<const Theme>> current_;
};

}  // namespace byline::render
