// Sends one webhook delivery: a POST over http or https, to addresses the
// destination rules allow (destination.hpp), within one deadline for the
// whole exchange. Only the receiver's status line and headers are read.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace byline::webhooks {

struct Outgoing {
  std::string url;
  bool allow_private_network = false;
  std::string body;  // JSON
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds deadline{10'000};
};

struct Answer {
  int status = 0;     // the receiver's HTTP status; 0: none came
  std::string error;  // why it failed, for the newsroom: "" on any answer of 2xx
  bool delivered() const { return status >= 200 && status < 300; }
};

class Sender {
 public:
  Sender();  // loads the system's certificate authorities for https
  ~Sender();
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  // Resolves the host, refuses when any address it names is one the
  // webhook may not reach (so that a name cannot point at both), connects
  // only to the addresses checked, and never follows a redirect.
  Answer send(const Outgoing& outgoing);

 private:
  struct Tls;
  std::unique_ptr<Tls> tls_;
};

}  // namespace byline::webhooks
