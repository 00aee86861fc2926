#include "http/response_checks.hpp"

#include <gtest/gtest.h>

namespace byline::http {
namespace {

TEST(ResponseChecks, PassesOrdinaryHeaders) {
  Response response = Response::redirect(303, "/newsroom/posts/3/?saved=1");
  response.set_header("Set-Cookie", "byline_session=abc; Path=/; HttpOnly");
  response.set_header("X-Note", "a\ttab is fine");
  EXPECT_FALSE(unsafe_header(response));
}

TEST(ResponseChecks, FindsAValueThatWouldStartAHeaderOfItsOwn) {
  for (const std::string& value :
       std::vector<std::string>{"/newsroom/\r\nSet-Cookie: qzx=1", "/a\nX-QZX: 1", "/a\rb",
                                std::string("/a\0b", 4), "/a\x01", "/a\x7f"}) {
    Response response = Response::redirect(303, value);
    EXPECT_EQ(unsafe_header(response), "Location") << value;
  }
}

TEST(ResponseChecks, FindsANameThatIsNoToken) {
  Response response;
  response.headers.emplace_back("X-A\r\nX-B", "1");
  EXPECT_EQ(unsafe_header(response), "X-A??X-B");
  Response empty;
  empty.headers.emplace_back("", "1");
  EXPECT_TRUE(unsafe_header(empty));
}

TEST(ResponseChecks, AStaffAnswerIsNeverStoredBySharedCaches) {
  Response feed = Response::text(200, "<rss/>");
  feed.set_header("Cache-Control", "public, max-age=60");
  make_private(feed);
  EXPECT_EQ(feed.header("cache-control"), "private, no-store");
  Response page = Response::html(200, "<p>");
  make_private(page);
  EXPECT_EQ(page.header("cache-control"), "private, no-store");
  Response asset = Response::text(200, "body{}");
  asset.set_header("Cache-Control", "public, max-age=31536000, immutable");
  make_private(asset);
  EXPECT_EQ(asset.header("cache-control"), "private, max-age=31536000, immutable");
}

}  // namespace
}  // namespace byline::http
