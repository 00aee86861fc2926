// Image handling on libvips: header checks before any pixel is decoded,
// WebP variants with metadata stripped.
#include "media/media_library.hpp"

#include "accounts/secrets.hpp"
#include "common/files_beneath.hpp"
#include "common/storage.hpp"
#include "media/image_type.hpp"
#include "media/webp_metadata.hpp"
#include "store/store.hpp"

#include <vips/vips.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <unordered_set>
#include <vector>

namespace byline::media {
namespace {

void ensure_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("byline") != 0) vips_error_exit("libvips could not start");
    // A broken upload makes libvips warn on stderr; the refusal already says
    // what went wrong, in Byline's log.
    g_log_set_handler(
        "VIPS", G_LOG_LEVEL_WARNING, [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {},
        nullptr);
    vips_concurrency_set(1);  // requests are the parallelism; keep one image to one core
    vips_cache_set_max(0);    // nothing is looked at twice
  });
}

// Owns a VipsImage.
struct ImageRef {
  VipsImage* image = nullptr;
  ~ImageRef() {
    if (image) g_object_unref(image);
  }
};

Error refused(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

Error vips_failure(std::string_view what) {
  std::string detail = std::string(what) + ": " + vips_error_buffer();
  vips_error_clear();
  return make_error(ErrorCode::invalid_input, "That file could not be read as an image.", detail);
}

// The files one upload has written so far; removed again unless the upload
// is kept, so a failure half-way (a full disk) leaves nothing behind.
class WrittenFiles {
 public:
  ~WrittenFiles() {
    std::error_code ignored;
    for (const auto& file : files_) std::filesystem::remove(file, ignored);
  }
  Result<void> write(std::filesystem::path path, const void* data, std::size_t size) {
    BYLINE_TRY(write_file_durably(path, std::string_view(static_cast<const char*>(data), size)));
    files_.push_back(std::move(path));
    return {};
  }
  void keep() { files_.clear(); }

 private:
  std::vector<std::filesystem::path> files_;
};

std::string month_folder(Time now) {
  const std::time_t seconds = now.time_since_epoch().count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char folder[32];
  std::snprintf(folder, sizeof folder, "%04d/%02d", utc.tm_year + 1900, utc.tm_mon + 1);
  return folder;
}

bool is_public_path_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '/' || c == '.';
}

// The shape of the paths Byline gives variants; anything else is refused
// before the file system is asked.
bool is_public_path(std::string_view path) {
  return !path.empty() && path.size() <= 200 && path.find("..") == std::string_view::npos &&
         path.front() != '/' && std::all_of(path.begin(), path.end(), is_public_path_character);
}

}  // namespace

MediaLibrary::MediaLibrary(std::shared_ptr<store::Store> store, std::filesystem::path data_dir)
    : store_(std::move(store)), root_(std::move(data_dir) / "media") {}

