// Theme loading and rendering. kainjow's compiled templates keep render
// state, so each thread compiles its own copy once and reuses it.
#include "render/theme.hpp"

#include "common/text_encoding.hpp"
#include "render/view.hpp"

#include <atomic>
#include <unordered_map>
#include <vector>

namespace byline::render {
namespace {

constexpr std::string_view kTemplateSuffix = ".mustache";
constexpr std::string_view kPartialsFolder = "partials/";
constexpr std::string_view kAssetsFolder = "assets/";

std::string content_type_for(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".avif", "image/avif"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".webmanifest", "application/manifest+json"},
      {".xml", "application/xml"},
      {".map", "application/json"},
  };
  for (const auto& [suffix, type] : kTypes) {
    if (path.ends_with(suffix)) return std::string(type);
  }
  return "application/octet-stream";
}

std::string view_key(std::string_view path) {
  std::string key(path);
  for (char& c : key) {
    if (c == '.' || c == '/' || c == '-') c = '_';
  }
  return key;
}

using Compiled = kainjow::mustache::mustache;

std::uint64_t next_theme_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

}  // namespace

Theme::Theme(std::span<const EmbeddedFile> files, std::string assets_url) : id_(next_theme_id()) {
  add_files(files, assets_url, nullptr);
}

Theme::Theme(std::vector<ThemeFile> files, std::string assets_url, const Messages* words_underneath)
    : owned_files_(std::move(files)), id_(next_theme_id()) {
  std::vector<EmbeddedFile> views;
  views.reserve(owned_files_.size());
  for (const auto& file : owned_files_) views.push_back({file.path, file.bytes});
  add_files(views, assets_url, words_underneath);
}

void Theme::add_files(std::span<const EmbeddedFile> files, const std::string& assets_url,
                      const Messages* words_underneath) {
  if (auto messages = Messages::from_files(files, words_underneath)) {
    messages_ = std::move(*messages);
  } else {
    messages_problem_ = messages.error().message;
  }
  auto add_asset = [&](std::string_view name, std::string_view bytes) {
    const auto hash = content_hash(bytes);
    // "style.css" -> "style.3f9a2c1b0d.css"
    const auto dot = name.rfind('.');
    const std::string versioned = dot == std::string_view::npos
                                      ? std::string(name) + "." + hash.substr(0, 10)
                                      : std::string(name.substr(0, dot)) + "." +
                                            hash.substr(0, 10) + std::string(name.substr(dot));
    versioned_names_.emplace(versioned, std::string(name));
    assets_.emplace(std::string(name), Asset{bytes, content_type_for(name), "\"" + hash + "\"",
                                             versioned, assets_url + versioned});
  };
  std::vector<const EmbeddedFile*> stylesheets;
  for (const auto& file : files) {
    const std::string_view path = file.path;
    if (path.starts_with(kAssetsFolder)) {
      const auto name = path.substr(kAssetsFolder.size());
      if (name.ends_with(".css")) {
        stylesheets.push_back(&file);
      } else {
        add_asset(name, file.bytes);
      }
    } else if (path.ends_with(kTemplateSuffix)) {
      auto name = path.substr(0, path.size() - kTemplateSuffix.size());
      if (name.starts_with(kPartialsFolder)) {
        partials_.emplace(std::string(name.substr(kPartialsFolder.size())), file.bytes);
      } else {
        templates_.emplace(std::string(name), file.bytes);
      }
    }
  }
  // Stylesheets last: a url("fonts/x.woff2") in one names the file by its
  // versioned name, so that the browser may keep it a year; the
  // stylesheet's own hash then changes with the files it names.
  for (const EmbeddedFile* file : stylesheets) {
    std::string text(file->bytes);
    for (const auto& [name, asset] : assets_) {
      const std::string plain = "url(\"" + name + "\")";
      const std::string versioned = "url(\"" + asset.versioned_name + "\")";
      for (auto at = text.find(plain); at != std::string::npos;
           at = text.find(plain, at + versioned.size())) {
        text.replace(at, plain.size(), versioned);
      }
    }
    rewritten_stylesheets_.push_back(std::move(text));
    add_asset(std::string_view(file->path).substr(kAssetsFolder.size()),
              rewritten_stylesheets_.back());
  }
}

std::shared_ptr<const Theme> Theme::embedded_default() {
  static const auto theme = std::make_shared<const Theme>(default_theme_files(), "/assets/");
  return theme;
}

