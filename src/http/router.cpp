// Groups, path matching, and the fallbacks of a miss (redirect, 405 or a
// CORS preflight, 400, 404).
#include "http/router.hpp"

namespace byline::http {
namespace {

// Splits "/a/b/" into {"a", "b"} with trailing_slash = true. "/" is no
// segments with a trailing slash.
std::vector<std::string_view> split_path(std::string_view path, bool& trailing_slash) {
  std::vector<std::string_view> segments;
  trailing_slash = path.ends_with('/');
  std::size_t start = path.starts_with('/') ? 1 : 0;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    const auto stop = end == std::string_view::npos ? path.size() : end;
    segments.push_back(path.substr(start, stop - start));
    start = stop + 1;
  }
  return segments;
}

bool answers(const std::string& route_method, std::string_view method) {
  return route_method == method || (route_method == "GET" && method == "HEAD");
}

std::string joined(std::string_view prefix, std::string_view pattern) {
  std::string path(prefix);
  if (!path.ends_with('/')) path += '/';
  path += pattern;
  return path;
}

void add_cors_headers(Response& response, const CorsRules& cors) {
  response.set_header("Access-Control-Allow-Origin", "*");
  if (!cors.expose_headers.empty())
    response.set_header("Access-Control-Expose-Headers", cors.expose_headers);
}

// The answer to a CORS preflight (OPTIONS) for a path whose routes take
// `allowed`: what a script on another site may send there.
Response preflight(const CorsRules& cors, const std::string& allowed) {
  Response response;
  response.status = 204;
  add_cors_headers(response, cors);
  response.set_header("Access-Control-Allow-Methods", allowed);
  if (!cors.allow_headers.empty())
    response.set_header("Access-Control-Allow-Headers", cors.allow_headers);
  response.set_header("Access-Control-Max-Age", std::to_string(cors.max_age_seconds));
  response.set_header("Allow", allowed);
  return response;
}

}  // namespace

const std::string& Params::get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return kEmpty;
}

Router::Router() = default;
Router::~Router() = default;

std::size_t Router::add_group(GroupRules rules) {
  groups_.push_back(Group{std::move(rules), {}});
  return groups_.size() - 1;
}

void Router::add(std::size_t group, std::string method, std::string_view pattern, Handler handler,
                 Admission admission, RouteOptions options) {
  Group& into = groups_.at(group);
  for (const std::string& prefix : into.rules.prefixes) {
    Route route{method, {}, false, handler, admission, options};
    const std::string path = joined(prefix, pattern);
    for (const auto part : split_path(path, route.trailing_slash)) {
      const auto open = part.find('{');
      const auto close = part.find('}');
      if (open != std::string_view::npos && close != std::string_view::npos && close > open + 1) {
        route.segments.push_back(
            {Segment::Kind::parameter, std::string(part.substr(open + 1, close - open - 1)),
             std::string(part.substr(0, open)), std::string(part.substr(close + 1))});
      } else if (part.starts_with(':')) {
        route.segments.push_back({Segment::Kind::parameter, std::string(part.substr(1)), "", ""});
      } else if (part.starts_with('*')) {
        route.segments.push_back({Segment::Kind::rest, std::string(part.substr(1)), "", ""});
      } else {
        route.segments.push_back({Segment::Kind::literal, std::string(part), "", ""});
      }
    }
    into.routes.push_back(std::move(route));
  }
}

const Router::Group* Router::group_for(std::string_view path) const {
  const Group* found = nullptr;
  std::size_t longest = 0;
  for (const Group& group : groups_) {
    for (const std::string& prefix : group.rules.prefixes) {
      if (path.starts_with(prefix) && (!found || prefix.size() > longest)) {
        found = &group;
        longest = prefix.size();
      }
    }
  }
  return found;
}

bool Router::match(const Route& route, const std::vector<std::string>& segments,
                   bool trailing_slash, Params& params) {
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const Segment& expected = route.segments[i];
    if (expected.kind == Segment::Kind::rest) {
      if (i >= segments.size()) return false;
      std::string rest;
      for (std::size_t j = i; j < segments.size(); ++j) {
        if (j > i) rest += '/';
        rest += segments[j];
      }
      if (trailing_slash) rest += '/';
      params.add(expected.text, std::move(rest));
      return true;
    }
    if (i >= segments.size()) return false;
    if (expected.kind == Segment::Kind::literal && expected.text != segments[i]) return false;
    if (expected.kind == Segment::Kind::parameter) {
      const std::string& actual = segments[i];
      if (actual.size() <= expected.prefix.size() + expected.suffix.size() ||
          !actual.starts_with(expected.prefix) || !actual.ends_with(expected.suffix)) {
        return false;
      }
      params.add(expected.text,
                 actual.substr(expected.prefix.size(),
                               actual.size() - expected.prefix.size() - expected.suffix.size()));
    }
  }
  return segments.size() == route.segments.size() && trailing_slash == route.trailing_slash &&
         (!route.options.accepts || route.options.accepts(params));
}

namespace {

// A canonical path's segments, decoded already.
std::vector<std::string> canonical_segments(std::string_view path, bool& trailing_slash) {
  std::vector<std::string> segments;
  for (const auto segment : split_path(path, trailing_slash)) segments.emplace_back(segment);
  return segments;
}

}  // namespace

