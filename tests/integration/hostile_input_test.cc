// Hostile input that a build or a command must refuse with a positioned
// error (never a crash, a hang or an unsafe page): unsafe URLs in every URL
// field, control characters made by YAML escapes, numbers strtod reads but
// people do not write, Windows device names, internal addresses given to
// check-links, and what reaches the terminal. Every wait is bounded; the
// HTTP server listens on 127.0.0.1 only.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include "base/fs.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "test_site.h"

using commonplace::testing::kBaseSite;
using commonplace::testing::ReadTree;
using commonplace::testing::TestSite;

namespace {

// Every diagnostic's headline, one a line.
constexpr auto Errors = &commonplace::testing::ErrorLines;

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct Run {
  int code;
  std::string out, err;
};

Run Cli(std::vector<std::string> args) {
  args.insert(args.begin(), "commonplace");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  int code = commonplace::RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

// The base site's site.yaml with `extra` appended.
std::string SiteYaml(const std::string& extra) {
  std::string base = kBaseSite;
  size_t start = base.find("-- site.yaml --\n") + 16;
  size_t end = base.find("-- ", start);
  return base.substr(start, end - start) + extra;
}

// Every file of the last build, as one string.
std::string AllOutput(const TestSite& site) {
  std::string all;
  for (const auto& [path, bytes] : ReadTree(site.root() / "site")) all += bytes;
  return all;
}

}  // namespace

TEST_CASE("javascript: in any URL field of site.yaml fails the build at the field") {
  struct Case {
    std::string yaml;
    std::string error;
  };
  std::vector<Case> cases = {
      {"licence:\n  name: CC BY\n  url: javascript:alert(document.domain)\n",
       "site.yaml:10:8: error: unsafe URL 'javascript:alert(document.domain)' in field 'licence.url'"},
      {"repository:\n  url: javascript:alert(1)\n",
       "site.yaml:9:8: error: 'repository.url' must start with http:// or https://"},
      {"repository:\n  url: https://example.org/r\n  edit_url: \"javascript:alert('{path}')\"\n",
       "site.yaml:10:13: error: 'repository.edit_url' must start with http:// or https://"},
  };
  for (const auto& c : cases) {
    TestSite site(kBaseSite);
    site.Write("site.yaml", SiteYaml(c.yaml));
    auto r = site.Build();
    CAPTURE(c.yaml);
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(Has(Errors(r), c.error), Errors(r));
    REQUIRE(!r.diags.items().empty());
    CHECK(!r.diags.items()[0].hint.empty());
    CHECK_FALSE(Has(AllOutput(site), "javascript:"));
  }
  // The command line says the same, with a hint and the line, and exits 1.
  TestSite site(kBaseSite);
  site.Write("site.yaml", SiteYaml(cases[0].yaml));
  Run run = Cli({"check", "--root", site.root().string()});
  CHECK(run.code == 1);
  CHECK(Has(run.err, cases[0].error));
  CHECK(Has(run.err, "  hint: link to an http(s) address or to a page of this site"));
  CHECK(Has(run.err, "  10 |   url: javascript:alert(document.domain)\n"));
}

TEST_CASE("a control character made by a YAML escape is refused at the field") {
  TestSite site(kBaseSite);
  std::string cs = commonplace::ReadFile(site.root() / "casestudies/food-project.md").value();
  site.Write("casestudies/food-project.md", Replace(cs, "title: Food project", "title: \"Food\\x01 project\""));
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(Errors(r), "casestudies/food-project.md:2:8: error: field 'title' holds the control "
                       "character U+0001"));
  CHECK(site.Output("feed.xml").empty());  // no site was written

  // The escaped title in a descriptor or a CSV cell: the chart's SVG.
  TestSite data(kBaseSite);
  data.Write("content/datasets/d.yaml",
             "id: d\ntitle: \"Kinds\\x0c\"\ndescription: D.\nsources: [{source: toolkit-2025, "
             "locator: \"p.1\"}]\ncolumns:\n  - {id: kind, label: Kind, type: category}\n"
             "  - {id: n, label: Count, type: integer}\nsummaries: [kind]\n");
  data.Write("content/datasets/d.csv", "kind,n\nab\x1b[31m,1\n");
  r = data.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(Errors(r), "content/datasets/d.yaml:2:8: error: field 'title' holds the control character U+000C"));
  data.Write("content/datasets/d.yaml",
             "id: d\ntitle: Kinds\ndescription: D.\nsources: [{source: toolkit-2025, "
             "locator: \"p.1\"}]\ncolumns:\n  - {id: kind, label: Kind, type: category}\n"
             "  - {id: n, label: Count, type: integer}\nsummaries: [kind]\n");
  r = data.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(Errors(r), "content/datasets/d.csv:2:3: error: a value in column 'kind' holds the "
                       "control character U+001B"));

  // Allowed characters that XML must escape reach the feed, sitemap and
  // charts escaped, and every XML file stays free of control characters.
  data.Write("content/datasets/d.csv", "kind,n\n\"<b>&'\"\"\",1\nplain,2\n");
  site.Write("casestudies/food-project.md", Replace(cs, "title: Food project", "title: \"Food <&> 'project'\""));
  REQUIRE(data.Build().ok);
  REQUIRE(site.Build().ok);
  CHECK(Has(site.Output("feed.xml"), "<title>Food &lt;&amp;&gt; &#39;project&#39;</title>"));
  for (const TestSite* s : {&site, &data}) {
    for (const auto& [path, bytes] : ReadTree(s->root() / "site")) {
      if (!commonplace::EndsWith(path, ".xml") && !commonplace::EndsWith(path, ".svg")) continue;
      CAPTURE(path);
      CHECK(commonplace::FindForbiddenChar(bytes) == std::string_view::npos);
      CHECK_FALSE(Has(bytes, "<b>"));
    }
  }
}

