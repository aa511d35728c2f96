// Broken and hostile input: every case gives a clear positioned error (or a
// safe warning) in bounded time, and never a crash or a lost site.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <chrono>
#include <fstream>

#include "base/fs.h"
#include "load/loader.h"
#include "test_site.h"

using commonplace::testing::kBaseSite;
using commonplace::testing::ReadTree;
using commonplace::testing::TestSite;

namespace {

// Every diagnostic's headline, one a line.
constexpr auto Errors = &commonplace::testing::ErrorLines;

const std::string kHead =
    "---\ntitle: T\nsummary: S\npartnership_type: community-university\nstatus: active\n"
    "partners: [{name: U, kind: university}]\nimpacts: [{area: social}]\n"
    "sources: [{source: toolkit-2025, locator: p.1}]\nupdated: 2026-01-01\n";

// Nothing half-written is left beside the site.
void CheckNoStagingFolder(const std::filesystem::path& root) {
  for (const auto& e : std::filesystem::directory_iterator(root)) {
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("a YAML alias bomb is refused or bounded") {
  TestSite site(kBaseSite);
  std::string bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                     "activities: *f\n" + kHead.substr(4) + "---\n";
  site.Write("casestudies/bomb.md", bomb);
  auto start = std::chrono::steady_clock::now();
  auto r = site.Build();
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(r.ok);
  INFO(Errors(r));
  CHECK(Errors(r).find("casestudies/bomb.md:3:8: error: YAML aliases ('*name') are not allowed in content") != std::string::npos);
  CHECK(secs < 30);  // a safety net against exponential expansion, not a timing test
}

TEST_CASE("a file over the size limit is refused before parsing") {
  TestSite site(kBaseSite);
  std::string big = kHead + "---\n" + std::string(commonplace::kMaxContentFileBytes + 10, 'a');
  site.Write("casestudies/big.md", big);
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("casestudies/big.md: error: the file is too large") != std::string::npos);
}

TEST_CASE("a case study with 10,000 fields reports them without trouble") {
  TestSite site(kBaseSite);
  std::string text = "---\n";
  for (int i = 0; i < 10000; ++i) text += "field" + std::to_string(i) + ": x\n";
  text += kHead.substr(4) + "---\n";
  site.Write("casestudies/wide.md", text);
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(r.diags.ErrorCount() == 10000);
  CHECK(Errors(r).find("casestudies/wide.md:10001:1: error: unknown field 'field9999'") != std::string::npos);
}

TEST_CASE("deeply nested YAML is refused, not a stack overflow") {
  TestSite site(kBaseSite);
  site.Write("casestudies/deep.md", "---\ntitle: " + std::string(100000, '[') + "\n---\n");
  auto r = site.Build();
  CHECK(Errors(r).find("casestudies/deep.md:2:72: error: the YAML is nested too deeply") != std::string::npos);
}

TEST_CASE("slugs and ids cannot escape the output tree") {
  TestSite site(kBaseSite);
  site.Write("casestudies/Evil..Name.md", kHead + "---\n");
  site.Write("content/principles/..md", "---\ntitle: x\n---\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("casestudies/Evil..Name.md: error: file name 'Evil..Name' is not a valid id") != std::string::npos);
  CHECK(Errors(r).find("content/principles/..md: error: file name '.' is not a valid id") == std::string::npos);
}

TEST_CASE("symlinks in content folders are ignored") {
  TestSite site(kBaseSite);
  std::filesystem::create_symlink("/etc/passwd", site.root() / "casestudies/passwd.md");
  auto r = site.Build();
  CHECK(r.ok);
  CHECK(site.Output("casestudies/passwd/index.html").empty());
}

TEST_CASE("CRLF line endings, a byte-order mark and tabs inside text are fine") {
  TestSite site(kBaseSite);
  std::string text = "\xEF\xBB\xBF" + kHead + "---\r\nBody\twith a tab.\r\n";
  for (size_t p = 0; (p = text.find("\n", p)) != std::string::npos; p += 2) text.insert(p, "\r");
  site.Write("casestudies/windows.md", text);
  auto r = site.Build();
  INFO(Errors(r));
  CHECK(r.ok);
  CHECK(site.Output("casestudies/windows/index.html").find("<h1>T</h1>") != std::string::npos);
}

TEST_CASE("a failing file system leaves the previous site and reports the error") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  auto before = ReadTree(site.root() / "site");
  site.Write("casestudies/more.md", kHead + "---\n" + std::string(200000, 'x') + "\n");
  // In a child process, cap the size of any file written (RLIMIT_FSIZE):
  // writes then fail with EFBIG, as they would on a full disk.
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit lim{100000, 100000};
    setrlimit(RLIMIT_FSIZE, &lim);
    auto r = site.Build();
    bool clear = Errors(r).find("error: cannot write") != std::string::npos;
    _exit(!r.ok && clear ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(ReadTree(site.root() / "site") == before);
  // Nothing half-written is left beside the site, and the next build works.
  REQUIRE(site.Build().ok);
  CHECK(!site.Output("casestudies/more/index.html").empty());
  CheckNoStagingFolder(site.root());
}

namespace {

// A file outside the repository that a symlink could try to publish.
std::filesystem::path SecretOutside(const TestSite& site, const std::string& text) {
  auto dir = site.root().parent_path() / (site.root().filename().string() + "-outside");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "secret.txt") << text;
  return dir;
}

const char* kDatasetYaml = R"(id: d
title: T
description: D.
sources: [{source: toolkit-2025, locator: "p.1"}]
weight: n
columns:
  - {id: kind, label: Kind, type: category}
  - {id: n, label: Count, type: integer}
summaries: [kind]
)";

}  // namespace

TEST_CASE("a content file that is a symlink to a file outside the repository is refused") {
  TestSite site(kBaseSite);
  auto outside = SecretOutside(site, "- id: stolen\n  title: SECRET-PASSWORD\n");
  std::filesystem::create_symlink(outside / "secret.txt", site.root() / "content/resources.yaml");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("content/resources.yaml:1:1: error: 'content/resources.yaml' is a symbolic "
                       "link; content files must be regular files inside the repository") !=
        std::string::npos);
  bool hint = false;
  for (const auto& d : r.diags.items()) hint = hint || d.hint.find("copy of the file") != std::string::npos;
  CHECK(hint);
  CHECK(site.Output("resources/index.html").find("SECRET") == std::string::npos);
  std::filesystem::remove_all(outside);
}

