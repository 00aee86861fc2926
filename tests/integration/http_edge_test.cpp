// The HTTP edge against hostile clients, over real sockets: requests whose
// framing two programs could read differently are refused, oversize forms
// get their own status, slow clients hold up nobody, a connection flood
// gets a quick 503, and an https site sends HSTS.
#include "byline_process.hpp"
#include "http_client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace byline::testing {
namespace {

using namespace std::chrono_literals;

std::string status_line(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }

// A plain blocking socket connected to the server, for holding connections
// open without the test client's help.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool send(std::string_view bytes) { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) >= 0; }
  std::string receive() {
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    const auto got = ::recv(fd_, buffer, sizeof buffer, 0);
    return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : "";
  }

 private:
  int fd_;
  bool connected_ = false;
};

class HttpEdge : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("http-edge");
    server_ = new ServerProcess(data_->path(), {"--demo"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }
  static std::string raw(const std::string& bytes) { return send_raw(server_->port(), bytes); }

  static TempDir* data_;
  static ServerProcess* server_;
};

TempDir* HttpEdge::data_ = nullptr;
ServerProcess* HttpEdge::server_ = nullptr;

TEST_F(HttpEdge, RefusesRequestsWhoseFramingIsAmbiguous) {
  const std::string post = "POST /newsroom/sign-in/ HTTP/1.1\r\nHost: x\r\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"Content-Length and Transfer-Encoding",
       post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"two different Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"},
      {"two equal Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"},
      {"a negative Content-Length", post + "Content-Length: -1\r\n\r\n"},
      {"two Transfer-Encodings", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"a chunk size that is no number", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"},
      {"a chunk size past any limit", post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhi\r\n0\r\n\r\n"},
      {"obsolete line folding", "GET / HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n b\r\n\r\n"},
      {"a NUL in the target", std::string("GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n", 31)},
      {"a control character in the target", "GET /a\x01" "b HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a space in the target", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a line ended by LF alone", "GET / HTTP/1.1\nHost: x\n\n"},
      {"no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n"},
      {"a space before the colon", "GET / HTTP/1.1\r\nHost: x\r\nX-Note : a\r\n\r\n"},
  };
  for (const auto& [what, bytes] : cases) {
    EXPECT_EQ(status_line(raw(bytes)), "HTTP/1.1 400 Bad Request") << what;
  }
  EXPECT_EQ(status_line(raw(post + "Transfer-Encoding: gzip\r\n\r\n")), "HTTP/1.1 501 Not Implemented");
  // The server is none the worse for them.
  EXPECT_EQ(http_get(server_->port(), "/").status, 200);
}

TEST_F(HttpEdge, BoundsTheAddressAndTheNumberOfHeaderFields) {
  EXPECT_EQ(status_line(raw("GET /" + std::string(13000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 414 URI Too Long");
  std::string many = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 120; ++i) many += "X-Field-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(status_line(raw(many + "\r\n")), "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_EQ(status_line(raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n")),
            "HTTP/1.1 431 Request Header Fields Too Large");
}

TEST_F(HttpEdge, AnswersPipelinedRequestsInOrder) {
  const std::string answers =
      raw("GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such-story/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto first = answers.find("HTTP/1.1 200 OK");
  const auto second = answers.find("HTTP/1.1 404 Not Found");
  ASSERT_NE(first, std::string::npos) << answers;
  ASSERT_NE(second, std::string::npos) << answers;
  EXPECT_LT(first, second);
}

TEST_F(HttpEdge, FiveHundredSlowClientsHoldUpNobody) {
  // Each sends the start of a request and then a byte now and then, never
  // finishing it (slowloris).
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 500; ++i) {
    auto connection = std::make_unique<RawConnection>(server_->port());
    ASSERT_TRUE(connection->connected()) << i;
    connection->send("GET / HTTP/1.1\r\nHost: x\r\n");
    slow.push_back(std::move(connection));
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    while (!done) {
      for (auto& connection : slow) connection->send("X");
      std::this_thread::sleep_for(200ms);
    }
  });
  // Normal readers are answered while all of them hang on.
  for (int i = 0; i < 5; ++i) {
    const HttpResponse answer = http_get(server_->port(), "/");
    EXPECT_EQ(answer.status, 200);
  }
  done = true;
  trickle.join();
}

TEST(HttpEdgeLimits, ConnectionsPastTheLimitGetAQuick503) {
  TempDir data("connection-limit");
  ServerProcess server(data.path(), {"--demo", "--max-connections", "5"});
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 5; ++i) {
    idle.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(idle.back()->connected());
  }
  std::this_thread::sleep_for(200ms);  // let the server take them all in
  const HttpResponse refused = http_get(server.port(), "/");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.header("retry-after"), "1");
  idle.clear();
  std::this_thread::sleep_for(200ms);  // the server sees them close
  EXPECT_EQ(http_get(server.port(), "/").status, 200);
}

TEST(HttpEdgeLimits, AnHttpsSiteSendsStrictTransportSecurity) {
  TempDir secure_data("hsts");
  ServerProcess secure(secure_data.path(), {"--demo", "--url", "https://news.example"});
  EXPECT_EQ(http_get(secure.port(), "/").header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(http_get(secure.port(), "/no-such-story/").header("strict-transport-security"), "max-age=31536000");
  TempDir plain_data("no-hsts");
  ServerProcess plain(plain_data.path(), {"--demo"});
  EXPECT_EQ(http_get(plain.port(), "/").header("strict-transport-security"), "");
}

}  // namespace
}  // namespace byline::testing
