// `byline backup FILE` and `byline restore FILE`.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace byline::app {

// Adds the commands to `app`; when one is chosen, `action` runs it.
void add_backup_commands(CLI::App& app, std::function<int()>& action);

}  // namespace byline::app
