// Path matching and the fallbacks of a miss (redirect, 405, 400, 404).
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

}  // namespace

const std::string& Params::get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return kEmpty;
}

void Router::add(std::string method, std::string_view pattern, Handler handler,
                 std::vector<std::string> reads_query) {
  Route route{std::move(method), {}, false, std::move(handler), std::move(reads_query)};
  std::vector<std::string_view> parts = split_path(pattern, route.trailing_slash);
  for (const auto part : parts) {
    const auto open = part.find('{');
    const auto close = part.find('}');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open + 1) {
      route.segments.push_back({Segment::Kind::parameter, std::string(part.substr(open + 1, close - open - 1)),
                                std::string(part.substr(0, open)), std::string(part.substr(close + 1))});
    } else if (part.starts_with(':')) {
      route.segments.push_back({Segment::Kind::parameter, std::string(part.substr(1)), "", ""});
    } else if (part.starts_with('*')) {
      route.segments.push_back({Segment::Kind::rest, std::string(part.substr(1)), "", ""});
    } else {
      route.segments.push_back({Segment::Kind::literal, std::string(part), "", ""});
    }
  }
  routes_.push_back(std::move(route));
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
      params.add(expected.text, actual.substr(expected.prefix.size(),
                                              actual.size() - expected.prefix.size() - expected.suffix.size()));
    }
  }
  return segments.size() == route.segments.size() && trailing_slash == route.trailing_slash;
}

const std::vector<std::string>& Router::query_fields(std::string_view path) const {
  static const std::vector<std::string> kNone;
  bool trailing_slash = false;
  std::vector<std::string> segments;
  // A canonical path's segments are decoded already.
  for (const auto segment : split_path(path, trailing_slash)) segments.emplace_back(segment);
  for (const Route& route : routes_) {
    Params params;
    if (route.method == "GET" && match(route, segments, trailing_slash, params)) return route.reads_query;
  }
  return kNone;
}

Response Router::dispatch(const Request& request) const {
  bool trailing_slash = false;
  std::vector<std::string> segments;
  for (const auto raw : split_path(request.path, trailing_slash)) {
    auto decoded = decode_path_segment(raw);
    if (!decoded) return Response::text(400, "Bad request: the path is not valid.\n");
    segments.push_back(std::move(*decoded));
  }
  // "//" inside a path makes an empty segment, which no route accepts.

  std::string allowed;
  for (const Route& route : routes_) {
    Params params;
    if (!match(route, segments, trailing_slash, params)) continue;
    if (answers(route.method, request.method)) return route.handler(request, params);
    if (allowed.find(route.method) == std::string::npos) {
      allowed += allowed.empty() ? "" : ", ";
      allowed += route.method;
      if (route.method == "GET") allowed += ", HEAD";
    }
  }
  if (!allowed.empty()) {
    Response response = Response::text(405, "Method not allowed.\n");
    response.set_header("Allow", allowed);
    return response;
  }

  // Rule: "/slug" is the same page as "/slug/"; send readers and search
  // engines to the one canonical address.
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (reads && !trailing_slash && !segments.empty()) {
    for (const Route& route : routes_) {
      Params params;
      if (answers(route.method, request.method) && match(route, segments, true, params)) {
        std::string location = request.path + "/";
        if (!request.query.empty()) location += "?" + request.query;
        return Response::redirect(301, location);
      }
    }
  }
  if (not_found_) return not_found_(request, Params{});
  return Response::text(404, "Not found.\n");
}

}  // namespace byline::http
