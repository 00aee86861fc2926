// Headers every response carries unless its handler chose otherwise.
#pragma once

#include "http/message.hpp"

namespace byline::http {

// Adds the default security headers: a strict Content-Security-Policy (no
// third-party scripts, styles or frames), nosniff, a referrer policy and
// frame protection.
void add_security_headers(Response& response);

}  // namespace byline::http
