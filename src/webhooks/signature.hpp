// How a receiver knows a delivery came from Byline and was not replayed
// later: Ghost's X-Ghost-Signature, so that receivers written for Ghost's
// webhooks check Byline's unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace byline::webhooks {

inline constexpr std::string_view kSignatureHeader = "X-Ghost-Signature";

// "sha256=<hex>, t=<milliseconds>": the hex is HMAC-SHA256 under `secret`
// of the body followed by the milliseconds in decimal.
std::string signature(std::string_view secret, std::string_view body, std::int64_t unix_millis);

}  // namespace byline::webhooks
