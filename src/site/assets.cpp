// Static asset answers.
#include "site/assets.hpp"

#include "render/theme.hpp"

namespace byline::site {

http::Response asset_response(const render::Asset* asset, std::string_view path,
                              const http::Request& request) {
  if (!asset) return http::Response::text(404, "Not found.\n");
  http::Response response;
  response.set_header("ETag", asset->etag);
  response.set_header("Cache-Control", path == asset->versioned_name
                                           ? "public, max-age=31536000, immutable"
                                           : "public, max-age=300");
  if (request.header("if-none-match") == asset->etag) {
    response.status = 304;
    return response;
  }
  response.set_header("Content-Type", asset->content_type);
  response.body = std::string(asset->bytes);
  // A theme's files change only with Byline, or when a theme served from
  // its folder is read again, which drops every cached answer.
  response.cache = http::CachePolicy{};
  return response;
}

}  // namespace byline::site
