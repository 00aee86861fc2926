#include "webhooks/dispatcher.hpp"

#include "common/log.hpp"
#include "common/time.hpp"
#include "site/settings.hpp"
#include "store/store.hpp"
#include "webhooks/payload.hpp"
#include "webhooks/signature.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace byline::webhooks {
namespace {

// A delivery still without a body this long after its write was left by
// a process that stopped in between; its body is made from the Store.
constexpr std::chrono::seconds kUnmadeGrace{30};

api::JsonContext context_of(const site::SettingsSource& settings) {
  const auto current = settings.current();
  return api::JsonContext{
      current->url, render::DateFormatter(current->locale, current->time_zone), {}};
}

// Room for a note after an error the receiver's answer gave.
constexpr std::size_t kMaxErrorText = 400;

std::int64_t unix_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Dispatcher::Dispatcher(std::shared_ptr<store::Store> store,
                       std::shared_ptr<const site::SettingsSource> settings,
                       DispatcherOptions options)
    : store_(std::move(store)), settings_(std::move(settings)), options_(options) {}

Dispatcher::~Dispatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  woken_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void Dispatcher::wake() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  woken_.notify_all();
}

void Dispatcher::post_event(std::string_view event, const content::Post* before,
                            const content::Post* after) {
  const content::Post& subject = after ? *after : *before;
  auto hooks = store_->webhooks();
  if (!hooks) {
    log_line("Webhooks: could not read the webhooks: " + hooks.error().detail);
    return;
  }
  const bool awaited = std::any_of(hooks->begin(), hooks->end(), [&](const store::Webhook& hook) {
    return std::find(hook.events.begin(), hook.events.end(), event) != hook.events.end();
  });
  if (!awaited) return;
  const api::JsonContext context = context_of(*settings_);
  // Left unmade on failure: the thread makes it from the Store later.
  if (auto made = store_->set_webhook_payloads(subject.id, subject.revision, event,
                                               payload(before, after, context));
      !made) {
    log_line("Webhooks: could not keep a delivery's body: " + made.error().detail);
  }
  wake();
}

int Dispatcher::deliver_due(Time now) {
  auto due = store_->due_webhook_deliveries(now, now - kUnmadeGrace, options_.batch);
  if (!due) {
    log_line("Webhooks: could not read the deliveries due: " + due.error().detail);
    return 0;
  }
  if (due->empty()) return 0;
  auto hooks = store_->webhooks();
  if (!hooks) {
    log_line("Webhooks: could not read the webhooks: " + hooks.error().detail);
    return 0;
  }
  std::map<content::Id, const store::Webhook*> by_id;
  for (const auto& hook : *hooks) by_id[hook.id] = &hook;
  const api::JsonContext context = context_of(*settings_);
  const std::string user_agent = "Byline (+" + context.site_url + "/)";
  int attempted = 0;
  for (auto& delivery : *due) {
    if (stopping_) break;  // what is left waits for the next start
    const auto hook = by_id.find(delivery.webhook_id);
    if (hook == by_id.end()) continue;  // deleted since: its deliveries went with it
    // Taken for this attempt first: should its outcome fail to be
    // recorded, it is sent again only after the first pause, never in a
    // loop, and never by two senders at once.
    auto claimed = store_->claim_webhook_delivery(delivery.id, now, now + kRetryPauses.front());
    if (!claimed) {
      log_line("Webhooks: could not take a delivery: " + claimed.error().detail);
      break;
    }
    if (!*claimed) continue;
    if (delivery.payload.empty()) {
      auto stored = store_->post_by_id(delivery.post_id);
      if (!stored) continue;
      // Whoever made it first, what is kept is what every attempt sends.
      auto kept = store_->set_webhook_payload(
          delivery.id, recovered_payload(delivery.event, delivery.post_id,
                                         *stored ? &**stored : nullptr, context));
      if (!kept) continue;
      delivery.payload = std::move(*kept);
    }
    Outgoing outgoing;
    outgoing.url = hook->second->url;
    outgoing.allow_private_network = hook->second->allow_private_network;
    outgoing.body = delivery.payload;
    outgoing.deadline = options_.deadline;
    outgoing.headers = {
        {std::string(kSignatureHeader),
         signature(hook->second->secret, delivery.payload, unix_millis())},
        {"Byline-Event", delivery.event},
        // The same delivery can arrive twice (when Byline stops between
        // sending and recording): receivers drop repeats by this.
        {"Byline-Delivery", std::to_string(delivery.id)},
        {"User-Agent", user_agent},
    };
    const Answer answer = sender_.send(outgoing);
    ++attempted;
    store::DeliveryAttempt attempt;
    attempt.at = now;
    attempt.status = answer.status;
    attempt.error = answer.error.substr(0, kMaxErrorText);
    attempt.delivered = answer.delivered();
    const int attempts = delivery.attempts + 1;
    if (!attempt.delivered) {
      if (attempts < kMaxAttempts) {
        attempt.next_attempt_at = now + kRetryPauses[attempts - 1];
      } else {
        attempt.error += "; gave up after " + std::to_string(kMaxAttempts) + " attempts";
      }
      log_line("Webhooks: " + delivery.event + " to " + hook->second->name + " failed (attempt " +
               std::to_string(attempts) + "): " + answer.error);
    }
    if (auto recorded = store_->record_webhook_attempt(delivery.id, attempt); !recorded) {
      log_line("Webhooks: could not record a delivery: " + recorded.error().detail);
    }
  }
  return attempted;
}

void Dispatcher::run() {
  std::optional<std::chrono::steady_clock::time_point> last_prune;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    pending_ = false;
    lock.unlock();
    try {
      // A whole batch sent means more may be waiting: look again at once.
      while (!stopping_ && deliver_due(now_utc()) == options_.batch) {
      }
      if (!last_prune || std::chrono::steady_clock::now() - *last_prune > std::chrono::hours(1)) {
        last_prune = std::chrono::steady_clock::now();
        if (!store_->prune_webhook_deliveries(now_utc() - options_.keep_finished)) {
          log_line("Webhooks: could not forget old deliveries");
        }
      }
    } catch (const std::exception& error) {
      // Deliveries stay queued; the next look tries again.
      log_line(std::string("Webhooks: ") + error.what());
    }
    lock.lock();
    woken_.wait_for(lock, options_.poll, [this] { return stopping_ || pending_; });
  }
}

}  // namespace byline::webhooks
