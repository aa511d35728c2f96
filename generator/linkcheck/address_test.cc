// The address classifier behind check-links' refusal of internal addresses:
// every literal form a resolver accepts, and every special-purpose block.
#include "linkcheck/address.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>

#include <string>

using namespace commonplace;

namespace {

// The reason for a host written as a literal, or "(name)" when it is none.
std::string Reason(const std::string& host) {
  auto ip = ParseIpLiteral(host);
  return ip ? NonPublicReason(*ip) : "(name)";
}

std::string Formatted(const std::string& host) {
  auto ip = ParseIpLiteral(host);
  return ip ? FormatIp(*ip) : "(name)";
}

}  // namespace

TEST_CASE("IPv4 literals are read in every form inet_aton takes") {
  CHECK(Formatted("127.0.0.1") == "127.0.0.1");
  CHECK(Formatted("2130706433") == "127.0.0.1");     // one decimal number
  CHECK(Formatted("0x7f000001") == "127.0.0.1");     // one hexadecimal number
  CHECK(Formatted("017700000001") == "127.0.0.1");   // one octal number
  CHECK(Formatted("0x7f.1") == "127.0.0.1");         // a.b: 8 and 24 bits
  CHECK(Formatted("127.1") == "127.0.0.1");
  CHECK(Formatted("127.0.1") == "127.0.0.1");        // a.b.c: 8, 8 and 16 bits
  CHECK(Formatted("0177.0.0.01") == "127.0.0.1");    // octal parts
  CHECK(Formatted("0x7F.0x0.0x0.0x1") == "127.0.0.1");
  CHECK(Formatted("127.0.0.1.") == "127.0.0.1");     // the DNS root
  CHECK(Formatted("10.0.0.1") == "10.0.0.1");
  CHECK(Formatted("3232235777") == "192.168.1.1");
  CHECK(Formatted("0") == "0.0.0.0");
  // Not addresses: names, out-of-range parts, bad digits.
  CHECK(Formatted("example.org") == "(name)");
  CHECK(Formatted("1.2.3.com") == "(name)");
  CHECK(Formatted("256.0.0.1") == "(name)");
  CHECK(Formatted("1.2.3.4.5") == "(name)");
  CHECK(Formatted("4294967296") == "(name)");
  CHECK(Formatted("08.0.0.1") == "(name)");
  CHECK(Formatted("127.16777216") == "(name)");
  CHECK(Formatted("") == "(name)");
  CHECK(Formatted("[127.0.0.1]") == "(name)");  // brackets hold IPv6 only
}

TEST_CASE("IPv6 literals with brackets, zones and embedded IPv4") {
  CHECK(Formatted("[::1]") == "::1");
  CHECK(Formatted("::1") == "::1");
  CHECK(Formatted("[::ffff:127.0.0.1]") == "::ffff:127.0.0.1");
  CHECK(Formatted("[::ffff:7f00:1]") == "::ffff:127.0.0.1");
  CHECK(Formatted("[fe80::1%25eth0]") == "fe80::1");
  CHECK(Formatted("fe80::1%eth0") == "fe80::1");
  CHECK(Formatted("[::g]") == "(name)");
  CHECK(Formatted("[]") == "(name)");
}

