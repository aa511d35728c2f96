// The external link checker against a local HTTP server on 127.0.0.1 that
// plays every fault the checker must classify. Bounded: the server stops
// with the test and every request has a short time-out.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "linkcheck/external_links.h"

using namespace commonplace;

namespace {

class FaultServer {
 public:
  FaultServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 64);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~FaultServer() {
    stop_ = true;
    thread_.join();
    close(fd_);
    for (auto& t : workers_) t.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }
  int Hits(const std::string& key) {
    std::lock_guard<std::mutex> l(mu_);
    return hits_[key];
  }
  long huge_bytes_sent() const { return huge_sent_; }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      workers_.emplace_back([this, c] { Serve(c); });
    }
  }

  void Send(int c, const std::string& s) { (void)!write(c, s.data(), s.size()); }

  void Serve(int c) {
    std::string req;
    char buf[2048];
    while (req.find("\r\n\r\n") == std::string::npos) {
      pollfd p{c, POLLIN, 0};
      if (poll(&p, 1, 2000) <= 0) break;
      ssize_t n = read(c, buf, sizeof buf);
      if (n <= 0) break;
      req.append(buf, static_cast<size_t>(n));
    }
    std::string method = req.substr(0, req.find(' '));
    size_t p1 = req.find(' ') + 1;
    std::string path = req.substr(p1, req.find(' ', p1) - p1);
    // Routes ignore a query, except where the rest of the path is a URL.
    std::string route = path.rfind("/to/", 0) == 0 ? path : path.substr(0, path.find('?'));
    int hit;
    {
      std::lock_guard<std::mutex> l(mu_);
      hit = ++hits_[method + " " + path];
      ++hits_["all"];
    }
    auto reply = [&](int code, const std::string& reason, const std::string& extra = "") {
      Send(c, "HTTP/1.1 " + std::to_string(code) + " " + reason + "\r\n" + extra +
                  "Content-Length: 0\r\nConnection: close\r\n\r\n");
    };
    if (route == "/ok") reply(200, "OK");
    else if (route == "/r1") reply(301, "Moved", "Location: /r2\r\n");
    else if (route == "/r2") reply(301, "Moved", "Location: /r3\r\n");
    else if (route == "/r3") reply(301, "Moved", "Location: /ok\r\n");
    else if (route == "/loop") reply(301, "Moved", "Location: /loop\r\n");
    else if (route == "/token") reply(302, "Found", "Location: /ok?session=s3cret#frag\r\n");
    else if (route == "/userinfo") reply(302, "Found", "Location: http://user:pw@127.0.0.1:" + std::to_string(port_) + "/ok?k=v\r\n");
    else if (path.rfind("/to/", 0) == 0) reply(302, "Found", "Location: " + path.substr(4) + "\r\n");
    else if (route == "/404") reply(404, "Not Found");
    else if (route == "/410") reply(410, "Gone");
    else if (route == "/429") hit == 1 ? reply(429, "Too Many Requests", "Retry-After: 1\r\n") : reply(200, "OK");
    else if (route == "/always429") reply(429, "Too Many Requests", "Retry-After: 1\r\n");
    else if (route == "/flaky") hit == 1 ? reply(500, "Internal Server Error") : reply(200, "OK");
    else if (route == "/head405") method == "HEAD" ? reply(405, "Method Not Allowed") : reply(200, "OK");
    else if (route == "/huge") {
      if (method == "HEAD") {
        reply(405, "Method Not Allowed");
      } else {
        // A 1 GiB body, streamed until the client hangs up.
        Send(c, "HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\n");
        std::string chunk(64 * 1024, 'x');
        for (int i = 0; i < 16384 && !stop_; ++i) {
          ssize_t n = send(c, chunk.data(), chunk.size(), MSG_NOSIGNAL);
          if (n <= 0) break;
          huge_sent_ += n;
        }
      }
    } else if (route == "/hang") {
      for (int i = 0; i < 100 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } else {
      reply(404, "Not Found");
    }
    close(c);
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::map<std::string, int> hits_;
  std::atomic<long> huge_sent_{0};
};

int RefusedPort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);  // nothing listens there now
  return ntohs(a.sin_port);
}

