// The HTTP/1.1 server: Boost.Beast on Asio, one coroutine per connection,
// keep-alive, limits on header size, body size and time.
#pragma once

#include "common/result.hpp"
#include "http/router.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace byline::http {

class PageCache;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int threads = 0;             // 0: one per core
  int handler_threads = 0;     // run handlers; 0: four per I/O thread, at least 8
  std::size_t max_header_bytes = 16 * 1024;
  // The body limit of routes and groups that declare none of their own
  // (Router::body_limit).
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{30};  // a whole request must arrive in this time
  std::chrono::seconds idle_timeout{60};  // a keep-alive connection may wait this long
  std::chrono::seconds shutdown_grace{
      10};  // requests being read or answered get this long to finish
  // Open connections past this get a quick 503 and are closed, so that a
  // flood cannot take every file descriptor the process has.
  std::size_t max_connections = 10000;
  // Answers for anonymous readers come from here when it has them, and go
  // in when their handler allows it. nullptr: every request is handled.
  std::shared_ptr<PageCache> page_cache;
  // The cookie of a signed-in staff session: requests that carry it (or
  // credentials) skip the page cache, and their answers are private.
  std::string session_cookie;
  bool access_log = true;  // one line per request on standard output
};

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const Router> router);
  ~Server();

  // Binds and listens. Fails with a sentence for the operator when the
  // address is taken or not valid.
  Result<void> listen();
  // The port actually bound (useful with port 0).
  unsigned short port() const;

  // Adds headers to every handled answer (after the security headers);
  // call before run().
  void add_headers(std::function<void(Response&)> add);

  // Serves until SIGINT or SIGTERM, then stops accepting, closes idle
  // keep-alive connections, answers every request it has begun to read
  // (with Connection: close; up to shutdown_grace) and returns.
  void run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace byline::http
