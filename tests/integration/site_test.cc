// Whole-site builds of small inline sites, asserting fragments of the output.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "pipeline/search_output.h"
#include "render/site_renderer.h"
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

// The repository's own content (every kind of page, and pages that link to
// recommendations, resources and worksheets) in a test site.
void CopyRepositoryContent(TestSite& site) {
  namespace fs = std::filesystem;
  fs::path src(COMMONPLACE_SOURCE_DIR);
  for (const char* dir : {"content", "casestudies"}) {
    fs::copy(src / dir, site.root() / dir,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  fs::copy_file(src / "site.yaml", site.root() / "site.yaml",
                fs::copy_options::overwrite_existing);
}

// site.yaml with one section turned off.
void TurnOff(TestSite& site, const std::string& section) {
  std::ifstream in(site.root() / "site.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string from = "  " + section + ": true";
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "  " + section + ": false");
  site.Write("site.yaml", text);
}

// The HTML files with a link (href or form action) into `section`.
std::string LinksInto(const std::map<std::string, std::string>& tree, const std::string& section) {
  std::string found;
  for (const auto& [path, data] : tree) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    for (const std::string attr : {"href=\"", "action=\""}) {
      for (size_t at = data.find(attr); at != std::string::npos; at = data.find(attr, at + 1)) {
        size_t begin = at + attr.size();
        std::string url = data.substr(begin, data.find('"', begin) - begin);
        if (url.find(':') != std::string::npos) continue;  // another site
        if (url.rfind(section + "/", 0) == 0 || Contains(url, "/" + section + "/")) {
          found += path + " → " + url + "\n";
        }
      }
    }
  }
  return found;
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
  CHECK(Contains(page, "Cite this case study"));
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

TEST_CASE("the source list ends an author list that ends in an initial with one full stop") {
  TestSite site(kBaseSite);
  site.Write("content/sources.yaml",
             "- id: toolkit-2025\n  kind: toolkit\n  authors: [\"Baines, N.\", \"Rossi, F.\"]\n"
             "  title: Equitable Partnerships Toolkit\n  publisher: QMUL\n  year: 2025\n");
  REQUIRE(site.Build().ok);
  std::string list = site.Output("sources/index.html");
  CHECK(Contains(list, "<p>Baines, N.; Rossi, F. QMUL, 2025.</p>"));
  CHECK_FALSE(Contains(list, "F.."));
}

TEST_CASE("a page asking for the contact ends with site.yaml's, or with nothing and a note") {
  TestSite site(kBaseSite);
  site.Write("content/pages/contribute.md",
             "---\ntitle: Contribute\ncontact: Where to send it\n---\nSend us your case study.\n");
  auto r = site.Build();
  REQUIRE(r.ok);
  std::string page = site.Output("contribute/index.html");
  CHECK_FALSE(Contains(page, "Where to send it"));
  CHECK_FALSE(Contains(page, "mailto:"));
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0] == "site.yaml sets no contact, so contribute/ gives no way to reach you: "
                      "add contact.email or contact.url");

  site.Write("site.yaml", *commonplace::ReadFile(site.root() / "site.yaml") +
                              "organisation: {name: Civic Lab, url: 'https://civic.example.net/'}\n"
                              "contact:\n  email: evidence@civic.example.net\n"
                              "  url: https://tracker.example.net/evidence/issues/\n");
  r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);
  CHECK(r.notes.empty());
  page = site.Output("contribute/index.html");
  CHECK(Contains(page, "<h2 id=\"site-contact\">Where to send it</h2>"));
  CHECK(Contains(page, "This copy of the site is run by <a href=\"https://civic.example.net/\">Civic Lab</a>."));
  CHECK(Contains(page, "<a href=\"mailto:evidence@civic.example.net\">evidence@civic.example.net</a>"));
  CHECK(Contains(page, "<a href=\"https://tracker.example.net/evidence/issues/\">tracker.example.net/evidence/issues</a>"));
  // A page that does not ask for it has none; every footer names the organisation.
  std::string about = site.Output("about/index.html");
  CHECK_FALSE(Contains(about, "site-contact"));
  CHECK(Contains(about, "<p>Published by <a href=\"https://civic.example.net/\">Civic Lab</a>.</p>"));
}

