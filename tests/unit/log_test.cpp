// The log's queue: access lines past its bound are dropped and counted, and
// the count is told once standard output keeps up again.
#include "common/log.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace byline {
namespace {

TEST(Log, DropsAccessLinesPastItsBoundAndSaysHowMany) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const int saved_stdout = ::dup(STDOUT_FILENO);
  ASSERT_GE(::dup2(pipe_fds[1], STDOUT_FILENO), 0);
  ::close(pipe_fds[1]);

  // Nobody reads yet: the pipe fills, then the queue, then lines are dropped.
  const std::string line = "127.0.0.1 \"GET /robots.txt HTTP/1.1\" 200 120 0.05ms " + std::string(60, 'x');
  for (int i = 0; i < 60000; ++i) log_access_line(line);
  log_line("the last line");

  std::string read;
  char buffer[65536];
  while (read.find("the last line\n") == std::string::npos) {
    const ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (got <= 0) break;
    read.append(buffer, static_cast<std::size_t>(got));
  }
  ::dup2(saved_stdout, STDOUT_FILENO);
  ::close(saved_stdout);
  ::close(pipe_fds[0]);

  const auto told = read.find(" access log lines were dropped: standard output did not keep up\n");
  ASSERT_NE(told, std::string::npos);
  const auto start = read.rfind("byline: ", told);
  const long dropped = std::stol(read.substr(start + 8, told - start - 8));
  EXPECT_GT(dropped, 0);
  // Every line is either written whole or counted as dropped.
  std::size_t written = 0;
  for (auto at = read.find(line + "\n"); at != std::string::npos; at = read.find(line + "\n", at + 1)) ++written;
  EXPECT_EQ(written + static_cast<std::size_t>(dropped), 60000u);
  EXPECT_LT(told, read.find("the last line"));
}

}  // namespace
}  // namespace byline
