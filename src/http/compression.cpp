#include "http/compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace byline::http {
namespace {

// The q value the Accept-Encoding header `accept` gives `coding`; -1 when
// it does not name it.
double quality_of(std::string_view accept, std::string_view coding) {
  std::size_t start = 0;
  while (start < accept.size()) {
    auto end = accept.find(',', start);
    if (end == std::string_view::npos) end = accept.size();
    std::string_view item = accept.substr(start, end - start);
    start = end + 1;
    const auto semicolon = item.find(';');
    std::string_view name = item.substr(0, semicolon);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.size() != coding.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size(); ++i) {
      same = same && std::tolower(static_cast<unsigned char>(name[i])) == coding[i];
    }
    if (!same) continue;
    if (semicolon == std::string_view::npos) return 1.0;
    std::string_view parameter = item.substr(semicolon + 1);
    while (!parameter.empty() && parameter.front() == ' ') parameter.remove_prefix(1);
    if (!parameter.starts_with("q=") && !parameter.starts_with("Q=")) return 1.0;
    // "q=0", "q=0.0", "q=0.000" refuse; anything else accepts.
    parameter.remove_prefix(2);
    for (const char c : parameter) {
      if (c >= '1' && c <= '9') return 1.0;
      if (c != '0' && c != '.') break;
    }
    return 0.0;
  }
  return -1.0;
}

}  // namespace

Encoding choose_encoding(std::string_view accept) {
  if (accept.empty()) return Encoding::identity;
  if (quality_of(accept, "br") > 0) return Encoding::brotli;
  if (quality_of(accept, "gzip") > 0) return Encoding::gzip;
  return Encoding::identity;
}

std::string_view content_coding(Encoding encoding) {
  switch (encoding) {
    case Encoding::gzip: return "gzip";
    case Encoding::brotli: return "br";
    case Encoding::identity: break;
  }
  return "";
}

std::string gzip_compress(std::string_view bytes) {
  z_stream stream{};
  // 15 + 16: a gzip wrapper rather than zlib's.
  if (deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib could not start");
  }
  std::string out(deflateBound(&stream, bytes.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
  return out;
}

std::string brotli_compress(std::string_view bytes) {
  std::size_t size = BrotliEncoderMaxCompressedSize(bytes.size());
  std::string out(size, '\0');
  // Quality 11 is slow (tens of milliseconds for a page) and gains little;
  // 9 is a few milliseconds for a 60 KB page, paid once per change.
  if (!BrotliEncoderCompress(9, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, bytes.size(),
                             reinterpret_cast<const std::uint8_t*>(bytes.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    throw std::runtime_error("brotli compression failed");
  }
  out.resize(size);
  return out;
}

}  // namespace byline::http