TEST_CASE("the shipped contribute page and accessibility statement give the contact site.yaml sets") {
  TestSite site("");
  CopyRepositoryContent(site);
  auto r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);
  // Unset: neither page has a contact section, and one note names both.
  for (const char* page : {"contribute/index.html", "accessibility/index.html"}) {
    CHECK_FALSE(Contains(site.Output(page), "site-contact"));
  }
  REQUIRE(r.notes.size() == 2);  // the shipped site.yaml sets no base_url either
  CHECK(Contains(r.notes[1], "accessibility/, contribute/ and the case-study submission form give "
                             "no way to reach you"));

  site.Write("site.yaml", *commonplace::ReadFile(site.root() / "site.yaml") +
                              "contact: {url: 'https://issues.example.net/evidence/'}\n");
  r = site.Build();
  REQUIRE(r.ok);
  REQUIRE(r.notes.size() == 1);
  CHECK_FALSE(Contains(r.notes[0], "contact"));
  for (const char* page : {"contribute/index.html", "accessibility/index.html"}) {
    INFO(page);
    std::string html = site.Output(page);
    CHECK(Contains(html, "<h2 id=\"site-contact\">"));
    CHECK(Contains(html, "<li>online: <a href=\"https://issues.example.net/evidence/\">issues.example.net/evidence</a></li>"));
    CHECK_FALSE(Contains(html, "mailto:"));
  }
  // The submission form says where to send it, on the page, in print and
  // in its Markdown copy (the Word copy: docx_test).
  std::string form = "worksheets/case-study-submission-form/";
  CHECK(Contains(site.Output(form + "index.html"),
                 "<dt>Where to send it</dt><dd>Online at <a href=\"https://issues.example.net/evidence/\">"));
  CHECK(Contains(site.Output(form + "print/index.html"),
                 "<strong>Where to send it:</strong> online at https://issues.example.net/evidence/.</p>"));
  CHECK(Contains(site.Output(form + "case-study-submission-form.md"),
                 "**Where to send it:** Online at https://issues.example.net/evidence/.\n"));
}

TEST_CASE("a fresh fork publishes nothing at example.*; without base_url, nothing that needs it") {
  auto placeholders = [](const std::map<std::string, std::string>& tree) {
    std::string found;
    for (const auto& [path, data] : tree) {
      for (const char* p : {"example.org", "example.com", "example.net", "github.com/example"}) {
        if (Contains(data, p)) found += path + ": " + p + "\n";
      }
    }
    return found;
  };
  TestSite site("");
  CopyRepositoryContent(site);  // the shipped site.yaml, which sets no base_url
  auto r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);
  auto tree = ReadTree(site.root() / "site");
  CHECK(placeholders(tree) == "");
  CHECK_FALSE(tree.count("sitemap.xml"));
  CHECK_FALSE(tree.count("feed.xml"));
  CHECK(tree.at("robots.txt") == "User-agent: *\nAllow: /\n");
  for (const auto& [path, data] : tree) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    INFO(path);
    CHECK_FALSE(Contains(data, "rel=\"canonical\""));
    CHECK_FALSE(Contains(data, "og:url"));
    CHECK_FALSE(Contains(data, "feed.xml"));
    CHECK_FALSE(Contains(data, "Suggest a change"));
  }
  // Links are relative, and the 404 page links from the root.
  CHECK(Contains(tree.at("casestudies/index.html"), "href=\"../assets/css/site.css\""));
  CHECK(Contains(tree.at("404.html"), "href=\"/assets/css/site.css\""));
  REQUIRE(r.notes.size() == 2);
  CHECK(Contains(r.notes[0], "site.yaml sets no base_url, so pages link relatively and have no "
                             "canonical link or og:url, citations give no address, and there is "
                             "no sitemap.xml or feed.xml"));

  // With only base_url added: canonical links, a sitemap and a feed, at that address.
  site.Write("site.yaml", *commonplace::ReadFile(site.root() / "site.yaml") +
                              "base_url: https://evidence.civic-lab.ac.uk/partnerships/\n");
  r = site.Build();
  REQUIRE(r.ok);
  tree = ReadTree(site.root() / "site");
  CHECK(placeholders(tree) == "");
  CHECK(Contains(tree.at("casestudies/index.html"),
                 "<link rel=\"canonical\" href=\"https://evidence.civic-lab.ac.uk/partnerships/casestudies/\">"));
  CHECK(Contains(tree.at("sitemap.xml"), "<loc>https://evidence.civic-lab.ac.uk/partnerships/about/</loc>"));
  CHECK(Contains(tree.at("feed.xml"), "<id>https://evidence.civic-lab.ac.uk/partnerships/</id>"));
  CHECK(Contains(tree.at("404.html"), "href=\"/partnerships/assets/css/site.css\""));
  REQUIRE(r.notes.size() == 1);  // only the contact's
  CHECK(Contains(r.notes[0], "sets no contact"));
}

