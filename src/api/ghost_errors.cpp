#include "api/ghost_errors.hpp"

#include "accounts/secrets.hpp"
#include "api/json_values.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"

#include <boost/json.hpp>

namespace byline::api {
namespace {

namespace json = boost::json;

// A random UUID (version 4) for the error's id, as Ghost gives each error.
std::string random_uuid() {
  std::string hex = accounts::random_hex(16);
  hex[12] = '4';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace

std::string_view ghost_error_type(int status) {
  switch (status) {
    case 400:
      return "BadRequestError";
    case 401:
      return "UnauthorizedError";
    case 403:
      return "NoPermissionError";
    case 404:
      return "NotFoundError";
    case 405:
      return "MethodNotAllowedError";
    case 406:
      return "RequestNotAcceptableError";
    case 409:
      return "UpdateCollisionError";
    case 413:
      return "RequestEntityTooLargeError";
    case 415:
      return "UnsupportedMediaTypeError";
    case 422:
      return "ValidationError";
    case 429:
      return "TooManyRequestsError";
    case 503:
      return "ServiceUnavailableError";
    default:
      return "InternalServerError";
  }
}

http::Response ghost_error(int status, std::string_view message, std::string_view context,
                           std::string_view code) {
  json::object error;
  error["message"] = message;
  error["context"] = text_or_null(context);
  error["type"] = ghost_error_type(status);
  error["details"] = nullptr;
  error["property"] = nullptr;
  error["help"] = nullptr;
  error["code"] = text_or_null(code);
  error["id"] = random_uuid();
  error["ghostErrorCode"] = nullptr;
  http::Response response;
  response.status = status;
  response.body = json::serialize(json::object{{"errors", json::array{std::move(error)}}});
  response.set_header("Content-Type", "application/json; charset=utf-8");
  response.set_header("Cache-Control",
                      "no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, "
                      "pre-check=0");
  return response;
}

http::Response ghost_failure(std::string_view api, const Error& error) {
  const int status = http::status_for(error.code);
  if (status >= 500) {
    log_line("error: " + std::string(api) + ": " + error.message +
             (error.detail.empty() ? "" : " (" + error.detail + ")"));
    return ghost_error(500, "The server could not answer; try again in a moment.");
  }
  return ghost_error(status, error.message);
}

http::Response refused(const QueryError& error) {
  return ghost_error(422, error.message, error.context);
}

http::Response refused(const FilterError& error) {
  return error.kind == FilterError::Kind::syntax
             ? ghost_error(400, error.message, "Error parsing filter")
             : ghost_error(422, error.message, "Validation failed for filter.");
}

http::Response cannot_order(std::string_view resource, std::string_view field) {
  return ghost_error(
      422,
      std::string(resource) + " cannot be ordered by " + std::string(field.substr(0, 40)) + ".",
      "Validation failed for order.");
}

http::Response not_an_id() {
  return ghost_error(422, "An id is 24 hexadecimal characters.", "Validation failed for id.");
}

http::Response too_many_requests(std::chrono::seconds wait, std::string_view what) {
  http::Response response = ghost_error(429, "Too many " + std::string(what) + "; try again in " +
                                                 std::to_string(wait.count()) + " seconds.");
  response.set_header("Retry-After", std::to_string(wait.count()));
  return response;
}

}  // namespace byline::api
