#include "linkcheck/address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace commonplace {

namespace {

// One part of an inet_aton address: decimal, 0x hexadecimal or 0 octal.
std::optional<uint64_t> ParsePart(std::string_view s) {
  int base = 10;
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
    if (s.empty()) return 0;  // "0x" is 0 to inet_aton
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return std::nullopt;
    if (d >= base) return std::nullopt;
    v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    if (v > 0xFFFFFFFFull) return std::nullopt;
  }
  return v;
}

std::optional<IpAddress> ParseIpv4(std::string_view host) {
  // A final dot is the DNS root; resolvers read "127.0.0.1." as 127.0.0.1.
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::vector<uint64_t> parts;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    auto part = ParsePart(host.substr(start, dot == std::string_view::npos ? std::string_view::npos
                                                                          : dot - start));
    if (!part || parts.size() == 4) return std::nullopt;
    parts.push_back(*part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // a, a.b (8.24 bits), a.b.c (8.8.16 bits) or a.b.c.d.
  uint64_t v = 0;
  size_t n = parts.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    if (parts[i] > 0xFF) return std::nullopt;
    v |= parts[i] << (24 - 8 * i);
  }
  uint64_t last_bits = 32 - 8 * (n - 1);
  if (parts[n - 1] >= (1ull << last_bits)) return std::nullopt;
  v |= parts[n - 1];
  IpAddress a;
  a.bytes[0] = static_cast<uint8_t>(v >> 24);
  a.bytes[1] = static_cast<uint8_t>(v >> 16);
  a.bytes[2] = static_cast<uint8_t>(v >> 8);
  a.bytes[3] = static_cast<uint8_t>(v);
  return a;
}

IpAddress V4(const uint8_t* b) {
  IpAddress a;
  std::memcpy(a.bytes.data(), b, 4);
  return a;
}

bool InV4(const IpAddress& a, uint32_t net, int bits) {
  uint32_t v = (uint32_t{a.bytes[0]} << 24) | (uint32_t{a.bytes[1]} << 16) |
               (uint32_t{a.bytes[2]} << 8) | a.bytes[3];
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (v & mask) == (net & mask);
}

// Whether the first `bits` bits of the IPv6 address equal those of `prefix`.
bool InV6(const IpAddress& a, std::initializer_list<uint8_t> prefix, int bits) {
  int i = 0;
  for (uint8_t p : prefix) {
    int take = std::min(8, bits - 8 * i);
    if (take <= 0) break;
    uint8_t mask = static_cast<uint8_t>(0xFF << (8 - take));
    if ((a.bytes[i] & mask) != (p & mask)) return false;
    ++i;
  }
  return true;
}

std::string V4Reason(const IpAddress& a) {
  struct Range {
    uint32_t net;
    int bits;
    const char* reason;
  };
  // RFC 6890's special-purpose registry, with what each block is for.
  static const Range kRanges[] = {
      {0x00000000, 8, "unspecified (this network)"},
      {0x0A000000, 8, "private"},
      {0x64400000, 10, "shared (carrier-grade NAT)"},
      {0x7F000000, 8, "loopback"},
      {0xA9FE0000, 16, "link-local"},
      {0xAC100000, 12, "private"},
      {0xC0000000, 24, "reserved (IETF protocol assignments)"},
      {0xC0000200, 24, "documentation"},
      {0xC0586300, 24, "reserved (6to4 relay)"},
      {0xC0A80000, 16, "private"},
      {0xC6120000, 15, "reserved (benchmarking)"},
      {0xC6336400, 24, "documentation"},
      {0xCB007100, 24, "documentation"},
      {0xE0000000, 4, "multicast"},
      {0xFFFFFFFF, 32, "broadcast"},
      {0xF0000000, 4, "reserved"},
  };
  for (const auto& r : kRanges) {
    if (InV4(a, r.net, r.bits)) return r.reason;
  }
  return "";
}

}  // namespace

