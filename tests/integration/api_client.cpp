#include "api_client.hpp"

#include "byline_process.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <regex>

namespace byline::testing {

namespace json = boost::json;

std::string added_key(const std::filesystem::path& data, const std::string& kind,
                      const std::string& name) {
  const CommandResult added =
      run_byline({"apikey", "add", "--data", data.string(), "--kind", kind, "--name", name});
  EXPECT_EQ(added.exit_code, 0) << added.output;
  std::smatch match;
  const std::regex shape(R"(\n  ([0-9a-f]{24}:[0-9a-f]{64}|[0-9a-f]{26})\n)");
  return std::regex_search(added.output, match, shape) ? match[1].str() : "";
}

json::object parsed(const HttpResponse& response) {
  boost::system::error_code error;
  json::value value = json::parse(response.body, error);
  if (error || !value.is_object()) {
    ADD_FAILURE() << "not a JSON object: " << response.body.substr(0, 300);
    return {};
  }
  return value.as_object();
}

json::object first_error(const HttpResponse& response) {
  const json::object body = parsed(response);
  if (!body.contains("errors") || body.at("errors").as_array().empty()) {
    ADD_FAILURE() << "no errors in " << response.body.substr(0, 300);
    return {};
  }
  return body.at("errors").as_array().front().as_object();
}

}  // namespace byline::testing
