// The log never holds up the site: a server whose standard output nobody
// reads, or whose reader has gone, keeps answering and stops cleanly.
#include "byline_process.hpp"
#include "http_client.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

TEST(StalledLog, AServerWhoseLogNobodyReadsKeepsAnswering) {
  TempDir data("unread-log");
  ServerProcess server(data.path(), {"--demo"}, ServerProcess::Output::left_unread);
  // 2,000 access-log lines are three times what a pipe holds.
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(http_get(server.port(), "/robots.txt").status, 200) << "request " << i;
  EXPECT_EQ(server.stop(), 0);
}

TEST(StalledLog, AServerWhoseLogReaderQuitsKeepsAnswering) {
  TempDir data("closed-log");
  ServerProcess server(data.path(), {"--demo"}, ServerProcess::Output::left_unread);
  server.close_output();
  for (int i = 0; i < 100; ++i) ASSERT_EQ(http_get(server.port(), "/robots.txt").status, 200) << "request " << i;
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace byline::testing
