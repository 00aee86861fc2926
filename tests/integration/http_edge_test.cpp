// The HTTP edge against hostile clients, over real sockets: requests whose
// framing two programs could read differently are refused, oversize forms
// get their own status, slow clients hold up nobody, a connection flood
// gets a quick 503, an https site sends HSTS, no address reaches a file
// outside the media and theme folders, and no address is taken from the
// request's Host or X-Forwarded-* headers.
#include "byline_process.hpp"
#include "http_client.hpp"
#include "newsroom_client.hpp"

#include "common/text_encoding.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

namespace byline::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "a long enough secret";
constexpr const char* kArticle = "/president-putin-russia-iran-having-strategic-ties/";

// How many answers (status lines) a run of bytes from the server holds.
std::size_t answer_count(const std::string& answers) {
  std::size_t count = 0;
  for (auto at = answers.find("HTTP/1.1 "); at != std::string::npos;
       at = answers.find("HTTP/1.1 ", at + 1)) {
    ++count;
  }
  return count;
}

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
  // Reads until the server closes. `reset` tells whether it ended with a
  // reset (ECONNRESET) rather than a clean close.
  std::string receive_all(bool& reset) {
    timeval timeout{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string all;
    char buffer[16384];
    reset = false;
    while (true) {
      const auto got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got > 0) {
        all.append(buffer, static_cast<std::size_t>(got));
        continue;
      }
      reset = got < 0 && errno == ECONNRESET;
      return all;
    }
  }
  bool send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) >= 0;
  }
  std::string receive() {
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    errno = 0;  // so that a caller reads why an empty answer came
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
    ASSERT_TRUE(add_staff(data_->path(), "editor@example.com", "Eddie Editor",
                          content::Role::editor, kPassword));
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
      {"two different Content-Lengths",
       post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"},
      {"two equal Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"},
      {"a negative Content-Length", post + "Content-Length: -1\r\n\r\n"},
      {"two Transfer-Encodings",
       post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"a chunk size that is no number",
       post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"},
      {"a chunk size past any limit",
       post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhi\r\n0\r\n\r\n"},
      {"obsolete line folding", "GET / HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n b\r\n\r\n"},
      {"a NUL in the target", std::string("GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n", 31)},
      {"a control character in the target",
       "GET /a\x01"
       "b HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a space in the target", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a line ended by LF alone", "GET / HTTP/1.1\nHost: x\n\n"},
      {"no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n"},
      {"a space before the colon", "GET / HTTP/1.1\r\nHost: x\r\nX-Note : a\r\n\r\n"},
  };
  for (const auto& [what, bytes] : cases) {
    EXPECT_EQ(status_line(raw(bytes)), "HTTP/1.1 400 Bad Request") << what;
  }
  EXPECT_EQ(status_line(raw(post + "Transfer-Encoding: gzip\r\n\r\n")),
            "HTTP/1.1 501 Not Implemented");
  // The server is none the worse for them.
  EXPECT_EQ(http_get(server_->port(), "/").status, 200);
}

TEST_F(HttpEdge, RefusesFramingThatTheParserWouldMendAndEndsTheConnection) {
  const std::string behind = "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"},
      {"a list of equal lengths",
       "POST /newsroom/sign-in/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello"},
      {"a chunk extension of 100 KB",
       "POST /newsroom/sign-in/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;" +
           std::string(100 * 1024, 'e') + "\r\nhello\r\n0\r\n\r\n"},
  };
  for (const auto& [what, bytes] : cases) {
    const std::string answers = raw(bytes + behind);
    EXPECT_EQ(status_line(answers), "HTTP/1.1 400 Bad Request") << what;
    EXPECT_EQ(answer_count(answers), 1u) << what << ": the request behind was served";
  }
}

TEST_F(HttpEdge, AChunkedRequestIsAnsweredAndThenTheConnectionEnds) {
  const std::string behind = "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string coding : {"chunked", "\tchunked", " chunked "}) {
    const std::string answers =
        raw("POST /newsroom/sign-in/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:" + coding +
            "\r\n\r\n5;name=value\r\nhello\r\n0\r\n\r\n" + behind);
    EXPECT_EQ(answer_count(answers), 1u) << "[" << coding << "] " << answers.substr(0, 300);
    EXPECT_NE(answers.find("Connection: close"), std::string::npos) << coding;
  }
  // An ordinary request on the next connection is served.
  EXPECT_EQ(http_get(server_->port(), "/robots.txt").status, 200);
}

