#include "webhooks/registry.hpp"

#include "accounts/api_keys.hpp"
#include "accounts/secrets.hpp"
#include "content/post_events.hpp"
#include "webhooks/destination.hpp"

#include <algorithm>

namespace byline::webhooks {

Result<store::Webhook> add_webhook(store::Store& store, std::string_view name, std::string_view url,
                                   const std::vector<std::string>& events,
                                   bool allow_private_network, content::Id created_by,
                                   content::Time now) {
  auto cleaned = accounts::integration_name(name, "Give the webhook a name: what receives it?");
  BYLINE_TRY(cleaned);
  auto destination = parse_destination(url);
  BYLINE_TRY(destination);
  boost::system::error_code not_an_address;
  const auto address = boost::asio::ip::make_address(destination->host, not_an_address);
  if (!not_an_address && !may_connect(address, allow_private_network)) {
    return make_error(ErrorCode::invalid_input,
                      destination->host + " is " + std::string(describe(range_of(address))) +
                          (range_of(address) == AddressRange::unusable
                               ? "."
                               : ": tick \u201Callow private network addresses\u201D if this "
                                 "receiver is on your own network."));
  }
  store::Webhook webhook;
  webhook.name = std::move(*cleaned);
  webhook.url = std::string(url);
  for (const std::string_view known : content::webhook_event_names()) {
    if (std::find(events.begin(), events.end(), known) != events.end()) {
      webhook.events.emplace_back(known);
    }
  }
  for (const auto& event : events) {
    if (!content::is_webhook_event(event)) {
      return make_error(ErrorCode::invalid_input, "Byline sends no event called " + event + ".");
    }
  }
  if (webhook.events.empty()) {
    return make_error(ErrorCode::invalid_input, "Choose at least one event to send.");
  }
  webhook.secret = accounts::random_hex(32);
  webhook.allow_private_network = allow_private_network;
  webhook.created_at = now;
  webhook.created_by = created_by;
  auto id = store.create_webhook(webhook);
  BYLINE_TRY(id);
  webhook.id = *id;
  return webhook;
}

std::string describe(const store::Webhook& webhook) {
  return "webhook " + std::to_string(webhook.id) + " (" + webhook.name + ")";
}

}  // namespace byline::webhooks
