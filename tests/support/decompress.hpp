// Undoing Content-Encoding the way a browser does, to check that a
// compressed answer holds the very bytes of the plain one.
#pragma once

#include <string>
#include <string_view>

namespace byline::testing {

// Throw std::runtime_error on bytes that are not a whole stream.
std::string gunzip(std::string_view bytes);
std::string unbrotli(std::string_view bytes);

}  // namespace byline::testing
