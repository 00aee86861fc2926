// Reading a theme folder: the files a theme is made of, in a bounded walk.
#include "render/theme_folder.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <string_view>
#include <system_error>
#include <vector>

namespace byline::render {
namespace {

namespace fs = std::filesystem;

// The folders below the theme's own whose files make the theme.
constexpr std::array<std::string_view, 3> kSubfolders = {"partials", "assets", "locales"};

// Hidden files and folders (.git, an editor's .swp) and backups (name~).
bool is_skipped(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.empty() || name.front() == '.' || name.back() == '~';
}

bool is_template_or_catalogue(const fs::path& relative) {
  const std::string path = relative.generic_string();
  if (path.starts_with("assets/")) return true;
  if (path.starts_with("locales/")) {  // one file a language, none below
    return path.ends_with(".json") && path.find('/', 8) == std::string::npos;
  }
  return path.ends_with(".mustache");
}

// A link is never followed: a theme from elsewhere could otherwise make
// any file on the machine a public asset, or its walk the whole disk.
bool is_link(const fs::directory_entry& entry) {
  std::error_code probe;
  return entry.is_symlink(probe) || probe;
}

// The theme's files below `folder`, by their path in the theme, in order;
// more than `max_files` is an error, found without walking further.
Result<std::vector<fs::path>> theme_files(const fs::path& folder, std::size_t max_files) {
  std::error_code probe;  // a file that vanished between listing and looking: left out
  if (!fs::is_directory(folder, probe)) {
    return make_error(ErrorCode::invalid_input,
                      "The theme folder " + folder.string() + " does not exist or is no folder.");
  }
  std::vector<fs::path> found;
  auto consider = [&](const fs::directory_entry& entry) {
    if (is_skipped(entry.path()) || is_link(entry) || !entry.is_regular_file(probe)) return;
    const fs::path relative = entry.path().lexically_relative(folder);
    if (is_template_or_catalogue(relative)) found.push_back(relative);
  };
  auto too_many = [&] {
    return make_error(ErrorCode::invalid_input, "The theme folder " + folder.string() +
                                                    " has more than " + std::to_string(max_files) +
                                                    " files.");
  };
  std::error_code failed;
  for (auto at = fs::directory_iterator(folder, failed); !failed && at != fs::directory_iterator();
       at.increment(failed)) {
    consider(*at);
    if (found.size() > max_files) return too_many();
  }
  for (const std::string_view subfolder : kSubfolders) {
    const fs::directory_entry below(folder / subfolder, probe);
    if (failed || is_link(below) || !below.is_directory(probe)) continue;
    for (auto walk = fs::recursive_directory_iterator(below.path(), failed);
         !failed && walk != fs::recursive_directory_iterator(); walk.increment(failed)) {
      if (walk->is_directory(probe) && (is_skipped(walk->path()) || is_link(*walk))) {
        walk.disable_recursion_pending();
        continue;
      }
      consider(*walk);
      if (found.size() > max_files) return too_many();
    }
  }
  if (failed) {
    return make_error(ErrorCode::invalid_input, "The theme folder " + folder.string() +
                                                    " could not be read: " + failed.message());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

Result<std::shared_ptr<const Theme>> load_theme_folder(const fs::path& folder,
                                                       std::string assets_url,
                                                       const ThemeFolderLimits& limits) {
  auto paths = theme_files(folder, limits.max_files);
  BYLINE_TRY(paths);
  auto too_big = [&] {
    return make_error(ErrorCode::invalid_input,
                      "The theme folder " + folder.string() + " holds more than " +
                          std::to_string(limits.max_bytes / (1024 * 1024)) + " MB.");
  };
  std::vector<ThemeFile> files;
  std::size_t total = 0;
  for (const auto& path : *paths) {
    // Sized before it is read: one huge file is refused, not loaded.
    std::error_code probe;
    const auto size = fs::file_size(folder / path, probe);
    if (probe) continue;  // gone since the walk
    if (size > limits.max_bytes - total) return too_big();
    std::ifstream in(folder / path, std::ios::binary);
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) {
      return make_error(ErrorCode::invalid_input,
                        "The theme file " + (folder / path).string() + " could not be read.");
    }
    total += size;
    files.push_back({path.generic_string(), std::move(bytes)});
  }
  auto theme = std::make_shared<const Theme>(std::move(files), std::move(assets_url),
                                             &Theme::embedded_default()->messages());
  if (auto usable = theme->check(); !usable) {
    return make_error(ErrorCode::invalid_input, "The theme in " + folder.string() +
                                                    " cannot be used: " + usable.error().message);
  }
  return std::shared_ptr<const Theme>(std::move(theme));
}

std::string theme_folder_state(const fs::path& folder, const ThemeFolderLimits& limits) {
  auto paths = theme_files(folder, limits.max_files);
  if (!paths) return "unreadable: " + paths.error().message;
  std::string state;
  std::error_code error;
  for (const auto& path : *paths) {
    const auto size = fs::file_size(folder / path, error);
    const auto changed = fs::last_write_time(folder / path, error);
    state += path.generic_string() + ' ' + std::to_string(size) + ' ' +
             std::to_string(changed.time_since_epoch().count()) + '\n';
  }
  return state;
}

}  // namespace byline::render
