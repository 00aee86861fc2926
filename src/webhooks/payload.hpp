// The body of a webhook delivery, as Ghost sends it: {"post": {"current":
// …, "previous": …}} ("page" for pages), the post in the Admin API's
// shape, and in `previous` the fields the change altered, as they were.
#pragma once

#include "api/content_json.hpp"
#include "content/model.hpp"

#include <string>
#include <string_view>

namespace byline::webhooks {

// `before`: nullptr for a new post; `after`: nullptr for a deleted one
// (then `current` is {} and `previous` the whole post). Staff emails are
// left out: a receiver is another company's service.
std::string payload(const content::Post* before, const content::Post* after,
                    const api::JsonContext& context);

// What a delivery left without a payload by a stop at the wrong moment
// carries: the post as it is now with no `previous`, or only its id when
// it is gone.
std::string recovered_payload(std::string_view event, content::Id post_id,
                              const content::Post* now_stored, const api::JsonContext& context);

}  // namespace byline::webhooks
