// The command line: help on every subcommand, exit codes, report formats,
// and the scaffold a contributor starts from.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sstream>
#include <thread>
#include <vector>

#include "base/fs.h"
#include "cli/commands.h"
#include "docx/case_study_form.h"
#include "docx/theme_words_test.h"
#include "docx/worksheet_docx.h"
#include "load/loader.h"
#include "pipeline/translations.h"
#include "test_site.h"

using commonplace::testing::Cy;
using commonplace::testing::En;
using commonplace::testing::kBaseSite;
using commonplace::testing::TestSite;

namespace {

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

using Clock = std::chrono::steady_clock;

// `commonplace serve` as a child process, its stdout on a pipe (to read the
// port it chose) and its stderr in a file (shown when a check fails).
class ServeChild {
 public:
  ServeChild(const std::string& root, const std::string& log_path) : log_path_(log_path) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (log >= 0) ::dup2(log, STDERR_FILENO);
      ::close(fds[0]);
      // --max-seconds: the child stops by itself even if this test dies.
      ::execl(COMMONPLACE_EXE, COMMONPLACE_EXE, "serve", "--port", "0", "--root", root.c_str(),
              "--max-seconds", "240", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    out_fd_ = fds[0];
  }
  ~ServeChild() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      // Bounded: SIGKILL if it has not gone after 5 s.
      auto deadline = Clock::now() + std::chrono::seconds(5);
      while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
        if (Clock::now() > deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, nullptr, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    if (out_fd_ >= 0) ::close(out_fd_);
  }

  /// Reads stdout until "Serving on http://127.0.0.1:PORT/"; 0 on timeout or exit.
  int WaitForPort(std::chrono::seconds limit) {
    std::string seen;
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      pollfd p{out_fd_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      char buf[512];
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) return 0;  // the child exited
      seen.append(buf, static_cast<size_t>(n));
      const std::string kPrefix = "Serving on http://127.0.0.1:";
      size_t at = seen.find(kPrefix);
      if (at != std::string::npos && seen.find('/', at + kPrefix.size()) != std::string::npos) {
        return std::atoi(seen.c_str() + at + kPrefix.size());
      }
    }
    return 0;
  }

  std::string Log() const {
    auto text = commonplace::ReadFile(log_path_);
    return text ? *text : "";
  }

 private:
  std::string log_path_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
};

struct HttpResponse {
  int status = 0;  // 0: no answer
  std::string body;
};

// One GET over a plain socket, every wait bounded (5 s in all).
HttpResponse HttpGet(int port, const std::string& path) {
  HttpResponse r;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return r;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return r;
  }
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    ::close(fd);
    return r;
  }
  std::string all;
  char buf[8192];
  auto deadline = Clock::now() + std::chrono::seconds(5);
  while (Clock::now() < deadline) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    all.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  size_t head_end = all.find("\r\n\r\n");
  if (all.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return r;
  r.status = std::atoi(all.c_str() + 9);
  r.body = all.substr(head_end + 4);
  return r;
}

