// The Beast server. Each connection is one coroutine that reads a request,
// hands it to the router and writes the answer, top to bottom; normal ends
// of a connection (close, reset, idle timeout) are not errors.
#include "http/server.hpp"

#include "common/cpus.hpp"
#include "common/log.hpp"
#include "http/access_log.hpp"
#include "http/page_cache.hpp"
#include "http/request_checks.hpp"
#include "http/security_headers.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <csignal>
#include <random>
#include <thread>

namespace byline::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxLingerBytes = 64 * 1024 * 1024;

bool is_normal_ending(const boost::system::error_code& error) {
  return error == bhttp::error::end_of_stream || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::error::broken_pipe ||
         error == asio::error::operation_aborted || error == beast::error::timeout;
}

Request to_request(bhttp::request<bhttp::string_body>&& message, const std::string& remote,
                   std::string request_id) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = remote;
  request.request_id = std::move(request_id);
  return request;
}

bhttp::response<bhttp::string_body> to_message(Response&& response, bool head, bool keep_alive) {
  bhttp::response<bhttp::string_body> message;
  message.version(11);
  message.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) message.set(name, value);
  message.keep_alive(keep_alive);
  if (head) {
    // HEAD answers with the headers GET would send, Content-Length included.
    message.content_length(response.body.size());
  } else {
    message.body() = std::move(response.body);
    message.prepare_payload();
  }
  return message;
}

// The page cache's view of a request that was read.
CacheRequest cache_request(const bhttp::request<bhttp::string_body>& message) {
  return CacheRequest{message.method_string(),
                      message.target(),
                      message[bhttp::field::cookie],
                      message[bhttp::field::authorization],
                      message[bhttp::field::accept_encoding],
                      message[bhttp::field::if_none_match],
                      message[bhttp::field::if_modified_since]};
}

