// The webhooks page: admins add webhook addresses for the events they want,
// see each delivery with its answer or its failure and next retry, and
// delete webhooks. A new webhook's signing secret is shown once.
#include "newsroom/newsroom.hpp"

#include "common/log.hpp"
#include "content/post_events.hpp"
#include "http/errors.hpp"
#include "newsroom/request_checks.hpp"
#include "render/view.hpp"
#include "store/store.hpp"
#include "webhooks/destination.hpp"
#include "webhooks/dispatcher.hpp"
#include "webhooks/registry.hpp"

#include <algorithm>
#include <map>

namespace byline::newsroom {

using http::Form;
using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

constexpr int kDeliveriesShown = 50;

// What the newsroom says a delivery came to.
std::string outcome_of(const store::WebhookDelivery& delivery) {
  if (delivery.delivered_at) return "Delivered (" + std::to_string(delivery.last_status) + ")";
  if (delivery.attempts == 0) return "Waiting to be sent";
  std::string outcome = delivery.next_attempt_at ? "Failed, will retry" : "Failed";
  if (!delivery.last_error.empty()) outcome += ": " + delivery.last_error;
  return outcome;
}

}  // namespace

Response Newsroom::render_webhooks(int status, const SignedIn& me, std::string_view error,
                                   std::string_view notice, const store::Webhook* made,
                                   const Form* typed) const {
  auto hooks = store_->webhooks();
  if (!hooks) return failure(hooks.error(), &me);
  auto deliveries = store_->recent_webhook_deliveries(kDeliveriesShown);
  if (!deliveries) return failure(deliveries.error(), &me);
  const Time now = now_utc();
  View view;
  view.set("on_integrations", true);
  render::set_if_present(view, "error", std::string(error));
  render::set_if_present(view, "notice", std::string(notice));
  if (made) {
    View shown;
    shown.set("name", made->name);
    shown.set("secret", made->secret);
    view.set("made", shown);
  }
  std::map<content::Id, std::string> names;
  View rows = render::make_list();
  for (const store::Webhook& hook : *hooks) {
    names[hook.id] = hook.name;
    View row;
    row.set("name", hook.name);
    row.set("url", hook.url);
    std::string events;
    for (const auto& event : hook.events) events += (events.empty() ? "" : ", ") + event;
    row.set("events", events);
    row.set("private_network", hook.allow_private_network);
    row.set("created", dates().date(hook.created_at));
    row.set("delete_url", "/newsroom/webhooks/" + std::to_string(hook.id) + "/delete/");
    rows.push_back(row);
  }
  view.set("webhooks", rows);
  View events = render::make_list();
  const auto chosen = typed ? typed->all("event") : std::vector<std::string>{};
  for (const std::string_view name : content::webhook_event_names()) {
    View event;
    event.set("name", std::string(name));
    event.set("checked", std::find(chosen.begin(), chosen.end(), name) != chosen.end());
    events.push_back(event);
  }
  view.set("events", events);
  if (typed) {
    view.set("typed_name", typed->get("name"));
    view.set("typed_url", typed->get("url"));
    view.set("typed_private", typed->has("allow_private_network"));
  }
  View sent = render::make_list();
  for (const store::WebhookDelivery& delivery : *deliveries) {
    View row;
    row.set("when", dates().relative(delivery.created_at, now));
    row.set("webhook", names[delivery.webhook_id]);
    row.set("event", delivery.event);
    row.set("post", delivery.post_title);
    row.set("attempts", std::to_string(delivery.attempts));
    row.set("outcome", outcome_of(delivery));
    row.set("failed", !delivery.delivered_at && delivery.attempts > 0);
    if (delivery.next_attempt_at && delivery.attempts > 0) {
      std::string at = dates().format_local(*delivery.next_attempt_at);  // "2026-11-29T14:30"
      std::replace(at.begin(), at.end(), 'T', ' ');
      row.set("retry", at);
    }
    sent.push_back(row);
  }
  view.set("deliveries", sent);
  view.set("max_attempts", std::to_string(webhooks::kMaxAttempts));
  return page(status, "webhooks", "Webhooks", view, &me);
}

Response Newsroom::webhooks_page(const Request&, const Params&, const Caller& caller) const {
  return render_webhooks(200, caller.me(), "", "", nullptr, nullptr);
}

Response Newsroom::add_webhook(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  const Form& form = caller.form;
  auto made = webhooks::add_webhook(*store_, form.get("name"), form.get("url"), form.all("event"),
                                    form.has("allow_private_network"), me.user.id, now_utc());
  if (!made) {
    if (made.error().code != ErrorCode::invalid_input) return failure(made.error(), &me);
    return render_webhooks(400, me, made.error().message, "", nullptr, &form);
  }
  // Named by host only: many receivers' addresses are their passwords.
  const std::string subject =
      webhooks::describe(*made) + " to " + webhooks::parse_destination(made->url)->host;
  log_line("newsroom: " + me.user.email + " added " + subject);
  audit(request, &me.user, "", "added a webhook", subject);
  return render_webhooks(201, me, "", "", &*made, nullptr);
}

Response Newsroom::delete_webhook(const Request& request, const Params& params,
                                  const Caller& caller) const {
  const SignedIn& me = caller.me();
  const auto id = number_in(params.get("id"));
  auto hooks = store_->webhooks();
  if (!hooks) return failure(hooks.error(), &me);
  const auto found = std::find_if(hooks->begin(), hooks->end(),
                                  [&](const store::Webhook& hook) { return id && hook.id == *id; });
  if (found == hooks->end()) {
    return render_webhooks(404, me, "There is no such webhook.", "", nullptr, nullptr);
  }
  auto deleted = store_->delete_webhook(found->id);
  if (!deleted) return failure(deleted.error(), &me);
  const std::string subject = webhooks::describe(*found);
  log_line("newsroom: " + me.user.email + " deleted " + subject);
  audit(request, &me.user, "", "deleted a webhook", subject);
  return render_webhooks(200, me, "",
                         "Deleted \u201C" + found->name + "\u201D: nothing more is sent to it.",
                         nullptr, nullptr);
}

}  // namespace byline::newsroom