// Polls `path` until `pred` holds of the response or `limit` passes.
bool WaitFor(int port, const std::string& path, std::chrono::seconds limit,
             const std::function<bool(const HttpResponse&)>& pred, HttpResponse* last) {
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    *last = HttpGet(port, path);
    if (pred(*last)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

}  // namespace

TEST_CASE("every subcommand has --help") {
  for (const char* sub : {"build", "check", "new", "serve", "schema", "index", "check-links"}) {
    Run r = Cli({sub, "--help"});
    CHECK_MESSAGE(r.code == 0, sub);
    CHECK_MESSAGE(r.out.find("Usage") != std::string::npos, sub << ": " << r.out);
  }
  CHECK(Cli({"--help"}).code == 0);
}

TEST_CASE("usage errors exit with 2") {
  CHECK(Cli({}).code == 2);
  CHECK(Cli({"frobnicate"}).code == 2);
  CHECK(Cli({"check", "--format", "xml"}).code == 2);
  CHECK(Cli({"new", "case-study", "Bad Slug"}).code == 2);
}

TEST_CASE("check: text, json and github formats; exit 1 on content errors") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  Run ok = Cli({"check", "--root", root});
  CHECK(ok.code == 0);
  CHECK(ok.err.find("ok: 2 case studies") != std::string::npos);

  site.Write("casestudies/bad.md", "---\ntitle: x\nstatus: activ\n---\n");
  Run text = Cli({"check", "--root", root});
  CHECK(text.code == 1);
  CHECK(text.err.find("casestudies/bad.md:3:9: error: unknown status 'activ' (field: status)\n"
                      "  hint: did you mean 'active'? Use one of: active, ended, unknown\n"
                      "  3 | status: activ\n"
                      "    |         ^\n") != std::string::npos);
  Run json = Cli({"check", "--root", root, "--format", "json"});
  CHECK(json.code == 1);
  CHECK(json.out.find("\"path\": \"casestudies/bad.md\"") != std::string::npos);
  CHECK(json.out.find("\"field\": \"status\"") != std::string::npos);
  Run gh = Cli({"check", "--root", root, "--format", "github"});
  CHECK(gh.code == 1);
  CHECK(gh.out.find("::error file=casestudies/bad.md,line=3,col=9,title=status::unknown status "
                    "'activ'. did you mean 'active'? Use one of: active, ended, unknown\n") !=
        std::string::npos);
}

TEST_CASE("check --publish fails on each placeholder a reader would see, naming the setting") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  const std::string real_site =
      "title: Test Evidence\nbase_url: https://evidence.civic-lab.ac.uk/\n"
      "navigation:\n  - {title: Case studies, url: casestudies/}\n";
  site.Write("site.yaml",
             "title: Test Evidence\n"
             "base_url: https://example.org/evidence/\n"
             "repository: {url: 'https://github.com/example/commonplace'}\n"
             "organisation: {name: Your organisation, url: 'https://www.civic-lab.ac.uk/'}\n"
             "contact:\n  email: evidence@example.com\n  url: https://issues.civic-lab.ac.uk/\n"
             "footer: \"[Our lab](https://lab.example.net/)\"\n");
  site.Write("content/pages/about.md",
             "---\ntitle: About\nsummary: What this is.\n---\n## Why\n\nSee [the demo](https://demo.example/x).\n");
  // Plain check: all of these are valid settings.
  CHECK(Cli({"check", "--root", root}).code == 0);
  Run r = Cli({"check", "--publish", "--root", root});
  CHECK(r.code == 1);
  for (const char* line :
       {"site.yaml:2:11: error: 'base_url' is still a placeholder (https://example.org/evidence/)",
        "site.yaml:3:19: error: 'repository.url' is still a placeholder "
        "(https://github.com/example/commonplace), shown in the \"Suggest a change\" link on every page",
        "site.yaml:4:22: error: 'organisation.name' is still a placeholder (Your organisation)",
        "site.yaml:6:10: error: 'contact.email' is still a placeholder (evidence@example.com)",
        "site.yaml:8:9: error: a link to a placeholder address: https://lab.example.net/ (field: footer)",
        "content/pages/about.md:7:16: error: a link to a placeholder address: https://demo.example/x",
        "  hint: set it to your own, or remove it: what it feeds is then left out"}) {
    CHECK_MESSAGE(r.err.find(line) != std::string::npos, line, "\n", r.err);
  }
  CHECK(r.err.find("contact.url") == std::string::npos);
  CHECK(r.err.find("organisation.url") == std::string::npos);
  // The host's own values pass; so does leaving them out.
  site.Write("site.yaml", real_site);
  site.Write("content/pages/about.md", "---\ntitle: About\nsummary: What this is.\n---\n## Why\n");
  Run ok = Cli({"check", "--publish", "--root", root});
  CHECK_MESSAGE(ok.code == 0, ok.err);
}

TEST_CASE("build: exit 1 and the previous site kept on errors") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  std::string out = (site.root() / "out").string();
  CHECK(Cli({"build", "--root", root, "--out", out}).code == 0);
  site.Write("casestudies/bad.md", "---\n");
  Run r = Cli({"build", "--root", root, "--out", out});
  CHECK(r.code == 1);
  CHECK(r.err.find("previous site was left unchanged") != std::string::npos);
  CHECK(!site.Output("index.html", "out").empty());
}

