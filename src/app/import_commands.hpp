// `byline import wordpress FILE.xml`: moving a site into Byline.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace byline::app {

void add_import_commands(CLI::App& app, std::function<int()>& action);

}  // namespace byline::app
