// Password input without echo, through /dev/tty.
#include "app/password_prompt.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace byline::app {
namespace {

void strip_line_end(std::string& line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
}

// Reads one line from the terminal `fd` with echo off.
std::string ask(int fd, const char* prompt) {
  (void)!write(fd, prompt, std::char_traits<char>::length(prompt));
  termios saved{};
  const bool is_terminal = tcgetattr(fd, &saved) == 0;
  if (is_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') line += c;
  if (is_terminal) tcsetattr(fd, TCSAFLUSH, &saved);
  (void)!write(fd, "\n", 1);
  strip_line_end(line);
  return line;
}

}  // namespace

Result<std::string> read_new_password(bool from_stdin) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return make_error(ErrorCode::invalid_input, "no password on standard input");
    }
    strip_line_end(line);
    return line;
  }
  const int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) {
    return make_error(ErrorCode::invalid_input,
                      "no terminal to ask for a password; pass it with --password-stdin");
  }
  std::string first = ask(tty, "New password: ");
  std::string second = ask(tty, "Once more: ");
  close(tty);
  if (first != second) return make_error(ErrorCode::invalid_input, "the passwords differ");
  return first;
}

}  // namespace byline::app
