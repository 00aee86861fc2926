// Adding webhooks, checked: a name, an address deliveries can go to, and at
// least one event; the signing secret is made here and shown once.
#pragma once

#include "common/result.hpp"
#include "store/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace byline::webhooks {

// The webhook as stored, secret included (for the one answer that shows it).
// An address that is itself a loopback, private or link-local address is
// refused here unless `allow_private_network`; a name that resolves to one
// is refused at each delivery, since what a name resolves to can change.
Result<store::Webhook> add_webhook(store::Store& store, std::string_view name, std::string_view url,
                                   const std::vector<std::string>& events,
                                   bool allow_private_network, content::Id created_by,
                                   content::Time now);

// "webhook 3 (Slack #desk)", as the audit log names it.
std::string describe(const store::Webhook& webhook);

}  // namespace byline::webhooks