TEST_CASE("a contact email must be one plain address") {
  commonplace::SiteConfig c;
  commonplace::Diagnostics d;
  CHECK_FALSE(commonplace::LoadSiteConfig("site.yaml", "title: X\ncontact:\n  email: mailto:a@x.org\n", &c, d));
  REQUIRE(d.items().size() == 1);
  CHECK(commonplace::FormatHeadline(d.items()[0]) ==
        "site.yaml:3:10: error: 'contact.email' must be one email address, not 'mailto:a@x.org'");
  CHECK(d.items()[0].hint.find("e.g. email: evidence@") == 0);
  commonplace::Diagnostics d2;
  CHECK_FALSE(commonplace::LoadSiteConfig("site.yaml", "title: X\ncontact: {url: 'javascript:alert(1)'}\n", &c, d2));
  CHECK(commonplace::FormatHeadline(d2.items().at(0)).find("site.yaml:2:16: error:") == 0);
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

TEST_CASE("each section can be turned off and the site still builds without broken links") {
  for (const char* section : {"recommendations", "resources", "worksheets", "statistics", "search"}) {
    CAPTURE(section);
    TestSite site("");
    CopyRepositoryContent(site);
    TurnOff(site, section);
    auto r = site.Build("https://example.org/evidence/");
    INFO(Errors(r));
    REQUIRE(r.ok);  // the build fails on any broken internal link
    CHECK(site.Output(std::string(section) + "/index.html").empty());
    auto tree = ReadTree(site.root() / "site");
    for (const auto& [path, data] : tree) {
      CHECK_MESSAGE(path.rfind(std::string(section) + "/", 0) != 0, path);
    }
    CHECK_MESSAGE(LinksInto(tree, section).empty(), LinksInto(tree, section));
    CHECK_FALSE(Contains(site.Output("404.html"), "/evidence/" + std::string(section) + "/"));
    // The rest of the site is still there.
    CHECK_FALSE(site.Output("casestudies/barton-hill-micro-campus/index.html").empty());
    CHECK_FALSE(site.Output("sources/toolkit-2025/index.html").empty());
  }
}

TEST_CASE("a content link into a turned-off section becomes text, with a warning") {
  TestSite site("");
  CopyRepositoryContent(site);
  TurnOff(site, "resources");
  auto r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);
  // content/pages/method.md links to ../resources/.
  std::string method = site.Output("method/index.html");
  CHECK(Contains(method, "The resources page gives the corrected address"));
  CHECK_FALSE(Contains(method, "resources/\""));
  CHECK(Contains(Errors(r), "content/pages/method.md: warning: link to '../resources/' points "
                            "into the resources section, which site.yaml turns off"));
  // Source pages no longer list resources among what cites them.
  CHECK_FALSE(Contains(site.Output("sources/toolkit-2025/index.html"), "resources/#"));
}

TEST_CASE("with search off, no page links to the search page") {
  TestSite site(kBaseSite);
  site.Write("site.yaml", "title: T\nbase_url: https://example.org/x/\nsections: {search: false}\n");
  auto r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);
  CHECK(site.Output("search/index.html").empty());
  CHECK(site.Output("search/manifest.json").empty());
  CHECK_FALSE(Contains(site.Output("404.html"), "search/"));
  CHECK_FALSE(Contains(site.Output("index.html"), "search/"));
  CHECK(Contains(site.Output("404.html"), "href=\"/x/casestudies/\""));
}