Result<content::Media> MediaLibrary::add(const Upload& upload, Time now) {
  if (upload.bytes.empty()) return refused("The file is empty.");
  if (upload.bytes.size() > kMaxUploadBytes) {
    return make_error(ErrorCode::too_large, "Images can be at most 20 MB.");
  }
  const auto type = sniff_image_type(upload.bytes);
  if (!type) return refused("Only JPEG, PNG, GIF and WebP images can be uploaded.");

  ensure_vips();
  ImageRef header;
  // Rule: a damaged image (cut short, data missing) is refused, never kept
  // as what a decoder guesses: any warning is a failure.
  header.image =
      vips_image_new_from_buffer(upload.bytes.data(), upload.bytes.size(), "", "access",
                                 VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_WARNING, nullptr);
  if (!header.image) return vips_failure("reading the header");
  const int width = vips_image_get_width(header.image);
  const int height = vips_image_get_height(header.image);
  if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide ||
      static_cast<long long>(width) * height > kMaxPixels) {
    return refused("That image is too large in pixels (at most 12000 on a side, 60 megapixels).");
  }
  const int frames = std::max(1, vips_image_get_n_pages(header.image));
  if (frames > kMaxFrames ||
      static_cast<long long>(width) * height * frames > kMaxAnimationPixels) {
    return refused("That animation has too many frames (at most 1000, 600 megapixels in all).");
  }
  // Decoded whole, once, before anything is written: a file cut short
  // fails here rather than becoming a grey half-picture.
  double mean = 0;
  if (vips_avg(header.image, &mean, nullptr) != 0) return vips_failure("decoding");

  // Random names: nobody guesses unpublished images' addresses.
  const std::string folder = month_folder(now);
  const std::string name = accounts::random_token(12);
  content::Media media;
  media.original_name = upload.original_name.substr(0, 200);
  media.alt = upload.alt.substr(0, 500);
  media.width = width;
  media.height = height;
  media.uploaded_by = upload.uploaded_by;
  media.created_at = now;
  media.original_path = folder + "/" + name + "." + std::string(extension(*type));

  WrittenFiles written;
  for (const int target : kVariantWidths) {
    // Always make at least one variant; never enlarge.
    const int variant_width = std::min(target, width);
    if (!media.variants.empty() && variant_width <= media.variants.back().width) break;
    ImageRef resized;
    if (vips_thumbnail_buffer(const_cast<char*>(upload.bytes.data()), upload.bytes.size(),
                              &resized.image, variant_width, "height", kMaxSide, "size",
                              VIPS_SIZE_DOWN, nullptr) != 0) {
      return vips_failure("resizing");
    }
    void* encoded = nullptr;
    std::size_t encoded_size = 0;
    if (vips_webpsave_buffer(resized.image, &encoded, &encoded_size, "Q", 80, "strip", TRUE,
                             nullptr) != 0) {
      return vips_failure("encoding WebP");
    }
    // Rule: public copies carry no metadata (a phone photo's EXIF holds
    // where it was taken); the saver's own "strip" leaves EXIF and XMP in
    // on Debian's libvips 8.14.
    auto stripped =
        without_webp_metadata(std::string_view(static_cast<const char*>(encoded), encoded_size));
    g_free(encoded);
    if (!stripped) return vips_failure("stripping metadata");
    const std::string path = folder + "/" + name + "-" + std::to_string(variant_width) + ".webp";
    BYLINE_TRY(written.write(root_ / "public" / path, stripped->data(), stripped->size()));
    media.variants.push_back({variant_width, path});
  }
  BYLINE_TRY(written.write(root_ / "originals" / media.original_path, upload.bytes.data(),
                           upload.bytes.size()));

  auto id = upload.legacy ? store_->import_media(media, *upload.legacy, upload.preferred_id)
                          : store_->create_media(media);
  BYLINE_TRY(id);
  written.keep();
  media.id = *id;
  return media;
}

Result<std::size_t> MediaLibrary::remove_unrecorded_files() const {
  std::unordered_set<std::string> recorded;
  constexpr int kPage = 1000;
  for (int offset = 0;; offset += kPage) {
    auto page = store_->media(kPage, offset);
    BYLINE_TRY(page);
    for (const auto& media : *page) {
      recorded.insert("originals/" + media.original_path);
      for (const auto& variant : media.variants) recorded.insert("public/" + variant.path);
    }
    if (page->size() < static_cast<std::size_t>(kPage)) break;
  }
  std::size_t removed = 0;
  for (const char* folder : {"public", "originals"}) {
    std::error_code error;
    // Symlinks are not followed: nothing outside media/ is ever removed.
    std::filesystem::recursive_directory_iterator walk(root_ / folder, error), end;
    for (; !error && walk != end; walk.increment(error)) {
      if (!walk->is_regular_file(error) || walk->is_symlink(error)) continue;
      const std::string relative = walk->path().lexically_relative(root_ / folder).generic_string();
      const bool partial = relative.ends_with(".partial");
      if (!partial && (!is_upload_file_name(relative) ||
                       recorded.contains(std::string(folder) + "/" + relative))) {
        continue;
      }
      std::error_code ignored;
      if (std::filesystem::remove(walk->path(), ignored)) ++removed;
    }
  }
  return removed;
}

