// A small blocking HTTP/1.1 client for integration tests.
#pragma once

#include "http/form.hpp"  // url_encode, for building form bodies

#include <map>
#include <string>
#include <vector>

namespace byline::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& lower_case_name) const {
    auto found = headers.find(lower_case_name);
    return found == headers.end() ? "" : found->second;
  }
};

// Sends one request to 127.0.0.1:`port` on a new connection and reads the
// answer. Redirects are not followed.
HttpResponse http_request(unsigned short port, const std::string& method, const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& headers = {},
                          const std::string& body = "");

// The same, sent from `source`, a loopback address such as "127.0.0.2": a
// visitor from another address.
HttpResponse http_request_from(const std::string& source, unsigned short port, const std::string& method,
                               const std::string& target,
                               const std::vector<std::pair<std::string, std::string>>& headers = {},
                               const std::string& body = "");

inline HttpResponse http_get(unsigned short port, const std::string& target) {
  return http_request(port, "GET", target);
}

// Sends `raw` bytes as they are and returns what the server answered, up to
// the connection's close (at most a few seconds).
std::string send_raw(unsigned short port, const std::string& raw);

// The text a reader sees in `html`: tags dropped, entities for & < > " '
// decoded, white space folded.
std::string visible_text(const std::string& html);

// The names of every attribute of every tag in `html`, in lower case, read
// as a browser would (quoted values may hold anything).
std::vector<std::string> attribute_names(const std::string& html);

}  // namespace byline::testing
