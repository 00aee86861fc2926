// Where a webhook may send: an http or https address, and the network
// addresses it may reach. Byline runs inside a newsroom's network, so a
// webhook must not become a way to reach that network's own services
// (server-side request forgery): loopback, private and link-local ranges
// are refused unless an admin allows them for that webhook.
#pragma once

#include "common/result.hpp"

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>

namespace byline::webhooks {

struct Destination {
  bool tls = false;
  std::string host;    // a name, or an address ("[…]" taken off an IPv6 one)
  std::string port;    // "443", "80", or the one the address names
  std::string target;  // path and query, "/" at least; the fragment dropped
  // The Host header: the host and port as the address has them.
  std::string host_header;
};

inline constexpr std::size_t kMaxUrlLength = 2000;

// An absolute http:// or https:// address without user or password, up to
// kMaxUrlLength bytes of printable ASCII; invalid_input saying what is
// wrong otherwise.
Result<Destination> parse_destination(std::string_view url);

enum class AddressRange {
  global,           // reachable on the internet: always allowed
  loopback,         // 127.0.0.0/8, ::1
  private_network,  // 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7
  link_local,       // 169.254/16, fe80::/10
  // Never: unspecified, multicast, broadcast, documentation, reserved, and
  // the cloud metadata services (169.254.169.254 and its kin).
  unusable,
};

// IPv4 addresses inside IPv6 (mapped, compatible, 6to4, NAT64) are judged
// as the IPv4 address they carry.
AddressRange range_of(const boost::asio::ip::address& address);

// Whether a webhook may connect to `address`: anything global; loopback,
// private and link-local only when `allow_private_network`.
bool may_connect(const boost::asio::ip::address& address, bool allow_private_network);

// "a loopback address", "a private address", … for error messages.
std::string_view describe(AddressRange range);

}  // namespace byline::webhooks
