// Sends the deliveries the Store queued, from a thread of its own, so that
// no save ever waits for a receiver: each is POSTed signed, and retried
// with growing pauses until the receiver answers 2xx or the attempts run
// out. Everything it knows is in the Store, so a restart loses nothing.
#pragma once

#include "content/model.hpp"
#include "webhooks/sender.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

namespace byline::store {
class Store;
}
namespace byline::site {
class SettingsSource;
}

namespace byline::webhooks {

// The pauses after each failed attempt: 1 and 5 minutes, half an hour, 2,
// 6 and 12 hours; the seventh failure, about 21 hours after the event, is
// the last.
inline constexpr std::array<std::chrono::minutes, 6> kRetryPauses = {
    std::chrono::minutes(1),   std::chrono::minutes(5),   std::chrono::minutes(30),
    std::chrono::minutes(120), std::chrono::minutes(360), std::chrono::minutes(720)};
inline constexpr int kMaxAttempts = static_cast<int>(kRetryPauses.size()) + 1;

struct DispatcherOptions {
  std::chrono::milliseconds poll{std::chrono::seconds(5)};       // how often to look for retries
  std::chrono::milliseconds deadline{std::chrono::seconds(10)};  // for one delivery
  int batch = 20;                                                // deliveries per look
  std::chrono::hours keep_finished{24 * 30};  // how long the newsroom can see them
};

class Dispatcher {
 public:
  Dispatcher(std::shared_ptr<store::Store> store,
             std::shared_ptr<const site::SettingsSource> settings, DispatcherOptions options = {});
  ~Dispatcher();  // stops and joins

  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Starts the thread (once; tests that drive deliver_due themselves don't).
  void start();

  // Told by the Workflow's Changes after a write committed: makes the body
  // of the deliveries `event` queued, and wakes the thread to send them.
  void post_event(std::string_view event, const content::Post* before, const content::Post* after);

  // Sends up to one batch of the deliveries due by `now`; returns how many
  // were attempted.
  int deliver_due(Time now);

 private:
  void run();
  void wake();

  std::shared_ptr<store::Store> store_;
  std::shared_ptr<const site::SettingsSource> settings_;
  DispatcherOptions options_;
  Sender sender_;
  std::mutex mutex_;
  std::condition_variable woken_;
  bool pending_ = false;
  std::atomic<bool> stopping_ = false;  // also read between deliveries, unlocked
  std::thread thread_;
};

}  // namespace byline::webhooks
