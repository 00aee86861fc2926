// The HTTP edge against hostile clients, over real sockets: requests whose
// framing two programs could read differently are refused, oversize forms
// get their own status, slow clients hold up nobody, a connection flood
// gets a quick 503, an https site sends HSTS, no address reaches a file
// outside the media and theme folders, and no address is taken from the
// request's Host or X-Forwarded-* headers.
#include "byline_process.hpp"
#include "http_client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
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

TEST(HttpPaths, NoAddressReachesAFileOutsideTheMediaAndThemeFolders) {
  TempDir data("paths");
  const auto month = data.path() / "media" / "public" / "2026" / "11";
  std::filesystem::create_directories(month);
  std::ofstream(month / "real-400.webp", std::ios::binary) << "RIFF-real";
  std::filesystem::create_symlink(data.path() / "byline.db", month / "link-400.webp");
  std::filesystem::create_directory_symlink(data.path(), data.path() / "media" / "public" / "outside");
  ServerProcess server(data.path(), {"--demo"});

  const HttpResponse real = http_get(server.port(), "/media/2026/11/real-400.webp");
  ASSERT_EQ(real.status, 200);
  EXPECT_EQ(real.body, "RIFF-real");

  for (const std::string target : {
           "/media/2026/11/link-400.webp",            // a symlink to the database
           "/media/outside/byline.db",                // a folder symlinked out
           "/media/../byline.db",                     // dot segments
           "/media/2026/../../../byline.db",
           "/media/%2e%2e/byline.db",                 // encoded dots
           "/media/..%2fbyline.db",                   // an encoded slash
           "/media/..%5cbyline.db",                   // an encoded backslash
           "/media/..\\byline.db",                    // a raw backslash
           "/media/%252e%252e/byline.db",             // encoded twice: decoded once only
           "/media//etc/passwd",
           "/media/%2fetc%2fpasswd",
           "/media/2026/11/real-400.webp%00.txt",
           "/assets/../byline.db",
           "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
           "/assets/..%2f..%2f..%2fetc%2fpasswd",
       }) {
    const HttpResponse answer = http_get(server.port(), target);
    EXPECT_TRUE(answer.status == 400 || answer.status == 404) << target << " gave " << answer.status;
    EXPECT_EQ(answer.body.find("SQLite format 3"), std::string::npos) << target;
    EXPECT_EQ(answer.body.find("root:"), std::string::npos) << target;
  }
}

TEST(HttpPaths, AddressesComeFromTheSiteUrlNeverFromTheRequest) {
  TempDir data("forged-host");
  ServerProcess server(data.path(), {"--demo", "--url", "https://news.example"});
  const std::vector<std::pair<std::string, std::string>> forged = {
      {"Host", "evil.example"},
      {"X-Forwarded-Host", "evil.example"},
      {"X-Forwarded-Proto", "http"},
      {"X-Forwarded-Server", "evil.example"},
      {"Forwarded", "host=evil.example;proto=http"},
  };
  // The forged request comes first: were it to leak, the page cache would
  // hand it on to every later reader.
  const std::string article = "/president-putin-russia-iran-having-strategic-ties/";
  for (const std::string& path : {std::string("/"), article, std::string("/rss/"), std::string("/atom.xml"),
                                 std::string("/feed.json"), std::string("/sitemap.xml"),
                                 std::string("/sitemap-posts-1.xml"), std::string("/robots.txt"),
                                 std::string("/search?q=iran"), std::string("/no-such-story/")}) {
    for (const bool is_forged : {true, false}) {
      const HttpResponse answer = is_forged ? http_request(server.port(), "GET", path, forged)
                                            : http_get(server.port(), path);
      EXPECT_NE(answer.status, 0) << path;
      EXPECT_EQ(answer.body.find("evil.example"), std::string::npos) << path;
      EXPECT_EQ(answer.body.find("http://news.example"), std::string::npos) << path;
      if (path == "/" || path == article || path == "/rss/") {
        EXPECT_NE(answer.body.find("https://news.example/"), std::string::npos) << path;
      }
    }
  }
  const HttpResponse redirect = http_request(server.port(), "GET", article.substr(0, article.size() - 1), forged);
  EXPECT_EQ(redirect.status, 301);
  EXPECT_EQ(redirect.header("location").find("evil.example"), std::string::npos) << redirect.header("location");
  const HttpResponse sign_in = http_request(server.port(), "GET", "/newsroom/", forged);
  EXPECT_EQ(sign_in.header("location").find("evil.example"), std::string::npos) << sign_in.header("location");
}

}  // namespace
}  // namespace byline::testing
