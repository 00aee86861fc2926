// A webhook receiver on 127.0.0.1 for tests: it keeps every request it is
// sent and answers each with the next status it was told to give (200 once
// they run out).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace byline::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class WebhookReceiver {
 public:
  WebhookReceiver();  // listening at once, on a free port
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  unsigned short port() const { return port_; }
  std::string url(const std::string& path = "/hook") const;
  // The statuses the next requests get, in order.
  void answer_with(std::vector<int> statuses);
  // Waits up to `timeout` for at least `count` requests; returns them all.
  std::vector<ReceivedRequest> wait_for(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::vector<ReceivedRequest> received();

 private:
  struct Io;
  void serve();

  std::unique_ptr<Io> io_;
  unsigned short port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<int> statuses_;
  std::vector<ReceivedRequest> received_;
  std::thread thread_;
};

}  // namespace byline::testing
