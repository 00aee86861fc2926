// `byline apikey add | list | revoke`: keys for the Ghost Content and Admin
// APIs from the command line.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace byline::app {

// Adds the `apikey` command and its subcommands to `app`; when one is
// chosen, `action` is set to run it (returning the exit code).
void add_apikey_commands(CLI::App& app, std::function<int()>& action);

}  // namespace byline::app
