// A theme of one's own, read from a folder (`byline serve --theme DIR`):
// its templates, partials/, assets/ and locales/, as the default theme has
// them. Nothing else in the folder is read, so a theme kept with its
// node_modules or .git costs nothing, and no link in it is followed.
#pragma once

#include "common/result.hpp"
#include "render/theme.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace byline::render {

struct ThemeFolderLimits {
  std::size_t max_files = 2000;
  std::size_t max_bytes = 64 * 1024 * 1024;  // all files together
};

// The theme in `folder`, checked as Theme::check() does, its words over the
// default theme's. The error says which file is wrong and how.
Result<std::shared_ptr<const Theme>> load_theme_folder(const std::filesystem::path& folder,
                                                       std::string assets_url,
                                                       const ThemeFolderLimits& limits = {});

// A summary of the files load_theme_folder() reads (their names, sizes and
// modification times): it changes when one is edited, added or removed.
std::string theme_folder_state(const std::filesystem::path& folder,
                               const ThemeFolderLimits& limits = {});

}  // namespace byline::render