std::optional<IpAddress> ParseIpLiteral(std::string_view host) {
  bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  if (host.find(':') != std::string_view::npos) {
    // A zone ("%eth0", "%25eth0" in a URL) names an interface, not an address.
    std::string text(host.substr(0, host.find('%')));
    IpAddress a;
    a.v6 = true;
    if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) != 1) return std::nullopt;
    return a;
  }
  if (bracketed || host.empty()) return std::nullopt;
  return ParseIpv4(host);
}

std::optional<IpAddress> IpFromSockaddr(const sockaddr* addr, socklen_t len) {
  if (!addr) return std::nullopt;
  if (addr->sa_family == AF_INET && len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in;
    std::memcpy(&in, addr, sizeof in);
    return V4(reinterpret_cast<const uint8_t*>(&in.sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6 && len >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof in6);
    IpAddress a;
    a.v6 = true;
    std::memcpy(a.bytes.data(), in6.sin6_addr.s6_addr, 16);
    return a;
  }
  return std::nullopt;
}

std::string NonPublicReason(const IpAddress& a) {
  if (!a.v6) return V4Reason(a);
  static const uint8_t kZero[16] = {0};
  const uint8_t* b = a.bytes.data();
  if (std::memcmp(b, kZero, 16) == 0) return "unspecified";
  if (std::memcmp(b, kZero, 15) == 0 && b[15] == 1) return "loopback";
  // Forms that carry an IPv4 address, which is where they lead.
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  auto inner = [&](const uint8_t* v4, const char* form) -> std::string {
    std::string r = V4Reason(V4(v4));
    return r.empty() ? "" : r + " (" + form + ")";
  };
  if (std::memcmp(b, kMapped, 12) == 0) return inner(b + 12, "IPv4-mapped");
  if (std::memcmp(b, kZero, 12) == 0) {
    // ::a.b.c.d (deprecated): no public use; judged by the IPv4 address.
    std::string r = inner(b + 12, "IPv4-compatible");
    return r.empty() ? "reserved (IPv4-compatible)" : r;
  }
  // ::ffff:0:a.b.c.d (SIIT's IPv4-translated form).
  static const uint8_t kTranslated[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0};
  if (std::memcmp(b, kTranslated, 12) == 0) return inner(b + 12, "IPv4-translated");
  if (InV6(a, {0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) return inner(b + 12, "NAT64");
  if (InV6(a, {0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01}, 48)) return "private (local NAT64)";
  if (InV6(a, {0x20, 0x02}, 16)) return inner(b + 2, "6to4");
  if (InV6(a, {0x20, 0x01, 0x0D, 0xB8}, 32)) return "documentation";
  if (InV6(a, {0x20, 0x01}, 23)) return "reserved (IETF protocol assignments)";
  if (InV6(a, {0xFC}, 7)) return "unique-local";
  if (InV6(a, {0xFE, 0x80}, 10)) return "link-local";
  if (InV6(a, {0xFE, 0xC0}, 10)) return "private (site-local)";
  if (InV6(a, {0xFF}, 8)) return "multicast";
  // Only 2000::/3 is allocated for global unicast; the rest is reserved.
  if (!InV6(a, {0x20}, 3)) return "reserved";
  return "";
}

std::string FormatIp(const IpAddress& a) {
  char buf[INET6_ADDRSTRLEN] = {0};
  inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), buf, sizeof buf);
  return buf;
}

std::string NonPublicHostReason(std::string_view host) {
  if (auto ip = ParseIpLiteral(host)) return NonPublicReason(*ip);
  std::string lower;
  for (char c : host) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  // RFC 6761: localhost and every name under it are this machine.
  if (lower == "localhost" || (lower.size() > 10 && lower.compare(lower.size() - 10, 10, ".localhost") == 0)) {
    return "loopback";
  }
  return "";
}

}  // namespace commonplace
