// Taking metadata out of a WebP file before readers get it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::media {

// The same WebP image without its EXIF and XMP chunks (and the VP8X flags
// that announce them); nullopt when `webp` is not a WebP file.
std::optional<std::string> without_webp_metadata(std::string_view webp);

}  // namespace byline::media
