// Ghost's error envelope, which its clients read (the SDKs throw an Error
// named by `type` with `message`):
//   {"errors":[{"message":"Post not found.","context":null,"type":"NotFoundError",
//               "details":null,"property":null,"help":null,"code":null,
//               "id":"<uuid>","ghostErrorCode":null}]}
#pragma once

#include "api/content_query.hpp"
#include "api/nql.hpp"
#include "common/result.hpp"
#include "http/message.hpp"

#include <chrono>
#include <string_view>

namespace byline::api {

// Ghost's name for the error a status stands for: 404 "NotFoundError".
std::string_view ghost_error_type(int status);

// An answer in the envelope. `code` ("UNKNOWN_CONTENT_API_KEY") and
// `context` are null when empty. Never cached, by browsers or Byline.
http::Response ghost_error(int status, std::string_view message, std::string_view context = {},
                           std::string_view code = {});

// What a failed Store read or write becomes: its status and message, or
// for a server error a 500 that says nothing of why (the log line, naming
// `api`, does).
http::Response ghost_failure(std::string_view api, const Error& error);

// A query or filter Ghost would refuse, with Ghost's status for it.
http::Response refused(const QueryError& error);
http::Response refused(const FilterError& error);

// 422 for an order by a field `resource` cannot be ordered by.
http::Response cannot_order(std::string_view resource, std::string_view field);

// 422 for an id that is not 24 hex characters.
http::Response not_an_id();

// 429, with the seconds to wait in Retry-After; `what` is too many.
http::Response too_many_requests(std::chrono::seconds wait, std::string_view what);

}  // namespace byline::api