TEST_CASE("a scaffolded case study fails check until filled in, then passes") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  Run made = Cli({"new", "case-study", "my-partnership", "--root", root});
  REQUIRE(made.code == 0);
  CHECK(made.out.find("wrote casestudies/my-partnership.md") != std::string::npos);
  // Refuses to overwrite.
  CHECK(Cli({"new", "case-study", "my-partnership", "--root", root}).code == 2);

  std::string text = *commonplace::ReadFile(site.root() / "casestudies/my-partnership.md");
  CHECK(text.find("# allowed: community-university") != std::string::npos);
  CHECK(text.find("co-produced-research placements") != std::string::npos);
  Run unfilled = Cli({"check", "--root", root});
  CHECK(unfilled.code == 1);
  CHECK(unfilled.err.find("casestudies/my-partnership.md:6:8: error: field 'title' is empty") !=
        std::string::npos);
  CHECK(unfilled.err.find(":1: error: field 'partnership_type' is empty") != std::string::npos);
  CHECK(unfilled.err.find("missing required field") == std::string::npos);

  auto fill = [&](const std::string& from, const std::string& to) {
    size_t p = text.find(from);
    REQUIRE_MESSAGE(p != std::string::npos, from);
    text.replace(p, from.size(), to);
  };
  fill("title: \"\"", "title: My partnership");
  fill("summary: \"\"", "summary: What it is.");
  fill("partnership_type: \n", "partnership_type: community-university\n");
  fill("  - name: \"\"\n    region: \n", "  - name: Reading\n    region: south-east\n");
  fill("  - name: \"\"\n    kind: \n", "  - name: A university\n    kind: university\n");
  fill("  - area: \n    level: \n", "  - area: social\n");
  fill("  - source: \n", "  - source: toolkit-2025\n");
  fill("locator: \"\"", "locator: \"p.1\"");
  site.Write("casestudies/my-partnership.md", text);
  Run filled = Cli({"check", "--root", root});
  INFO(filled.err);
  CHECK(filled.code == 0);
}

TEST_CASE("check-links: internal links always; --external reports file and line") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  Run ok = Cli({"check-links", "--root", root});
  CHECK(ok.code == 0);
  CHECK(ok.err.find("ok: internal links and anchors") != std::string::npos);
  CHECK(Cli({"check-links", "--format", "xml"}).code == 2);

  // A link to a port where nothing listens is reported where it is written
  // (--allow-private: it is on this machine, which is refused by default).
  site.Write("content/pages/links.md",
             "---\ntitle: Links\n---\nSee <http://127.0.0.1:9/nothing-here>.\n");
  Run ext = Cli({"check-links", "--root", root, "--external", "--allow-private", "--no-cache",
                 "--timeout", "2"});
  CHECK(ext.code == 1);
  CHECK(ext.err.find("content/pages/links.md:4: error: refused: http://127.0.0.1:9/nothing-here") !=
        std::string::npos);
  Run json = Cli({"check-links", "--root", root, "--external", "--allow-private", "--format", "json"});
  CHECK(json.code == 1);
  CHECK(json.out.find("\"result\": \"refused\"") != std::string::npos);
  CHECK(json.out.find("\"from_cache\": true") != std::string::npos);  // the first run's result
  CHECK(json.out.find("\"path\": \"content/pages/links.md\"") != std::string::npos);
}

TEST_CASE("check-links --external: front-matter URLs at their line; cached results show their age") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  site.Write("casestudies/linked.md",
             "---\n"
             "title: Linked\n"
             "summary: A partnership with a web page.\n"
             "partnership_type: community-university\n"
             "status: active\n"
             "partners:\n"
             "  - {name: Cardiff University, kind: university}\n"
             "  - name: A trust\n"
             "    kind: voluntary-community\n"
             "    role: Hosts it, see http://127.0.0.1:9/trust\n"
             "activities: [placements]\n"
             "sources: [{source: toolkit-2025, locator: \"p.40\"}]\n"
             "updated: 2026-11-21\n"
             "---\n"
             "Body.\n");
  Run first = Cli({"check-links", "--root", root, "--external", "--allow-private", "--timeout", "2"});
  INFO(first.err);
  CHECK(first.code == 1);
  CHECK(first.err.find("casestudies/linked.md:10: error: refused: http://127.0.0.1:9/trust") !=
        std::string::npos);
  CHECK(first.err.find("(cached") == std::string::npos);  // just checked
  Run second = Cli({"check-links", "--root", root, "--external", "--allow-private", "--timeout", "2"});
  INFO(second.err);
  CHECK(second.code == 1);
  CHECK(second.err.find("casestudies/linked.md:10: error: refused: http://127.0.0.1:9/trust "
                        "[") != std::string::npos);
  CHECK(second.err.find("(cached just now)\n") != std::string::npos);
  CHECK(second.err.find("1 result(s) from the cache, the oldest checked just now") != std::string::npos);
  Run json = Cli({"check-links", "--root", root, "--external", "--allow-private", "--format", "json"});
  CHECK(json.out.find("\"age_s\": ") != std::string::npos);
}

