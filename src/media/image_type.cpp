// File signatures of the image types Byline accepts.
#include "media/image_type.hpp"

namespace byline::media {

std::optional<ImageType> sniff_image_type(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return ImageType::jpeg;
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return ImageType::png;
  if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) return ImageType::gif;
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return ImageType::webp;
  }
  return std::nullopt;
}

std::string_view extension(ImageType type) {
  switch (type) {
    case ImageType::jpeg: return "jpg";
    case ImageType::png: return "png";
    case ImageType::gif: return "gif";
    case ImageType::webp: return "webp";
  }
  return "bin";
}

}  // namespace byline::media
