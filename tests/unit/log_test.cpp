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
  // Before any is, the writer may hold a whole queue's worth (4 MB) in the
  // batch it is writing and the queue another 4 MB: 100,000 lines of 113
  // bytes are more than both and the pipe, however the threads take turns.
  constexpr std::size_t kLines = 100000;
  const std::string line =
      "127.0.0.1 \"GET /robots.txt HTTP/1.1\" 200 120 0.05ms " + std::string(60, 'x');
  for (std::size_t i = 0; i < kLines; ++i) log_access_line(line);
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

  // Each time the writer catches up it tells how many were dropped since it
  // last told; under load that may be more than once.
  const std::string notice = " access log lines were dropped: standard output did not keep up\n";
  const auto told = read.find(notice);
  ASSERT_NE(told, std::string::npos);
  long dropped = 0;
  for (auto at = told; at != std::string::npos; at = read.find(notice, at + 1)) {
    const auto start = read.rfind("byline: ", at);
    dropped += std::stol(read.substr(start + 8, at - start - 8));
  }
  EXPECT_GT(dropped, 0);
  // Every line is either written whole or counted as dropped.
  std::size_t written = 0;
  for (auto at = read.find(line + "\n"); at != std::string::npos;
       at = read.find(line + "\n", at + 1))
    ++written;
  EXPECT_EQ(written + static_cast<std::size_t>(dropped), kLines);
  EXPECT_LT(told, read.find("the last line"));
}

}  // namespace
}  // namespace byline
