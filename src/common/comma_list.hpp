// Comma-separated lists as people type them and clients send them:
// "Iran, oil ,,economy" is {"Iran", "oil", "economy"}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace byline {

// The parts of `text` between commas, white space trimmed, empty ones dropped.
std::vector<std::string> comma_list(std::string_view text);

}  // namespace byline
