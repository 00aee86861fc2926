// What kind of image a file is, judged from its bytes, never its name.
#pragma once

#include <optional>
#include <string_view>

namespace byline::media {

enum class ImageType { jpeg, png, gif, webp };

// The type whose signature `bytes` start with; nullopt for anything else
// (SVG, which can carry scripts, included).
std::optional<ImageType> sniff_image_type(std::string_view bytes);

std::string_view extension(ImageType type);  // "jpg", "png", "gif", "webp"

}  // namespace byline::media
