// Real images made on the spot for tests (libvips), so no binary fixtures
// are checked in.
#pragma once

#include <string>

namespace byline::testing {

// A JPEG (or PNG) of `width` x `height` pixels showing a grey ramp.
std::string make_jpeg(int width, int height);
std::string make_png(int width, int height);

}  // namespace byline::testing
