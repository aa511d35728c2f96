// The command line: help on every subcommand, exit codes, report formats,
// and the scaffold a contributor starts from.
#include <doctest/doctest.h>

#include <sstream>
#include <vector>

#include "base/fs.h"
#include "cli/commands.h"
#include "test_site.h"

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
  CHECK(text.err.find("casestudies/bad.md:3:9: error: unknown status 'activ'\n"
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

  // A link to a port where nothing listens is reported where it is written.
  site.Write("content/pages/links.md",
             "---\ntitle: Links\n---\nSee <http://127.0.0.1:9/nothing-here>.\n");
  Run ext = Cli({"check-links", "--root", root, "--external", "--no-cache", "--timeout", "2"});
  CHECK(ext.code == 1);
  CHECK(ext.err.find("content/pages/links.md:4: error: refused: http://127.0.0.1:9/nothing-here") !=
        std::string::npos);
  Run json = Cli({"check-links", "--root", root, "--external", "--format", "json"});
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
  Run first = Cli({"check-links", "--root", root, "--external", "--timeout", "2"});
  INFO(first.err);
  CHECK(first.code == 1);
  CHECK(first.err.find("casestudies/linked.md:10: error: refused: http://127.0.0.1:9/trust") !=
        std::string::npos);
  CHECK(first.err.find("(cached") == std::string::npos);  // just checked
  Run second = Cli({"check-links", "--root", root, "--external", "--timeout", "2"});
  INFO(second.err);
  CHECK(second.code == 1);
  CHECK(second.err.find("casestudies/linked.md:10: error: refused: http://127.0.0.1:9/trust "
                        "[") != std::string::npos);
  CHECK(second.err.find("(cached just now)\n") != std::string::npos);
  CHECK(second.err.find("1 result(s) from the cache, the oldest checked just now") != std::string::npos);
  Run json = Cli({"check-links", "--root", root, "--external", "--format", "json"});
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
}
