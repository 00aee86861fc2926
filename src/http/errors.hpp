// The one place where Byline's error codes become HTTP statuses.
#pragma once

#include "common/result.hpp"

namespace byline::http {

int status_for(ErrorCode code);

}  // namespace byline::http
