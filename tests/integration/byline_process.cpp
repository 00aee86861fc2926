// Process control for integration tests: posix_spawn, a pipe for output,
// SIGTERM to stop.
#include "byline_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace byline::testing {
namespace {

// Starts `byline` with `arguments`, its stdout and stderr on a pipe, and
// its stdin from `stdin_fd` (-1: /dev/null). Returns {pid, read end of the
// pipe}.
std::pair<int, int> spawn_byline(const std::vector<std::string>& arguments, int stdin_fd = -1) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdin_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);

  std::vector<std::string> all{BYLINE_BINARY};
  all.insert(all.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : all) argv.push_back(argument.data());
  argv.push_back(nullptr);

  pid_t pid = -1;
  const int failed = posix_spawn(&pid, BYLINE_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (failed != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error("could not start " BYLINE_BINARY);
  }
  return {pid, pipe_fds[0]};
}

// Appends what `fd` has to `out`, waiting up to `timeout_ms` for something.
// Returns false at end of file.
bool read_some(int fd, std::string& out, int timeout_ms) {
  pollfd poll_fd{fd, POLLIN, 0};
  if (poll(&poll_fd, 1, timeout_ms) <= 0) return true;
  char buffer[4096];
  const ssize_t got = read(fd, buffer, sizeof buffer);
  if (got <= 0) return false;
  out.append(buffer, static_cast<std::size_t>(got));
  return true;
}

// The exit code, and the process's peak resident memory in `peak_kb` when
// it is given.
int wait_for_exit(int pid, int timeout_seconds, long* peak_kb = nullptr) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (peak_kb) *peak_kb = usage.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string random_suffix() {
  std::random_device random;
  return std::to_string(getpid()) + "-" + std::to_string(random());
}

// The demo site this build of byline made in the current quarter of an
// hour, made now when there is none. Its relative times ("4 hours ago")
// read the same for most of an hour, so a copy is as good as a fresh one.
std::filesystem::path demo_site_template() {
  namespace fs = std::filesystem;
  const fs::path binary = BYLINE_BINARY;
  const auto built = fs::last_write_time(binary).time_since_epoch().count();
  const auto quarter = std::chrono::duration_cast<std::chrono::minutes>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count() /
                       15;
  const std::string prefix = "byline-demo-site-";
  const fs::path made =
      fs::temp_directory_path() /
      (prefix +
       std::to_string(std::hash<std::string>{}(binary.string() + "@" + std::to_string(built))) +
       "-" + std::to_string(quarter));
  if (fs::exists(made)) return made;

  // Made aside and renamed into place: a test starting meanwhile never
  // copies half a site.
  const fs::path making = made.string() + ".making-" + random_suffix();
  fs::create_directories(making);
  {
    ServerProcess server(making, {"--demo"}, ServerProcess::Output::read,
                         ServerProcess::DemoSite::made_fresh);
    if (server.stop() != 0) throw std::runtime_error("the demo site's server did not stop cleanly");
  }
  std::error_code error;
  fs::rename(making, made, error);
  if (error) fs::remove_all(making, error);  // another test's came first
  // Sites of other builds and of past quarters are of no more use.
  const auto hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), error)) {
    const std::string name = entry.path().filename().string();
    std::error_code ignored;
    if (name.starts_with(prefix) && entry.last_write_time(ignored) < hour_ago) {
      fs::remove_all(entry.path(), ignored);
    }
  }
  return made;
}

}  // namespace

TempDir::TempDir(std::string_view purpose) {
  path_ = std::filesystem::temp_directory_path() /
          ("byline-" + std::string(purpose) + "-" + random_suffix());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

CommandResult run_byline(const std::vector<std::string>& arguments, int timeout_seconds) {
  return run_byline_with_input(arguments, "", timeout_seconds);
}

CommandResult run_byline_with_input(const std::vector<std::string>& arguments,
                                    const std::string& input, int timeout_seconds) {
  int input_fds[2];
  if (pipe2(input_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  auto [pid, fd] = spawn_byline(arguments, input_fds[0]);
  close(input_fds[0]);
  (void)!write(input_fds[1], input.data(), input.size());  // small: fits the pipe
  close(input_fds[1]);
  CommandResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline && read_some(fd, result.output, 100)) {
  }
  close(fd);
  result.exit_code = wait_for_exit(pid, 5, &result.peak_memory_kb);
  return result;
}

ServerProcess::ServerProcess(const std::filesystem::path& data_dir,
                             std::vector<std::string> extra_arguments, Output output,
                             DemoSite demo_site) {
  const bool demo =
      std::find(extra_arguments.begin(), extra_arguments.end(), "--demo") != extra_arguments.end();
  if (demo && demo_site == DemoSite::copied && !std::filesystem::exists(data_dir / "byline.db")) {
    std::filesystem::copy(demo_site_template(), data_dir, std::filesystem::copy_options::recursive);
  }
  std::vector<std::string> arguments{"serve", "--host", "127.0.0.1",      "--port",
                                     "0",     "--data", data_dir.string()};
  arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
  std::tie(pid_, output_fd_) = spawn_byline(arguments);

  static constexpr std::string_view kListening = "Byline is serving http://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!read_some(output_fd_, output_, 100)) break;
    const auto at = output_.find(kListening);
    if (at != std::string::npos && output_.find('/', at + kListening.size()) != std::string::npos) {
      port_ = static_cast<unsigned short>(std::stoi(output_.substr(at + kListening.size())));
      if (output == Output::read) start_draining();
      return;
    }
  }
  stop();
  throw std::runtime_error("byline serve did not start:\n" + output_);
}

ServerProcess::~ServerProcess() { stop(); }

// The server logs a line per request; a pipe nobody empties would fill up
// and stop it in the middle of a write. So its output is read all along.
void ServerProcess::start_draining() {
  draining_ = std::thread([this] {
    std::string chunk;
    while (true) {  // until the server's end of the pipe closes
      chunk.clear();
      const bool open = read_some(output_fd_, chunk, 50);
      if (!chunk.empty()) {
        std::lock_guard lock(output_mutex_);
        output_ += chunk;
      }
      if (!open) break;
    }
  });
}

std::string ServerProcess::output() {
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // what was just written arrives
  std::lock_guard lock(output_mutex_);
  return output_;
}

void ServerProcess::close_output() {
  if (draining_.joinable()) return;  // only an output left unread may be closed
  if (output_fd_ >= 0) close(output_fd_);
  output_fd_ = -1;
}

int ServerProcess::stop() { return end_with(SIGTERM); }

void ServerProcess::kill_now() { end_with(SIGKILL); }

void ServerProcess::signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

int ServerProcess::end_with(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const int code = wait_for_exit(pid_, 15);
  pid_ = -1;
  // The process is gone: the reader takes what it wrote last, then meets
  // the end of the pipe.
  if (draining_.joinable()) draining_.join();
  if (output_fd_ >= 0) close(output_fd_);
  output_fd_ = -1;
  return code;
}

}  // namespace byline::testing