// A short answer to a request that could not be read, sent before closing.
Response protocol_error(const boost::system::error_code& error) {
  if (error == bhttp::error::header_limit) {
    return Response::text(431, "Request header fields too large.\n");
  }
  if (error == bhttp::error::body_limit) return Response::text(413, "Request body too large.\n");
  return Response::text(400, "Bad request.\n");
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  asio::io_context io{options.threads};
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(io)};
  tcp::acceptor acceptor{control};
  asio::signal_set signals{control, SIGINT, SIGTERM};
  std::atomic<int> in_flight{0};
  std::atomic<std::size_t> connections{0};  // open sessions
  std::function<void(Response&)> extra_headers;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> request_count{0};
  std::string id_prefix;

  Impl(ServerOptions o, std::shared_ptr<const Router> r)
      : options(std::move(o)), router(std::move(r)) {
    std::random_device random;
    char prefix[9];
    std::snprintf(prefix, sizeof prefix, "%08x", random());
    id_prefix = prefix;
  }

  // Runs the handler; a bug (exception) becomes a 500 and a log line, never
  // a dead server.
  Response handle(const Request& request) {
    Response response;
    try {
      response = router->dispatch(request);
    } catch (const std::exception& error) {
      log_line("error: request " + request.request_id + " failed: " + error.what());
      response = Response::text(500, "Internal server error.\n");
    }
    add_security_headers(response);
    if (extra_headers) extra_headers(response);
    response.set_header("X-Request-Id", request.request_id);
    return response;
  }

  // The answer to a connection past max_connections: 503, then close.
  asio::awaitable<void> busy(beast::tcp_stream stream) {
    Response answer = Response::text(503, "The server is busy; try again in a moment.\n");
    answer.set_header("Retry-After", "1");
    add_security_headers(answer);
    auto message = to_message(std::move(answer), false, false);
    stream.expires_after(std::chrono::seconds(2));
    co_await bhttp::async_write(stream, message, kTuple);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> session(beast::tcp_stream stream) {
    struct Open {
      std::atomic<std::size_t>& count;
      ~Open() { --count; }
    } open{connections};
    boost::system::error_code endpoint_error;
    const auto remote = stream.socket().remote_endpoint(endpoint_error);
    const std::string remote_address = endpoint_error ? "-" : remote.address().to_string();
    beast::flat_buffer buffer;
    bool first = true;

    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      first = false;
      // The header as sent is looked at before it is parsed: the parser
      // would quietly mend what should be refused.
      auto [read_error, header_bytes] = co_await read_raw_header(stream, buffer);
      std::optional<Refusal> refusal;
      if (!read_error) {
        refusal = check_raw_header(
            std::string_view(static_cast<const char*>(buffer.data().data()), header_bytes));
      }
      std::size_t read_bytes = 0;
      if (!read_error && !refusal) {
        std::tie(read_error, read_bytes) = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      }
      if (!read_error && !refusal) {
        const auto& header = parser.get();
        refusal = check_framing(header.version(), header.count(bhttp::field::content_length),
                                header.count(bhttp::field::transfer_encoding),
                                header[bhttp::field::transfer_encoding], header.count(bhttp::field::host) > 0);
      }
      if (refusal) {
        co_await refuse(stream, *refusal);
        break;
      }
      if (!read_error) {
        // The body limit depends on where the request goes (uploads are larger).
        std::optional<std::size_t> limit;
        if (options.body_limit_for) limit = options.body_limit_for(parser.get().target());
        parser.body_limit(limit.value_or(options.max_body_bytes));
        stream.expires_after(options.read_timeout);
        std::tie(read_error, read_bytes) = co_await bhttp::async_read(stream, buffer, parser, kTuple);
      }
      if (read_error) {
        if (!is_normal_ending(read_error)) co_await refuse(stream, protocol_error(read_error));
        break;
      }

      const auto started = std::chrono::steady_clock::now();
      ++in_flight;
      struct InFlight {
        std::atomic<int>& count;
        ~InFlight() { --count; }
      } in_flight_guard{in_flight};

      const bool keep_alive = parser.get().keep_alive();
      const bool keep_open = keep_alive && !stopping;
      const bool http10 = parser.get().version() == 10;
      std::string request_id = id_prefix + "-" + std::to_string(++request_count);
      const bool head = parser.get().method() == bhttp::verb::head;

      // The fast path: an answer the cache has is written as it is.
      std::optional<std::string> cache_key;
      std::optional<CacheHit> hit;
      std::uint64_t generation = 0;
      if (options.page_cache) {
        generation = options.page_cache->generation();
        const CacheRequest lookup = cache_request(parser.get());
        cache_key = options.page_cache->key_for(lookup);
        if (cache_key) hit = options.page_cache->find(*cache_key, lookup, now_utc());
      }
      int status = 0;
      std::size_t body_bytes = 0;
      boost::system::error_code write_error;
      std::string method, target;
      if (hit) {
        method = std::string(parser.get().method_string());
        target = std::string(parser.get().target());
        status = hit->not_modified ? 304 : 200;
        std::tie(write_error, body_bytes) =
            co_await write_cached(stream, *hit, head, keep_open, http10, request_id, true);
      } else {
        Request request = to_request(parser.release(), remote_address, std::move(request_id));
        Response response = handle(request);
        method = std::move(request.method);
        target = std::move(request.target);
        request_id = std::move(request.request_id);
        // Kept for the next reader, and sent from the cache, so that the
        // first reader gets the very bytes every later one will.
        if (cache_key && options.page_cache->store(*cache_key, response, now_utc(), generation)) {
          const CacheRequest lookup{method,
                                    target,
                                    {},
                                    {},
                                    request.header("accept-encoding"),
                                    request.header("if-none-match"),
                                    request.header("if-modified-since")};
          hit = options.page_cache->find(*cache_key, lookup, now_utc());
        }
        if (hit) {
          status = hit->not_modified ? 304 : 200;
          std::tie(write_error, body_bytes) =
              co_await write_cached(stream, *hit, head, keep_open, http10, request_id, false);
        } else {
          status = response.status;
          body_bytes = head ? 0 : response.body.size();
          auto message = to_message(std::move(response), head, keep_open);
          stream.expires_after(options.read_timeout);
          std::size_t written = 0;
          std::tie(write_error, written) = co_await bhttp::async_write(stream, message, kTuple);
        }
      }
      if (options.access_log) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started);
        log_access_line(format_access_log(remote_address, method, target, request_id, status, body_bytes, elapsed));
      }
      if (write_error || !keep_open) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Writes a cached answer: its head, this request's own headers, and the
  // body, in one gathered write. Returns the error and the body bytes sent.
  asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> write_cached(
      beast::tcp_stream& stream, const CacheHit& hit, bool head, bool keep_alive, bool http10,
      const std::string& request_id, bool was_cached) {
    // X-Cache tells operators (and tests) whether the cache answered.
    std::string tail = (was_cached ? "X-Cache: HIT\r\nX-Request-Id: " : "X-Cache: MISS\r\nX-Request-Id: ") +
                       request_id + "\r\n";
    if (!keep_alive) {
      tail += "Connection: close\r\n";
    } else if (http10) {
      tail += "Connection: keep-alive\r\n";
    }
    tail += "\r\n";
    const std::string_view first =
        hit.not_modified ? hit.answer->not_modified_head(hit.encoding) : hit.answer->head(hit.encoding);
    const std::string_view body = hit.not_modified || head ? std::string_view() : hit.answer->body(hit.encoding);
    const std::array<asio::const_buffer, 3> buffers{asio::buffer(first.data(), first.size()),
                                                    asio::buffer(tail), asio::buffer(body.data(), body.size())};
    stream.expires_after(options.read_timeout);
    auto [error, written] = co_await asio::async_write(stream, buffers, kTuple);
    co_return std::make_tuple(error, body.size());
  }

  // Reads until `buffer` holds a whole request header (up to CRLF CRLF);
  // returns its length. header_limit when it grows past the limit first.
  asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> read_raw_header(beast::tcp_stream& stream,
                                                                                       beast::flat_buffer& buffer) {
    std::size_t searched = 0;
    while (true) {
      const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
      const auto end = data.find("\r\n\r\n", searched > 3 ? searched - 3 : 0);
      // A line ended by LF alone would never reach CRLF CRLF: refuse it now.
      const std::string_view header = data.substr(0, end == std::string_view::npos ? data.size() : end);
      for (auto lf = header.find('\n'); lf != std::string_view::npos; lf = header.find('\n', lf + 1)) {
        if (lf == 0 || header[lf - 1] != '\r') {
          co_return std::make_tuple(boost::system::error_code(bhttp::error::bad_line_ending), std::size_t{0});
        }
      }
      if (end != std::string_view::npos) co_return std::make_tuple(boost::system::error_code{}, end + 4);
      searched = data.size();
      if (data.size() > options.max_header_bytes) {
        co_return std::make_tuple(boost::system::error_code(bhttp::error::header_limit), std::size_t{0});
      }
      auto [error, got] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
      if (error) co_return std::make_tuple(error, std::size_t{0});
      buffer.commit(got);
    }
  }

  // Answers a request that is refused before it is handled, then closes.
  asio::awaitable<void> refuse(beast::tcp_stream& stream, Response refusal) {
    add_security_headers(refusal);
    auto message = to_message(std::move(refusal), false, false);
    stream.expires_after(options.read_timeout);
    co_await bhttp::async_write(stream, message, kTuple);
    co_await linger(stream);
  }
  asio::awaitable<void> refuse(beast::tcp_stream& stream, const Refusal& refusal) {
    co_await refuse(stream, Response::text(refusal.status, std::string(refusal.message)));
  }

  // Closes after a refusal the client may still be sending a body for: stop
  // sending, then read and drop what arrives for a moment, so the client
  // gets to read the answer instead of a connection reset.
  asio::awaitable<void> linger(beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16 * 1024> scratch;
    std::size_t drained = 0;
    while (drained < kMaxLingerBytes) {
      auto [error, got] = co_await stream.async_read_some(asio::buffer(scratch), kTuple);
      if (error) break;
      drained += got;
    }
  }

  asio::awaitable<void> accept_connections() {
    while (acceptor.is_open()) {
      auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(io), kTuple);
      if (error) {
        if (!acceptor.is_open() || error == asio::error::operation_aborted) co_return;
        // Out of file descriptors and the like: wait a moment, keep serving.
        asio::steady_timer pause(control, std::chrono::milliseconds(50));
        co_await pause.async_wait(kTuple);
        continue;
      }
      socket.set_option(tcp::no_delay(true), error);
      auto executor = socket.get_executor();
      if (connections >= options.max_connections) {
        asio::co_spawn(executor, busy(beast::tcp_stream(std::move(socket))), asio::detached);
        continue;
      }
      ++connections;
      asio::co_spawn(executor, session(beast::tcp_stream(std::move(socket))),
                     [](std::exception_ptr failure) {
                       if (!failure) return;
                       try {
                         std::rethrow_exception(failure);
                       } catch (const std::exception& e) {
                         log_line(std::string("error: connection failed: ") + e.what());
                       }
                     });
    }
  }

  // Stops accepting, lets requests being handled finish, then stops the
  // I/O threads (idle keep-alive connections are simply closed).
  asio::awaitable<void> drain() {
    stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    asio::steady_timer tick(control);
    while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      tick.expires_after(std::chrono::milliseconds(10));
      co_await tick.async_wait(kTuple);
    }
    io.stop();
  }
};