TEST_F(HttpEdge, AnAbsoluteFormTargetIsReadForItsPathAndItsAuthorityIsNeverEchoed) {
  const std::string article = raw(std::string("GET http://evil.test") + kArticle +
                                  " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_line(article), "HTTP/1.1 200 OK");
  EXPECT_NE(article.find("Putin"), std::string::npos);
  EXPECT_EQ(article.find("evil.test"), std::string::npos);
  const std::string missing =
      raw("GET HTTP://evil.test/no-such-story/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_line(missing), "HTTP/1.1 404 Not Found");
  EXPECT_EQ(missing.find("evil.test"), std::string::npos);
  EXPECT_EQ(status_line(raw("GET evil.test:80 HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 400 Bad Request");
}

TEST_F(HttpEdge, TheCacheAndTheRouterAgreeOnWhatAnAddressMeans) {
  const std::string slug(kArticle, 1, std::string(kArticle).size() - 2);
  const std::string encoded_slash = "/" + slug + "%2F";
  EXPECT_EQ(http_get(server_->port(), encoded_slash).status, 400);  // while the cache is cold
  ASSERT_EQ(http_get(server_->port(), kArticle).status, 200);
  ASSERT_EQ(http_get(server_->port(), kArticle).header("x-cache"), "HIT");
  EXPECT_EQ(http_get(server_->port(), encoded_slash).status, 400);  // and once it holds the article
  EXPECT_EQ(http_get(server_->port(), "/" + slug + "%2f/").status, 400);
  // A spelling that decodes to the same address is the same page.
  std::string dash_encoded = kArticle;
  dash_encoded.replace(dash_encoded.find('-'), 1, "%2D");
  EXPECT_EQ(http_get(server_->port(), dash_encoded).status, 200);
}

TEST_F(HttpEdge, OversizedFormsGetTheirOwnStatus) {
  EXPECT_EQ(
      status_line(raw("GET /" + std::string(100 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")),
      "HTTP/1.1 414 URI Too Long");
  std::string parameters = "GET /search?q=oil";
  for (int i = 0; i < 10000; ++i) parameters += "&p" + std::to_string(i) + "=1";
  EXPECT_EQ(status_line(raw(parameters + " HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 414 URI Too Long");
  EXPECT_EQ(status_line(
                raw("GET / HTTP/1.1\r\nHost: x\r\n" + std::string(10 * 1024, 'n') + ": y\r\n\r\n")),
            "HTTP/1.1 431 Request Header Fields Too Large");
  // A long but allowed search still gets its answer.
  EXPECT_EQ(http_get(server_->port(), "/search?q=" + std::string(10000, 'o')).status, 200);
}

TEST_F(HttpEdge, NoHeaderValueCarriesALineBreak) {
  const HttpResponse form =
      http_get(server_->port(), "/newsroom/sign-in/?next=/newsroom/%0D%0ASet-Cookie:%20qzx=1");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body.find("qzx"), std::string::npos);
  const std::string token = first_match(form.body, R"re(name="_csrf" value="([^"]+)")re");
  const std::string cookies =
      form.header("set-cookie").substr(0, form.header("set-cookie").find(';'));
  for (const std::string next :
       {"/newsroom/%0D%0ASet-Cookie:%20qzx=1", "/newsroom/%0AX-QZX:%201", "/newsroom/%00",
        "https://evil.test/newsroom/", "//evil.test/newsroom/"}) {
    const std::string raw_answer = raw(
        "POST /newsroom/sign-in/ HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\n"
        "Cookie: " +
        cookies + "\r\nConnection: close\r\nContent-Length: " +
        std::to_string(
            std::string("_csrf=" + token +
                        "&email=editor%40example.com&password=a+long+enough+secret&next=" + next)
                .size()) +
        "\r\n\r\n_csrf=" + token +
        "&email=editor%40example.com&password=a+long+enough+secret&next=" + next);
    EXPECT_EQ(status_line(raw_answer), "HTTP/1.1 303 See Other") << next;
    EXPECT_NE(raw_answer.find("Location: /newsroom/\r\n"), std::string::npos)
        << next << raw_answer.substr(0, 400);
    EXPECT_EQ(raw_answer.find("qzx"), std::string::npos) << next;
    EXPECT_EQ(raw_answer.find("X-QZX"), std::string::npos) << next;
  }
}

TEST_F(HttpEdge, AnswersToStaffAreNeverKeptBySharedCaches) {
  StaffClient editor(server_->port(), "editor@example.com", kPassword);
  ASSERT_TRUE(editor.signed_in());
  for (const std::string path : {"/", "/rss/", "/sitemap.xml", kArticle, "/newsroom/",
                                 "/newsroom/posts/1/", "/no-such-story/"}) {
    EXPECT_EQ(editor.get(path).header("cache-control"), "private, no-store") << path;
  }
  // Readers still get shareable answers.
  EXPECT_EQ(http_get(server_->port(), "/rss/").header("cache-control"), "public, max-age=60");
}

TEST_F(HttpEdge, WhateverBytesAFormSpellsThePagesStayValidUtf8) {
  StaffClient editor(server_->port(), "editor@example.com", kPassword);
  ASSERT_TRUE(editor.signed_in());
  const HttpResponse saved = editor.post(
      "/newsroom/posts/new/",
      "title=Bad%C0%AFtitle%00&slug=bad-bytes&body=%3Cp%3Ecaf%C3%3C%2Fp%3E&intent=publish");
  ASSERT_EQ(saved.status, 303) << saved.body;
  for (const std::string path : {"/", "/bad-bytes/", "/rss/", "/feed.json", "/search?q=Bad%C0"}) {
    const HttpResponse page = http_get(server_->port(), path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_EQ(valid_utf8(page.body), page.body) << path << " is not valid UTF-8";
    EXPECT_EQ(page.body.find('\0'), std::string::npos) << path;
  }
  EXPECT_NE(http_get(server_->port(), "/bad-bytes/").body.find("Bad\xEF\xBF\xBD\xEF\xBF\xBDtitle"),
            std::string::npos);
}

TEST(HttpStop, AStopAnswersEveryRequestItHasReadAndClosesIdleConnectionsCleanly) {
  TempDir data("clean-stop");
  ServerProcess server(data.path(), {"--demo"});
  RawConnection idle(server.port());
  ASSERT_TRUE(idle.send("GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_NE(idle.receive().find("200 OK"), std::string::npos);
  RawConnection busy(server.port());
  const std::string one = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(busy.send(one + one + one));
  // The requests reach the server's socket; it need not have read them
  // yet: every request that has arrived is answered.
  std::this_thread::sleep_for(5ms);
  server.signal(SIGTERM);

  bool reset = false;
  const std::string answers = busy.receive_all(reset);
  EXPECT_FALSE(reset);
  EXPECT_EQ(answer_count(answers), 3u) << answers.substr(0, 200);
  EXPECT_NE(answers.rfind("</html>"), std::string::npos);  // the last answer whole
  EXPECT_EQ(idle.receive_all(reset), "");
  EXPECT_FALSE(reset) << "the idle connection was reset instead of closed";
  EXPECT_EQ(server.stop(), 0);
}

TEST(HttpStop, AStopUnderLoadResetsNoConnectionAndCutsNoAnswer) {
  TempDir data("stop-under-load");
  ServerProcess server(data.path(), {"--demo", "--no-access-log"});
  std::atomic<int> answered{0}, resets{0}, cut{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      RawConnection connection(server.port());
      while (connection.connected()) {
        if (!connection.send("GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")) break;
        // An answer ends with robots.txt's last line; the connection
        // closing before that cuts it.
        std::string answer;
        while (answer.find("news-sitemap.xml\n") == std::string::npos) {
          const std::string more = connection.receive();
          if (more.empty()) break;
          answer += more;
        }
        if (answer.empty()) {
          if (errno == ECONNRESET) ++resets;
          break;
        }
        if (answer.find("news-sitemap.xml\n") == std::string::npos) {
          ++cut;
          break;
        }
        ++answered;
        if (answer.find("Connection: close") != std::string::npos) break;
      }
    });
  }
  std::this_thread::sleep_for(300ms);
  server.signal(SIGTERM);
  for (auto& reader : readers) reader.join();
  EXPECT_GT(answered.load(), 0);
  EXPECT_EQ(resets.load(), 0);
  EXPECT_EQ(cut.load(), 0);
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(HttpEdge, BoundsTheAddressAndTheNumberOfHeaderFields) {
  EXPECT_EQ(status_line(raw("GET /" + std::string(13000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 414 URI Too Long");
  std::string many = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 120; ++i) many += "X-Field-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(status_line(raw(many + "\r\n")), "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_EQ(status_line(
                raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n")),
            "HTTP/1.1 431 Request Header Fields Too Large");
}

TEST_F(HttpEdge, AnswersPipelinedRequestsInOrder) {
  const std::string answers =
      raw("GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such-story/ HTTP/1.1\r\nHost: "
          "x\r\nConnection: close\r\n\r\n");
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
  EXPECT_EQ(http_get(secure.port(), "/no-such-story/").header("strict-transport-security"),
            "max-age=31536000");
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
  std::filesystem::create_directory_symlink(data.path(),
                                            data.path() / "media" / "public" / "outside");
  ServerProcess server(data.path(), {"--demo"});

  const HttpResponse real = http_get(server.port(), "/media/2026/11/real-400.webp");
  ASSERT_EQ(real.status, 200);
  EXPECT_EQ(real.body, "RIFF-real");

  for (const std::string target : {
           "/media/2026/11/link-400.webp",  // a symlink to the database
           "/media/outside/byline.db",      // a folder symlinked out
           "/media/../byline.db",           // dot segments
           "/media/2026/../../../byline.db",
           "/media/%2e%2e/byline.db",      // encoded dots
           "/media/..%2fbyline.db",        // an encoded slash
           "/media/..%5cbyline.db",        // an encoded backslash
           "/media/..\\byline.db",         // a raw backslash
           "/media/%252e%252e/byline.db",  // encoded twice: decoded once only
           "/media//etc/passwd",
           "/media/%2fetc%2fpasswd",
           "/media/2026/11/real-400.webp%00.txt",
           "/assets/../byline.db",
           "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
           "/assets/..%2f..%2f..%2fetc%2fpasswd",
       }) {
    const HttpResponse answer = http_get(server.port(), target);
    EXPECT_TRUE(answer.status == 400 || answer.status == 404)
        << target << " gave " << answer.status;
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
  for (const std::string& path :
       {std::string("/"), article, std::string("/rss/"), std::string("/atom.xml"),
        std::string("/feed.json"), std::string("/sitemap.xml"), std::string("/sitemap-posts-1.xml"),
        std::string("/robots.txt"), std::string("/search?q=iran"),
        std::string("/no-such-story/")}) {
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
  const HttpResponse redirect =
      http_request(server.port(), "GET", article.substr(0, article.size() - 1), forged);
  EXPECT_EQ(redirect.status, 301);
  EXPECT_EQ(redirect.header("location").find("evil.example"), std::string::npos)
      << redirect.header("location");
  const HttpResponse sign_in = http_request(server.port(), "GET", "/newsroom/", forged);
  EXPECT_EQ(sign_in.header("location").find("evil.example"), std::string::npos)
      << sign_in.header("location");
}

}  // namespace
}  // namespace byline::testing
