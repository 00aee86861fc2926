// The whole request path on arbitrary bytes: a real Byline (demo content,
// page cache, newsroom) serves in this process on a loopback port, and
// each input is sent as it is on a connection of its own, then the client
// stops sending. Properties: the server answers and ends the connection
// (no hang); what it sends parses as HTTP/1.1 answers; none is a 500 (a
// handler's bug, or a header that could not be sent safely); an answer
// that says Connection: close is the last one on its connection.
#include "app/boot.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace bhttp = boost::beast::http;

// A port nobody listens on now (the kernel's pick for a socket bound to 0).
unsigned short free_port() {
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);
  return ntohs(address.sin_port);
}

// A connection to Byline on loopback, tried `attempts` times: once a server
// is up a connect can still fail for a moment on a loaded machine (a full
// accept queue), and a failure that lasts says why.
int connect_to(unsigned short port, int attempts = 1) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int attempt = 0; attempt < attempts; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
      timeval timeout{5, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
      return fd;
    }
    const int error = errno;
    ::close(fd);
    if (attempts > 1) std::fprintf(stderr, "fuzz_exchange: connect: %s\n", std::strerror(error));
    if (attempt + 1 < attempts) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

// Starts Byline once, in a thread of its own, and waits until it answers.
unsigned short server_port() {
  static const unsigned short port = [] {
    char pattern[] = "/tmp/byline-fuzz-XXXXXX";
    const char* dir = ::mkdtemp(pattern);
    if (!dir) std::abort();
    static byline::app::ServeOptions options;
    options.data_dir = dir;
    options.demo = true;
    options.threads = 1;
    options.access_log = false;
    options.port = free_port();
    std::thread([] { std::exit(byline::app::serve(options)); }).detach();
    for (int tries = 0; tries < 200; ++tries) {
      if (const int fd = connect_to(options.port); fd >= 0) {
        ::close(fd);
        return options.port;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::fprintf(stderr, "fuzz_exchange: Byline did not start\n");
    std::abort();
  }();
  return port;
}

// For each request Beast can read from the start of `input`, whether it is
// a HEAD request.
std::vector<bool> head_requests(std::string_view input) {
  std::vector<bool> heads;
  while (!input.empty()) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.eager(true);
    // As large as Byline takes them, so that no request it reads is missed.
    parser.header_limit(64 * 1024);
    parser.body_limit(64 * 1024 * 1024);
    boost::system::error_code error;
    const std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), error);
    if (error || !parser.is_done() || used == 0) break;
    heads.push_back(parser.get().method() == bhttp::verb::head);
    input.remove_prefix(used);
  }
  return heads;
}

struct Answer {
  unsigned status = 0;
  bool http11 = false;
  bool keep_alive = false;
  std::string_view rest;  // what follows this answer
};

// The answer at the start of `bytes`, read without a body when `head`.
std::optional<Answer> read_answer(std::string_view bytes, bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.eager(true);
  parser.skip(head);
  boost::system::error_code error;
  const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), error);
  if (error || !parser.is_done()) return std::nullopt;
  return Answer{parser.get().result_int(), parser.get().version() == 11, parser.get().keep_alive(),
                bytes.substr(used)};
}

void fail(const char* why, const std::string& answers) {
  std::fprintf(stderr, "fuzz_exchange: %s\n--- what the server sent ---\n%.2000s\n", why,
               answers.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = connect_to(server_port(), 50);
  if (fd < 0) fail("cannot connect", "");
  // The server may answer and close before it has read everything.
  for (std::size_t sent = 0; sent < size;) {
    const auto wrote = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (wrote <= 0) break;
    sent += static_cast<std::size_t>(wrote);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answers;
  char chunk[16384];
  while (true) {
    const auto got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got > 0) {
      answers.append(chunk, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      fail("the connection was not ended", answers);
    break;  // the end, or a reset after the answers
  }
  ::close(fd);

  // Which requests were HEAD, in order: their answers carry no body.
  const std::vector<bool> heads =
      head_requests(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string_view rest = answers;
  bool closed = false;
  for (std::size_t index = 0; !rest.empty(); ++index) {
    if (closed) fail("an answer came after one that said Connection: close", answers);
    const bool head = index < heads.size() && heads[index];
    // An answer to HEAD has no body, unless the request was refused before
    // Byline read what it was: then the refusal's text follows.
    auto answer = read_answer(rest, head);
    if (head && answer && !answer->rest.empty() && !answer->rest.starts_with("HTTP/1.1 ")) {
      answer = read_answer(rest, false);
    }
    if (!answer) fail("the server sent something that is not a whole HTTP answer", answers);
    if (answer->status == 500) fail("an answer was 500", answers);
    if (!answer->http11) fail("an answer is not HTTP/1.1", answers);
    closed = !answer->keep_alive;
    rest = answer->rest;
  }
  return 0;
}
