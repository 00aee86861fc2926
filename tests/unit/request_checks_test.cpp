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

TEST(RequestChecks, BoundsFieldNames) {
  const std::string longest = "GET / HTTP/1.1\r\nHost: x\r\n" + std::string(kMaxFieldNameBytes, 'n') + ": y\r\n\r\n";
  EXPECT_EQ(status_of(check_raw_header(longest)), 0);
  const std::string too_long = "GET / HTTP/1.1\r\nHost: x\r\n" + std::string(kMaxFieldNameBytes + 1, 'n') + ": y\r\n\r\n";
  EXPECT_EQ(status_of(check_raw_header(too_long)), 431);
}

TEST(RequestChecks, AnOversizedHeaderIs414WhileItsRequestLineIsUnfinished) {
  EXPECT_EQ(refuse_oversized_header("GET /" + std::string(100 * 1024, 'a')).status, 414);
  EXPECT_EQ(refuse_oversized_header("GET /?" + std::string(40 * 1024, '&')).status, 414);
  EXPECT_EQ(refuse_oversized_header("GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'b')).status, 431);
}

Framing chunked(std::string_view coding) {
  Framing framing;
  framing.host_fields = 1;
  framing.transfer_encoding_fields = 1;
  framing.transfer_encoding = coding;
  return framing;
}

Framing sized(std::string_view length, std::size_t fields = 1) {
  Framing framing;
  framing.host_fields = 1;
  framing.content_length_fields = fields;
  framing.content_length = length;
  return framing;
}

TEST(RequestChecks, AcceptsOnlyUnambiguousFraming) {
  EXPECT_EQ(status_of(check_framing(sized("5"))), 0);
  EXPECT_EQ(status_of(check_framing(chunked(" Chunked "))), 0);
  EXPECT_EQ(status_of(check_framing(sized("5", 2))), 400);
  EXPECT_EQ(status_of(check_framing(sized("5, 5"))), 400);
  EXPECT_EQ(status_of(check_framing(sized("+5"))), 400);
  EXPECT_EQ(status_of(check_framing(sized(""))), 400);
  Framing two_codings = chunked("chunked");
  two_codings.transfer_encoding_fields = 2;
  EXPECT_EQ(status_of(check_framing(two_codings)), 400);
  EXPECT_EQ(status_of(check_framing(chunked("gzip, chunked"))), 501);
}

TEST(RequestChecks, WantsExactlyOneHostInHttp11) {
  Framing framing;
  EXPECT_EQ(status_of(check_framing(framing)), 400);
  framing.host_fields = 2;
  EXPECT_EQ(status_of(check_framing(framing)), 400);
  framing.host_fields = 1;
  EXPECT_EQ(status_of(check_framing(framing)), 0);
  framing.version = 10;
  framing.host_fields = 0;
  EXPECT_EQ(status_of(check_framing(framing)), 0);  // HTTP/1.0 had no Host
  framing.host_fields = 2;
  EXPECT_EQ(status_of(check_framing(framing)), 400);
}

}  // namespace
}  // namespace byline::http
