// The little JSON Byline writes by hand (short API answers).
#pragma once

#include <string>
#include <string_view>

namespace byline {

// `text` as a JSON string literal, quotes included; control characters and
// "<" escaped so the result is safe inside HTML too.
std::string json_quote(std::string_view text);

}  // namespace byline