TEST_CASE("a site built with a changed site.yaml shows every change and has no broken links") {
  TestSite site("");
  CopyRepositoryContent(site);
  site.Write("themes/ours/static/img/crest.svg",
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n");
  site.Write("site.yaml", R"YAML(title: Civic Evidence Wales
tagline: What works when universities and towns work together
description: A fork for Wales.
base_url: https://evidence.example.cymru/hub/
language: cy
author: Tîm Tystiolaeth
licence:
  name: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/
repository:
  url: https://gitlab.com/cymru/evidence
  branch: trunk
  edit_url: https://gitlab.com/cymru/evidence/-/edit/{branch}/{path}
theme: themes/ours
logo: assets/img/crest.svg
colours:
  accent: "#c8102e"
  link: "#00712d"
navigation:
  - {title: Astudiaethau achos, url: casestudies/}
  - {title: Egwyddorion, url: principles/}
  - {title: Adnoddau, url: resources/}
  - {title: Ynglŷn, url: about/}
footer: "Run by Civic Evidence Wales. [Method](method/)"
sections:
  worksheets: false
)YAML");
  auto r = site.Build();
  INFO(Errors(r));
  REQUIRE(r.ok);  // no broken internal links
  std::string home = site.Output("index.html");
  std::string page = site.Output("casestudies/barton-hill-micro-campus/index.html");
  // Title, tagline and language.
  CHECK(Contains(home, "<title>Civic Evidence Wales</title>"));
  CHECK(Contains(home, "What works when universities and towns work together"));
  CHECK(Contains(page, "<html lang=\"cy\""));
  CHECK(Contains(page, "· Civic Evidence Wales</title>"));
  // Colours are a stylesheet.
  std::string colours = site.Output("assets/colours.css");
  CHECK(Contains(colours, "--accent: #c8102e;"));
  CHECK(Contains(colours, "--link: #00712d;"));
  // The logo, from the host theme, linked relative to the page.
  CHECK(Contains(page, "../../assets/img/crest.svg"));
  CHECK_FALSE(site.Output("assets/img/crest.svg").empty());
  // Navigation: the host's items in order, and nothing else.
  CHECK(Contains(page, "<a href=\"../../casestudies/\""));
  CHECK(Contains(page, ">Astudiaethau achos</a>"));
  CHECK(Contains(page, ">Adnoddau</a>"));
  CHECK(home.find(">Egwyddorion</a>") < home.find(">Adnoddau</a>"));
  CHECK_FALSE(Contains(home, ">Statistics</a>"));
  // Footer, edit link (GitLab form, other branch) and the licence.
  CHECK(Contains(page, "Run by Civic Evidence Wales. <a href=\"../../method/\">Method</a>"));
  CHECK(Contains(page, "https://gitlab.com/cymru/evidence/-/edit/trunk/casestudies/barton-hill-micro-campus.md"));
  CHECK(Contains(page, "https://creativecommons.org/licenses/by/4.0/"));
  CHECK(Contains(page, "<a href=\"../../licence/\">Licence and reuse</a>"));
  // The path prefix: absolute URLs and the 404 page.
  CHECK(Contains(page, "<link rel=\"canonical\" href=\"https://evidence.example.cymru/hub/casestudies/barton-hill-micro-campus/\">"));
  CHECK(Contains(site.Output("404.html"), "href=\"/hub/assets/css/site.css\""));
  CHECK(Contains(site.Output("404.html"), "href=\"/hub/licence/\""));
  CHECK(Contains(site.Output("sitemap.xml"), "<loc>https://evidence.example.cymru/hub/</loc>"));
  CHECK(Contains(site.Output("feed.xml"), "https://evidence.example.cymru/hub/"));
  // The section turned off: no pages, no links.
  CHECK(site.Output("worksheets/index.html").empty());
  auto tree = ReadTree(site.root() / "site");
  CHECK_MESSAGE(LinksInto(tree, "worksheets").empty(), LinksInto(tree, "worksheets"));
  // The case-study schema is linked from the contribute page.
  CHECK(Contains(site.Output("contribute/index.html"),
                 "href=\"../schema/case-study.schema.json\""));
}

TEST_CASE("edit links: GitHub's form by default, or the edit_url pattern") {
  commonplace::SiteConfig c;
  CHECK(commonplace::EditUrlFor(c, "casestudies/a.md") == "");
  c.repository_url = "https://github.com/org/repo/";
  c.repository_branch = "main";
  CHECK(commonplace::EditUrlFor(c, "casestudies/a.md") ==
        "https://github.com/org/repo/edit/main/casestudies/a.md");
  CHECK(commonplace::EditUrlFor(c, "") == "");
  c.repository_edit_url = "https://gitlab.com/org/repo/-/edit/{branch}/{path}";
  CHECK(commonplace::EditUrlFor(c, "casestudies/a.md") ==
        "https://gitlab.com/org/repo/-/edit/main/casestudies/a.md");

  TestSite site(kBaseSite);
  site.Write("site.yaml", "title: T\nbase_url: https://x.org/\nrepository:\n  url: https://gitlab.com/org/repo\n"
                          "  edit_url: https://gitlab.com/org/repo/-/edit/main/{path}\n");
  REQUIRE(site.Build().ok);
  CHECK(Contains(site.Output("casestudies/food-project/index.html"),
                 "href=\"https://gitlab.com/org/repo/-/edit/main/casestudies/food-project.md\""));
  site.Write("site.yaml", "title: T\nbase_url: https://x.org/\nrepository:\n  url: https://github.com/org/repo\n");
  REQUIRE(site.Build().ok);
  CHECK(Contains(site.Output("casestudies/food-project/index.html"),
                 "href=\"https://github.com/org/repo/edit/main/casestudies/food-project.md\""));
  site.Write("site.yaml", "title: T\nbase_url: https://x.org/\nrepository:\n  url: https://x.org/r\n"
                          "  edit_url: https://x.org/r/edit\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Contains(Errors(r), "the edit_url pattern has no {path}"));
}

TEST_CASE("figures read naturally: years without separators, qualifiers before the number") {
  using commonplace::Figure;
  using commonplace::FigureText;
  CHECK(FigureText(Figure{"Households", "40000", "households", "", ""}) == "40,000 households");
  CHECK(FigureText(Figure{"People reached", "2500", "people", "", ""}) == "2,500 people");
  CHECK(FigureText(Figure{"Year academics founded the settlement", "1911", "", "", ""}) == "1911");
  CHECK(FigureText(Figure{"Year the first project finished", "2004", "year", "", ""}) == "2004");
  CHECK(FigureText(Figure{"When the term was coined", "1998", "year (approximate)", "", ""}) ==
        "1998 (approximate)");
  CHECK(FigureText(Figure{"People each week", "160", "people (over)", "", ""}) ==
        "over 160 people");
  CHECK(FigureText(Figure{"Grant", "3", "thousand pounds (£3k)", "", ""}) ==
        "3 thousand pounds (£3k)");

  TestSite site("");
  CopyRepositoryContent(site);
  REQUIRE(site.Build().ok);
  std::string page = site.Output("casestudies/barton-hill-micro-campus/index.html");
  CHECK(Contains(page, "<td class=\"num\">1911</td>"));
  CHECK(Contains(page, "<td class=\"num\">over 160 people</td>"));
  CHECK_FALSE(Contains(page, "1,911"));
  // The footer links the licence page, relative to the page.
  CHECK(Contains(page, "<a href=\"../../licence/\">Licence and reuse</a>"));
}

TEST_CASE("search synonyms and joined hyphenated words only add words, in a field of their own") {
  using commonplace::SearchAlsoWords;
  CHECK(SearchAlsoWords("Co-production and co-design in Wales", {{"welsh", {"wales"}}}) ==
        "codesign coproduction welsh");
  // Whole words only, any case; a multi-word phrase must appear as written.
  CHECK(SearchAlsoWords("Walesby and Cardiff", {{"welsh", {"wales"}}}).empty());
  CHECK(SearchAlsoWords("The LOCAL GOVERNMENT partner", {{"council", {"local government"}}}) == "council");
  CHECK(SearchAlsoWords("local and government", {{"council", {"local government"}}}).empty());
  CHECK(SearchAlsoWords("a well-being well-being", {}) == "wellbeing");

  // Two builds, with and without synonyms: every document's own fields are
  // the same; only "also" differs.
  TestSite site(kBaseSite);
  std::string yaml = *commonplace::ReadFile(site.root() / "site.yaml");
  auto build_docs = [&](const std::string& text) {
    site.Write("site.yaml", text);
    commonplace::BuildOptions o;
    o.root = site.root().string();
    o.out_dir = (site.root() / "site").string();
    o.search_docs = (site.root() / "docs.json").string();
    commonplace::BuildResult r;
    commonplace::Build(o, &r);
    REQUIRE(r.ok);
    return nlohmann::json::parse(*commonplace::ReadFile(site.root() / "docs.json"));
  };
  auto plain = build_docs(yaml);
  auto with = build_docs(yaml + "\nsearch:\n  synonyms:\n    council: [university]\n");
  REQUIRE(plain.size() == with.size());
  int added = 0;
  for (size_t i = 0; i < plain.size(); ++i) {
    for (auto& [key, value] : plain[i].items()) {
      if (key == "also") continue;
      CHECK(with[i][key] == value);
    }
    std::string before = plain[i]["also"], after = with[i]["also"];
    if (after != before) {
      CHECK(after.find("council") != std::string::npos);
      ++added;
    }
  }
  CHECK(added > 0);
}

TEST_CASE("without JavaScript the case-study list is every case study, a page of 100 at a time") {
  TestSite site(kBaseSite);
  const std::string head =
      "---\nsummary: S\npartnership_type: community-university\nstatus: active\n"
      "partners: [{name: U, kind: university}]\nsources: [{source: toolkit-2025, locator: p.1}]\n"
      "updated: 2026-01-01\n";
  for (int i = 0; i < 230; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "case-%03d", i);
    site.Write(std::string("casestudies/") + name + ".md",
               head + "title: \"Case " + std::string(name + 5) + "\"\n---\nBody.\n");
  }
  auto r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);  // every pager link resolves: the build checks them
  auto cards = [&](const std::string& rel) {
    std::string html = site.Output(rel);
    size_t n = 0;
    for (size_t p = html.find("<li class=\"card\">"); p != std::string::npos; p = html.find("<li class=\"card\">", p + 1)) ++n;
    return n;
  };
  size_t total = 232;  // and the base site's two
  CHECK(cards("casestudies/index.html") == 100);
  CHECK(cards("casestudies/all/2/index.html") == 100);
  CHECK(cards("casestudies/all/3/index.html") == total - 200);
  CHECK(site.Output("casestudies/all/4/index.html").empty());
  CHECK(site.Output("casestudies/index.html").find("id=\"finder\"") != std::string::npos);
  CHECK(site.Output("casestudies/all/2/index.html").find("id=\"finder\"") == std::string::npos);
  CHECK(site.Output("casestudies/all/2/index.html").find("Case studies 101–200 of 232") != std::string::npos);
  // The finder's card files cover every case number.
  CHECK(!site.Output("casestudies/cards/1.json").empty());
  CHECK(site.Output("casestudies/cards/2.json").empty());
}

