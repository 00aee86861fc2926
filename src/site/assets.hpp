// Serving a theme's static assets (CSS, JS, icons) with validators.
#pragma once

#include "http/message.hpp"

namespace byline::render {
struct Asset;
}

namespace byline::site {

// The answer for `asset` (nullptr: 404 text): its bytes with ETag, 304 when
// the browser has them, and a year of caching for versioned (?v=) URLs.
http::Response asset_response(const render::Asset* asset, const http::Request& request);

}  // namespace byline::site
