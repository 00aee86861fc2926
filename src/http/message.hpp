// http::Request and http::Response: plain values that the rest of Byline
// sees instead of Beast's types. Only src/http/ knows about Beast.
#pragma once

#include "common/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "HEAD", ...
  std::string target;  // as sent: "/tag/iran/?page=2"
  std::string path;    // target before '?', still percent-encoded
  std::string query;   // after '?', without it
  Headers headers;     // names in lower case
  std::string body;
  std::string remote_address;
  std::string request_id;
  // The gate is asked on the header alone, before a large body is read
  // (Router::admit_before_body): `body` is empty for now, and the gate
  // refuses only what the header already decides. It is asked again, body
  // and all, before the handler runs.
  bool body_pending = false;

  // The value of header `name` (lower case), or "" when absent.
  std::string_view header(std::string_view name) const;
};

// What a handler tells the page cache about an answer it lets readers
// share: what the answer shows, so that a change to any of it removes the
// answer, and when it changes by itself ("4 hours ago" turning "5 hours ago").
struct CachePolicy {
  std::vector<std::string> shows;  // dependency keys, as site/cache_keys.hpp names them
  std::optional<Time> changes_at;
  // The answer is the same for every caller its route's gate admits, but
  // not for anyone else (an API answer for any valid key): each hit asks
  // the gate again (Router::admit) before the cached bytes go out.
  bool admit_each_hit = false;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // Set by handlers whose answer is the same for every anonymous reader and
  // ignores the query string; nullopt: never cached.
  std::optional<CachePolicy> cache;

  // Sets `name` to `value`, replacing an earlier value.
  void set_header(std::string_view name, std::string_view value);
  std::string_view header(std::string_view name) const;

  static Response html(int status, std::string body);
  static Response text(int status, std::string body);
  static Response redirect(int status, std::string_view location);
};

}  // namespace byline::http
