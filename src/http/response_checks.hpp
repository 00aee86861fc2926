// What every answer must be before it leaves, whatever handler made it.
#pragma once

#include "http/message.hpp"

#include <optional>
#include <string>

namespace byline::http {

// The first header whose name is not an HTTP token or whose value holds
// CR, LF, NUL or another control character (a tab aside), as "Name"; such
// a header would let whoever chose its text write headers of their own.
// The name is given for the log, with unsafe characters shown as '?'.
std::optional<std::string> unsafe_header(const Response& response);

// Rule: an answer to a staff session (or to a request with credentials) is
// never kept by a shared cache in front of Byline. Its Cache-Control becomes
// "private, no-store"; a versioned asset, the same for everyone and never
// changing, stays cacheable by the browser alone.
void make_private(Response& response);

}  // namespace byline::http
