// WebP metadata removal with libwebpmux, which rewrites the RIFF container
// (chunk list, VP8X flags, sizes) without touching the image data.
#include "media/webp_metadata.hpp"

#include <webp/mux.h>

namespace byline::media {

std::optional<std::string> without_webp_metadata(std::string_view webp) {
  const WebPData input{reinterpret_cast<const uint8_t*>(webp.data()), webp.size()};
  WebPMux* mux = WebPMuxCreate(&input, 0);  // reads `webp` in place
  if (!mux) return std::nullopt;
  for (const char* chunk : {"EXIF", "XMP "}) {
    const WebPMuxError deleted = WebPMuxDeleteChunk(mux, chunk);
    if (deleted != WEBP_MUX_OK && deleted != WEBP_MUX_NOT_FOUND) {
      WebPMuxDelete(mux);
      return std::nullopt;
    }
  }
  WebPData output;
  WebPDataInit(&output);
  const bool assembled = WebPMuxAssemble(mux, &output) == WEBP_MUX_OK;
  WebPMuxDelete(mux);
  if (!assembled) return std::nullopt;
  std::string stripped(reinterpret_cast<const char*>(output.bytes), output.size);
  WebPDataClear(&output);
  return stripped;
}

}  // namespace byline::media
