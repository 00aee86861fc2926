// What the API tests share: keys made as an operator makes them, and Ghost's
// JSON answers read back.
#pragma once

#include "http_client.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>

namespace byline::testing {

// Makes a key with `byline apikey add --kind KIND --name NAME` and returns
// it as the command shows it once ("26hex", or "24hex:64hex").
std::string added_key(const std::filesystem::path& data, const std::string& kind,
                      const std::string& name);

// The answer's body as a JSON object (a test failure when it is not one).
boost::json::object parsed(const HttpResponse& response);

// The first error of Ghost's envelope {"errors": [...]}.
boost::json::object first_error(const HttpResponse& response);

}  // namespace byline::testing
