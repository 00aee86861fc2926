// A gate for costly work (password hashing): a few at a time, a few more
// waiting their turn, and anyone past those turned away at once rather
// than queued without end.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

namespace byline {

class WorkGate {
 public:
  WorkGate(std::size_t running, std::size_t waiting)
      : max_running_(running), max_waiting_(waiting) {}
  WorkGate(const WorkGate&) = delete;
  WorkGate& operator=(const WorkGate&) = delete;

  // Holds a place in the gate while it lives.
  class Pass {
   public:
    explicit Pass(WorkGate& gate) : gate_(&gate) {}
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass& operator=(Pass&&) = delete;
    ~Pass() {
      if (gate_) gate_->leave();
    }

   private:
    WorkGate* gate_;
  };

  // How many wait for a place now.
  std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_;
  }

  // Waits for a place among the running; nullopt at once when as many as
  // `waiting` are waiting already.
  std::optional<Pass> enter() {
    std::unique_lock lock(mutex_);
    if (running_ >= max_running_) {
      if (waiting_ >= max_waiting_) return std::nullopt;
      ++waiting_;
      turn_.wait(lock, [this] { return running_ < max_running_; });
      --waiting_;
    }
    ++running_;
    return Pass(*this);
  }

 private:
  void leave() {
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    turn_.notify_one();
  }

  const std::size_t max_running_;
  const std::size_t max_waiting_;
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  std::size_t running_ = 0;  // guarded by mutex_
  std::size_t waiting_ = 0;  // guarded by mutex_
};

}  // namespace byline
