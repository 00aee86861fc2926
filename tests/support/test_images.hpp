// Real images made on the spot for tests (libvips), so no binary fixtures
// are checked in.
#pragma once

#include <string>

namespace byline::testing {

// A JPEG (or PNG) of `width` x `height` pixels showing a grey ramp.
std::string make_jpeg(int width, int height);
std::string make_png(int width, int height);

// A PNG of random pixels, which compresses to nearly its raw size
// (3 bytes a pixel): for uploads of a given size.
std::string make_noise_png(int width, int height);

// A JPEG carrying what a phone camera adds: EXIF with a GPS position
// (latitude 35° 41′ 59″ N) and an XMP packet naming `xmp_marker`.
std::string make_jpeg_with_gps(int width, int height, const std::string& xmp_marker);

// An animated WebP of `frames` frames of `side` x `side` pixels.
std::string make_animated_webp(int side, int frames);

}  // namespace byline::testing
