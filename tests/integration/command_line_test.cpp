// `byline` as an operator meets it: help, bad flags, a taken port, a data
// directory it cannot use, and a clean stop.
#include "byline_process.hpp"
#include "http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <fstream>

namespace byline::testing {
namespace {

TEST(CommandLine, HelpExplainsServe) {
  const CommandResult result = run_byline({"serve", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const std::string flag : {"--host", "--port", "--data", "--demo"}) {
    EXPECT_NE(result.output.find(flag), std::string::npos) << flag;
  }
}

TEST(CommandLine, ABadFlagFailsWithAMessage) {
  const CommandResult result = run_byline({"serve", "--no-such-flag"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(result.output.starts_with("byline: ")) << result.output;
  EXPECT_NE(result.output.find("--no-such-flag"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find('\n'), result.output.size() - 1) << "one line: " << result.output;

  const CommandResult bad_port = run_byline({"serve", "--port", "99999"});
  EXPECT_NE(bad_port.exit_code, 0);
}

TEST(CommandLine, NoCommandFailsWithUsage) {
  const CommandResult result = run_byline({});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("serve"), std::string::npos) << result.output;
}

TEST(CommandLine, APortInUseFailsWithOneClearLine) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor taken(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const auto port = std::to_string(taken.local_endpoint().port());
  TempDir data("port-in-use");
  const CommandResult result =
      run_byline({"serve", "--host", "127.0.0.1", "--port", port, "--data", data.path().string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(
      result.output.find("byline: Cannot listen on 127.0.0.1:" + port + ": Address already in use"),
      std::string::npos)
      << result.output;
}

TEST(CommandLine, AnUnusableDataDirectoryFailsWithOneClearLine) {
  TempDir dir("bad-data");
  const auto file = dir.path() / "a-file";
  std::ofstream(file) << "not a directory";
  const CommandResult result =
      run_byline({"serve", "--port", "0", "--data", (file / "data").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("byline: cannot create the data directory " +
                               (file / "data").string() + ": Not a directory"),
            std::string::npos)
      << result.output;
}

TEST(CommandLine, StopsCleanlyOnSigterm) {
  TempDir data("stop");
  ServerProcess server(data.path(), {"--demo"});
  ASSERT_EQ(http_get(server.port(), "/").status, 200);
  EXPECT_EQ(server.stop(), 0);
  EXPECT_NE(server.output().find("Byline stopped."), std::string::npos) << server.output();
}

TEST(CommandLine, DemoLeavesExistingContentAlone) {
  TempDir data("demo-twice");
  {
    ServerProcess first(data.path(), {"--demo"}, ServerProcess::Output::read,
                        ServerProcess::DemoSite::made_fresh);
    EXPECT_NE(first.output().find("Demo content: wrote 49 posts"), std::string::npos)
        << first.output();
  }
  ServerProcess second(data.path(), {"--demo"});
  EXPECT_NE(second.output().find("already has posts; left as it is"), std::string::npos)
      << second.output();
}

TEST(UserCommands, AddListAndChangeRoles) {
  TempDir data("users");
  const std::string dir = data.path().string();
  const CommandResult added =
      run_byline_with_input({"user", "add", "--data", dir, "--email", "Owner@Example.com", "--name",
                             "Site Owner", "--role", "admin", "--password-stdin"},
                            "a long enough secret\n");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("Added Site Owner <owner@example.com> as admin"), std::string::npos);

  const CommandResult listed = run_byline({"user", "list", "--data", dir});
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.output.find("owner@example.com"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("admin"), std::string::npos) << listed.output;

  const CommandResult last_admin = run_byline(
      {"user", "set-role", "--data", dir, "--email", "owner@example.com", "--role", "author"});
  EXPECT_EQ(last_admin.exit_code, 1);
  EXPECT_NE(last_admin.output.find("only admin"), std::string::npos) << last_admin.output;

  const CommandResult bad_role = run_byline(
      {"user", "set-role", "--data", dir, "--email", "owner@example.com", "--role", "king"});
  EXPECT_NE(bad_role.exit_code, 0);
}

TEST(UserCommands, RefuseAWeakPasswordAndAMissingTerminal) {
  TempDir data("users-weak");
  const CommandResult weak =
      run_byline_with_input({"user", "add", "--data", data.path().string(), "--email",
                             "a@example.com", "--name", "A", "--password-stdin"},
                            "short\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.output.find("at least 10 characters"), std::string::npos) << weak.output;

  const CommandResult reset =
      run_byline_with_input({"user", "reset-password", "--data", data.path().string(), "--email",
                             "nobody@example.com", "--password-stdin"},
                            "a long enough secret\n");
  EXPECT_EQ(reset.exit_code, 1);
  EXPECT_NE(reset.output.find("No account has the email nobody@example.com"), std::string::npos)
      << reset.output;
}

}  // namespace
}  // namespace byline::testing
