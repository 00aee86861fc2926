// Helpers of http::Request and http::Response.
#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace byline::http {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view find(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (equals_ignoring_case(key, name)) return value;
  }
  return {};
}

}  // namespace

std::string_view Request::header(std::string_view name) const { return find(headers, name); }

std::string_view Response::header(std::string_view name) const { return find(headers, name); }

void Response::set_header(std::string_view name, std::string_view value) {
  for (auto& [key, existing] : headers) {
    if (equals_ignoring_case(key, name)) {
      existing = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

Response Response::html(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "text/html; charset=utf-8");
  return response;
}

Response Response::text(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "text/plain; charset=utf-8");
  return response;
}

Response Response::redirect(int status, std::string_view location) {
  Response response;
  response.status = status;
  response.set_header("Location", location);
  return response;
}

}  // namespace byline::http