ExternalCheckOptions Fast() {
  ExternalCheckOptions o;
  o.connect_timeout_ms = 1000;
  o.total_timeout_ms = 2000;
  o.backoff_ms = 100;
  o.max_redirects = 5;
  o.retries = 2;
  o.max_retry_after_ms = 1500;
  o.allow_private = true;  // the server is on 127.0.0.1
  return o;
}

}  // namespace

TEST_CASE("every fault is classified, within its time bounds") {
  FaultServer server;
  std::string refused = "http://127.0.0.1:" + std::to_string(RefusedPort()) + "/x";
  std::vector<std::string> urls = {server.Url("/ok"),     server.Url("/r1"),      server.Url("/loop"),
                                   server.Url("/404"),    server.Url("/410"),     server.Url("/429"),
                                   server.Url("/flaky"),  server.Url("/hang"),    refused,
                                   server.Url("/huge"),   server.Url("/head405"), server.Url("/always429"),
                                   server.Url("/ok")};
  auto start = std::chrono::steady_clock::now();
  auto results = CheckExternalUrls(urls, Fast());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(results.size() == 12);  // the duplicate is checked once
  std::map<std::string, LinkStatus> by;
  for (const auto& r : results) by[r.url] = r;

  CHECK(by[server.Url("/ok")].result == "ok");
  CHECK(by[server.Url("/ok")].http_status == 200);

  const LinkStatus& chain = by[server.Url("/r1")];
  CHECK(chain.result == "ok");
  CHECK(chain.redirects == 3);
  CHECK(chain.final_url == server.Url("/ok"));

  CHECK(by[server.Url("/loop")].result == "redirect-loop");
  CHECK(by[server.Url("/404")].result == "broken");
  CHECK(by[server.Url("/404")].http_status == 404);
  CHECK(by[server.Url("/410")].result == "gone");

  const LinkStatus& limited = by[server.Url("/429")];
  CHECK(limited.result == "ok");
  CHECK(limited.attempts == 2);
  CHECK(by[server.Url("/always429")].result == "rate-limited");
  CHECK(by[server.Url("/always429")].attempts == 3);

  CHECK(by[server.Url("/flaky")].result == "ok");
  CHECK(by[server.Url("/flaky")].attempts == 2);

  CHECK(by[server.Url("/hang")].result == "timeout");
  CHECK(by[refused].result == "refused");

  const LinkStatus& huge = by[server.Url("/huge")];
  CHECK(huge.result == "ok");
  CHECK(huge.method == "GET");
  CHECK(server.huge_bytes_sent() < 64L * 1024 * 1024);  // far less than the 1 GiB offered

  const LinkStatus& head405 = by[server.Url("/head405")];
  CHECK(head405.result == "ok");
  CHECK(head405.method == "GET");
  CHECK(server.Hits("HEAD /head405") == 1);
  CHECK(server.Hits("GET /head405") == 1);

  // Retry-After: 1 second was honoured before the second /429 request.
  CHECK(server.Hits("HEAD /429") == 2);
  // Time-outs of 2 s and Retry-After waits of 1 s, run concurrently.
  CHECK(seconds < 12);

  for (const auto& r : results) {
    CHECK_MESSAGE(r.checked_at > 0, r.url);
    CHECK(IsBrokenResult(r.result) == (r.result == "broken" || r.result == "gone" ||
                                       r.result == "redirect-loop" || r.result == "refused"));
  }
}

