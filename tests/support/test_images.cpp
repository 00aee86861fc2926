// Test images with libvips.
#include "test_images.hpp"

#include <vips/vips.h>

#include <mutex>
#include <stdexcept>

namespace byline::testing {
namespace {

// A horizontal grey ramp in three bands.
VipsImage* gradient(int width, int height) {
  static std::once_flag once;
  std::call_once(once, [] { VIPS_INIT("byline-tests"); });
  VipsImage* grey = nullptr;
  if (vips_grey(&grey, width, height, nullptr) != 0) throw std::runtime_error(vips_error_buffer());
  VipsImage* scaled = nullptr;
  vips_linear1(grey, &scaled, 255.0, 0.0, "uchar", TRUE, nullptr);
  g_object_unref(grey);
  VipsImage* bands[] = {scaled, scaled, scaled};
  VipsImage* colour = nullptr;
  vips_bandjoin(bands, &colour, 3, nullptr);
  g_object_unref(scaled);
  vips_image_set_int(colour, "interpretation", VIPS_INTERPRETATION_sRGB);
  return colour;
}

template <typename Save>
std::string encode(int width, int height, Save save) {
  VipsImage* image = gradient(width, height);
  void* buffer = nullptr;
  std::size_t size = 0;
  const int failed = save(image, &buffer, &size);
  g_object_unref(image);
  if (failed) throw std::runtime_error(vips_error_buffer());
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

}  // namespace

std::string make_jpeg(int width, int height) {
  return encode(width, height, [](VipsImage* image, void** buffer, std::size_t* size) {
    return vips_jpegsave_buffer(image, buffer, size, nullptr);
  });
}

std::string make_png(int width, int height) {
  return encode(width, height, [](VipsImage* image, void** buffer, std::size_t* size) {
    return vips_pngsave_buffer(image, buffer, size, "compression", 1, nullptr);
  });
}

}  // namespace byline::testing