TEST_CASE("index: the documented argument order, fields repeated before the documents") {
  TestSite site(kBaseSite);
  site.Write("docs.json",
             R"([{"id": "a", "title": "Museum partnership", "body": "Volunteers and archives."},
                 {"id": "b", "title": "Council research", "summary": "Policy advice."}])");
  const std::string docs = (site.root() / "docs.json").string();
  const std::string out = (site.root() / "index.json").string();
  Run r = Cli({"index", "--ref", "id", "--field", "title^10", "--field", "summary^5", "--field",
               "body", docs, "-o", out});
  CHECK_MESSAGE(r.code == 0, r.err);
  std::string json;
  REQUIRE(commonplace::ReadFile(out).has_value());
  json = *commonplace::ReadFile(out);
  CHECK(json.find("\"version\":\"2.3.9\"") != std::string::npos);
  CHECK(json.find("\"fields\":[\"title\",\"summary\",\"body\"]") != std::string::npos);
  CHECK(json.find("\"museum\"") != std::string::npos);
  // Without an output it is a usage error.
  CHECK(Cli({"index", "--field", "title", docs}).code == 2);

  // --shards DIR writes the same index as the site's search loads it.
  const std::string shards = (site.root() / "shards").string();
  r = Cli({"index", "--field", "title^10", "--field", "body", docs, "--shards", shards});
  CHECK_MESSAGE(r.code == 0, r.err);
  auto manifest = commonplace::ReadFile(site.root() / "shards" / "manifest.json");
  REQUIRE(manifest.has_value());
  CHECK(manifest->find("\"fields\":[\"title\",\"body\"]") != std::string::npos);
  CHECK(manifest->find("\"refs\":[\"a\",\"b\"]") != std::string::npos);
  CHECK(std::filesystem::exists(site.root() / "shards" / ".commonplace-output"));
  // Again into the same folder: it is the command's own, so it is replaced.
  CHECK(Cli({"index", "--field", "title", docs, "--shards", shards}).code == 0);
  // A folder of someone else's files is never replaced.
  site.Write("mine/notes.txt", "keep me");
  r = Cli({"index", "--field", "title", docs, "--shards", (site.root() / "mine").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("error:") != std::string::npos);
  CHECK(commonplace::ReadFile(site.root() / "mine" / "notes.txt") == std::optional<std::string>("keep me"));
}