TEST_CASE("a fresh cache answers without a request") {
  FaultServer server;
  std::vector<std::string> urls = {server.Url("/ok"), server.Url("/404")};
  LinkCache cache;
  for (auto& s : CheckExternalUrls(urls, Fast())) cache.entries[s.url] = s;
  int before = server.Hits("all");
  std::string path = std::string(COMMONPLACE_BINARY_DIR) + "/links-cache-test.json";
  std::string error;
  REQUIRE(cache.Save(path, &error));
  LinkCache loaded;
  REQUIRE(loaded.Load(path, &error));
  std::vector<std::string> stale;
  int64_t now = loaded.entries.begin()->second.checked_at + 60;
  auto fresh = loaded.Fresh(urls, now, 3600, &stale);
  CHECK(stale.empty());
  REQUIRE(fresh.size() == 2);
  CHECK(fresh[1].result == "broken");
  CHECK(fresh[0].from_cache);
  CHECK(server.Hits("all") == before);  // no request was made
  // Older than the lifetime: checked again.
  stale.clear();
  loaded.Fresh(urls, now + 7200, 3600, &stale);
  CHECK(stale.size() == 2);
}

TEST_CASE("URLs are collected with the file and line that hold them") {
  Library lib;
  Resource r;
  r.url = "https://example.org/a";
  r.path = "content/resources.yaml";
  r.pos = {12, 5};
  lib.resources.push_back(r);
  CaseStudy cs;
  cs.path = "casestudies/x.md";
  cs.body_line = 20;
  cs.body_md = "Intro.\n\nSee [the report](https://example.org/report.pdf), and <https://example.org/a>.\n";
  lib.case_studies.push_back(cs);
  auto uses = CollectExternalUrls(lib);
  REQUIRE(uses.size() == 2);
  CHECK(uses["https://example.org/report.pdf"][0].path == "casestudies/x.md");
  CHECK(uses["https://example.org/report.pdf"][0].line == 22);
  CHECK(uses["https://example.org/a"].size() == 2);

  // Once rendered, a body's source is gone: its kept addresses stand in.
  Document& rendered = lib.case_studies[0];
  rendered.body_urls = UrlsInText(rendered.body_md);
  rendered.body_md.clear();
  rendered.rendered = true;
  auto kept = CollectExternalUrls(lib);
  REQUIRE(kept.size() == 2);
  REQUIRE(kept["https://example.org/report.pdf"].size() == 1);
  CHECK(kept["https://example.org/report.pdf"][0].line == 22);
  CHECK(kept["https://example.org/a"].size() == 2);
  CHECK(kept["https://example.org/a"][1].path == "casestudies/x.md");
  CHECK(kept["https://example.org/a"][1].line == 22);
}

TEST_CASE("UrlsInText: each address once, at its line, without trailing punctuation") {
  auto urls = UrlsInText("One https://a.example/x.\n\n[two](http://b.example/y) and <https://a.example/x>\n");
  REQUIRE(urls.size() == 3);
  CHECK(urls[0] == std::pair<std::string, int>{"https://a.example/x", 0});
  CHECK(urls[1] == std::pair<std::string, int>{"http://b.example/y", 2});
  CHECK(urls[2] == std::pair<std::string, int>{"https://a.example/x", 2});
  CHECK(UrlsInText("no addresses, only http and https words").empty());
}

namespace {

// A case study whose URLs are all in its front matter, in lists as well as
// in top-level fields, as the loader would fill it.
CaseStudy FrontMatterCase() {
  CaseStudy cs;
  cs.path = "casestudies/y.md";
  cs.summary = "See https://example.org/summary for more.";
  cs.partners = {{"A council", "local-government", "", "Funds it"},
                 {"A trust", "voluntary-community", "", "Hosts it (https://example.org/trust)"}};
  Funding f;
  f.funder = "A funder";
  f.note = "Programme page: https://example.org/fund;";
  cs.funding = {f};
  cs.sources = {{"toolkit-2025", "https://example.org/source.pdf, p.4", {}}};
  cs.field_pos = {{"summary", {3, 10}}, {"partners", {5, 3}}, {"funding", {8, 3}}, {"sources", {11, 3}}};
  cs.body_line = 14;
  cs.body_md = "Body without links.\n";
  return cs;
}

const char* kFrontMatterFile =
    "---\n"                                                          // 1
    "title: Y\n"                                                     // 2
    "summary: See https://example.org/summary for more.\n"          // 3
    "partners:\n"                                                    // 4
    "  - name: A council\n"                                          // 5
    "    role: Funds it\n"                                           // 6
    "  - {name: A trust, role: Hosts it (https://example.org/trust)}\n"  // 7
    "funding:\n"                                                     // 8
    "  - funder: A funder\n"                                         // 9
    "    note: \"Programme page: https://example.org/fund;\"\n"     // 10
    "sources:\n"                                                     // 11
    "  - {source: toolkit-2025, locator: \"https://example.org/source.pdf, p.4\"}\n"  // 12
    "---\n"                                                          // 13
    "Body without links.\n";                                         // 14

}  // namespace

