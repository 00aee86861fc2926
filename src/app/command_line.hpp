// The command line: `byline serve`, `byline version`, and their --help.
#pragma once

namespace byline::app {

// Parses the arguments and runs the command. Returns the process exit code:
// 0 on success, non-zero with one clear line on standard error otherwise.
int run_command_line(int argc, char** argv);

}  // namespace byline::app
