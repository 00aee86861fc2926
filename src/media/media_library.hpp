// The media library: checks, stores and resizes uploaded images, and finds
// the files readers ask for.
#pragma once

#include "common/result.hpp"
#include "content/model.hpp"
#include "store/store.hpp"  // LegacyKey

#include <filesystem>
#include <memory>
#include <optional>

namespace byline::media {

inline constexpr std::size_t kMaxUploadBytes = 20 * 1024 * 1024;
inline constexpr int kMaxSide = 12000;               // pixels
inline constexpr long long kMaxPixels = 60'000'000;  // a decompression bomb is refused unread
// An animation's frames are counted before any is decoded: a GIF of a
// million tiny frames is a bomb of its own.
inline constexpr int kMaxFrames = 1000;
inline constexpr long long kMaxAnimationPixels = 10 * kMaxPixels;
inline constexpr int kVariantWidths[] = {400, 800, 1200, 1600, 2400};
inline constexpr int kSocialImageWidth = 1200;

// An image address with its size in pixels.
struct SizedImage {
  std::string src;  // "/media/2026/11/…-1200.webp"
  int width = 0;
  int height = 0;
};

// What an <img> of an image address needs besides its src: the srcset and
// the size in pixels, so the browser reserves the image's space before it
// arrives.
struct ImageAttributes {
  std::string srcset;  // "" when Byline has no variants of the address
  int width = 0;       // 0 when unknown
  int height = 0;
};

struct Upload {
  std::string_view bytes;
  std::string original_name;
  std::string alt;
  content::Id uploaded_by = 0;
  // An image an import brings: recorded with where it came from, and the
  // id it had there when no upload has it here.
  std::optional<store::LegacyKey> legacy;
  content::Id preferred_id = 0;
};

class MediaLibrary {
 public:
  // Files live under `data_dir`/media: originals/ (kept, never served) and
  // public/ (the variants readers get).
  MediaLibrary(std::shared_ptr<store::Store> store, std::filesystem::path data_dir);

  // Rule: only JPEG, PNG, GIF and WebP, judged from the bytes, at most
  // kMaxUploadBytes and kMaxPixels; each becomes WebP variants at the widths
  // of kVariantWidths it can fill, without metadata. Refusals are
  // invalid_input or too_large with a message for the uploader.
  Result<content::Media> add(const Upload& upload, Time now);

  // Removes what uploads cut short by a crash left on disk: ".partial"
  // files, and files named as Byline names uploads whose image never made
  // it into the library. Call at start, before any upload can begin;
  // returns how many files went. Files of other names are left alone.
  Result<std::size_t> remove_unrecorded_files() const;

  // The bytes of the file behind a public path ("2026/11/…-800.webp");
  // nullopt when the path is not one Byline makes, no such file exists, or
  // a symlink is on the way (nothing placed in media/public leads outside).
  std::optional<std::string> read_public_file(std::string_view path) const;
  // Whether read_public_file would find that file.
  bool has_public_file(std::string_view path) const;

  // For an image address Byline made ("/media/…-1200.webp"): the srcset of
  // every width of the same image that exists, and the size of the file the
  // address names. Empty for any other address.
  ImageAttributes image_attributes_for(std::string_view src) const;

  // The variant of an image address Byline made to show on social networks
  // (kSocialImageWidth wide, or the widest there is when the image is
  // narrower), with its size; nullopt for any other address.
  std::optional<SizedImage> social_image_for(std::string_view src) const;

 private:
  // The variants of an image address Byline made whose files exist,
  // narrowest first.
  std::vector<content::MediaVariant> variants_of(std::string_view src) const;

  std::shared_ptr<store::Store> store_;
  std::filesystem::path root_;
};

// Whether `path` (under media/public or media/originals) has the shape of
// the names uploads get: "2026/11/" + a 16-character random name, then
// "-400.webp" (a variant) or ".jpg" and the like (the original).
bool is_upload_file_name(std::string_view path);

// `src` and `srcset` for an <img> of `media`.
std::string media_src(const content::Media& media);
std::string media_srcset(const content::Media& media);

}  // namespace byline::media