bool Theme::has_template(std::string_view name) const { return templates_.contains(name); }

Result<void> Theme::check() const {
  for (const std::string_view required : {"index", "post"}) {
    if (!has_template(required)) {
      return make_error(ErrorCode::invalid_input,
                        "the theme has no " + std::string(required) +
                            ".mustache; every theme needs index.mustache and post.mustache");
    }
  }
  auto compiles = [](const std::string& file, const std::string& source) -> Result<void> {
    const Compiled compiled(source);
    if (compiled.is_valid()) return {};
    return make_error(ErrorCode::invalid_input, file + ": " + compiled.error_message());
  };
  for (const auto& [name, source] : templates_) {
    BYLINE_TRY(compiles(name + std::string(kTemplateSuffix), source));
  }
  for (const auto& [name, source] : partials_) {
    BYLINE_TRY(
        compiles(std::string(kPartialsFolder) + name + std::string(kTemplateSuffix), source));
  }
  if (!messages_problem_.empty()) return make_error(ErrorCode::invalid_input, messages_problem_);
  return {};
}

const Asset* Theme::asset(std::string_view path) const {
  auto found = assets_.find(path);
  if (found != assets_.end()) return &found->second;
  const auto versioned = versioned_names_.find(path);
  return versioned == versioned_names_.end() ? nullptr : &assets_.find(versioned->second)->second;
}

void Theme::add_asset_urls(View& view) const {
  View urls;
  for (const auto& [path, asset] : assets_) urls.set(view_key(path), asset.url);
  view.set("assets", urls);
}

Result<std::string> Theme::render_template(const std::string& name, View& view) const {
  return render_source(name, templates_.find(name)->second, view);
}

Result<std::string> Theme::render_source(const std::string& name, const std::string& source,
                                         View& view) const {
  thread_local std::unordered_map<std::uint64_t, std::unordered_map<std::string, Compiled>>
      compiled;
  // Themes come and go only while one is being worked on (reloaded from
  // its folder): forget the copies of themes that may be gone.
  if (compiled.size() > 4 && !compiled.contains(id_)) compiled.clear();
  auto& mine = compiled[id_];
  auto found = mine.find(name);
  if (found == mine.end()) {
    found = mine.emplace(name, Compiled(source)).first;
  }
  Compiled& compiled_template = found->second;
  if (!compiled_template.is_valid()) {
    return make_error(ErrorCode::internal, "The page could not be shown.",
                      "template " + name + ": " + compiled_template.error_message());
  }
  std::string out;
  out.reserve(16 * 1024);
  compiled_template.render(view, [&out](const std::string& piece) { out += piece; });
  if (!compiled_template.is_valid()) {
    return make_error(ErrorCode::internal, "The page could not be shown.",
                      "template " + name + ": " + compiled_template.error_message());
  }
  return out;
}

Result<void> Theme::add_partials(View& view) const {
  // Mustache looks partials up among the data, so a data key with a
  // partial's name would hide it.
  for (const auto& [name, source] : partials_) {
    if (view.get(name) != nullptr) {
      return make_error(ErrorCode::internal, "The page could not be shown.",
                        "view key '" + name + "' hides the partial of that name");
    }
    view.set(name, kainjow::mustache::partial([&source = source] { return source; }));
  }
  return {};
}

Result<std::string> Theme::render_partial(std::string_view name, View& view) const {
  const auto partial = partials_.find(name);
  if (partial == partials_.end()) {
    return make_error(ErrorCode::internal, "The page could not be shown.",
                      "the theme has no partial " + std::string(name));
  }
  BYLINE_TRY(add_partials(view));
  return render_source("partials/" + partial->first, partial->second, view);
}

Result<std::string> Theme::render_page(std::initializer_list<std::string_view> names,
                                       View& view) const {
  BYLINE_TRY(add_partials(view));
  add_asset_urls(view);
  for (const auto name : names) {
    if (!has_template(name)) continue;
    auto body = render_template(std::string(name), view);
    BYLINE_TRY(body);
    if (!has_template("default")) return body;
    view.set("body", std::move(*body));
    return render_template("default", view);
  }
  return make_error(ErrorCode::internal, "The page could not be shown.",
                    "the theme has none of the templates asked for");
}

}  // namespace byline::render