TEST_CASE("a dataset CSV that is a symlink is refused, and so is a linked dataset folder") {
  TestSite site(kBaseSite);
  auto outside = SecretOutside(site, "kind,n\nSECRET,1\n");
  site.Write("content/datasets/d.yaml", kDatasetYaml);
  std::filesystem::create_symlink(outside / "secret.txt", site.root() / "content/datasets/d.csv");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("content/datasets/d.csv:1:1: error: 'content/datasets/d.csv' is a symbolic "
                       "link") != std::string::npos);

  // The whole folder linked: each file inside is a regular file, but its
  // real path is outside the repository.
  TestSite linked(kBaseSite);
  std::ofstream(outside / "d.yaml") << kDatasetYaml;
  std::ofstream(outside / "d.csv") << "kind,n\nSECRET,1\n";
  std::filesystem::create_directories(linked.root() / "content");
  std::filesystem::create_directory_symlink(outside, linked.root() / "content/datasets");
  auto r2 = linked.Build();
  INFO(Errors(r2));
  CHECK_FALSE(r2.ok);
  CHECK(Errors(r2).find("content/datasets/d.yaml:1:1: error: 'content/datasets/d.yaml' lies outside "
                        "the repository") != std::string::npos);
  std::filesystem::remove_all(outside);
}

TEST_CASE("a content file that is not a regular file is refused, not read forever") {
  TestSite site(kBaseSite);
  REQUIRE(::mkfifo((site.root() / "content/resources.yaml").c_str(), 0644) == 0);
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("content/resources.yaml:1:1: error: 'content/resources.yaml' is not a "
                       "regular file") != std::string::npos);
}

