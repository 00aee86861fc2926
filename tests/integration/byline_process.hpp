// Runs the real `byline` binary for integration tests: `byline serve` on a
// free port of 127.0.0.1 with its own data directory, or any other command.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace byline::testing {

// A fresh, empty directory under the system's temporary directory, removed
// when this object goes.
class TempDir {
 public:
  explicit TempDir(std::string_view purpose);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;       // standard output and standard error, interleaved
  long peak_memory_kb = 0;  // resident, at its highest
};

// Runs `byline` with `arguments` to completion (at most `timeout_seconds`).
CommandResult run_byline(const std::vector<std::string>& arguments, int timeout_seconds = 30);

// The same, with `input` on its standard input (closed after it).
CommandResult run_byline_with_input(const std::vector<std::string>& arguments,
                                    const std::string& input, int timeout_seconds = 30);

// A running `byline serve`. Starts on construction, waits until it prints
// the address it listens on; stops with SIGTERM on stop() or destruction.
class ServerProcess {
 public:
  // What happens to what the server prints once it has started: read all
  // along (kept for output()), or never read, as by a stalled log reader.
  enum class Output { read, left_unread };

  // How a server given --demo on an empty data directory gets its demo
  // site: copied from one this build of byline made in the last quarter of
  // an hour (a fresh demo uploads and resizes its images, which takes
  // seconds, and most tests start on one), or made fresh.
  enum class DemoSite { copied, made_fresh };

  ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_arguments,
                Output output = Output::read, DemoSite demo_site = DemoSite::copied);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  bool running() const { return pid_ > 0; }

  // Sends SIGTERM and waits; returns the exit code.
  int stop();
  // SIGKILL: the process dies on the spot, as in a crash or a power cut.
  void kill_now();
  // Sends `signal` and returns at once; stop() then waits for the exit.
  void signal(int signal);
  // Everything the server printed so far.
  std::string output();
  // Closes this end of the server's output pipe, as a log reader that quits.
  void close_output();

 private:
  void start_draining();
  int end_with(int signal);

  int pid_ = -1;
  int output_fd_ = -1;
  unsigned short port_ = 0;
  std::mutex output_mutex_;
  std::string output_;  // guarded by output_mutex_ once draining_ runs
  std::thread draining_;
};

}  // namespace byline::testing
