// The router: method + path pattern -> handler. Pure: no sockets, so it is
// tested directly.
#pragma once

#include "http/message.hpp"
#include "http/target.hpp"  // decode_path_segment

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace byline::http {

// Captured path parameters, percent-decoded: {"slug", "iran-news"}.
class Params {
 public:
  void add(std::string name, std::string value) { values_.emplace_back(std::move(name), std::move(value)); }
  // The value of `name`, or "" when the pattern has no such parameter.
  const std::string& get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

using Handler = std::function<Response(const Request&, const Params&)>;

class Router {
 public:
  // Adds a route. `pattern` is a path whose segments are literal, `:name`
  // (one segment), `prefix{name}suffix` (one segment with fixed ends, such
  // as "sitemap-posts-{page}.xml") or `*name` (the rest of the path, last
  // only); a trailing '/' is part of the pattern. Routes are tried in the order added, so add
  // catch-alls such as "/:slug/" last. A GET route answers HEAD too.
  // `reads_query` names the query fields the handler reads: the page cache
  // keys its answers by those (and ignores every other field), so a route
  // that reads one must name it.
  void add(std::string method, std::string_view pattern, Handler handler,
           std::vector<std::string> reads_query = {});

  // The query fields the GET route for `path` (a canonical path) reads;
  // empty when it reads none or no route matches.
  const std::vector<std::string>& query_fields(std::string_view path) const;

  // Answers when no route matches the path.
  void set_not_found(Handler handler) { not_found_ = std::move(handler); }

  // Runs the matching handler. When none matches:
  // - a GET/HEAD path without its trailing '/' that would match with one is
  //   redirected there (301), query kept;
  // - a path that matches other methods gets 405 with Allow;
  // - a path with broken percent-encoding gets 400;
  // - anything else goes to the not-found handler.
  Response dispatch(const Request& request) const;

 private:
  struct Segment {
    enum class Kind { literal, parameter, rest } kind;
    std::string text;    // the literal, or the parameter's name
    std::string prefix;  // a parameter's fixed start and end, if any
    std::string suffix;
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    bool trailing_slash = false;
    Handler handler;
    std::vector<std::string> reads_query;
  };

  static bool match(const Route& route, const std::vector<std::string>& segments,
                    bool trailing_slash, Params& params);

  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace byline::http
