// A theme: Mustache templates with Ghost-style fallback and a layout, plus
// the static assets (CSS, JS, icons) it serves under /assets/.
#pragma once

#include "common/embedded_file.hpp"
#include "common/result.hpp"
#include "render/messages.hpp"

#include <cstdint>
#include <initializer_list>
#include <list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kainjow::mustache {
template <typename string_type>
class basic_data;
}

namespace byline::render {

using View = kainjow::mustache::basic_data<std::string>;

struct Asset {
  std::string_view bytes;
  std::string content_type;
  std::string etag;            // strong validator: a hash of the bytes
  std::string versioned_name;  // "style.3f9a2c1b0d.css": named by its content
  std::string url;             // "/assets/style.3f9a2c1b0d.css": changes when the file does
};

// The files of the default theme, compiled into the binary.
std::span<const EmbeddedFile> default_theme_files();

// A theme's file read from a folder: its path in the theme
// ("partials/post-card.mustache") and its bytes.
struct ThemeFile {
  std::string path;
  std::string bytes;
};

class Theme {
 public:
  // A theme made of `files`: "*.mustache" templates, "partials/*.mustache"
  // and "assets/*", the assets served under `assets_url` ("/assets/").
  Theme(std::span<const EmbeddedFile> files, std::string assets_url);
  // The same, from files it keeps (a theme read from a folder), its words
  // over `words_underneath` (see Messages::from_files).
  Theme(std::vector<ThemeFile> files, std::string assets_url,
        const Messages* words_underneath = nullptr);
  // Its assets point into its own storage: not to be copied.
  Theme(const Theme&) = delete;
  Theme& operator=(const Theme&) = delete;

  // The default reader theme.
  static std::shared_ptr<const Theme> embedded_default();

  // Renders the first of `names` this theme has ("post-my-slug", "post"),
  // then wraps it in the layout (`default`), which gets the page as
  // {{{body}}}. Partials ({{> name}}) come from the theme's `partials/`.
  Result<std::string> render_page(std::initializer_list<std::string_view> names, View& view) const;

  // Renders the partial `name` ("recent-post") on its own: a fragment that
  // pages are put together from.
  Result<std::string> render_partial(std::string_view name, View& view) const;

  bool has_template(std::string_view name) const;
  bool has_partial(std::string_view name) const { return partials_.contains(name); }

  // Whether readers can be served from it: it has `index` and `post` (as a
  // Ghost theme must), and every template and partial compiles. The error
  // names the file and what is wrong in it.
  Result<void> check() const;
  std::size_t template_count() const { return templates_.size() + partials_.size(); }
  std::size_t asset_count() const { return assets_.size(); }

  // The words of the theme's pages in each language it speaks
  // (locales/*.json). A theme whose catalogues cannot be read speaks
  // English with the keys for texts; messages_problem() says why.
  const Messages& messages() const { return messages_; }
  const std::string& messages_problem() const { return messages_problem_; }

  // The asset at `path` ("style.css" or its versioned name), or nullptr.
  const Asset* asset(std::string_view path) const;
  // Every asset's versioned URL keyed by a name templates can use:
  // "style.css" -> {{assets.style_css}}.
  void add_asset_urls(View& view) const;

 private:
  void add_files(std::span<const EmbeddedFile> files, const std::string& assets_url,
                 const Messages* words_underneath);
  Result<std::string> render_template(const std::string& name, View& view) const;
  Result<std::string> render_source(const std::string& name, const std::string& source,
                                    View& view) const;
  Result<void> add_partials(View& view) const;

  // The bytes of a theme read from a folder, which its assets point into.
  std::vector<ThemeFile> owned_files_;
  // Names this theme's compiled templates, which each thread keeps: a
  // theme reloaded at the same address must not find its predecessor's.
  std::uint64_t id_;
  std::map<std::string, std::string, std::less<>> templates_;
  std::map<std::string, std::string, std::less<>> partials_;
  std::map<std::string, Asset, std::less<>> assets_;
  std::map<std::string, std::string, std::less<>> versioned_names_;  // versioned name -> name
  // The stylesheets with the versioned names of the files they refer to;
  // their assets' bytes point into these (a list: its strings never move).
  std::list<std::string> rewritten_stylesheets_;
  Messages messages_;
  std::string messages_problem_;
};

}  // namespace byline::render
