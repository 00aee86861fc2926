#include "webhooks/sender.hpp"

#include "webhooks/destination.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace byline::webhooks {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// A receiver's status line and headers; anything longer is not an answer.
constexpr std::uint32_t kMaxAnswerHeader = 16 * 1024;

// What `host` resolves to, within `deadline`. The system's resolver
// cannot be interrupted, so it runs on a thread of its own that is left
// to finish alone when the deadline passes first.
struct Resolved {
  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code error;
};

std::optional<Resolved> resolve_within(const std::string& host, const std::string& port,
                                       std::chrono::milliseconds deadline) {
  struct Shared {
    std::mutex mutex;
    std::condition_variable done;
    std::optional<Resolved> result;
  };
  auto shared = std::make_shared<Shared>();
  std::thread([shared, host, port] {
    asio::io_context io;
    tcp::resolver resolver(io);
    Resolved resolved;
    for (const auto& entry : resolver.resolve(host, port, resolved.error)) {
      resolved.endpoints.push_back(entry.endpoint());
    }
    std::lock_guard lock(shared->mutex);
    shared->result = std::move(resolved);
    shared->done.notify_all();
  }).detach();
  std::unique_lock lock(shared->mutex);
  shared->done.wait_for(lock, deadline, [&] { return shared->result.has_value(); });
  return shared->result;
}

bool is_header_safe(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string failure(std::string_view what, const boost::system::error_code& error) {
  if (error == beast::error::timeout || error == asio::error::operation_aborted) {
    return std::string(what) + ": no answer in time";
  }
  return std::string(what) + ": " + error.message();
}

http::request<http::string_body> request_for(const Outgoing& outgoing,
                                             const Destination& destination) {
  http::request<http::string_body> request{http::verb::post, destination.target, 11};
  request.set(http::field::host, destination.host_header);
  request.set(http::field::content_type, "application/json");
  request.set(http::field::connection, "close");
  for (const auto& [name, value] : outgoing.headers) request.set(name, value);
  request.body() = outgoing.body;
  request.prepare_payload();
  return request;
}

Answer answer_of(const http::response_parser<http::empty_body>& parser) {
  Answer answer;
  answer.status = static_cast<int>(parser.get().result_int());
  if (answer.delivered()) return answer;
  answer.error = "answered " + std::to_string(answer.status);
  if (answer.status >= 300 && answer.status < 400) {
    answer.error += "; deliveries do not follow redirects, so give the address it redirects to";
  }
  return answer;
}

template <typename Stream>
asio::awaitable<Answer> exchange(Stream& stream, const Outgoing& outgoing,
                                 const Destination& destination) {
  auto request = request_for(outgoing, destination);
  auto [wrote, written] = co_await http::async_write(stream, request, kTuple);
  if (wrote) co_return Answer{0, failure("sending", wrote)};
  beast::flat_buffer buffer(kMaxAnswerHeader);
  http::response_parser<http::empty_body> parser;
  parser.header_limit(kMaxAnswerHeader);
  auto [read, bytes] = co_await http::async_read_header(stream, buffer, parser, kTuple);
  if (read) co_return Answer{0, failure("reading the answer", read)};
  co_return answer_of(parser);
}

}  // namespace

struct Sender::Tls {
  asio::ssl::context context{asio::ssl::context::tls_client};
};

Sender::Sender() : tls_(std::make_unique<Tls>()) {
  tls_->context.set_default_verify_paths();
  tls_->context.set_verify_mode(asio::ssl::verify_peer);
  tls_->context.set_options(asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                            asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
}

Sender::~Sender() = default;

Answer Sender::send(const Outgoing& outgoing) {
  auto destination = parse_destination(outgoing.url);
  if (!destination) return Answer{0, destination.error().message};
  for (const auto& [name, value] : outgoing.headers) {
    if (!is_header_safe(name) || !is_header_safe(value)) {
      return Answer{0, "a header of the delivery holds a line break"};
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const auto resolved = resolve_within(destination->host, destination->port, outgoing.deadline);
  if (!resolved) return Answer{0, "finding " + destination->host + ": no answer in time"};
  if (resolved->error) return Answer{0, failure("finding " + destination->host, resolved->error)};
  for (const auto& endpoint : resolved->endpoints) {
    const auto address = endpoint.address();
    if (may_connect(address, outgoing.allow_private_network)) continue;
    const auto range = range_of(address);
    std::string why = destination->host + " is " + std::string(describe(range)) + " (" +
                      address.to_string() + ")";
    if (range != AddressRange::unusable) {
      why +=
          "; an admin must allow private network addresses for this webhook before it may "
          "send there";
    }
    return Answer{0, why};
  }
  asio::io_context io;
  Answer answer;
  auto attempt = [&]() -> asio::awaitable<Answer> {
    beast::tcp_stream tcp_stream(io);
    // One deadline for the whole delivery: what finding the host left of
    // it is for connecting, the TLS handshake, sending and reading.
    tcp_stream.expires_at(started + outgoing.deadline);
    const auto& endpoints = resolved->endpoints;
    auto [connected, endpoint] = co_await tcp_stream.async_connect(endpoints, kTuple);
    if (connected) co_return Answer{0, failure("connecting to " + destination->host, connected)};
    if (!destination->tls) co_return co_await exchange(tcp_stream, outgoing, *destination);

    beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(tcp_stream), tls_->context);
    boost::system::error_code ip_error;
    asio::ip::make_address(destination->host, ip_error);
    // Names are sent for virtual hosting (SNI); addresses are not.
    if (ip_error &&
        !SSL_set_tlsext_host_name(tls_stream.native_handle(), destination->host.c_str())) {
      co_return Answer{0, "starting TLS with " + destination->host + " failed"};
    }
    tls_stream.set_verify_callback(asio::ssl::host_name_verification(destination->host));
    auto [shook] = co_await tls_stream.async_handshake(asio::ssl::stream_base::client, kTuple);
    if (shook) co_return Answer{0, failure("TLS with " + destination->host, shook)};
    co_return co_await exchange(tls_stream, outgoing, *destination);
  };
  asio::co_spawn(io, attempt(), [&](std::exception_ptr thrown, Answer result) {
    answer = thrown ? Answer{0, "the delivery failed inside Byline"} : std::move(result);
  });
  io.run();
  return answer;
}

}  // namespace byline::webhooks