TEST_CASE("URLs in case-study front matter are collected too") {
  Library lib;
  lib.case_studies.push_back(FrontMatterCase());
  // Without the files: at the line where the field starts.
  auto uses = CollectExternalUrls(lib);
  REQUIRE(uses.size() == 4);
  CHECK(uses["https://example.org/summary"][0].line == 3);
  CHECK(uses["https://example.org/trust"][0].line == 5);
  CHECK(uses["https://example.org/fund"][0].line == 8);
  CHECK(uses["https://example.org/source.pdf"][0].line == 11);
  for (const auto& [url, where] : uses) {
    REQUIRE(where.size() == 1);
    CHECK(where[0].path == "casestudies/y.md");
  }

  // With the repository root: at the line that holds the URL.
  std::filesystem::path root =
      std::filesystem::path(COMMONPLACE_BINARY_DIR) / ("links-front-matter-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "casestudies");
  std::ofstream(root / "casestudies/y.md") << kFrontMatterFile;
  uses = CollectExternalUrls(lib, root.string());
  std::filesystem::remove_all(root);
  REQUIRE(uses.size() == 4);
  CHECK(uses["https://example.org/summary"][0].line == 3);
  CHECK(uses["https://example.org/trust"][0].line == 7);
  CHECK(uses["https://example.org/fund"][0].line == 10);
  CHECK(uses["https://example.org/source.pdf"][0].line == 12);
}

TEST_CASE("cache ages read as people say them, and JSON carries them in seconds") {
  CHECK(FormatAge(0) == "just now");
  CHECK(FormatAge(59) == "just now");
  CHECK(FormatAge(60) == "1 min ago");
  CHECK(FormatAge(3599) == "59 min ago");
  CHECK(FormatAge(3 * 3600 + 5) == "3 h ago");
  CHECK(FormatAge(47 * 3600) == "47 h ago");
  CHECK(FormatAge(3 * 86400) == "3 d ago");
  LinkStatus s;
  s.url = "https://example.org/a";
  s.result = "ok";
  s.checked_at = 1000;
  s.from_cache = true;
  std::string json = LinkStatusesToJson({s}, {}, 1000 + 7200);
  CHECK(json.find("\"age_s\": 7200") != std::string::npos);
  CHECK(json.find("\"from_cache\": true") != std::string::npos);
  CHECK(LinkStatusesToJson({s}, {}).find("age_s") == std::string::npos);
}

TEST_CASE("internal addresses are refused in every form, without a request") {
  FaultServer server;
  std::string port = std::to_string(server.port());
  std::vector<std::string> urls = {
      server.Url("/ok"),                                  // 127.0.0.1
      "http://localhost:" + port + "/ok",                 // a name for it
      "http://2130706433:" + port + "/ok",                // one decimal number
      "http://0x7f.1:" + port + "/ok",                    // hexadecimal, short form
      "http://127.1:" + port + "/ok",                     // short dotted form
      "http://0177.0.0.1:" + port + "/ok",                // octal
      "http://[::ffff:127.0.0.1]:" + port + "/ok",        // IPv4-mapped IPv6
      "http://[::1]:" + port + "/ok",                     // IPv6 loopback
      "http://0.0.0.0:" + port + "/ok",                   // reaches this machine on Linux
      "http://10.0.0.1:" + port + "/ok",                  // private networks: no time-out
      "http://169.254.169.254/latest/meta-data/",         // cloud metadata
  };
  ExternalCheckOptions o = Fast();
  o.allow_private = false;
  auto start = std::chrono::steady_clock::now();
  auto results = CheckExternalUrls(urls, o);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(results.size() == urls.size());
  for (const auto& r : results) {
    CHECK_MESSAGE(r.result == "private", r.url, " ", r.result, " ", r.detail);
    CHECK_MESSAGE(r.detail.find("not a public address") != std::string::npos, r.detail);
    CHECK_MESSAGE(r.detail.find("--allow-private") != std::string::npos, r.detail);
    CHECK(IsBrokenResult(r.result));
    CHECK(r.attempts == 0);  // refused from the URL alone
  }
  CHECK(results[0].detail.find("127.0.0.1 is not a public address (loopback)") == 0);
  CHECK(server.Hits("all") == 0);
  CHECK(seconds < 2);

  // With --allow-private the same server is checked.
  o.allow_private = true;
  results = CheckExternalUrls({server.Url("/ok")}, o);
  CHECK(results[0].result == "ok");
  CHECK(results[0].private_allowed);
  CHECK(server.Hits("all") == 1);
}

TEST_CASE("a redirect to an internal address is refused at the connection, after resolving") {
  // The first server stands for a public host (the test lets the checker
  // connect to it); the second, which it redirects to, is refused. The
  // redirect target's query string is never reported.
  FaultServer outside, inside;
  int outside_port = outside.port();
  ExternalCheckOptions o = Fast();
  o.allow_private = false;
  o.allow_address_for_tests = [&](const std::string& ip, int port) {
    return ip == "127.0.0.1" && port == outside_port;
  };
  std::string target = inside.Url("/ok?token=s3cret#x");
  std::string via_name = "http://localhost:" + std::to_string(inside.port()) + "/ok?token=s3cret";
  auto results = CheckExternalUrls(
      {outside.Url("/ok"), outside.Url("/to/" + target), outside.Url("/to/" + via_name)}, o);
  REQUIRE(results.size() == 3);
  CHECK(results[0].result == "ok");
  for (int i : {1, 2}) {
    const LinkStatus& r = results[static_cast<size_t>(i)];
    CHECK_MESSAGE(r.result == "private", r.url, " ", r.result, " ", r.detail);
    CHECK(r.redirects == 1);
    CHECK(r.final_url.find("s3cret") == std::string::npos);
    CHECK(r.final_url.find('?') == std::string::npos);
    CHECK(r.detail.find("(loopback)") != std::string::npos);
  }
  CHECK(results[1].final_url == inside.Url("/ok"));
  CHECK(inside.Hits("all") == 0);  // never connected to
  CHECK(outside.Hits("HEAD /to/" + target.substr(0, target.find('#'))) == 1);
}

TEST_CASE("where redirects led is reported without query, fragment or credentials") {
  FaultServer server;
  auto results = CheckExternalUrls({server.Url("/token"), server.Url("/userinfo")}, Fast());
  REQUIRE(results.size() == 2);
  CHECK(results[0].result == "ok");
  CHECK(results[0].final_url == server.Url("/ok"));
  CHECK(results[1].result == "ok");
  CHECK(results[1].final_url == server.Url("/ok"));
  CHECK(PublishableUrl("https://u:p@example.org:8443/a/b?x=1#f") == "https://example.org:8443/a/b");
  CHECK(PublishableUrl("https://example.org/a@b?x") == "https://example.org/a@b");
  CHECK(PublishableUrl("https://example.org#f") == "https://example.org");

  // A cache written before final URLs were stripped is stripped as it is read,
  // so the link health page never shows the query.
  std::string path = std::string(COMMONPLACE_BINARY_DIR) + "/links-cache-query-" +
                     std::to_string(::getpid()) + ".json";
  std::ofstream(path) << R"({"version":1,"links":[{"url":"https://example.org/a","result":"ok",)"
                         R"("final_url":"https://example.org/b?session=s3cret","checked_at":5}]})";
  LinkCache cache;
  std::string error;
  REQUIRE(cache.Load(path, &error));
  std::filesystem::remove(path);
  CHECK(cache.entries["https://example.org/a"].final_url == "https://example.org/b");
  CHECK_FALSE(cache.entries["https://example.org/a"].private_allowed);
}
