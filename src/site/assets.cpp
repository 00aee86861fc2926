// Static asset answers.
#include "site/assets.hpp"

#include "render/theme.hpp"

namespace byline::site {

http::Response asset_response(const render::Asset* asset, const http::Request& request) {
  if (!asset) return http::Response::text(404, "Not found.\n");
  http::Response response;
  response.set_header("ETag", asset->etag);
  // A versioned address (?v=hash) never changes content: cache it for a year.
  response.set_header("Cache-Control", request.query.starts_with("v=")
                                           ? "public, max-age=31536000, immutable"
                                           : "public, max-age=300");
  if (request.header("if-none-match") == asset->etag) {
    response.status = 304;
    return response;
  }
  response.set_header("Content-Type", asset->content_type);
  response.body = std::string(asset->bytes);
  return response;
}

}  // namespace byline::site