TEST_CASE("remote images and unsafe links in Markdown are errors at the content file's line") {
  TestSite site(kBaseSite);
  // kHead is 9 lines; the closing --- is line 10, so the body starts on 11.
  site.Write("casestudies/remote.md",
             kHead + "---\nIntro.\n\nA pixel ![t](https://evil.example/pixel.png) and "
                     "[click](javascript:alert(1)).\n\n![local](../../assets/img/icon.svg)\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string e = Errors(r);
  INFO(e);
  CHECK(e.find("casestudies/remote.md:13:9: error: image 'https://evil.example/pixel.png' is not a "
               "file of this site; it was removed") != std::string::npos);
  CHECK(e.find("casestudies/remote.md:13:50: error: unsafe link 'javascript:alert(1)' was removed") !=
        std::string::npos);
  // Only these two: no second "empty link" error against the output page.
  CHECK(r.diags.ErrorCount() == 2);

  // `check` (load and validate) reports them too.
  commonplace::BuildOptions o;
  o.root = site.root().string();
  commonplace::Library lib;
  commonplace::Diagnostics diags;
  CHECK_FALSE(commonplace::LoadAndValidate(o, &lib, diags));
  CHECK(diags.ErrorCount() == 2);

  // A local image is fine.
  site.Write("casestudies/remote.md", kHead + "---\n![local](../../assets/img/icon.svg)\n");
  auto ok = site.Build();
  INFO(Errors(ok));
  CHECK(ok.ok);
  CHECK(site.Output("casestudies/remote/index.html")
            .find("<img src=\"../../assets/img/icon.svg\" alt=\"local\"") != std::string::npos);
}

TEST_CASE("with raw HTML allowed, an <img> from another host is an error at its line") {
  TestSite site(kBaseSite);
  auto config = commonplace::ReadFile(site.root() / "site.yaml");
  REQUIRE(config);
  site.Write("site.yaml", *config + "markdown: {allow_raw_html: true}\n");
  site.Write("content/principles/qmul-shared-power.md",
             "---\ntitle: Shared power\ngroup: qmul-principles\norder: 1\nsummary: S.\n"
             "sources: [{source: toolkit-2025, locator: \"p.23\"}]\n---\n"
             "Partners decide <img src=https://evil.example/p.png alt=p> together.\n\n"
             "<p>\n<img src=\"assets/ok.png\"><img alt=x src=//evil.example/q.png>\n</p>\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string e = Errors(r);
  INFO(e);
  CHECK(e.find("content/principles/qmul-shared-power.md:8:22: error: image source "
               "'https://evil.example/p.png' in raw HTML is not a file of this site") !=
        std::string::npos);
  CHECK(e.find("content/principles/qmul-shared-power.md:11:37: error: image source "
               "'//evil.example/q.png'") != std::string::npos);
}

TEST_CASE("a theme folder linked to a place outside the repository is refused") {
  TestSite site(kBaseSite);
  auto outside = SecretOutside(site, "SECRET");
  std::filesystem::create_directories(site.root() / "themes/ours");
  std::filesystem::create_directory_symlink(outside, site.root() / "themes/ours/static");
  auto config = commonplace::ReadFile(site.root() / "site.yaml");
  REQUIRE(config);
  site.Write("site.yaml", *config + "theme: themes/ours\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("themes/ours/static: error: theme folder 'themes/ours/static' lies outside "
                       "the repository") != std::string::npos);
  CHECK(site.Output("assets/secret.txt").empty());
  std::filesystem::remove_all(outside);
}

TEST_CASE("a build failing after its pages were written leaves no trace") {
  // Pages stream into a staging folder while they are made; a broken link
  // found at the end must throw all of it away.
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  auto before = ReadTree(site.root() / "site");
  site.Write("casestudies/more.md", kHead + "---\nSee [the lost page](../no-such-page/).\n");
  auto r = site.Build();
  CHECK(!r.ok);
  CHECK(Errors(r).find("broken link '../no-such-page/'") != std::string::npos);
  CHECK(ReadTree(site.root() / "site") == before);
  CheckNoStagingFolder(site.root());
}

// ---------------------------------------------------------------------------
// Output safety: a build writes only into a folder it made or marked.

namespace {

commonplace::BuildResult BuildInto(const TestSite& site, const std::filesystem::path& out,
                                   double lock_wait = 600) {
  commonplace::BuildOptions o;
  o.root = site.root().string();
  o.out_dir = out.string();
  o.threads = 1;
  o.lock_wait_seconds = lock_wait;
  commonplace::BuildResult r;
  commonplace::Build(o, &r);
  return r;
}

}  // namespace

TEST_CASE("build refuses to write over the repository, its content or a folder of other files") {
  namespace fs = std::filesystem;
  TestSite site(kBaseSite);
  auto repo_before = ReadTree(site.root());
  for (const fs::path& out : {site.root(), site.root() / "casestudies", site.root() / "content" / "site",
                              site.root().parent_path()}) {
    auto r = BuildInto(site, out);
    INFO(out.string());
    CHECK_FALSE(r.ok);
    CHECK(Errors(r).find("error: refusing to build into") != std::string::npos);
  }
  CHECK(ReadTree(site.root()) == repo_before);
  // A folder holding someone's files, with no marker, is left as it was.
  fs::path deploy = site.root() / "deploy";
  fs::create_directories(deploy / "sub");
  std::ofstream(deploy / "keep.txt") << "mine";
  std::ofstream(deploy / "sub" / "notes.md") << "also mine";
  auto before = ReadTree(deploy);
  auto r = BuildInto(site, deploy);
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("it holds files that `commonplace build` did not write") != std::string::npos);
  CHECK(ReadTree(deploy) == before);
  CheckNoStagingFolder(site.root());
}