namespace {

ServerOptions with_thread_count(ServerOptions options) {
  if (options.threads <= 0) {
    options.threads = available_cpus();
  }
  return options;
}

}  // namespace

Server::Server(ServerOptions options, std::shared_ptr<const Router> router)
    : impl_(std::make_unique<Impl>(with_thread_count(std::move(options)), std::move(router))) {}

Server::~Server() = default;

Result<void> Server::listen() {
  auto& acceptor = impl_->acceptor;
  const auto& options = impl_->options;
  const std::string where = options.host + ":" + std::to_string(options.port);
  boost::system::error_code error;
  tcp::resolver resolver(impl_->io);
  const auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service,
                                          error);
  if (error || endpoints.empty()) {
    return make_error(ErrorCode::invalid_input, "Cannot listen on " + where + ": unknown host.");
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto fail = [&](std::string_view step) -> Result<void> {
    return make_error(ErrorCode::unavailable,
                      "Cannot listen on " + where + ": " + error.message() + ".",
                      std::string(step));
  };
  acceptor.open(endpoint.protocol(), error);
  if (error) return fail("open");
  acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (error) return fail("option");
  acceptor.bind(endpoint, error);
  if (error) return fail("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) return fail("listen");
  return {};
}

unsigned short Server::port() const {
  boost::system::error_code error;
  return impl_->acceptor.local_endpoint(error).port();
}

void Server::add_headers(std::function<void(Response&)> add) { impl_->extra_headers = std::move(add); }

void Server::run() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](const boost::system::error_code& error, int) {
    if (error) return;
    log_line("Shutting down: finishing requests in flight.");
    asio::co_spawn(impl.control, impl.drain(), asio::detached);
  });
  asio::co_spawn(impl.control, impl.accept_connections(), asio::detached);

  std::vector<std::thread> workers;
  for (int i = 1; i < impl.options.threads; ++i) workers.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& worker : workers) worker.join();
}

}  // namespace byline::http
