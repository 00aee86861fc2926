// Ghost's error envelope, which its clients read (the SDKs throw an Error
// named by `type` with `message`):
//   {"errors":[{"message":"Post not found.","context":null,"type":"NotFoundError",
//               "details":null,"property":null,"help":null,"code":null,
//               "id":"<uuid>","ghostErrorCode":null}]}
#pragma once

#include "http/message.hpp"

#include <string_view>

namespace byline::api {

// Ghost's name for the error a status stands for: 404 "NotFoundError".
std::string_view ghost_error_type(int status);

// An answer in the envelope. `code` ("UNKNOWN_CONTENT_API_KEY") and
// `context` are null when empty. Never cached, by browsers or Byline.
http::Response ghost_error(int status, std::string_view message, std::string_view context = {},
                           std::string_view code = {});

}  // namespace byline::api