bool is_upload_file_name(std::string_view path) {
  // "2026/11/"
  if (path.size() < 8 || path[4] != '/' || path[7] != '/') return false;
  for (const std::size_t digit : {0, 1, 2, 3, 5, 6}) {
    if (path[digit] < '0' || path[digit] > '9') return false;
  }
  std::string_view name = path.substr(8);
  constexpr std::size_t kNameLength = 16;  // random_token(12), base64url
  if (name.size() <= kNameLength) return false;
  for (const char c : name.substr(0, kNameLength)) {
    const bool base64url = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!base64url) return false;
  }
  name.remove_prefix(kNameLength);
  if (name.starts_with('-') && name.ends_with(".webp")) {
    const std::string_view width = name.substr(1, name.size() - 6);
    return !width.empty() &&
           std::all_of(width.begin(), width.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  return name == ".jpg" || name == ".png" || name == ".gif" || name == ".webp";
}

std::optional<std::string> MediaLibrary::read_public_file(std::string_view path) const {
  if (!is_public_path(path)) return std::nullopt;
  return read_file_beneath(root_ / "public", path, kMaxUploadBytes);
}

bool MediaLibrary::has_public_file(std::string_view path) const {
  return is_public_path(path) && is_file_beneath(root_ / "public", path);
}

std::vector<content::MediaVariant> MediaLibrary::variants_of(std::string_view src) const {
  static constexpr std::string_view kPrefix = "/media/";
  static constexpr std::string_view kSuffix = ".webp";
  if (!src.starts_with(kPrefix) || !src.ends_with(kSuffix)) return {};
  const std::string_view path =
      src.substr(kPrefix.size(), src.size() - kPrefix.size() - kSuffix.size());
  const auto dash = path.rfind('-');
  if (dash == std::string_view::npos) return {};
  const std::string base(path.substr(0, dash));
  // The widths Byline makes, and the one named (an image narrower than
  // some of those has a variant at its own width).
  std::vector<int> widths(std::begin(kVariantWidths), std::end(kVariantWidths));
  widths.push_back(std::atoi(std::string(path.substr(dash + 1)).c_str()));
  std::sort(widths.begin(), widths.end());
  widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
  std::vector<content::MediaVariant> variants;
  for (const int width : widths) {
    std::string variant = base + "-" + std::to_string(width) + std::string(kSuffix);
    if (has_public_file(variant)) variants.push_back({width, std::move(variant)});
  }
  return variants;
}

namespace {

// The width and height in a file's header; no pixel is decoded.
std::optional<std::pair<int, int>> image_size(const std::filesystem::path& file) {
  ensure_vips();
  ImageRef header;
  header.image = vips_image_new_from_file(file.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
  if (!header.image) {
    vips_error_clear();
    return std::nullopt;
  }
  return std::pair{vips_image_get_width(header.image), vips_image_get_height(header.image)};
}

}  // namespace

ImageAttributes MediaLibrary::image_attributes_for(std::string_view src) const {
  const auto variants = variants_of(src);
  if (variants.empty()) return {};
  ImageAttributes attributes;
  for (const auto& variant : variants) {
    if (!attributes.srcset.empty()) attributes.srcset += ", ";
    attributes.srcset += "/media/" + variant.path + " " + std::to_string(variant.width) + "w";
  }
  // The size of the file named, when it is one of them.
  const std::string_view named = src.substr(std::string_view("/media/").size());
  for (const auto& variant : variants) {
    if (variant.path != named) continue;
    if (const auto size = image_size(root_ / "public" / variant.path)) {
      attributes.width = size->first;
      attributes.height = size->second;
    }
  }
  return attributes;
}

std::optional<SizedImage> MediaLibrary::social_image_for(std::string_view src) const {
  const auto variants = variants_of(src);
  if (variants.empty()) return std::nullopt;
  // 1200 pixels wide is what the social networks ask for; a smaller image
  // offers its widest.
  auto chosen = std::find_if(
      variants.rbegin(), variants.rend(),
      [](const content::MediaVariant& variant) { return variant.width <= kSocialImageWidth; });
  if (chosen == variants.rend()) chosen = std::prev(variants.rend());
  const auto size = image_size(root_ / "public" / chosen->path);
  if (!size) return std::nullopt;
  return SizedImage{"/media/" + chosen->path, size->first, size->second};
}

std::string media_src(const content::Media& media) {
  return media.variants.empty() ? "" : "/media/" + media.variants.back().path;
}

std::string media_srcset(const content::Media& media) {
  std::string srcset;
  for (const auto& variant : media.variants) {
    if (!srcset.empty()) srcset += ", ";
    srcset += "/media/" + variant.path + " " + std::to_string(variant.width) + "w";
  }
  return srcset;
}

}  // namespace byline::media
