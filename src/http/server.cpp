// The Beast server. Each connection is one coroutine that reads a request,
// hands it to the router and writes the answer, top to bottom; normal ends
// of a connection (close, reset, idle timeout) are not errors.
#include "http/server.hpp"

#include "common/cpus.hpp"
#include "common/log.hpp"
#include "http/access_log.hpp"
#include "http/form.hpp"
#include "http/page_cache.hpp"
#include "http/request_checks.hpp"
#include "http/response_checks.hpp"
#include "http/security_headers.hpp"
#include "http/target.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_set>

namespace byline::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxLingerBytes = 64 * 1024 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(2);
// What the read buffer holds beyond a whole header: body bytes on their way
// into the body, a chunk's header line.
constexpr std::size_t kReadRoomBytes = 64 * 1024;
// A body larger than this (or chunked, of a size not told) is read only once
// the route's gate has admitted the caller on the header alone. A smaller
// one is read first, so that a refusal keeps the connection open.
constexpr std::uint64_t kAdmitBeforeBodyBytes = 64 * 1024;

bool is_normal_ending(const boost::system::error_code& error) {
  return error == bhttp::error::end_of_stream || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::error::broken_pipe ||
         error == asio::error::operation_aborted || error == beast::error::timeout;
}

// The target in origin form ("/path?query"), as handlers and the cache see it.
std::string origin_form(const OriginTarget& target) {
  return target.query.empty() ? target.path : target.path + "?" + target.query;
}

// The request as handlers see it, without its body.
Request request_head(const bhttp::request<bhttp::string_body>& message, const OriginTarget& target,
                     const std::string& remote, std::string request_id) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = origin_form(target);
  request.path = target.path;
  request.query = target.query;
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.remote_address = remote;
  request.request_id = std::move(request_id);
  return request;
}

Request to_request(bhttp::request<bhttp::string_body>&& message, const OriginTarget& target,
                   const std::string& remote, std::string request_id) {
  Request request = request_head(message, target, remote, std::move(request_id));
  request.body = std::move(message.body());
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

// The page cache's view of a request that was read; `target` in origin form.
CacheRequest cache_request(const bhttp::request<bhttp::string_body>& message,
                           std::string_view target) {
  return CacheRequest{message.method_string(),
                      target,
                      message[bhttp::field::cookie],
                      message[bhttp::field::authorization],
                      message[bhttp::field::accept_encoding],
                      message[bhttp::field::if_none_match],
                      message[bhttp::field::if_modified_since]};
}

// A short answer to a request that could not be read, sent before closing:
// a body over its route's limit in the envelope of the route's group.
Response protocol_error(const boost::system::error_code& error, const Router& router,
                        std::optional<std::string_view> path) {
  if (error == bhttp::error::header_limit) {
    return Response::text(431, "Request header fields too large.\n");
  }
  if (error == bhttp::error::body_limit) {
    if (path) return router.error_response(*path, 413, "Request body too large.");
    return Response::text(413, "Request body too large.\n");
  }
  return Response::text(400, "Bad request.\n");
}

// The method and target of a request line ("GET /a HTTP/1.1" gives "GET"
// and "/a"), "" when the line has no such shape (the parser refuses it later).
struct RequestLine {
  std::string_view method;
  std::string_view target;
};
RequestLine request_line(std::string_view header) {
  const std::string_view line = header.substr(0, header.find("\r\n"));
  const auto start = line.find(' ');
  const auto end = line.rfind(' ');
  if (start == std::string_view::npos || end <= start) return {};
  return {line.substr(0, start), line.substr(start + 1, end - start - 1)};
}

// Whether a request names the staff session cookie `name`.
bool has_cookie(const bhttp::request<bhttp::string_body>& message, std::string_view name) {
  if (name.empty()) return false;
  const auto [first, last] = message.equal_range(bhttp::field::cookie);
  for (auto field = first; field != last; ++field) {
    if (find_cookie(field->value(), name)) return true;
  }
  return false;
}

}  // namespace

struct Server::Impl {
  // A session as the stopper sees it: woken when the server stops while it
  // waits for the next request. Touched only on the session's own strand.
  struct Live {
    asio::any_io_executor executor;
    beast::tcp_stream* stream = nullptr;  // nullptr once the session ended
    bool waiting = false;                 // for the first byte of a request
  };