const Router::Route* Router::route_for(std::string_view method, std::string_view path) const {
  const Group* group = group_for(path);
  if (!group) return nullptr;
  bool trailing_slash = false;
  const std::vector<std::string> segments = canonical_segments(path, trailing_slash);
  for (const Route& route : group->routes) {
    Params params;
    if (route.method == method && match(route, segments, trailing_slash, params)) return &route;
  }
  return nullptr;
}

const std::vector<std::string>& Router::query_fields(std::string_view path) const {
  static const std::vector<std::string> kNone;
  const Route* route = route_for("GET", path);
  return route ? route->options.reads_query : kNone;
}

std::optional<Response> Router::admit(const Request& request) const {
  const auto path = canonical_path(request.path);
  if (!path) return refuse(group_for(request.path), 400, "Bad request: the path is not valid.");
  const Route* route = route_for("GET", *path);
  // Only answers of gated routes are asked about: with no route to ask,
  // nothing goes out.
  if (!route) return refuse(group_for(*path), 404, "Nothing is at this address.");
  return ask_gate(*route, *path, request);
}

std::optional<Response> Router::admit_before_body(const Request& request) const {
  const auto path = canonical_path(request.path);
  if (!path) return std::nullopt;
  const Route* route = route_for(request.method, *path);
  if (!route) return std::nullopt;
  return ask_gate(*route, *path, request);
}

std::optional<Response> Router::ask_gate(const Route& route, std::string_view path,
                                         const Request& request) const {
  if (!route.admission) return std::nullopt;
  auto refusal = route.admission(request);
  if (refusal) {
    const Group* group = group_for(path);
    if (group && group->rules.cors) add_cors_headers(*refusal, *group->rules.cors);
  }
  return refusal;
}

std::optional<std::size_t> Router::body_limit(std::string_view method,
                                              std::string_view path) const {
  const Group* group = group_for(path);
  if (!group) return std::nullopt;
  bool trailing_slash = false;
  const std::vector<std::string> segments = canonical_segments(path, trailing_slash);
  for (const Route& route : group->routes) {
    Params params;
    if (answers(route.method, method) && match(route, segments, trailing_slash, params))
      return route.options.body_limit ? route.options.body_limit : group->rules.body_limit;
  }
  return group->rules.body_limit;
}

Response Router::refuse(const Group* group, int status, std::string_view message) const {
  Response response = group && group->rules.error
                          ? group->rules.error(status, message)
                          : Response::text(status, std::string(message) + "\n");
  if (group && group->rules.cors) add_cors_headers(response, *group->rules.cors);
  return response;
}

Response Router::error_response(std::string_view path, int status, std::string_view message) const {
  return refuse(group_for(path), status, message);
}

Response Router::not_found(const Group* group, const Request& request) const {
  if (group && group->rules.error) return refuse(group, 404, "Nothing is at this address.");
  if (not_found_) return not_found_(request, Params{});
  return Response::text(404, "Not found.\n");
}

Response Router::dispatch(const Request& request) const {
  const Group* group = group_for(request.path);
  bool trailing_slash = false;
  std::vector<std::string> segments;
  for (const auto raw : split_path(request.path, trailing_slash)) {
    auto decoded = decode_path_segment(raw);
    if (!decoded) return refuse(group, 400, "Bad request: the path is not valid.");
    segments.push_back(std::move(*decoded));
  }
  // "//" inside a path makes an empty segment, which no route accepts.

  std::string allowed;
  if (group) {
    for (const Route& route : group->routes) {
      Params params;
      if (!match(route, segments, trailing_slash, params)) continue;
      if (answers(route.method, request.method)) {
        const auto limit =
            route.options.body_limit ? route.options.body_limit : group->rules.body_limit;
        if (limit && request.body.size() > *limit)
          return refuse(group, 413, "Request body too large.");
        Response response = route.handler(request, params);
        if (group->rules.cors) add_cors_headers(response, *group->rules.cors);
        return response;
      }
      if (allowed.find(route.method) == std::string::npos) {
        allowed += allowed.empty() ? "" : ", ";
        allowed += route.method;
        if (route.method == "GET") allowed += ", HEAD";
      }
    }
  }
  if (!allowed.empty()) {
    if (group->rules.cors) {
      allowed += ", OPTIONS";
      if (request.method == "OPTIONS") return preflight(*group->rules.cors, allowed);
    }
    Response response = refuse(group, 405, "Method not allowed.");
    response.set_header("Allow", allowed);
    return response;
  }

  // Rule: "/slug" is the same page as "/slug/"; send readers and search
  // engines to the one canonical address.
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (reads && !trailing_slash && !segments.empty()) {
    if (const Group* with_slash = group_for(request.path + "/")) {
      for (const Route& route : with_slash->routes) {
        Params params;
        if (answers(route.method, request.method) && match(route, segments, true, params)) {
          std::string location = request.path + "/";
          if (!request.query.empty()) location += "?" + request.query;
          return Response::redirect(301, location);
        }
      }
    }
  }
  return not_found(group, request);
}

}  // namespace byline::http