TEST_CASE("loopback, private and other non-public addresses are named") {
  // IPv4 in all its forms.
  for (const char* h : {"127.0.0.1", "2130706433", "0x7f.1", "127.1", "0177.0.0.1", "127.255.255.254"}) {
    CHECK_MESSAGE(Reason(h) == "loopback", h);
  }
  for (const char* h : {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1",
                        "0xc0a80001"}) {
    CHECK_MESSAGE(Reason(h) == "private", h);
  }
  CHECK(Reason("100.64.0.1") == "shared (carrier-grade NAT)");
  CHECK(Reason("100.127.255.255") == "shared (carrier-grade NAT)");
  CHECK(Reason("169.254.169.254") == "link-local");  // cloud metadata services
  CHECK(Reason("0.0.0.0") == "unspecified (this network)");
  CHECK(Reason("0") == "unspecified (this network)");
  CHECK(Reason("224.0.0.1") == "multicast");
  CHECK(Reason("239.255.255.250") == "multicast");
  CHECK(Reason("255.255.255.255") == "broadcast");
  CHECK(Reason("240.0.0.1") == "reserved");
  CHECK(Reason("192.0.2.1") == "documentation");
  CHECK(Reason("198.18.0.1") == "reserved (benchmarking)");
  // Public neighbours of those blocks.
  for (const char* h : {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
                        "100.128.0.1", "192.167.255.255", "169.253.0.1", "11.0.0.1", "126.255.255.255",
                        "128.0.0.1", "223.255.255.255", "93.184.216.34"}) {
    CHECK_MESSAGE(Reason(h) == "", h);
  }

  // IPv6.
  CHECK(Reason("::1") == "loopback");
  CHECK(Reason("[::]") == "unspecified");
  CHECK(Reason("fe80::1") == "link-local");
  CHECK(Reason("febf::1") == "link-local");
  CHECK(Reason("fc00::1") == "unique-local");
  CHECK(Reason("fd12:3456::1") == "unique-local");
  CHECK(Reason("ff02::1") == "multicast");
  CHECK(Reason("fec0::1") == "private (site-local)");
  CHECK(Reason("2001:db8::1") == "documentation");
  CHECK(Reason("100::1") == "reserved");
  CHECK(Reason("4000::1") == "reserved");
  // IPv4 inside IPv6: judged by the IPv4 address.
  CHECK(Reason("[::ffff:127.0.0.1]") == "loopback (IPv4-mapped)");
  CHECK(Reason("::ffff:10.1.2.3") == "private (IPv4-mapped)");
  CHECK(Reason("::ffff:169.254.169.254") == "link-local (IPv4-mapped)");
  CHECK(Reason("::127.0.0.1") == "loopback (IPv4-compatible)");
  CHECK(Reason("::8.8.8.8") == "reserved (IPv4-compatible)");
  CHECK(Reason("::ffff:0:127.0.0.1") == "loopback (IPv4-translated)");
  CHECK(Reason("64:ff9b::7f00:1") == "loopback (NAT64)");
  CHECK(Reason("64:ff9b:1::1") == "private (local NAT64)");
  CHECK(Reason("2002:7f00:1::") == "loopback (6to4)");
  CHECK(Reason("2002:c0a8:101::1") == "private (6to4)");
  // Public IPv6, and public IPv4 inside it.
  CHECK(Reason("2606:4700:4700::1111") == "");
  CHECK(Reason("2a00:1450:4009:81f::200e") == "");
  CHECK(Reason("::ffff:8.8.8.8") == "");
  CHECK(Reason("64:ff9b::808:808") == "");
  CHECK(Reason("2002:808:808::1") == "");
}

TEST_CASE("hosts: literals and localhost are refused before resolving") {
  CHECK(NonPublicHostReason("localhost") == "loopback");
  CHECK(NonPublicHostReason("LocalHost.") == "loopback");
  CHECK(NonPublicHostReason("api.localhost") == "loopback");
  CHECK(NonPublicHostReason("[::ffff:127.0.0.1]") == "loopback (IPv4-mapped)");
  CHECK(NonPublicHostReason("2130706433") == "loopback");
  CHECK(NonPublicHostReason("example.org") == "");
  CHECK(NonPublicHostReason("localhost.example.org") == "");
  CHECK(NonPublicHostReason("notlocalhost") == "");
}

TEST_CASE("socket addresses are read as the resolver gave them") {
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_addr.s_addr = htonl(0x7F000001);
  auto a = IpFromSockaddr(reinterpret_cast<sockaddr*>(&in), sizeof in);
  REQUIRE(a);
  CHECK(FormatIp(*a) == "127.0.0.1");
  CHECK(NonPublicReason(*a) == "loopback");
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_addr.s6_addr[10] = 0xFF;
  in6.sin6_addr.s6_addr[11] = 0xFF;
  in6.sin6_addr.s6_addr[12] = 10;
  in6.sin6_addr.s6_addr[15] = 1;
  auto b = IpFromSockaddr(reinterpret_cast<sockaddr*>(&in6), sizeof in6);
  REQUIRE(b);
  CHECK(FormatIp(*b) == "::ffff:10.0.0.1");
  CHECK(NonPublicReason(*b) == "private (IPv4-mapped)");
  CHECK_FALSE(IpFromSockaddr(reinterpret_cast<sockaddr*>(&in), 4));  // too short
}
