// linkcheck/address.h: which IP addresses the external link checker may
// connect to. Content comes from strangers, and check-links runs on a
// maintainer's machine or in CI: a URL naming (or resolving to, or
// redirecting to) an address on that machine or its private network would
// make the checker probe internal services and publish what they answer.
#ifndef COMMONPLACE_LINKCHECK_ADDRESS_H_
#define COMMONPLACE_LINKCHECK_ADDRESS_H_

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace commonplace {

/// An IPv4 or IPv6 address, in network byte order.
struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  ///< IPv4 uses the first 4.
};

/// Reads a host as a resolver reads an address literal: IPv4 in every form
/// inet_aton takes (`127.0.0.1`, `2130706433`, `0x7f.1`, `0177.0.0.1`,
/// `127.1`), IPv6 with or without brackets and with an optional zone
/// (`[::ffff:127.0.0.1]`, `fe80::1%25eth0`). nullopt for a host name.
std::optional<IpAddress> ParseIpLiteral(std::string_view host);

/// The address a socket is about to connect to.
std::optional<IpAddress> IpFromSockaddr(const sockaddr* addr, socklen_t len);

/// Why an address is not a public internet address: "loopback",
/// "private", "shared (carrier-grade NAT)", "link-local", "unique-local",
/// "multicast", "unspecified", "broadcast", "documentation", "reserved" …
/// IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses are judged
/// by the IPv4 address inside them. "" for a public address.
std::string NonPublicReason(const IpAddress& a);

/// "127.0.0.1" or "::1".
std::string FormatIp(const IpAddress& a);

/// Why a host, as written in a URL, is not public without resolving it: a
/// literal address (NonPublicReason) or `localhost` and its subdomains.
/// "" when it may be public (a host name is judged once it is resolved).
std::string NonPublicHostReason(std::string_view host);

}  // namespace commonplace

#endif  // COMMONPLACE_LINKCHECK_ADDRESS_H_
