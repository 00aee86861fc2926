// `byline user add | list | set-role | reset-password`: staff accounts from
// the command line.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace byline::app {

// Adds the `user` command and its subcommands to `app`. When one of them is
// chosen on the command line, `action` is set to run it (returning the exit
// code).
void add_user_commands(CLI::App& app, std::function<int()>& action);

}  // namespace byline::app
