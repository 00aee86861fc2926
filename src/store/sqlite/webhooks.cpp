// SqliteStore's side of webhooks: the webhooks with the events each waits
// for, and the deliveries a write queues in its own transaction.
#include "content/post_events.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/post_writes.hpp"
#include "store/sqlite/read_lease.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace byline::store::sqlite {
namespace {

// The columns read_delivery reads, in its order.
#define BYLINE_DELIVERY_COLUMNS                                                      \
  "id, webhook_id, event, post_id, post_revision, post_title, payload, created_at, " \
  "attempts, next_attempt_at, last_attempt_at, delivered_at, last_status, last_error"

std::optional<Time> optional_time(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return from_seconds(row.int64(column));
}

WebhookDelivery read_delivery(const Statement& row) {
  WebhookDelivery delivery;
  delivery.id = row.int64(0);
  delivery.webhook_id = row.int64(1);
  delivery.event = row.text(2);
  delivery.post_id = row.int64(3);
  delivery.post_revision = static_cast<int>(row.int64(4));
  delivery.post_title = row.text(5);
  delivery.payload = row.text(6);
  delivery.created_at = from_seconds(row.int64(7));
  delivery.attempts = static_cast<int>(row.int64(8));
  delivery.next_attempt_at = optional_time(row, 9);
  delivery.last_attempt_at = optional_time(row, 10);
  delivery.delivered_at = optional_time(row, 11);
  delivery.last_status = static_cast<int>(row.int64(12));
  delivery.last_error = row.text(13);
  return delivery;
}

}  // namespace

Result<void> queue_webhook_deliveries(Connection& connection, Id post_id, std::string_view event,
                                      Time at) {
  return write_one(
      connection,
      "INSERT INTO webhook_deliveries "
      "(webhook_id, event, post_id, post_revision, post_title, created_at, "
      "next_attempt_at) "
      "SELECT e.webhook_id, e.event, p.id, p.revision, substr(p.title, 1, 300), ?1, ?1 "
      "FROM webhook_events e JOIN posts p ON p.id = ?2 WHERE e.event = ?3",
      [&](Statement& s) { s.bind(1, to_seconds(at)).bind(2, post_id).bind(3, event); });
}

Result<Id> SqliteStore::create_webhook(const Webhook& webhook) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(*writer_);
  BYLINE_TRY(transaction.begin());
  BYLINE_TRY(write_one(*writer_,
                       "INSERT INTO webhooks (name, url, secret, allow_private_network, "
                       "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                       [&](Statement& s) {
                         s.bind(1, webhook.name).bind(2, webhook.url).bind(3, webhook.secret);
                         s.bind(4, std::int64_t{webhook.allow_private_network ? 1 : 0});
                         s.bind(5, to_seconds(webhook.created_at));
                         s.bind(6, webhook.created_by > 0
                                       ? std::optional<std::int64_t>(webhook.created_by)
                                       : std::nullopt);
                       }));
  const Id id = writer_->last_insert_id();
  for (const auto& event : webhook.events) {
    BYLINE_TRY(write_one(*writer_,
                         "INSERT OR IGNORE INTO webhook_events (webhook_id, event) VALUES (?, ?)",
                         [&](Statement& s) { s.bind(1, id).bind(2, event); }));
  }
  BYLINE_TRY(transaction.commit());
  return id;
}

Result<std::vector<Webhook>> SqliteStore::webhooks() {
  auto lease = read();
  std::vector<Webhook> hooks;
  BYLINE_TRY(append_all(
      *lease,
      "SELECT id, name, url, secret, allow_private_network, created_at, "
      "coalesce(created_by, 0) FROM webhooks ORDER BY id",
      std::nullopt,
      [](const Statement& row) {
        Webhook hook;
        hook.id = row.int64(0);
        hook.name = row.text(1);
        hook.url = row.text(2);
        hook.secret = row.text(3);
        hook.allow_private_network = row.int64(4) != 0;
        hook.created_at = from_seconds(row.int64(5));
        hook.created_by = row.int64(6);
        return hook;
      },
      hooks));
  // Each hook's events in the order the newsroom lists them.
  std::vector<std::pair<Id, std::string>> events;
  BYLINE_TRY(append_all(
      *lease, "SELECT webhook_id, event FROM webhook_events", std::nullopt,
      [](const Statement& row) { return std::pair<Id, std::string>(row.int64(0), row.text(1)); },
      events));
  for (auto& hook : hooks) {
    for (const std::string_view name : content::webhook_event_names()) {
      for (const auto& [webhook_id, event] : events) {
        if (webhook_id == hook.id && event == name) hook.events.emplace_back(event);
      }
    }
  }
  return hooks;
}