  // The order of these members is their order of destruction, reversed:
  // the state sessions touch outlives `io`, whose destruction ends the
  // sessions still suspended in it; the handler pool stops before `io`
  // goes, and what uses `io` goes before it.
  ServerOptions options;
  std::shared_ptr<const Router> router;
  std::atomic<std::size_t> connections{0};  // open sessions
  std::mutex live_mutex;
  std::unordered_set<std::shared_ptr<Live>> live;  // guarded by live_mutex
  std::function<void(Response&)> extra_headers;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> request_count{0};
  std::string id_prefix;
  asio::io_context io{options.threads};
  // Handlers run here, never on the I/O threads: a slow one (a password
  // hash, a large sitemap, a database that stalls) holds up no cache hit
  // (but those of gated routes, whose gates run here too).
  asio::thread_pool handlers{static_cast<std::size_t>(options.handler_threads)};
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(io)};
  tcp::acceptor acceptor{control};
  asio::signal_set signals{control, SIGINT, SIGTERM};

  Impl(ServerOptions o, std::shared_ptr<const Router> r)
      : options(std::move(o)), router(std::move(r)) {
    std::random_device random;
    char prefix[9];
    std::snprintf(prefix, sizeof prefix, "%08x", random());
    id_prefix = prefix;
  }

  // Runs the handler; a bug (exception) becomes a 500 and a log line, never
  // a dead server, and so does a header no answer may carry. `staff`: the
  // request came with a session or credentials.
  Response handle(const Request& request, bool staff) {
    Response response;
    try {
      response = router->dispatch(request);
    } catch (const std::exception& error) {
      log_line("error: request " + request.request_id + " failed: " + error.what());
      response = Response::text(500, "Internal server error.\n");
    }
    return finish(request, std::move(response), staff);
  }

  // The gate's word on a cached answer for `request` (Router::admit): a
  // refusal, or nullopt to send the answer.
  std::optional<Response> admit(const Request& request) {
    try {
      return router->admit(request);
    } catch (const std::exception& error) {
      log_line("error: request " + request.request_id + " failed: " + error.what());
      return Response::text(500, "Internal server error.\n");
    }
  }

  // The gate's word on `request`'s header before its body is read
  // (Router::admit_before_body).
  std::optional<Response> admit_before_body(const Request& request) {
    try {
      return router->admit_before_body(request);
    } catch (const std::exception& error) {
      log_line("error: request " + request.request_id + " failed: " + error.what());
      return Response::text(500, "Internal server error.\n");
    }
  }

  // The access log line of a request refused before its body was read.
  void log_refused_before_body(const Request& request, const Response& answer,
                               std::chrono::steady_clock::time_point asked) {
    if (!options.access_log) return;
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - asked);
    log_access_line(format_access_log(request.remote_address, request.method, request.target,
                                      request.request_id, answer.status, answer.body.size(),
                                      elapsed));
  }

  // What every answer a handler or gate made gets before it goes out.
  Response finish(const Request& request, Response response, bool staff) {
    // Rule: no header value carries CR, LF or NUL, whatever its source.
    if (const auto name = unsafe_header(response)) {
      log_line("error: request " + request.request_id + " was answered with an unsafe " + *name +
               " header; sent 500 instead");
      response = Response::text(500, "Internal server error.\n");
    }
    add_security_headers(response);
    if (extra_headers) extra_headers(response);
    if (staff) make_private(response);
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

  std::shared_ptr<Live> enlist(beast::tcp_stream& stream) {
    auto session = std::make_shared<Live>(Live{stream.get_executor(), &stream, false});
    std::lock_guard lock(live_mutex);
    live.insert(session);
    return session;
  }
  void discharge(const std::shared_ptr<Live>& session) {
    session->stream = nullptr;
    std::lock_guard lock(live_mutex);
    live.erase(session);
  }

  asio::awaitable<void> session(beast::tcp_stream stream) {
    struct Open {
      Impl& impl;
      std::shared_ptr<Live> session;
      ~Open() {
        impl.discharge(session);
        --impl.connections;
      }
    } open{*this, enlist(stream)};
    Live& me = *open.session;
    boost::system::error_code endpoint_error;
    const auto remote = stream.socket().remote_endpoint(endpoint_error);
    const std::string remote_address = endpoint_error ? "-" : remote.address().to_string();
    // Bounded, so that no part of a request (a chunk extension, say) can
    // grow without end: a header, and room to read a body through.
    beast::flat_buffer buffer(options.max_header_bytes + kReadRoomBytes);
    bool first = true;

    while (true) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      // Beast keeps a reference to the callback: it lives as long as the parser.
      auto bound_extensions = [](std::uint64_t, std::string_view extensions,
                                 boost::system::error_code& error) {
        if (extensions.size() > kMaxChunkExtensionBytes) error = bhttp::error::bad_chunk_extension;
      };
      parser.on_chunk_header(bound_extensions);
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      first = false;
      // The header as sent is looked at before it is parsed: the parser
      // would quietly mend what should be refused.
      auto [read_error, header_bytes] = co_await read_raw_header(stream, buffer, me);
      std::optional<Refusal> refusal;
      std::optional<std::string> body_path;  // the canonical path, for a body's limit
      if (read_error == bhttp::error::header_limit) {
        refusal = refuse_oversized_header(
            std::string_view(static_cast<const char*>(buffer.data().data()), buffer.size()));
      } else if (!read_error) {
        const std::string_view header(static_cast<const char*>(buffer.data().data()), header_bytes);
        refusal = check_raw_header(header);
        // The body limit of the route the request is for, judged on the
        // canonical path as the router will route it, and set before the
        // header is parsed: the parser holds a Content-Length to the limit
        // as soon as it reads it. Reads (most requests, and every cache
        // hit) keep the server's limit without a route lookup.
        std::optional<std::size_t> limit;
        const RequestLine line = request_line(header);
        if (line.method != "GET" && line.method != "HEAD") {
          if (const auto sent = parse_target(line.target)) body_path = canonical_path(sent->path);
          if (body_path) limit = router->body_limit(line.method, *body_path);
        }
        parser.body_limit(limit.value_or(options.max_body_bytes));
      }
      std::size_t read_bytes = 0;
      if (!read_error && !refusal) {
        std::tie(read_error, read_bytes) =
            co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      }
      std::optional<OriginTarget> target;
      if (!read_error && !refusal) {
        const auto& header = parser.get();
        Framing framing;
        framing.version = header.version();
        framing.content_length_fields = header.count(bhttp::field::content_length);
        framing.content_length = header[bhttp::field::content_length];
        framing.transfer_encoding_fields = header.count(bhttp::field::transfer_encoding);
        framing.transfer_encoding = header[bhttp::field::transfer_encoding];
        framing.host_fields = header.count(bhttp::field::host);
        refusal = check_framing(framing);
        target = parse_target(header.target());
        if (!refusal && !target) refusal = Refusal{400, "Bad request: the address is not valid.\n"};
        // Only reads: the API it names takes nothing else, and a write's
        // body limit and gate were chosen by the path it was sent to.
        const bool reads =
            header.method() == bhttp::verb::get || header.method() == bhttp::verb::head;
        if (target && reads) apply_rest_route(*target);
      }
      if (refusal) {
        co_await refuse(stream, *refusal);
        co_return;
      }
      std::string request_id = id_prefix + "-" + std::to_string(++request_count);
      // Nobody the gate would turn away gets to send 20 MB first. The gate
      // may read the Store, so it runs off the I/O threads; its refusal ends
      // the connection with the body unread.
      if (!read_error && body_path &&
          (parser.chunked() || parser.content_length().value_or(0) > kAdmitBeforeBodyBytes)) {
        const auto asked = std::chrono::steady_clock::now();
        Request head_only = request_head(parser.get(), *target, remote_address, request_id);
        head_only.body_pending = true;
        auto turned_away = co_await asio::co_spawn(
            handlers,
            [&]() -> asio::awaitable<std::optional<Response>> {
              co_return admit_before_body(head_only);
            },
            asio::use_awaitable);
        if (turned_away) {
          const bool staff = has_cookie(parser.get(), options.session_cookie) ||
                             parser.get().count(bhttp::field::authorization) > 0;
          Response answer = finish(head_only, std::move(*turned_away), staff);
          log_refused_before_body(head_only, answer, asked);
          co_await refuse(stream, std::move(answer));
          co_return;
        }
      }
      if (!read_error) {
        stream.expires_after(options.read_timeout);
        std::tie(read_error, read_bytes) =
            co_await bhttp::async_read(stream, buffer, parser, kTuple);
      }
      if (read_error) {
        if (!is_normal_ending(read_error)) {
          co_await refuse(stream, protocol_error(read_error, *router, body_path));
          co_return;
        }
        break;
      }

      const auto started = std::chrono::steady_clock::now();
      // Rule: a body whose framing Byline had to read (chunked) ends the
      // connection after its answer, so no reading of it can smuggle a
      // request behind it. While stopping, a connection stays open only
      // for requests the client has sent already (pipelined behind this
      // one): every request that has arrived gets its answer.
      auto sent_more = [&] {
        boost::system::error_code ignored;
        return buffer.size() > 0 || stream.socket().available(ignored) > 0;
      };
      bool keep_open = parser.get().keep_alive() && (!stopping || sent_more()) &&
                       parser.get().count(bhttp::field::transfer_encoding) == 0;
      const bool http10 = parser.get().version() == 10;
      const bool head = parser.get().method() == bhttp::verb::head;
      const bool staff = has_cookie(parser.get(), options.session_cookie) ||
                         parser.get().count(bhttp::field::authorization) > 0;
      const std::string origin = origin_form(*target);

      // The fast path: an answer the cache has is written as it is.
      std::optional<std::string> cache_key;
      std::optional<CacheHit> hit;
      std::uint64_t generation = 0;
      if (options.page_cache && !staff) {
        generation = options.page_cache->generation();
        const CacheRequest lookup = cache_request(parser.get(), origin);
        cache_key = options.page_cache->key_for(lookup);
        if (cache_key) hit = options.page_cache->find(*cache_key, lookup, now_utc());
      }
      // A cached answer of a gated route (an API's, for any valid key)
      // goes out only once the gate has admitted this caller too; the gate
      // may read the Store, so it runs off the I/O threads.
      std::optional<Request> request;
      std::optional<Response> turned_away;
      if (hit && hit->answer->admit_each_hit()) {
        request =
            to_request(parser.release(), std::move(*target), remote_address, std::move(request_id));
        turned_away = co_await asio::co_spawn(
            handlers,
            [&]() -> asio::awaitable<std::optional<Response>> { co_return admit(*request); },
            asio::use_awaitable);
        if (turned_away) hit.reset();
        keep_open = keep_open && (!stopping || sent_more());  // a stop may have begun meanwhile
      }
      int status = 0;
      std::size_t body_bytes = 0;
      boost::system::error_code write_error;
      std::string method, logged_target;
      if (hit) {
        method = request ? request->method : std::string(parser.get().method_string());
        logged_target = origin;
        if (request) request_id = request->request_id;
        status = hit->not_modified ? 304 : 200;
        std::tie(write_error, body_bytes) =
            co_await write_cached(stream, *hit, head, keep_open, http10, request_id, true);
      } else {
        if (!request) {
          request = to_request(parser.release(), std::move(*target), remote_address,
                               std::move(request_id));
        }
        // (Not one conditional expression: GCC 12 mishandles a co_await
        // inside one.)
        Response response;
        if (turned_away) {
          response = finish(*request, std::move(*turned_away), staff);
        } else {
          response = co_await asio::co_spawn(
              handlers, [&]() -> asio::awaitable<Response> { co_return handle(*request, staff); },
              asio::use_awaitable);
        }
        keep_open = keep_open && (!stopping || sent_more());  // a stop may have begun meanwhile
        method = std::move(request->method);
        logged_target = std::move(request->target);
        request_id = std::move(request->request_id);
        // Kept for the next reader, and sent from the cache, so that the
        // first reader gets the very bytes every later one will.
        if (cache_key && options.page_cache->store(*cache_key, response, now_utc(), generation)) {
          const CacheRequest lookup{method,
                                    logged_target,
                                    {},
                                    {},
                                    request->header("accept-encoding"),
                                    request->header("if-none-match"),
                                    request->header("if-modified-since")};
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
        log_access_line(format_access_log(remote_address, method, logged_target, request_id, status,
                                          body_bytes, elapsed));
      }
      if (write_error) co_return;
      if (!keep_open) break;
    }
    // Byline ends the connection: the client may have sent more already,
    // which must not turn the close into a reset of what was just answered.
    co_await linger(stream);
  }

  // Writes a cached answer: its head, this request's own headers, and the
  // body, in one gathered write. Returns the error and the body bytes sent.
  asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> write_cached(
      beast::tcp_stream& stream, const CacheHit& hit, bool head, bool keep_alive, bool http10,
      const std::string& request_id, bool was_cached) {
    // X-Cache tells operators (and tests) whether the cache answered.
    std::string tail =
        (was_cached ? "X-Cache: HIT\r\nX-Request-Id: " : "X-Cache: MISS\r\nX-Request-Id: ") +
        request_id + "\r\n";
    if (!keep_alive) {
      tail += "Connection: close\r\n";
    } else if (http10) {
      tail += "Connection: keep-alive\r\n";
    }
    tail += "\r\n";
    const std::string_view first = hit.not_modified ? hit.answer->not_modified_head(hit.encoding)
                                                    : hit.answer->head(hit.encoding);
    const std::string_view body =
        hit.not_modified || head ? std::string_view() : hit.answer->body(hit.encoding);
    const std::array<asio::const_buffer, 3> buffers{asio::buffer(first.data(), first.size()),
                                                    asio::buffer(tail),
                                                    asio::buffer(body.data(), body.size())};
    stream.expires_after(options.read_timeout);
    auto [error, written] = co_await asio::async_write(stream, buffers, kTuple);
    co_return std::make_tuple(error, body.size());
  }

  // Reads until `buffer` holds a whole request header (up to CRLF CRLF);
  // returns its length. header_limit when it grows past the limit first;
  // end_of_stream when the server stops while no request has begun.
  asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> read_raw_header(
      beast::tcp_stream& stream, beast::flat_buffer& buffer, Live& me) {
    std::size_t searched = 0;
    while (true) {
      const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
      const auto end = data.find("\r\n\r\n", searched > 3 ? searched - 3 : 0);
      // A line ended by LF alone would never reach CRLF CRLF: refuse it now.
      const std::string_view header =
          data.substr(0, end == std::string_view::npos ? data.size() : end);
      for (auto lf = header.find('\n'); lf != std::string_view::npos;
           lf = header.find('\n', lf + 1)) {
        if (lf == 0 || header[lf - 1] != '\r') {
          co_return std::make_tuple(boost::system::error_code(bhttp::error::bad_line_ending),
                                    std::size_t{0});
        }
      }
      if (end != std::string_view::npos)
        co_return std::make_tuple(boost::system::error_code{}, end + 4);
      searched = data.size();
      if (data.size() > options.max_header_bytes) {
        co_return std::make_tuple(boost::system::error_code(bhttp::error::header_limit),
                                  std::size_t{0});
      }
      // Between requests the stopper may wake this read: a request that has
      // already arrived is still read and answered, an idle connection ends.
      const bool idle = data.empty();
      if (idle && stopping) {
        boost::system::error_code ignored;
        if (stream.socket().available(ignored) == 0) {
          co_return std::make_tuple(boost::system::error_code(bhttp::error::end_of_stream),
                                    std::size_t{0});
        }
      }
      me.waiting = idle;
      const std::size_t room = std::min<std::size_t>(4096, buffer.max_size() - buffer.size());
      auto [error, got] = co_await stream.async_read_some(buffer.prepare(room), kTuple);
      me.waiting = false;
      if (error == asio::error::operation_aborted && idle && stopping) continue;
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
    stream.expires_after(kLingerTime);
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

  // Stops accepting, wakes the connections waiting for their next request
  // (they end, or answer one that has just arrived), lets the others finish
  // what they have read, then stops the I/O threads.
  asio::awaitable<void> drain() {
    stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    {
      std::lock_guard lock(live_mutex);
      for (const auto& session : live) {
        asio::post(session->executor, [session] {
          if (session->stream && session->waiting) session->stream->socket().cancel();
        });
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    asio::steady_timer tick(control);
    while (connections > 0 && std::chrono::steady_clock::now() < deadline) {
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
  // Enough that a few handlers waiting (for a password hash, say) leave
  // others free.
  if (options.handler_threads <= 0) options.handler_threads = std::max(8, 4 * options.threads);
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
  const auto endpoints =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, error);
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

void Server::add_headers(std::function<void(Response&)> add) {
  impl_->extra_headers = std::move(add);
}

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
  // Handlers still running (one waiting for a password hash, say) finish
  // before the site and newsroom they use can go.
  impl.handlers.join();
}

}  // namespace byline::http
