// Publishes scheduled posts when their time comes, from a thread of its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace byline::publishing {

class Workflow;

class Scheduler {
 public:
  // Checks every `interval` (and once at once, so posts whose time passed
  // while Byline was stopped go out at start).
  explicit Scheduler(std::shared_ptr<Workflow> workflow,
                     std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~Scheduler();  // stops and joins

  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

 private:
  void run();
  void publish_due();

  std::shared_ptr<Workflow> workflow_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace byline::publishing
