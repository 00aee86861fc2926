// The way into the server on arbitrary bytes: the raw header checks, the
// router with percent-decoding, and the page cache's reading of request
// headers (keys, Accept-Encoding, If-None-Match, dates). Properties: no
// crash, no hang, and a decoded path segment never holds '/' or NUL.
#include "http/page_cache.hpp"
#include "http/request_checks.hpp"
#include "http/route_group.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  (void)byline::http::check_raw_header(input);

  static const byline::http::Router router = [] {
    using namespace byline::http;
    Router made;
    auto ok = [](const Request&, const Params&, std::monostate) {
      return Response::text(200, "ok");
    };
    PublicRoutes site(made, {.prefixes = {"/"}});
    for (const char* pattern : {"", "page/:page/", "author/:slug/", "tag/:slug/page/:page/",
                                "search", "sitemap-posts-{page}.xml", "assets/*path", ":slug/"}) {
      site.add("GET", pattern, Public::anyone, ok);
    }
    // A group with a limit, CORS and an error envelope of its own, mounted twice.
    PublicRoutes api(made, {.prefixes = {"/api/", "/api/v2/"},
                            .body_limit = 64,
                            .cors = CorsRules{"Content-Type", "X-Total", 60},
                            .error = [](int status, std::string_view message) {
                              return Response::text(status, std::string(message));
                            }});
    api.add("GET", "posts/", Public::anyone, ok, {.reads_query = {"page"}});
    api.add("POST", "posts/:id/", Public::anyone, ok, {.body_limit = 128});
    made.set_not_found([](const Request&, const Params&) { return Response::text(404, "no"); });
    return made;
  }();
  byline::http::Request request;
  static const char* const kMethods[] = {"GET", "POST", "OPTIONS", "HEAD"};
  request.method = kMethods[size > 0 ? data[0] % 4 : 0];
  request.body = input.substr(0, size / 2);
  request.target = input;
  const auto question = input.find('?');
  request.path = input.substr(0, question);
  if (question != std::string::npos) request.query = input.substr(question + 1);
  (void)router.dispatch(request);
  (void)router.query_fields(request.path);
  (void)router.body_limit(request.method, request.path);

  const std::string_view view(input);
  for (std::size_t start = 0; start <= view.size();) {
    const auto end = std::min(view.find('/', start), view.size());
    if (const auto decoded = byline::http::decode_path_segment(view.substr(start, end - start))) {
      if (decoded->find('/') != std::string::npos || decoded->find('\0') != std::string::npos)
        std::abort();
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
