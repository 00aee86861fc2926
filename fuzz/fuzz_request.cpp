// The way into the server on arbitrary bytes: the raw header checks, the
// router with percent-decoding, and the page cache's reading of request
// headers (keys, Accept-Encoding, If-None-Match, dates). Properties: no
// crash, no hang, and a decoded path segment never holds '/' or NUL.
#include "http/page_cache.hpp"
#include "http/request_checks.hpp"
#include "http/router.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  (void)byline::http::check_raw_header(input);

  static const byline::http::Router router = [] {
    byline::http::Router made;
    auto ok = [](const byline::http::Request&, const byline::http::Params&) {
      return byline::http::Response::text(200, "ok");
    };
    for (const char* pattern : {"/", "/page/:page/", "/author/:slug/", "/tag/:slug/page/:page/", "/search",
                                "/sitemap-posts-{page}.xml", "/assets/*path", "/:slug/"}) {
      made.add("GET", pattern, ok);
    }
    made.add("POST", "/newsroom/posts/:id/", ok);
    made.set_not_found([](const byline::http::Request&, const byline::http::Params&) {
      return byline::http::Response::text(404, "no");
    });
    return made;
  }();
  byline::http::Request request;
  request.method = size > 0 && data[0] % 2 ? "GET" : "POST";
  request.target = input;
  const auto question = input.find('?');
  request.path = input.substr(0, question);
  if (question != std::string::npos) request.query = input.substr(question + 1);
  (void)router.dispatch(request);

  const std::string_view view(input);
  for (std::size_t start = 0; start <= view.size();) {
    const auto end = std::min(view.find('/', start), view.size());
    if (const auto decoded = byline::http::decode_path_segment(view.substr(start, end - start))) {
      if (decoded->find('/') != std::string::npos || decoded->find('\0') != std::string::npos) std::abort();
    }
    start = end + 1;
  }

  static byline::http::PageCache cache(1024 * 1024, "byline_session");
  byline::http::CacheRequest lookup{"GET", input, input, "", input, input, input};
  if (const auto key = cache.key_for(lookup)) (void)cache.find(*key, lookup, byline::now_utc());
  (void)byline::http::choose_encoding(input);
  (void)byline::parse_http_date(input);
  return 0;
}
