#include "webhooks/destination.hpp"

#include <array>
#include <cstdint>

namespace byline::webhooks {
namespace {

namespace ip = boost::asio::ip;

Error refused(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

bool is_printable_ascii(std::string_view text) {
  for (const char c : text) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

bool in(std::uint32_t address, std::uint32_t network, int prefix) {
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (address & mask) == network;
}

constexpr std::uint32_t v4(int a, int b, int c, int d) {
  return std::uint32_t(a) << 24 | std::uint32_t(b) << 16 | std::uint32_t(c) << 8 | std::uint32_t(d);
}

AddressRange range_of_v4(std::uint32_t a) {
  // Cloud metadata services (AWS, GCP, Azure; AWS ECS) hand out the
  // machine's credentials: never a webhook's destination, allowed or not.
  if (a == v4(169, 254, 169, 254) || a == v4(169, 254, 170, 2)) return AddressRange::unusable;
  if (in(a, v4(127, 0, 0, 0), 8)) return AddressRange::loopback;
  if (in(a, v4(10, 0, 0, 0), 8) || in(a, v4(172, 16, 0, 0), 12) || in(a, v4(192, 168, 0, 0), 16) ||
      in(a, v4(100, 64, 0, 0), 10)) {
    return AddressRange::private_network;
  }
  if (in(a, v4(169, 254, 0, 0), 16)) return AddressRange::link_local;
  if (in(a, v4(0, 0, 0, 0), 8) || in(a, v4(192, 0, 0, 0), 24) || in(a, v4(192, 0, 2, 0), 24) ||
      in(a, v4(198, 18, 0, 0), 15) || in(a, v4(198, 51, 100, 0), 24) ||
      in(a, v4(203, 0, 113, 0), 24) || in(a, v4(224, 0, 0, 0), 4) || in(a, v4(240, 0, 0, 0), 4)) {
    return AddressRange::unusable;
  }
  return AddressRange::global;
}

std::uint32_t v4_at(const ip::address_v6::bytes_type& bytes, std::size_t offset) {
  return std::uint32_t(bytes[offset]) << 24 | std::uint32_t(bytes[offset + 1]) << 16 |
         std::uint32_t(bytes[offset + 2]) << 8 | std::uint32_t(bytes[offset + 3]);
}

bool starts_with(const ip::address_v6::bytes_type& bytes, std::initializer_list<int> prefix) {
  std::size_t i = 0;
  for (const int byte : prefix) {
    if (bytes[i++] != byte) return false;
  }
  return true;
}

AddressRange range_of_v6(const ip::address_v6& address) {
  const auto bytes = address.to_bytes();
  if (address.is_v4_mapped()) return range_of_v4(v4_at(bytes, 12));
  if (address.is_loopback()) return AddressRange::loopback;
  if (address.is_unspecified() || address.is_multicast()) return AddressRange::unusable;
  // ::a.b.c.d (IPv4-compatible, long deprecated) and 64:ff9b::a.b.c.d (NAT64).
  if (starts_with(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) ||
      starts_with(bytes, {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
    return range_of_v4(v4_at(bytes, 12));
  }
  if (starts_with(bytes, {0x20, 0x02})) return range_of_v4(v4_at(bytes, 2));  // 6to4
  // AWS's IPv6 metadata service, fd00:ec2::254.
  if (address == ip::make_address_v6("fd00:ec2::254")) return AddressRange::unusable;
  if ((bytes[0] & 0xfe) == 0xfc) return AddressRange::private_network;  // fc00::/7
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) return AddressRange::link_local;
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0)
    return AddressRange::private_network;                                           // site-local
  if (starts_with(bytes, {0x20, 0x01, 0x0d, 0xb8})) return AddressRange::unusable;  // documentation
  if (starts_with(bytes, {0x01, 0x00, 0, 0, 0, 0, 0, 0})) return AddressRange::unusable;  // discard
  return AddressRange::global;
}

}  // namespace

Result<Destination> parse_destination(std::string_view url) {
  if (url.empty()) return refused("Give the address to send to, starting with https://.");
  if (url.size() > kMaxUrlLength) {
    return refused("That address is longer than " + std::to_string(kMaxUrlLength) + " characters.");
  }
  if (!is_printable_ascii(url)) {
    return refused(
        "An address may not hold spaces or characters outside ASCII; "
        "percent-encode them.");
  }
  Destination destination;
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    destination.tls = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return refused("A webhook's address starts with https:// (or http://).");
  }
  if (const auto fragment = rest.find('#'); fragment != std::string_view::npos) {
    rest = rest.substr(0, fragment);
  }
  const auto authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  destination.target =
      authority_end == std::string_view::npos ? "/" : std::string(rest.substr(authority_end));
  if (destination.target.front() == '?') destination.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) {
    return refused(
        "A webhook's address may not carry a user name or password; "
        "the signature proves the sender.");
  }
  destination.host_header = std::string(authority);
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return refused("That address's IPv6 host has no ']'.");
    host = authority.substr(1, close - 1);
    boost::system::error_code not_v6;
    ip::make_address_v6(std::string(host), not_v6);
    if (not_v6) return refused("Only an IPv6 address goes between '[' and ']'.");
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return refused("That address's host is not followed by a port.");
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return refused("That address names no host.");
  if (!port.empty()) {
    int number = 0;
    for (const char c : port) {
      if (c < '0' || c > '9' || (number = number * 10 + (c - '0')) > 65535) {
        return refused("That address's port is not a number from 1 to 65535.");
      }
    }
    if (number == 0 || port.size() > 5) {
      return refused("That address's port is not a number from 1 to 65535.");
    }
    destination.port = std::string(port);
  } else {
    destination.port = destination.tls ? "443" : "80";
  }
  const bool bracketed = authority.starts_with('[');
  for (const char c : host) {
    // A colon belongs only to an IPv6 address, which comes in brackets.
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                         (c == ':' && bracketed);
    if (!allowed) return refused("That address's host holds characters no host name has.");
  }
  destination.host = std::string(host);
  return destination;
}

AddressRange range_of(const ip::address& address) {
  return address.is_v4() ? range_of_v4(address.to_v4().to_uint()) : range_of_v6(address.to_v6());
}

bool may_connect(const ip::address& address, bool allow_private_network) {
  const auto range = range_of(address);
  if (range == AddressRange::global) return true;
  return allow_private_network && range != AddressRange::unusable;
}

std::string_view describe(AddressRange range) {
  switch (range) {
    case AddressRange::global:
      return "a public address";
    case AddressRange::loopback:
      return "a loopback address";
    case AddressRange::private_network:
      return "a private network address";
    case AddressRange::link_local:
      return "a link-local address";
    case AddressRange::unusable:
      return "an address no webhook can use";
  }
  return "";
}

}  // namespace byline::webhooks