TEST_CASE("serve: a real child process on 127.0.0.1 rebuilds after an edit and keeps the last "
          "good site after a bad one") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  ServeChild child(root, (site.root() / "serve.log").string());
  int port = child.WaitForPort(std::chrono::seconds(90));
  REQUIRE_MESSAGE(port > 0, "no port reported; log:\n" << child.Log());
  INFO("serve log:\n" << child.Log());

  const std::string page = "/casestudies/food-project/";
  HttpResponse r = HttpGet(port, page);
  REQUIRE(r.status == 200);
  CHECK(r.body.find("A food partnership in Reading.") != std::string::npos);
  CHECK(r.body.find("/__commonplace/reload.js") != std::string::npos);
  HttpResponse status = HttpGet(port, "/__commonplace/status");
  CHECK(status.status == 200);
  CHECK(status.body.find("\"errors\":\"\"") != std::string::npos);

  // A good edit is served after the rebuild.
  std::string good = *commonplace::ReadFile(site.root() / "casestudies/food-project.md");
  std::string edited = good;
  size_t at = edited.find("A food partnership in Reading.");
  REQUIRE(at != std::string::npos);
  edited.replace(at, 30, "A food partnership in Reading, now with allotments.");
  site.Write("casestudies/food-project.md", edited);
  bool rebuilt = WaitFor(port, page, std::chrono::seconds(60), [](const HttpResponse& x) {
    return x.status == 200 && x.body.find("now with allotments") != std::string::npos;
  }, &r);
  CHECK_MESSAGE(rebuilt, "last response " << r.status);

  // A bad edit: the errors are exposed on the status endpoint the overlay
  // reads, and the last good page is still served.
  site.Write("casestudies/food-project.md", "---\ntitle: Food project\nstatus: activ\n");
  bool failed = WaitFor(port, "/__commonplace/status", std::chrono::seconds(60),
                        [](const HttpResponse& x) {
                          return x.status == 200 &&
                                 x.body.find("casestudies/food-project.md") != std::string::npos;
                        },
                        &status);
  CHECK_MESSAGE(failed, "status: " << status.body);
  CHECK(status.body.find("front matter is not closed") != std::string::npos);
  r = HttpGet(port, page);
  CHECK(r.status == 200);
  CHECK(r.body.find("now with allotments") != std::string::npos);
  CHECK(child.Log().find("still serving the last good site") != std::string::npos);
}

TEST_CASE("option values are checked before anything runs") {
  Run port = Cli({"serve", "--port", "99999"});
  CHECK(port.code == 2);
  CHECK(port.err.find("--port") != std::string::npos);
  CHECK(Cli({"serve", "--port", "-1"}).code == 2);

  TestSite site(kBaseSite);
  std::string root = site.root().string();
  std::string out = (site.root() / "out").string();
  Run url = Cli({"build", "--root", root, "--out", out, "--base-url", "notaurl"});
  CHECK(url.code == 2);
  CHECK(url.err.find("error: --base-url 'notaurl' must start with http:// or https://") !=
        std::string::npos);
  CHECK(url.err.find("broken link") == std::string::npos);
  CHECK(Cli({"build", "--root", root, "--out", out, "--base-url", "https://"}).code == 2);
  CHECK(!std::filesystem::exists(site.root() / "out"));
  Run good = Cli({"build", "--root", root, "--out", out, "--base-url",
                  "https://example.net/evidence"});
  CHECK_MESSAGE(good.code == 0, good.err);
  // Not a terminal: the summary only, no progress lines.
  CHECK(good.err.find("\u2026") == std::string::npos);
  CHECK(Cli({"build", "--root", root, "--out", out, "--quiet"}).err.empty());
}

TEST_CASE("new case-study refuses a slug a case study in a subfolder already has") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  site.Write("casestudies/archive/old-one.md", "---\ntitle: Old\n---\n");
  Run r = Cli({"new", "case-study", "old-one", "--root", root});
  CHECK(r.code == 2);
  CHECK(r.err.find("casestudies/archive/old-one.md") != std::string::npos);
  CHECK(!std::filesystem::exists(site.root() / "casestudies/old-one.md"));
}

TEST_CASE("a scaffolded principle: an empty group is one clear message, not an unknown term") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  REQUIRE(Cli({"new", "principle", "new-idea", "--root", root}).code == 0);
  Run r = Cli({"check", "--root", root});
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(r.err.find("field 'group' is empty") != std::string::npos);
  CHECK(r.err.find("unknown term ''") == std::string::npos);
  CHECK(r.err.find("did you mean") == std::string::npos);
}

