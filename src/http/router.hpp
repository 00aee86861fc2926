// The router: method + path pattern -> handler, in groups of routes that
// share a path prefix and the rules that go with it (body limit, CORS,
// how errors look). Routes are added through a RouteGroup
// (http/route_group.hpp), which makes each say who may call it. Pure: no
// sockets, so it is tested directly.
#pragma once

#include "http/message.hpp"
#include "http/target.hpp"  // decode_path_segment

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace byline::http {

// Captured path parameters, percent-decoded: {"slug", "iran-news"}.
class Params {
 public:
  void add(std::string name, std::string value) {
    values_.emplace_back(std::move(name), std::move(value));
  }
  // The value of `name`, or "" when the pattern has no such parameter.
  const std::string& get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

using Handler = std::function<Response(const Request&, const Params&)>;
// A route's gate alone: the refusal for a caller it turns away, or nullopt.
using Admission = std::function<std::optional<Response>(const Request&)>;

// How a group answers what it refuses (a path it has no route for, a
// method it does not take, a body too large): its error envelope, an HTML
// page or an API's JSON, for a status and a sentence.
using ErrorPage = std::function<Response(int status, std::string_view message)>;

// Calls from scripts on other sites that a group allows (the Fetch
// standard's CORS protocol). Such a group answers for any origin
// ("Access-Control-Allow-Origin: *"): its callers prove who they are with
// a key or a token, never with the reader's cookies.
struct CorsRules {
  std::string allow_headers =
      {};  // request headers a caller may send: "Authorization, Content-Type"
  std::string expose_headers = {};  // answer headers its script may read: "X-WP-Total"
  int max_age_seconds = 86400;      // how long a browser may keep a preflight's answer
};

// What every route of a group shares, declared once.
struct GroupRules {
  // Where the group's routes live: "/newsroom/". An API's routes may be
  // mounted under several ("/ghost/api/content/", "/ghost/api/v4/content/").
  // A path belongs to the group with the longest prefix it starts with.
  std::vector<std::string> prefixes = {};
  // Bytes a request body may have; nullopt: the server's own limit.
  std::optional<std::size_t> body_limit = std::nullopt;
  // nullopt: same-origin callers only, and OPTIONS is refused with 405.
  std::optional<CorsRules> cors = std::nullopt;
  // nullptr: plain-text refusals, and paths with no route go to the
  // router's not-found handler.
  ErrorPage error = nullptr;
};

struct RouteOptions {
  // The query fields the handler reads: the page cache keys its answers by
  // those (and ignores every other field), so a route that reads one must
  // name it.
  std::vector<std::string> reads_query = {};
  // A body limit for this route alone (an upload) instead of the group's.
  std::optional<std::size_t> body_limit = std::nullopt;
  // The route answers only the parameters this accepts (":edition/search"
  // only for an edition the site has); any other address goes on to the
  // routes after it and the trailing-slash rule, as if it did not match.
  std::function<bool(const Params&)> accepts = nullptr;
};

template <typename Access, typename Caller>
class RouteGroup;

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) = default;
  Router& operator=(Router&&) = default;

  // The query fields the GET route for `path` (a canonical path) reads;
  // empty when it reads none or no route matches.
  const std::vector<std::string>& query_fields(std::string_view path) const;

  // The body limit of the route `method` `path` (a canonical path) would
  // run, or its group's; nullopt for the server's own.
  std::optional<std::size_t> body_limit(std::string_view method, std::string_view path) const;

  // Asks the gate of the GET route `request` is for (by its canonical
  // path, as the cache keys answers) whether it admits the caller, without
  // running the handler: the refusal to send instead of a cached answer,
  // or nullopt to send it. No route there is a 404.
  std::optional<Response> admit(const Request& request) const;

  // Asks the gate of the route `request` is for (its method, by its
  // canonical path) on the header alone, before the server reads a large
  // body: the refusal to send instead of reading it, or nullopt to read on.
  // A route with no gate, or no route at all, is nullopt: the body is read
  // and dispatch() answers as ever.
  std::optional<Response> admit_before_body(const Request& request) const;

  // A refusal in the envelope of the group `path` belongs to.
  Response error_response(std::string_view path, int status, std::string_view message) const;

  // Answers when no route matches the path and its group has no error page.
  void set_not_found(Handler handler) { not_found_ = std::move(handler); }

  // Runs the matching handler. When none matches:
  // - a GET/HEAD path without its trailing '/' that would match with one is
  //   redirected there (301), query kept;
  // - a path that matches other methods gets 405 with Allow, or, in a
  //   group that allows CORS, OPTIONS gets the preflight's answer;
  // - a path with broken percent-encoding gets 400;
  // - anything else goes to the group's error page or the not-found handler.
  // A body over the route's limit gets 413 before its handler runs.
  Response dispatch(const Request& request) const;

 private:
  template <typename Access, typename Caller>
  friend class RouteGroup;

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
    Admission admission;  // nullptr: anyone may call it
    RouteOptions options;
  };
  struct Group {
    GroupRules rules;
    std::vector<Route> routes;  // tried in the order added
  };

  // Adds a group and returns its number, for add().
  std::size_t add_group(GroupRules rules);
  // Adds a route to group `group` under each of its prefixes. `pattern` is
  // the path after the prefix; its segments are literal, `:name` (one
  // segment), `prefix{name}suffix` (one segment with fixed ends, such as
  // "sitemap-posts-{page}.xml") or `*name` (the rest of the path, last
  // only); a trailing '/' is part of the pattern. Add catch-alls such as
  // ":slug/" last. A GET route answers HEAD too.
  void add(std::size_t group, std::string method, std::string_view pattern, Handler handler,
           Admission admission, RouteOptions options);

  const Group* group_for(std::string_view path) const;
  // The gate's answer for `route` of the group at `path`, CORS headers and all.
  std::optional<Response> ask_gate(const Route& route, std::string_view path,
                                   const Request& request) const;
  // The route `method` `path` (canonical) runs, if any.
  const Route* route_for(std::string_view method, std::string_view path) const;
  static bool match(const Route& route, const std::vector<std::string>& segments,
                    bool trailing_slash, Params& params);
  Response refuse(const Group* group, int status, std::string_view message) const;
  Response not_found(const Group* group, const Request& request) const;

  std::vector<Group> groups_;
  Handler not_found_;
};

}  // namespace byline::http
