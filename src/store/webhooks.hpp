// Webhooks as the Store keeps them: where to send which events, and each
// delivery with its attempts, so that a delivery survives a restart and
// the newsroom can show what was sent and what failed.
#pragma once

#include "content/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace byline::store {

using content::Id;
using content::Time;

struct Webhook {
  Id id = 0;
  std::string name;                 // what it is for: "Slack #desk"
  std::string url;                  // where deliveries are POSTed
  std::vector<std::string> events;  // content::webhook_event_names(), in that order
  std::string secret;               // signs every delivery (HMAC-SHA256)
  // An admin's explicit word that the destination may be on loopback, a
  // private or a link-local range (an intranet service); otherwise such
  // destinations are refused, so that nobody turns Byline against its own
  // network.
  bool allow_private_network = false;
  Time created_at{};
  Id created_by = 0;  // 0: not a signed-in person
};

// One event queued for one webhook, in the same transaction as the write
// that raised it; sent until the receiver answers 2xx or the attempts run
// out.
struct WebhookDelivery {
  Id id = 0;
  Id webhook_id = 0;
  std::string event;  // "post.published"
  Id post_id = 0;
  int post_revision = 0;   // the post's revision the event is about
  std::string post_title;  // as it was then, for the newsroom's list
  // The JSON body, made from the post once the write has committed; ""
  // until then (and, after a crash in between, made from the stored post).
  std::string payload;
  Time created_at{};
  int attempts = 0;
  std::optional<Time> next_attempt_at;  // nullopt: finished, delivered or given up
  std::optional<Time> last_attempt_at;
  std::optional<Time> delivered_at;
  int last_status = 0;  // the receiver's HTTP status; 0: no answer
  std::string last_error;
};

// What one attempt came to.
struct DeliveryAttempt {
  Time at{};
  int status = 0;
  std::string error;  // "": none
  bool delivered = false;
  std::optional<Time> next_attempt_at;  // nullopt: no more attempts
};

}  // namespace byline::store
