// ErrorCode -> HTTP status.
#include "http/errors.hpp"

namespace byline::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_found: return 404;
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::conflict: return 409;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::storage_full: return 507;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

}  // namespace byline::http