TEST_CASE("a CSV number is what YAML calls a number: no nan, inf or spaces") {
  TestSite site(kBaseSite);
  site.Write("content/datasets/d.yaml",
             "id: d\ntitle: T\ndescription: D.\nsources: [{source: toolkit-2025, locator: \"p.1\"}]\n"
             "weight: n\ncolumns:\n  - {id: kind, label: Kind, type: category}\n"
             "  - {id: n, label: Count, type: number}\nsummaries: [kind]\n");
  site.Write("content/datasets/d.csv", "kind,n\na,-nan\nb,inf\nc, 3\nd,nan(0x7)\ne,2\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string e = Errors(r);
  CHECK(Has(e, "content/datasets/d.csv:2:1: error: '-nan' in column 'n' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:3:1: error: 'inf' in column 'n' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:4:1: error: ' 3' in column 'n' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:5:1: error: 'nan(0x7)' in column 'n' is not a number"));
  CHECK_FALSE(Has(e, "d.csv:6:"));
  site.Write("content/datasets/d.csv", "kind,n\na,1.5\nb,2e1\n");
  REQUIRE(site.Build().ok);
  CHECK_FALSE(Has(AllOutput(site), "nan\""));
}

TEST_CASE("Windows device names are refused as slugs and ids") {
  TestSite site(kBaseSite);
  std::string cs = commonplace::ReadFile(site.root() / "casestudies/food-project.md").value();
  site.Write("casestudies/con.md", cs);
  site.Write("content/pages/nul.md", "---\ntitle: Nul\n---\nText.\n");
  std::string vocab = commonplace::ReadFile(site.root() / "content/vocabularies/activities.yaml").value();
  site.Write("content/vocabularies/activities.yaml", vocab + "  - id: aux\n    label: Aux\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string e = Errors(r);
  CAPTURE(e);
  CHECK(Has(e, "casestudies/con.md: error: file name 'con' is a name Windows reserves for a device"));
  CHECK(Has(e, "content/pages/nul.md: error: file name 'nul' is a name Windows reserves for a device"));
  CHECK(Has(e, "content/vocabularies/activities.yaml:8:9: error: term id 'aux' is a name Windows "
               "reserves for a device"));
  for (const auto& d : r.diags.items()) {
    if (Has(d.message, "Windows")) CHECK(Has(d.hint, "choose another name"));
  }
  // And `new` refuses one before writing anything.
  Run run = Cli({"new", "case-study", "lpt1", "--root", site.root().string()});
  CHECK(run.code == 2);
  CHECK(Has(run.err, "error: 'lpt1' is a name Windows reserves for a device"));
  CHECK_FALSE(std::filesystem::exists(site.root() / "casestudies/lpt1.md"));
}

TEST_CASE("an unknown command says so and lists the commands") {
  Run run = Cli({"bogus"});
  CHECK(run.code == 2);
  CHECK(Has(run.err, "error: unknown command 'bogus'"));
  CHECK(Has(run.err, "build, check, new, import, serve, index, check-links, schema"));
  CHECK_FALSE(Has(run.err, "A subcommand is required"));
  Run typo = Cli({"biuld", "--out", "x"});
  CHECK(typo.code == 2);
  CHECK(Has(typo.err, "error: unknown command 'biuld'\n  hint: did you mean 'build'?"));
  // Known commands and flags are untouched.
  CHECK(Cli({"--version"}).code == 0);
  CHECK(Cli({"check", "--help"}).code == 0);
}

TEST_CASE("an error on a 100 KB line shows a window of it around the caret") {
  TestSite site(kBaseSite);
  std::string cs = commonplace::ReadFile(site.root() / "casestudies/food-project.md").value();
  std::string name(100000, 'n');
  site.Write("casestudies/food-project.md",
             Replace(cs, "  - {name: Whitley Community Group, kind: voluntary-community}",
                     "  - {name: " + name + ", kind: voluntary-communty}"));
  Run run = Cli({"check", "--root", site.root().string()});
  CHECK(run.code == 1);
  CAPTURE(run.err.substr(0, 3000));
  CHECK(run.err.size() < 2000);
  std::istringstream lines(run.err);
  std::string line, shown, caret;
  while (std::getline(lines, line)) {
    if (line.rfind("  11 | ", 0) == 0) {
      shown = line;
      std::getline(lines, caret);
    }
  }
  REQUIRE(!shown.empty());
  CHECK(shown.size() < 200);
  CHECK(Has(shown, "\u2026n"));
  CHECK(Has(shown, "voluntary-communty}"));
  // The caret is under the 'v' of the term, counting "…" as one column.
  size_t v = shown.find("voluntary-communty");
  size_t columns_before = 0;
  for (size_t i = 0; i < v; ++i) columns_before += (static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80;
  CHECK(caret.find('^') == columns_before);
}

namespace {

// An HTTP server on 127.0.0.1: /ok answers 200, /moved redirects to
// /ok with a token in the query. Bounded: every wait polls with a time-out
// and the loop ends with the test.
class LocalServer {
 public:
  LocalServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~LocalServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int requests() const { return requests_; }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      std::string req;
      char buf[2048];
      for (int i = 0; i < 40 && req.find("\r\n\r\n") == std::string::npos; ++i) {
        pollfd cp{c, POLLIN, 0};
        if (::poll(&cp, 1, 50) <= 0) continue;
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      ++requests_;
      std::string path = req.substr(req.find(' ') + 1);
      path = path.substr(0, path.find(' '));
      std::string reply = path == "/moved"
          ? "HTTP/1.1 302 Found\r\nLocation: /ok?token=s3cret-token\r\nContent-Length: 0\r\n"
          : path.rfind("/ok", 0) == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
                                      : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n";
      reply += "Connection: close\r\n\r\n";
      (void)!::send(c, reply.data(), reply.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("check-links --external refuses internal addresses unless --allow-private") {
  LocalServer server;
  TestSite site(kBaseSite);
  std::string port = server.Url("").substr(17);
  site.Write("content/pages/about.md",
             "---\ntitle: About\nsummary: What this is.\n---\n## Why\n\n"
             "See [the report](" + server.Url("/ok") + "), [a moved page](" + server.Url("/moved") +
             "), [by name](http://localhost:" + port + "/ok), [decimal](http://2130706433:" + port +
             "/ok), [short](http://0x7f.1:" + port + "/ok) and [mapped](http://[::ffff:127.0.0.1]:" +
             port + "/ok).\n");
  std::string root = site.root().string();

  Run refused = Cli({"check-links", "--external", "--root", root, "--timeout", "5", "--no-cache"});
  CHECK(refused.code == 1);
  CHECK(Has(refused.err, "content/pages/about.md:7: error: private: " + server.Url("/ok")));
  CHECK(Has(refused.err, "127.0.0.1 is not a public address (loopback)"));
  CHECK(Has(refused.err, "--allow-private"));
  CHECK(Has(refused.err, "failed: 6 external URL(s): 6 broken"));
  CHECK(server.requests() == 0);

  Run allowed = Cli({"check-links", "--external", "--allow-private", "--root", root, "--timeout", "5"});
  CAPTURE(allowed.err);
  CHECK(allowed.code == 0);
  CHECK(Has(allowed.err, "ok: 6 external URL(s): 0 broken"));
  CHECK(server.requests() > 0);
  // The redirect is reported without the token in its query string.
  CHECK(Has(allowed.err, "redirected: " + server.Url("/moved") + " (HTTP 200) \u2192 " + server.Url("/ok") + "\n"));
  CHECK_FALSE(Has(allowed.err, "s3cret"));
  std::string cache = commonplace::ReadFile(site.root() / ".commonplace-cache/links.json").value_or("");
  CHECK(Has(cache, server.Url("/moved")));
  CHECK_FALSE(Has(cache, "s3cret"));

  // The link health page shows the results, never the token.
  REQUIRE(site.Build().ok);
  std::string health = site.Output("maintainers/links/index.html");
  CHECK(Has(health, server.Url("/moved")));
  CHECK_FALSE(Has(health, "s3cret"));

  // Results fetched with --allow-private are not reused without it.
  int before = server.requests();
  Run again = Cli({"check-links", "--external", "--root", root, "--timeout", "5"});
  CHECK(again.code == 1);
  CHECK(Has(again.err, "error: private: " + server.Url("/ok")));
  CHECK(server.requests() == before);
}