Result<bool> SqliteStore::delete_webhook(Id id) {
  std::lock_guard lock(write_mutex_);
  // Its events and deliveries go with it (ON DELETE CASCADE).
  BYLINE_TRY(write_one(*writer_, "DELETE FROM webhooks WHERE id = ?",
                       [&](Statement& s) { s.bind(1, id); }));
  return writer_->changes() > 0;
}

Result<std::vector<WebhookDelivery>> SqliteStore::due_webhook_deliveries(Time now,
                                                                         Time unmade_before,
                                                                         int limit) {
  auto lease = read();
  auto statement =
      (*lease).prepare("SELECT " BYLINE_DELIVERY_COLUMNS
                       " FROM webhook_deliveries "
                       "WHERE next_attempt_at <= ? AND (payload != '' OR created_at < ?) "
                       "ORDER BY next_attempt_at, id LIMIT ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, to_seconds(now)).bind(2, to_seconds(unmade_before));
  (*statement)->bind(3, std::int64_t{limit});
  std::vector<WebhookDelivery> due;
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) return due;
    due.push_back(read_delivery(**statement));
  }
}

Result<std::vector<WebhookDelivery>> SqliteStore::recent_webhook_deliveries(int limit) {
  auto lease = read();
  std::vector<WebhookDelivery> recent;
  // The payload is not needed to list them, and can be large.
  auto statement = (*lease).prepare(
      "SELECT id, webhook_id, event, post_id, post_revision, post_title, '', created_at, "
      "attempts, next_attempt_at, last_attempt_at, delivered_at, last_status, last_error "
      "FROM webhook_deliveries ORDER BY id DESC LIMIT ?");
  BYLINE_TRY(statement);
  (*statement)->bind(1, std::int64_t{limit});
  while (true) {
    auto row = (*statement)->step();
    BYLINE_TRY(row);
    if (!*row) return recent;
    recent.push_back(read_delivery(**statement));
  }
}

Result<void> SqliteStore::set_webhook_payloads(Id post_id, int revision, std::string_view event,
                                               std::string_view payload) {
  std::lock_guard lock(write_mutex_);
  return write_one(*writer_,
                   "UPDATE webhook_deliveries SET payload = ? "
                   "WHERE post_id = ? AND post_revision = ? AND event = ? AND payload = ''",
                   [&](Statement& s) {
                     s.bind(1, payload).bind(2, post_id).bind(3, std::int64_t{revision});
                     s.bind(4, event);
                   });
}

Result<std::string> SqliteStore::set_webhook_payload(Id delivery_id, std::string_view payload) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(*writer_,
                       "UPDATE webhook_deliveries SET payload = ? WHERE id = ? AND payload = ''",
                       [&](Statement& s) { s.bind(1, payload).bind(2, delivery_id); }));
  auto stored =
      find_one<std::string>(*writer_, "SELECT payload FROM webhook_deliveries WHERE id = ?",
                            delivery_id, [](const Statement& row) { return row.text(0); });
  BYLINE_TRY(stored);
  if (!*stored) return make_error(ErrorCode::not_found, "That delivery is gone.");
  return std::move(**stored);
}

Result<bool> SqliteStore::claim_webhook_delivery(Id delivery_id, Time now, Time until) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(*writer_,
                       "UPDATE webhook_deliveries SET next_attempt_at = ? "
                       "WHERE id = ? AND next_attempt_at <= ?",
                       [&](Statement& s) {
                         s.bind(1, to_seconds(until)).bind(2, delivery_id);
                         s.bind(3, to_seconds(now));
                       }));
  return writer_->changes() > 0;
}

Result<void> SqliteStore::record_webhook_attempt(Id delivery_id, const DeliveryAttempt& attempt) {
  std::lock_guard lock(write_mutex_);
  return write_one(
      *writer_,
      "UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = ?, "
      "last_status = ?, last_error = substr(?, 1, 500), delivered_at = ?, next_attempt_at = ? "
      "WHERE id = ?",
      [&](Statement& s) {
        s.bind(1, to_seconds(attempt.at)).bind(2, std::int64_t{attempt.status});
        s.bind(3, attempt.error);
        s.bind(4, attempt.delivered ? std::optional<std::int64_t>(to_seconds(attempt.at))
                                    : std::nullopt);
        s.bind(5, optional_seconds(attempt.next_attempt_at)).bind(6, delivery_id);
      });
}

Result<long> SqliteStore::prune_webhook_deliveries(Time before) {
  std::lock_guard lock(write_mutex_);
  BYLINE_TRY(write_one(
      *writer_, "DELETE FROM webhook_deliveries WHERE next_attempt_at IS NULL AND created_at < ?",
      [&](Statement& s) { s.bind(1, to_seconds(before)); }));
  return writer_->changes();
}

}  // namespace byline::store::sqlite