TEST_CASE("check: errors come before warnings; a file that failed to load gets no warnings") {
  TestSite site(kBaseSite);
  std::string root = site.root().string();
  // Loads, but lists no impacts: a warning.
  std::string weak = *commonplace::ReadFile(site.root() / "casestudies/parent-power.md");
  size_t at = weak.find("impacts: [{area: health}]\n");
  REQUIRE(at != std::string::npos);
  weak.erase(at, 26);
  site.Write("casestudies/a-weak.md", weak);
  // Does not load: an error, and no "no impacts" warning for it.
  site.Write("casestudies/z-broken.md", "---\ntitle: Broken\nstatus: [\n---\n");
  Run r = Cli({"check", "--root", root});
  INFO(r.err);
  CHECK(r.code == 1);
  size_t err_at = r.err.find("casestudies/z-broken.md:");
  size_t warn_at = r.err.find("casestudies/a-weak.md:");
  REQUIRE(err_at != std::string::npos);
  REQUIRE(warn_at != std::string::npos);
  CHECK(err_at < warn_at);
  size_t first = r.err.find("lists no impacts");
  REQUIRE(first != std::string::npos);
  CHECK(r.err.find("lists no impacts", first + 1) == std::string::npos);  // a-weak's only
  CHECK(r.err.find("warning(s):\n") != std::string::npos);
}

TEST_CASE("import: a filled-in submission form becomes a case study that passes check") {
  commonplace::Library lib;
  commonplace::Diagnostics diags;
  commonplace::LoadLibrary(COMMONPLACE_SOURCE_DIR, &lib, diags);
  const commonplace::Worksheet* form = nullptr;
  for (const auto& ws : lib.worksheets) {
    if (ws.id == commonplace::kSubmissionFormId) form = &ws;
  }
  REQUIRE(form);
  const commonplace::CaseStudy* cs = lib.FindCaseStudy("ideas-fund-hull");
  REQUIRE(cs);
  TestSite site(kBaseSite);  // a folder for the files; the content is the shipped repository's
  auto answers = commonplace::CaseStudyAnswers(lib, *form, En(), *cs);
  std::string err;
  site.Write("filled.docx", commonplace::WorksheetDocx(*form, {"T", "CC BY 4.0", "Adapted."}, En(), &err, &answers));
  const std::string docx = (site.root() / "filled.docx").string();
  const std::string out = (site.root() / "ideas-fund-hull-again.md").string();
  Run r = Cli({"import", docx, "--root", COMMONPLACE_SOURCE_DIR, "-o", out});
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("It passes `commonplace check`") != std::string::npos);
  auto written = commonplace::ReadFile(out);
  REQUIRE(written.has_value());
  CHECK(written->find("title: Relational engagement through The Ideas Fund in Hull\n") != std::string::npos);
  CHECK(written->find("  - name: TimeBank Hull and East Riding\n    kind: voluntary-community\n") !=
        std::string::npos);
  CHECK(written->find("## What the partnership does") != std::string::npos);
  // Import never replaces a file, its own included.
  Run again = Cli({"import", docx, "--root", COMMONPLACE_SOURCE_DIR, "-o", out});
  CHECK(again.code == 2);
  CHECK(again.err.find("already exists") != std::string::npos);
  CHECK(commonplace::ReadFile(out) == written);
  // A damaged form writes nothing.
  site.Write("broken.docx", written->substr(0, 100));
  const std::string none = (site.root() / "none.md").string();
  Run broken = Cli({"import", (site.root() / "broken.docx").string(), "--root", COMMONPLACE_SOURCE_DIR,
                    "-o", none});
  CHECK(broken.code == 2);
  CHECK(broken.err.find("broken.docx: error: damaged") != std::string::npos);
  // A form downloaded from the Welsh site, its status and closing note in
  // Welsh, imports the same: the command reads every language the theme ships.
  auto cy_answers = commonplace::CaseStudyAnswers(lib, *form, Cy(), *cs);
  site.Write("llenwyd.docx", commonplace::WorksheetDocx(*form, {"T", "CC BY 4.0", "Addaswyd.", "", "cy"},
                                                        Cy(), &err, &cy_answers));
  const std::string cy_out = (site.root() / "ideas-fund-hull-cy.md").string();
  Run cy = Cli({"import", (site.root() / "llenwyd.docx").string(), "--root", COMMONPLACE_SOURCE_DIR,
                "-o", cy_out});
  INFO(cy.out << cy.err);
  CHECK(cy.code == 0);
  auto cy_written = commonplace::ReadFile(cy_out);
  REQUIRE(cy_written.has_value());
  CHECK(cy_written->find("\nstatus: " + cs->status + "\n") != std::string::npos);
  CHECK(cy_written->find("Imported from") == std::string::npos);  // nothing left unplaced

  CHECK_FALSE(std::filesystem::exists(none));
}

