// Serving a theme's static assets (CSS, JS, icons) with validators.
#pragma once

#include "http/message.hpp"

namespace byline::render {
struct Asset;
}

namespace byline::site {

// The answer for `asset` asked for as `path` (nullptr: 404 text): its bytes
// with ETag, 304 when the browser has them, and a year of caching under its
// versioned name, which changes with the content. Cacheable: the same for
// every reader.
http::Response asset_response(const render::Asset* asset, std::string_view path, const http::Request& request);

}  // namespace byline::site
