// Whole-site builds of small inline sites, asserting fragments of the output.
#include <doctest/doctest.h>

#include "test_site.h"

using commonplace::testing::kBaseSite;
using commonplace::testing::ReadTree;
using commonplace::testing::TestSite;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Errors(const commonplace::BuildResult& r) {
  std::string s;
  for (const auto& d : r.diags.items()) s += commonplace::FormatHeadline(d) + "\n";
  return s;
}

}  // namespace

TEST_CASE("the base site builds every page type") {
  TestSite site(kBaseSite);
  auto r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);
  for (const char* path :
       {"index.html", "casestudies/index.html", "casestudies/food-project/index.html",
        "browse/index.html", "browse/activities/index.html",
        "browse/activities/co-produced-research/index.html", "principles/index.html",
        "principles/qmul-shared-power/index.html", "sources/index.html",
        "sources/toolkit-2025/index.html", "about/index.html", "search/index.html", "404.html",
        "sitemap.xml", "feed.xml", "robots.txt", "assets/css/site.css", "assets/colours.css"}) {
    CHECK_MESSAGE(!site.Output(path).empty(), path);
  }
}

TEST_CASE("a case-study page shows its facts, links its terms and cites its sources") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  std::string page = site.Output("casestudies/food-project/index.html");
  CHECK(Contains(page, "<h1>Food project</h1>"));
  CHECK(Contains(page, "<title>Food project · Test Evidence</title>"));
  CHECK(Contains(page, "<meta name=\"description\" content=\"A food partnership in Reading.\">"));
  CHECK(Contains(page, "<a href=\"../../browse/partner-kinds/university/\">University</a>"));
  CHECK(Contains(page, "<a href=\"../../browse/regions/south-east/\">South East</a>"));
  CHECK(Contains(page, "<a href=\"../../browse/activities/co-produced-research/\">Co-produced research</a>"));
  CHECK(Contains(page, "<a href=\"../../principles/qmul-shared-power/\">Shared power</a>"));
  CHECK(Contains(page, "<a href=\"../../sources/toolkit-2025/\">Equitable Partnerships Toolkit</a>, p.38"));
  CHECK(Contains(page, "40,000 households"));
  CHECK(Contains(page, "2019 onwards"));
  CHECK(Contains(page, "<h2 id=\"what-happened\">What happened</h2>"));
  // Raw HTML in the body is not passed through by default.
  CHECK_FALSE(Contains(page, "<em>met</em>"));
  CHECK(Contains(page, "\"@type\":\"Article\""));
  CHECK(Contains(page, "Cite this page"));
  CHECK(Contains(page, "https://example.org/casestudies/food-project/"));
  // Previous/next wrap around the two case studies.
  CHECK(Contains(page, "rel=\"next\" href=\"../../casestudies/parent-power/\""));
}

TEST_CASE("reverse links: terms, principles and sources list what uses them") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  CHECK(Contains(site.Output("browse/activities/placements/index.html"),
                 "href=\"../../../casestudies/parent-power/\""));
  // A parent term lists the cases filed under its children.
  CHECK(Contains(site.Output("browse/regions/england/index.html"), "Food project"));
  CHECK_FALSE(Contains(site.Output("browse/regions/england/index.html"), "Parent power"));
  CHECK(Contains(site.Output("principles/qmul-shared-power/index.html"), "Food project"));
  std::string source = site.Output("sources/toolkit-2025/index.html");
  CHECK(Contains(source, "Food project"));
  CHECK(Contains(source, "Shared power"));
}

TEST_CASE("footer links written relative to the root work from any depth") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  CHECK(Contains(site.Output("index.html"), "<a href=\"./about/\">About</a>"));
  CHECK(Contains(site.Output("casestudies/food-project/index.html"),
                 "<a href=\"../../about/\">About</a>"));
}

TEST_CASE("two builds are byte-identical, serial or parallel") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build("", "a", 1).ok);
  REQUIRE(site.Build("", "b", 2).ok);
  auto a = ReadTree(site.root() / "a");
  auto b = ReadTree(site.root() / "b");
  CHECK(a.size() > 20);
  CHECK(a == b);
}

TEST_CASE("a malformed case study fails the build and leaves the previous site untouched") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  auto before = ReadTree(site.root() / "site");
  site.Write("casestudies/broken.md", "---\ntitle: [unclosed\n---\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.ErrorCount() >= 1);
  CHECK(commonplace::FormatHeadline(r.diags.items()[0]).rfind("casestudies/broken.md:", 0) == 0);
  CHECK(ReadTree(site.root() / "site") == before);
}

TEST_CASE("unknown term fails the build with file, line and suggestion") {
  TestSite site(kBaseSite);
  site.Write("casestudies/typo.md",
             "---\ntitle: T\nsummary: S\npartnership_type: community-universty\nstatus: active\n"
             "partners: [{name: U, kind: university}]\nsources: [{source: toolkit-2025, locator: p.1}]\n"
             "updated: 2026-01-01\n---\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.ErrorCount() == 1);
  CHECK(Contains(Errors(r),
        "casestudies/typo.md:4:19: error: unknown term 'community-universty' in field "
        "'partnership_type' (vocabulary partnership-types)\n"));
}

TEST_CASE("base_url with a path prefix changes absolute URLs only") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build("https://example.org/evidence/").ok);
  std::string page = site.Output("casestudies/food-project/index.html");
  CHECK(Contains(page, "<link rel=\"canonical\" href=\"https://example.org/evidence/casestudies/food-project/\">"));
  CHECK(Contains(page, "data-base=\"/evidence/\""));
  CHECK(Contains(site.Output("404.html"), "href=\"/evidence/assets/css/site.css\""));
  CHECK(Contains(site.Output("sitemap.xml"), "<loc>https://example.org/evidence/casestudies/food-project/</loc>"));
}

TEST_CASE("host colours become a stylesheet, not inline styles") {
  TestSite site(kBaseSite);
  site.Write("site.yaml", "title: Ours\nbase_url: https://x.org/\ncolours:\n  accent: \"#aa0000\"\n  dark-accent: \"#ff8888\"\n");
  REQUIRE(site.Build().ok);
  std::string css = site.Output("assets/colours.css");
  CHECK(Contains(css, "--accent: #aa0000;"));
  CHECK(Contains(css, "--accent: #ff8888;"));
  CHECK_FALSE(Contains(site.Output("index.html"), "style="));
  CHECK(Contains(site.Output("index.html"), "<title>Ours</title>"));
}

TEST_CASE("two items claiming one output path are refused") {
  TestSite site(kBaseSite);
  site.Write("content/pages/casestudies.md", "---\ntitle: Clash\n---\nx\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Contains(Errors(r), "content/pages/casestudies.md: error: the page name 'casestudies' is used by a section of the site"));
}
