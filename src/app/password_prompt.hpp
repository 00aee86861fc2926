// Reading a new password for `byline user add` and `reset-password`.
#pragma once

#include "common/result.hpp"

#include <string>

namespace byline::app {

// With `from_stdin`, the first line of standard input (for scripts).
// Otherwise asks twice on the terminal with echo off; fails when there is
// no terminal or the two differ.
Result<std::string> read_new_password(bool from_stdin);

}  // namespace byline::app