TEST_CASE("a case study's last-updated date is its file's last commit, else its updated: field") {
  if (std::system("command -v git >/dev/null 2>&1") != 0) {
    MESSAGE("git is not installed: no repository to build from");
    return;
  }
  TestSite site(kBaseSite);
  // Without a repository: the front matter's date.
  REQUIRE(site.Build().ok);
  CHECK(Contains(site.Output("casestudies/food-project/index.html"), "Last updated 2026-11-20."));
  CHECK_FALSE(Contains(site.Output("about/index.html"), "Last updated"));
  CHECK(Contains(site.Output("about/index.html"), " (n.d.). <i>"));
  // Committed on another day: that day, on the page, in the feed and in the sitemap.
  std::string git = "cd " + site.root().string() +
                    " && export GIT_AUTHOR_DATE=2025-02-03T12:00:00Z GIT_COMMITTER_DATE=2025-02-03T12:00:00Z && ";
  REQUIRE(std::system((git + "git init -q && git add -A && git -c user.name=T "
                             "-c user.email=t@example.invalid commit -q -m first").c_str()) == 0);
  REQUIRE(site.Build().ok);
  std::string page = site.Output("casestudies/food-project/index.html");
  CHECK(Contains(page, "Last updated 2025-02-03."));
  CHECK(Contains(site.Output("feed.xml"), "<updated>2025-02-03T00:00:00Z</updated>"));
  CHECK(Contains(site.Output("sitemap.xml"), "<lastmod>2025-02-03</lastmod>"));
  // Principles and pages take their dates from history too, and cite them;
  // without a repository they had none ("n.d.").
  for (const char* other : {"principles/qmul-shared-power/", "about/"}) {
    INFO(other);
    std::string html = site.Output(std::string(other) + "index.html");
    CHECK(Contains(html, "Last updated 2025-02-03."));
    CHECK(Contains(html, "<meta name=\"citation_publication_date\" content=\"2025/02/03\">"));
    CHECK(Contains(html, "(2025, February 3). <i>"));
    CHECK(Contains(site.Output("sitemap.xml"),
                   "<loc>https://example.org/" + std::string(other) + "</loc><lastmod>2025-02-03</lastmod>"));
  }
  // The same commit builds the same bytes.
  REQUIRE(site.Build("", "again").ok);
  CHECK(site.Output("casestudies/food-project/index.html", "again") == page);
}