TEST_CASE("import: a form the site translated is read in its own words") {
  // The shipped content on a site in English and Welsh whose submission
  // form has Welsh headings (content/templates/<form>.cy.yaml).
  TestSite site("");
  const std::filesystem::path src(COMMONPLACE_SOURCE_DIR);
  for (const char* dir : {"content", "casestudies"}) {
    std::filesystem::copy(src / dir, site.root() / dir, std::filesystem::copy_options::recursive);
  }
  site.Write("site.yaml", *commonplace::ReadFile((src / "site.yaml").string()) + "languages: [en, cy]\n");
  commonplace::Library shipped;
  commonplace::Diagnostics diags;
  commonplace::LoadLibrary(COMMONPLACE_SOURCE_DIR, &shipped, diags);
  std::string translation = "sections:\n";
  for (const auto& ws : shipped.worksheets) {
    if (ws.id != commonplace::kSubmissionFormId) continue;
    for (const auto& section : ws.sections) {
      translation += "  - id: " + section.id + "\n    heading: \"Adran: " + section.heading + "\"\n";
    }
  }
  site.Write(std::string("content/templates/") + commonplace::kSubmissionFormId + ".cy.yaml", translation);

  commonplace::Library lib;
  commonplace::LoadLibrary(site.root().string(), &lib, diags);
  REQUIRE(diags.ErrorCount() == 0);
  commonplace::UseLanguage("cy", &lib);
  const commonplace::Worksheet* form = nullptr;
  for (const auto& ws : lib.worksheets) {
    if (ws.id == commonplace::kSubmissionFormId) form = &ws;
  }
  REQUIRE(form);
  REQUIRE(form->sections.front().heading.rfind("Adran: ", 0) == 0);
  const commonplace::CaseStudy* cs = lib.FindCaseStudy("ideas-fund-hull");
  REQUIRE(cs);
  auto answers = commonplace::CaseStudyAnswers(lib, *form, Cy(), *cs);
  std::string err;
  site.Write("llenwyd.docx", commonplace::WorksheetDocx(*form, {"T", "CC BY 4.0", "Addaswyd.", "", "cy"},
                                                        Cy(), &err, &answers));
  const std::string out = (site.root() / "ideas-fund-hull-cy.md").string();
  Run r = Cli({"import", (site.root() / "llenwyd.docx").string(), "--root", site.root().string(), "-o", out});
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  auto written = commonplace::ReadFile(out);
  REQUIRE(written.has_value());
  CHECK(written->find("title: Relational engagement through The Ideas Fund in Hull\n") != std::string::npos);
  CHECK(written->find("Imported from") == std::string::npos);  // nothing left unplaced
  // Unnamed, the file is named for the form's language: a case study in Welsh only.
  const std::string slug = "relational-engagement-through-the-ideas-fund-in-hull";
  Run named = Cli({"import", (site.root() / "llenwyd.docx").string(), "--root", site.root().string()});
  INFO(named.out << named.err);
  CHECK(named.code == 0);
  CHECK(named.out.find("wrote casestudies/" + slug + ".cy.md\n") != std::string::npos);
  CHECK(std::filesystem::exists(site.root() / "casestudies" / (slug + ".cy.md")));
  // Beside a case study of that name it would be read as its translation: refused.
  std::filesystem::remove(site.root() / "casestudies" / (slug + ".cy.md"));
  site.Write("casestudies/" + slug + ".md", *written);
  Run clash = Cli({"import", (site.root() / "llenwyd.docx").string(), "--root", site.root().string()});
  CHECK(clash.code == 2);
  CHECK(clash.err.find("casestudies/" + slug + ".md exists, so this file would be read as its translation") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(site.root() / "casestudies" / (slug + ".cy.md")));
  // The shipped repository has no Welsh form: the same file is not its form.
  Run shipped_root = Cli({"import", (site.root() / "llenwyd.docx").string(), "--root", COMMONPLACE_SOURCE_DIR,
                          "-o", (site.root() / "other.md").string()});
  CHECK(shipped_root.code == 2);
  CHECK(shipped_root.err.find("this is not the") != std::string::npos);
}
