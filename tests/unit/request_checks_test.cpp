#include "http/request_checks.hpp"

#include <gtest/gtest.h>

#include <string>

namespace byline::http {
namespace {

int status_of(std::optional<Refusal> refusal) { return refusal ? refusal->status : 0; }

TEST(RequestChecks, PassesAnOrdinaryHeader) {
  EXPECT_EQ(status_of(check_raw_header("GET /tag/iran/?page=2 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n")), 0);
}

TEST(RequestChecks, RefusesObsoleteFolding) {
  EXPECT_EQ(status_of(check_raw_header("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n")), 400);
  EXPECT_EQ(status_of(check_raw_header("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n")), 400);
}

TEST(RequestChecks, BoundsTheTargetAndTheFieldCount) {
  const std::string longest = "GET /" + std::string(kMaxTargetBytes - 1, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_EQ(status_of(check_raw_header(longest)), 0);
  const std::string too_long = "GET /" + std::string(kMaxTargetBytes, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_EQ(status_of(check_raw_header(too_long)), 414);
  std::string fields = "GET / HTTP/1.1\r\n";
  for (std::size_t i = 0; i < kMaxHeaderFields; ++i) fields += "X: y\r\n";
  EXPECT_EQ(status_of(check_raw_header(fields + "\r\n")), 0);
  EXPECT_EQ(status_of(check_raw_header(fields + "X: y\r\n\r\n")), 431);
}

TEST(RequestChecks, AcceptsOnlyUnambiguousFraming) {
  EXPECT_EQ(status_of(check_framing(11, 1, 0, "", true)), 0);
  EXPECT_EQ(status_of(check_framing(11, 0, 1, " Chunked ", true)), 0);
  EXPECT_EQ(status_of(check_framing(11, 2, 0, "", true)), 400);
  EXPECT_EQ(status_of(check_framing(11, 0, 2, "chunked", true)), 400);
  EXPECT_EQ(status_of(check_framing(11, 0, 1, "gzip, chunked", true)), 501);
  EXPECT_EQ(status_of(check_framing(11, 0, 0, "", false)), 400);
  EXPECT_EQ(status_of(check_framing(10, 0, 0, "", false)), 0);  // HTTP/1.0 had no Host
}

}  // namespace
}  // namespace byline::http
