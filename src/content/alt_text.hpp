// Images a reader who cannot see them would miss: those without alt text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace byline::content {

// The src of every <img> in `html` whose alt text is missing or blank, in
// document order ("" for an image without a src).
std::vector<std::string> images_without_alt_text(std::string_view html);

// Whether alt text says anything: not empty, not only white space.
bool is_blank_alt_text(std::string_view alt);

}  // namespace byline::content
