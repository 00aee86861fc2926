// The test client on Beast's synchronous API.
#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cctype>

namespace byline::testing {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Connects to 127.0.0.1:`port` from `source`, another loopback address
// when a test plays a second visitor.
tcp::socket connect(asio::io_context& io, unsigned short port, const std::string& source = "127.0.0.1") {
  tcp::socket socket(io);
  socket.open(tcp::v4());
  socket.bind(tcp::endpoint(asio::ip::make_address(source), 0));
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  return socket;
}

}  // namespace

HttpResponse http_request(unsigned short port, const std::string& method, const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          const std::string& body) {
  return http_request_from("127.0.0.1", port, method, target, headers, body);
}

HttpResponse http_request_from(const std::string& source, unsigned short port, const std::string& method,
                               const std::string& target,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body) {
  asio::io_context io;
  tcp::socket socket = connect(io, port, source);
  bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : headers) {
    if (!value.empty()) request.set(name, value);
  }
  request.body() = body;
  request.prepare_payload();
  // A server may refuse a large body before it has read it all: the write
  // then fails, but the answer is waiting to be read.
  boost::system::error_code write_error;
  bhttp::write(socket, request, write_error);

  boost::beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(method == "HEAD");
  bhttp::read(socket, buffer, parser);
  auto message = parser.release();

  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    response.headers[name] = std::string(field.value());
  }
  response.body = std::move(message.body());
  return response;
}

std::string send_raw(unsigned short port, const std::string& raw) {
  asio::io_context io;
  tcp::socket socket = connect(io, port);
  // The server may answer and close before it has read everything: errors
  // while sending are expected, the answer is what counts.
  boost::system::error_code error;
  asio::write(socket, asio::buffer(raw), error);
  socket.shutdown(tcp::socket::shutdown_send, error);
  std::string answer;
  char chunk[4096];
  while (true) {
    const std::size_t got = socket.read_some(asio::buffer(chunk), error);
    if (error) break;
    answer.append(chunk, got);
  }
  return answer;
}

std::string visible_text(const std::string& html) {
  std::string text;
  bool in_tag = false;
  std::string skipping;  // "script" or "style" while inside one
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (!skipping.empty()) {
      if (html.compare(i, skipping.size() + 2, "</" + skipping) == 0) {
        skipping.clear();
        in_tag = true;
      }
      continue;
    }
    if (c == '<') {
      in_tag = true;
      for (const std::string name : {"script", "style", "head"}) {
        const std::size_t after = i + 1 + name.size();
        if (html.compare(i + 1, name.size(), name) == 0 && after < html.size() &&
            (html[after] == '>' || html[after] == ' ')) {
          skipping = name;
        }
      }
      text += ' ';
      continue;
    }
    if (c == '>' && in_tag) {
      in_tag = false;
      continue;
    }
    if (!in_tag) text += c;
  }
  for (const auto& [entity, character] :
       std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"},
                                                        {"&quot;", "\""}, {"&apos;", "'"},
                                                        {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, entity.size(), character);
    }
  }
  std::string folded;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!folded.empty() && folded.back() != ' ') folded += ' ';
    } else {
      folded += c;
    }
  }
  return folded;
}

std::vector<std::string> attribute_names(const std::string& html) {
  std::vector<std::string> names;
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
    while (i < html.size() && !is_space(html[i]) && html[i] != '>' && html[i] != '/') ++i;  // tag name
    while (i < html.size() && html[i] != '>') {
      if (is_space(html[i]) || html[i] == '/') {
        ++i;
        continue;
      }
      std::string name;
      while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>') {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
      }
      names.push_back(name);
      while (i < html.size() && is_space(html[i])) ++i;
      if (i < html.size() && html[i] == '=') {
        ++i;
        while (i < html.size() && is_space(html[i])) ++i;
        if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
          const char quote = html[i];
          const auto end = html.find(quote, i + 1);
          i = end == std::string::npos ? html.size() : end + 1;
        } else {
          while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
        }
      }
    }
  }
  return names;
}

}  // namespace byline::testing
