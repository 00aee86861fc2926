#include "webhook_receiver.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>

namespace byline::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct WebhookReceiver::Io {
  asio::io_context context;
  tcp::acceptor acceptor{context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
};

WebhookReceiver::WebhookReceiver() : io_(std::make_unique<Io>()) {
  port_ = io_->acceptor.local_endpoint().port();
  serve();
  thread_ = std::thread([this] { io_->context.run(); });
}

WebhookReceiver::~WebhookReceiver() {
  io_->context.stop();
  thread_.join();
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::answer_with(std::vector<int> statuses) {
  std::lock_guard lock(mutex_);
  statuses_.assign(statuses.begin(), statuses.end());
}

std::vector<ReceivedRequest> WebhookReceiver::wait_for(std::size_t count,
                                                       std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
  return received_;
}

std::vector<ReceivedRequest> WebhookReceiver::received() {
  std::lock_guard lock(mutex_);
  return received_;
}

void WebhookReceiver::serve() {
  io_->acceptor.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    if (error) return;
    // One request per connection, as Byline sends them; answered in turn.
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    boost::system::error_code read_error;
    http::read(socket, buffer, request, read_error);
    if (!read_error) {
      ReceivedRequest received;
      received.method = std::string(request.method_string());
      received.target = std::string(request.target());
      for (const auto& field : request) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        received.headers[name] = std::string(field.value());
      }
      received.body = request.body();
      int status = 200;
      {
        std::lock_guard lock(mutex_);
        if (!statuses_.empty()) {
          status = statuses_.front();
          statuses_.pop_front();
        }
        received_.push_back(std::move(received));
      }
      arrived_.notify_all();
      http::response<http::string_body> response{static_cast<http::status>(status), 11};
      response.body() = "ok";
      response.prepare_payload();
      boost::system::error_code write_error;
      http::write(socket, response, write_error);
    }
    serve();
  });
}

}  // namespace byline::testing