TEST_CASE("build refuses a symlinked output and never empties what it points to") {
  namespace fs = std::filesystem;
  TestSite site(kBaseSite);
  fs::path real = site.root() / "real-deploy";
  REQUIRE(site.Build("", "real-deploy").ok);  // an earlier output, marked
  std::ofstream(real / "extra.txt") << "the host's own file";
  auto before = ReadTree(real);
  fs::create_directory_symlink(real, site.root() / "site");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("it is a symbolic link") != std::string::npos);
  CHECK(ReadTree(real) == before);
  CHECK(fs::is_symlink(site.root() / "site"));
}

TEST_CASE("every build marks its output, and a marked folder is replaced whole") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  CHECK(!site.Output(commonplace::kOutputMarker).empty());
  std::ofstream(site.root() / "site" / "stale.html") << "old";
  REQUIRE(site.Build().ok);
  CHECK(site.Output("stale.html").empty());
  CHECK(!site.Output(commonplace::kOutputMarker).empty());
  // An empty folder is fine too.
  std::filesystem::create_directory(site.root() / "empty");
  CHECK(site.Build("", "empty").ok);
}

TEST_CASE("two builds of one folder at once both finish with a whole site") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  auto expected = ReadTree(site.root() / "site");
  for (int trial = 0; trial < 4; ++trial) {
    pid_t kids[2];
    for (pid_t& kid : kids) {
      kid = fork();
      REQUIRE(kid >= 0);
      if (kid == 0) _exit(site.Build().ok ? 0 : 1);
    }
    for (pid_t kid : kids) {
      int status = 0;
      waitpid(kid, &status, 0);
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }
    CHECK(ReadTree(site.root() / "site") == expected);
    CheckNoStagingFolder(site.root());
  }
}

TEST_CASE("a build waiting on another's lock gives up clearly and touches nothing") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  auto before = ReadTree(site.root() / "site");
  int fd = ::open((site.root() / ".site.lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  auto r = BuildInto(site, site.root() / "site", 0.3);
  ::close(fd);
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("another build is writing") != std::string::npos);
  CHECK(ReadTree(site.root() / "site") == before);
}

TEST_CASE("only marked staging folders of finished processes are cleared") {
  namespace fs = std::filesystem;
  TestSite site(kBaseSite);
  // A killed build's staging folder (marked; pid 1 is init, alive, so use
  // a pid that cannot exist) and someone's unmarked folder of the same name.
  fs::path dead = site.root() / ".site.tmp-2147483000";
  fs::create_directories(dead);
  std::ofstream(dead / commonplace::kOutputMarker) << "x";
  fs::path foreign = site.root() / ".site.tmp-notes";
  fs::create_directories(foreign);
  std::ofstream(foreign / "mine.txt") << "keep";
  REQUIRE(site.Build().ok);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(foreign / "mine.txt"));
}

TEST_CASE("a Markdown body cmark would read for minutes is refused in well under a second") {
  TestSite site(kBaseSite);
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "'\"";
  site.Write("casestudies/dense.md", kHead + "---\nIntro.\n\n" + body + "\n");
  auto start = std::chrono::steady_clock::now();
  auto r = site.Build();
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(r.ok);
  INFO(Errors(r));
  CHECK(Errors(r).find("casestudies/dense.md:13:1: error: the Markdown is too dense") != std::string::npos);
  CHECK(secs < 20);  // a safety net: it took minutes before; the bound is not a timing test
}
