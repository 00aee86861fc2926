// Test images with libvips.
#include "test_images.hpp"

#include <vips/vips.h>

#include <mutex>
#include <stdexcept>

namespace byline::testing {
namespace {

void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] { VIPS_INIT("byline-tests"); });
}

// `grey` (one band of bytes, let go of here) as an sRGB image of three.
VipsImage* as_colour(VipsImage* grey) {
  VipsImage* bands[] = {grey, grey, grey};
  VipsImage* colour = nullptr;
  vips_bandjoin(bands, &colour, 3, nullptr);
  g_object_unref(grey);
  vips_image_set_int(colour, "interpretation", VIPS_INTERPRETATION_sRGB);
  return colour;
}

// A horizontal grey ramp in three bands.
VipsImage* gradient(int width, int height) {
  start_vips();
  VipsImage* grey = nullptr;
  if (vips_grey(&grey, width, height, nullptr) != 0) throw std::runtime_error(vips_error_buffer());
  VipsImage* scaled = nullptr;
  vips_linear1(grey, &scaled, 255.0, 0.0, "uchar", TRUE, nullptr);
  g_object_unref(grey);
  return as_colour(scaled);
}

// Random pixels in three bands.
VipsImage* noise(int width, int height) {
  start_vips();
  VipsImage* grey = nullptr;
  if (vips_gaussnoise(&grey, width, height, "sigma", 80.0, "mean", 128.0, nullptr) != 0) {
    throw std::runtime_error(vips_error_buffer());
  }
  VipsImage* bytes = nullptr;
  vips_cast(grey, &bytes, VIPS_FORMAT_UCHAR, nullptr);
  g_object_unref(grey);
  return as_colour(bytes);
}

// Encodes `image` (and lets it go) with `save`.
template <typename Save>
std::string encode(VipsImage* image, Save save) {
  void* buffer = nullptr;
  std::size_t size = 0;
  const int failed = save(image, &buffer, &size);
  g_object_unref(image);
  if (failed) throw std::runtime_error(vips_error_buffer());
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

// Little-endian TIFF words, for the EXIF block below.
void put16(std::string& out, unsigned value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}
void put32(std::string& out, unsigned value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

// EXIF ("Exif\0\0" and a TIFF structure) whose IFD0 points to a GPS IFD
// holding GPSLatitudeRef "N" and GPSLatitude 35/1 41/1 59/1.
std::string gps_exif() {
  std::string tiff = "II";
  put16(tiff, 42);
  put32(tiff, 8);  // IFD0 right after the header
  put16(tiff, 1);  // one entry: the GPS IFD pointer
  put16(tiff, 0x8825);
  put16(tiff, 4);  // LONG
  put32(tiff, 1);
  put32(tiff, 26);  // where the GPS IFD starts
  put32(tiff, 0);   // no next IFD
  put16(tiff, 2);   // GPS IFD: two entries
  put16(tiff, 0x0001);
  put16(tiff, 2);  // ASCII
  put32(tiff, 2);
  tiff += std::string("N\0\0\0", 4);
  put16(tiff, 0x0002);
  put16(tiff, 5);  // RATIONAL
  put32(tiff, 3);
  put32(tiff, 56);  // the three rationals follow the IFD
  put32(tiff, 0);
  for (const unsigned part : {35u, 41u, 59u}) {
    put32(tiff, part);
    put32(tiff, 1);
  }
  return std::string("Exif\0\0", 6) + tiff;
}

}  // namespace

std::string make_noise_png(int width, int height) {
  return encode(noise(width, height), [](VipsImage* image, void** buffer, std::size_t* size) {
    return vips_pngsave_buffer(image, buffer, size, "compression", 1, nullptr);
  });
}

std::string make_jpeg_with_gps(int width, int height, const std::string& xmp_marker) {
  return encode(gradient(width, height), [&xmp_marker](VipsImage* image, void** buffer, std::size_t* size) {
    const std::string exif = gps_exif();
    vips_image_set_blob_copy(image, VIPS_META_EXIF_NAME, exif.data(), exif.size());
    const std::string xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                            "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"35,41.98N\" "
                            "exif:UserComment=\"" + xmp_marker + "\"/></rdf:RDF></x:xmpmeta>";
    vips_image_set_blob_copy(image, VIPS_META_XMP_NAME, xmp.data(), xmp.size());
    return vips_jpegsave_buffer(image, buffer, size, nullptr);
  });
}

std::string make_animated_webp(int side, int frames) {
  // Noise, so that every frame differs (the encoder merges equal ones).
  return encode(noise(side, side * frames), [side](VipsImage* image, void** buffer, std::size_t* size) {
    vips_image_set_int(image, VIPS_META_PAGE_HEIGHT, side);
    return vips_webpsave_buffer(image, buffer, size, "effort", 0, "Q", 10, nullptr);
  });
}

std::string make_jpeg(int width, int height) {
  return encode(gradient(width, height), [](VipsImage* image, void** buffer, std::size_t* size) {
    return vips_jpegsave_buffer(image, buffer, size, nullptr);
  });
}

std::string make_png(int width, int height) {
  return encode(gradient(width, height), [](VipsImage* image, void** buffer, std::size_t* size) {
    return vips_pngsave_buffer(image, buffer, size, "compression", 1, nullptr);
  });
}

}  // namespace byline::testing
