// The scheduling loop.
#include "publishing/scheduler.hpp"

#include "common/log.hpp"
#include "publishing/workflow.hpp"

namespace byline::publishing {

Scheduler::Scheduler(std::shared_ptr<Workflow> workflow, std::chrono::milliseconds interval)
    : workflow_(std::move(workflow)), interval_(interval) {
  publish_due();
  thread_ = std::thread([this] { run(); });
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Scheduler::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    publish_due();
    lock.lock();
  }
}

void Scheduler::publish_due() {
  auto published = workflow_->publish_due(now_utc());
  if (!published) {
    log_line("error: scheduled publishing failed: " + published.error().message + " (" +
                         published.error().detail + ")");
    return;
  }
  for (const auto id : *published) {
    log_line("scheduler: published post " + std::to_string(id) + " on schedule");
  }
}

}  // namespace byline::publishing
