// A rebuild that reuses parsed case studies gives exactly the same site as
// a full build.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "base/fs.h"
#include "pipeline/pipeline.h"
#include "test_site.h"

using commonplace::testing::kBaseSite;
using commonplace::testing::TestSite;

namespace {

// A case study of the base site with `title`, one activity and `body`.
std::string ExtraCase(const std::string& title, const std::string& activity, const std::string& body) {
  return "---\ntitle: " + title +
         "\nsummary: S\npartnership_type: community-university\nstatus: active\n"
         "partners: [{name: U, kind: university}]\nactivities: [" +
         activity +
         "]\nimpacts: [{area: social}]\nsources: [{source: toolkit-2025, locator: p.1}]\n"
         "updated: 2026-01-01\n---\n" +
         body;
}

}  // namespace

TEST_CASE("incremental rebuild after one edit is byte-identical to a full build") {
  TestSite site(kBaseSite);
  for (int i = 0; i < 30; ++i) {
    site.Write("casestudies/extra-" + std::to_string(i) + ".md",
               ExtraCase("Extra " + std::to_string(i), "placements",
                         "## Heading\n\nText " + std::to_string(i) + ".\n"));
  }
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  std::map<std::string, std::string> first, incremental, full;
  std::string errors;
  const std::string root = site.root().string();
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &first, &errors, &cache, &pages,
                                     &links));
  CHECK(cache.reused == 0);
  CHECK(pages.reused() == 0);
  CHECK(pages.rendered() > 30);

  // Edit one case study: new title (moves it in every list), new term, new body.
  site.Write("casestudies/extra-7.md",
             "---\ntitle: Aardvark partnership\nsummary: Changed.\npartnership_type: "
             "community-university\nstatus: ended\npartners: [{name: U, kind: university}]\n"
             "activities: [co-produced-research]\nimpacts: [{area: health}]\n"
             "sources: [{source: toolkit-2025, locator: p.2}]\nupdated: 2026-02-01\n---\nNew.\n");
  site.Remove("casestudies/extra-3.md");
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &incremental, &errors, &cache,
                                     &pages, &links));
  CHECK(cache.reused == 30);  // 31 files remain; all but the edited one are reused
  // Most pages are reused; those the edit touches are rendered again.
  CHECK(pages.reused() > pages.rendered());
  CHECK(pages.rendered() > 5);
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &full, &errors, nullptr));
  CHECK(incremental.size() == full.size());
  CHECK(incremental == full);
  CHECK(incremental != first);
  CHECK(incremental["casestudies/extra-7/index.html"].find("Aardvark partnership") !=
        std::string::npos);
  CHECK(incremental.count("casestudies/extra-3/index.html") == 0);

  // The links of unchanged pages are not read again, but every link is
  // checked again: an edit that breaks one fails as a full build does.
  site.Write("casestudies/extra-5.md",
             "---\ntitle: Extra 5\nsummary: S\npartnership_type: community-university\n"
             "status: active\npartners: [{name: U, kind: university}]\nactivities: [placements]\n"
             "impacts: [{area: social}]\nsources: [{source: toolkit-2025, locator: p.1}]\n"
             "updated: 2026-01-01\n---\nSee [extra 3](../extra-3/).\n");
  std::map<std::string, std::string> broken;
  CHECK_FALSE(commonplace::BuildInMemory(root, "https://example.org/", &broken, &errors, &cache,
                                         &pages, &links));
  CHECK(errors.find("broken link '../extra-3/'") != std::string::npos);
  std::string full_errors;
  CHECK_FALSE(commonplace::BuildInMemory(root, "https://example.org/", &broken, &full_errors));
  CHECK(errors == full_errors);
}

namespace {

// The names of the files in which two builds differ (for the failure message).
std::string Differences(const std::map<std::string, std::string>& a,
                        const std::map<std::string, std::string>& b) {
  std::string out;
  for (const auto& [path, bytes] : a) {
    auto it = b.find(path);
    if (it == b.end()) out += "only in the rebuild: " + path + "\n";
    else if (it->second != bytes) out += "differs: " + path + "\n";
  }
  for (const auto& [path, bytes] : b) {
    if (!a.count(path)) out += "only in the full build: " + path + "\n";
  }
  return out;
}

}  // namespace

// Every kind of edit, one after another with the same caches (as `serve`
// keeps them): after each, the rebuild must equal a full build from nothing,
// and must differ from the build before the edit (so the edit is seen).
TEST_CASE("incremental rebuild equals a full build after every kind of edit") {
  TestSite site(kBaseSite);
  for (int i = 0; i < 12; ++i) {
    site.Write("casestudies/extra-" + std::to_string(i) + ".md",
               ExtraCase("Extra " + std::to_string(i), "placements",
                         "## Heading " + std::to_string(i) + "\n\nText " + std::to_string(i) +
                             " about [food](../food-project/#what-happened).\n"));
  }
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  const std::string root = site.root().string();
  const std::string base = "https://example.org/";
  std::string errors;
  std::map<std::string, std::string> before;
  REQUIRE(commonplace::BuildInMemory(root, base, &before, &errors, &cache, &pages, &links));

  struct Edit {
    std::string name;
    std::function<void()> apply;
    std::string must_contain_path;  // an output that must show the edit
    std::string must_contain;
  };
  auto read = [&](const std::string& rel) {
    std::ifstream in(site.root() / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string site_yaml = read("site.yaml");
  const std::string case_template = read("themes/default/templates/casestudy.mustache");
  const std::vector<Edit> edits = {
      {"body", [&] {
         site.Write("casestudies/extra-1.md",
                    ExtraCase("Extra 1", "placements", "## Heading 1\n\nA changed body.\n"));
       }, "casestudies/extra-1/index.html", "A changed body."},
      {"title", [&] {
         site.Write("casestudies/extra-2.md",
                    ExtraCase("Aardvark partnership", "placements",
                              "## Heading 2\n\nText 2.\n"));
       }, "casestudies/index.html", "Aardvark partnership"},
      {"a term", [&] {
         site.Write("casestudies/extra-4.md",
                    ExtraCase("Extra 4", "co-produced-research", "## Heading 4\n\nText 4.\n"));
       }, "browse/activities/co-produced-research/index.html", "Extra 4"},
      {"a title that keeps its place", [&] {
         // Its neighbours' pages name it (previous/next) though their order
         // is the same.
         site.Write("casestudies/extra-5.md",
                    ExtraCase("Extra 5, renamed", "placements", "## Heading 5\n\nText 5.\n"));
       }, "casestudies/extra-6/index.html", "Extra 5, renamed"},
      {"the summary of a related case study", [&] {
         // extra-4 now shares a rare term with food-project, whose page
         // shows it as related, summary included.
         std::string t = ExtraCase("Extra 4", "co-produced-research", "## Heading 4\n\nText 4.\n");
         t.replace(t.find("summary: S"), 10, "summary: A related summary");
         site.Write("casestudies/extra-4.md", t);
       }, "casestudies/food-project/index.html", "A related summary"},
      {"a locator citing a source", [&] {
         // The source page lists every page citing it, keyed on those
         // citations rather than on its view.
         std::string t = ExtraCase("Extra 7", "placements", "## Heading 7\n\nText 7.\n");
         t.replace(t.find("locator: p.1"), 12, "locator: p.42");
         site.Write("casestudies/extra-7.md", t);
       }, "sources/toolkit-2025/index.html", "p.42"},
      {"a term's label", [&] {
         std::string v = read("content/vocabularies/activities.yaml");
         v.replace(v.find("label: Placements"), 17, "label: Student placements");
         site.Write("content/vocabularies/activities.yaml", v);
       }, "casestudies/extra-0/index.html", "Student placements"},
      {"a new case study", [&] {
         site.Write("casestudies/extra-new.md",
                    ExtraCase("Brand new case", "placements", "Newly added.\n"));
       }, "casestudies/extra-new/index.html", "Newly added."},
      {"a deleted case study", [&] { site.Remove("casestudies/extra-3.md"); },
       "casestudies/index.html", "Extra 4"},
      {"an anchor that moves", [&] {
         site.Write("casestudies/food-project.md",
                    read("casestudies/food-project.md") + "\n## Another heading\n\nMore.\n");
       }, "casestudies/food-project/index.html", "Another heading"},
      {"site.yaml", [&] {
         std::string y = site_yaml;
         y.replace(y.find("title: Test Evidence"), 20, "title: Renamed Evidence");
         site.Write("site.yaml", y + "markdown: {allow_raw_html: true}\n");
       }, "casestudies/food-project/index.html", "<em>met</em>"},
      {"a template", [&] {
         std::string t = case_template;
         t.insert(0, "<!-- template edited -->\n");
         site.Write("themes/default/templates/casestudy.mustache", t);
       }, "casestudies/extra-0/index.html", "template edited"},
      {"the template back", [&] {
         site.Write("themes/default/templates/casestudy.mustache", case_template);
       }, "casestudies/extra-0/index.html", "<!DOCTYPE"},
      {"site.yaml back", [&] { site.Write("site.yaml", site_yaml); },
       "index.html", "Test Evidence"},
  };
  for (const auto& edit : edits) {
    CAPTURE(edit.name);
    edit.apply();
    std::map<std::string, std::string> incremental, full;
    REQUIRE_MESSAGE(
        commonplace::BuildInMemory(root, base, &incremental, &errors, &cache, &pages, &links),
        errors);
    REQUIRE_MESSAGE(commonplace::BuildInMemory(root, base, &full, &errors, nullptr), errors);
    CHECK_MESSAGE(incremental == full, Differences(incremental, full));
    CHECK(incremental != before);
    CHECK(incremental[edit.must_contain_path].find(edit.must_contain) != std::string::npos);
    before = std::move(incremental);
  }
}

// A link into a case study's anchor breaks when the anchor goes, though the
// page that links is unchanged: the rebuild must fail as a full build does.
TEST_CASE("incremental rebuild re-checks links into anchors that moved") {
  TestSite site(kBaseSite);
  site.Write("content/pages/about.md",
             "---\ntitle: About\nsummary: What this is.\n---\n## Why\n\nSee "
             "[what happened](../casestudies/food-project/#what-happened).\n");
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  const std::string root = site.root().string();
  std::map<std::string, std::string> files;
  std::string errors, full_errors;
  REQUIRE_MESSAGE(commonplace::BuildInMemory(root, "https://example.org/", &files, &errors,
                                             &cache, &pages, &links),
                  errors);
  std::ifstream in(site.root() / "casestudies/food-project.md", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  text.replace(text.find("## What happened"), 16, "## What came of it");
  site.Write("casestudies/food-project.md", text);
  CHECK_FALSE(commonplace::BuildInMemory(root, "https://example.org/", &files, &errors, &cache,
                                         &pages, &links));
  CHECK(errors.find("#what-happened") != std::string::npos);
  CHECK_FALSE(commonplace::BuildInMemory(root, "https://example.org/", &files, &full_errors));
  CHECK(errors == full_errors);
}

// A reused case-study page keeps the warnings its body gave (a link into a
// turned-off section) and gives them again: a rebuild warns as a full build.
TEST_CASE("incremental rebuild gives the same warnings as a full build") {
  TestSite site(kBaseSite);
  std::ifstream in(site.root() / "site.yaml", std::ios::binary);
  std::ostringstream yaml;
  yaml << in.rdbuf();
  site.Write("site.yaml", yaml.str() + "sections: {statistics: false}\n");
  site.Write("casestudies/extra-0.md",
             ExtraCase("Extra 0", "placements", "See [the figures](../../statistics/).\n"));
  site.Write("casestudies/extra-1.md", ExtraCase("Extra 1", "placements", "Text 1.\n"));
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  auto build = [&](bool cached, commonplace::BuildResult* r) {
    commonplace::BuildOptions o;
    o.root = site.root().string();
    o.base_url = "https://example.org/";
    o.write = false;
    if (cached) {
      o.cache = &cache;
      o.page_cache = &pages;
      o.link_cache = &links;
    }
    commonplace::Build(o, r);
  };
  auto warnings = [](const commonplace::BuildResult& r) {
    std::vector<std::string> w;
    for (const auto& d : r.diags.items()) {
      if (d.severity == commonplace::Severity::kWarning) w.push_back(commonplace::FormatHeadline(d));
    }
    std::sort(w.begin(), w.end());
    return w;
  };
  const std::string expected =
      "casestudies/extra-0.md: warning: link to '../../statistics/' points into the statistics "
      "section";
  auto has_expected = [&](const std::vector<std::string>& w) {
    return std::any_of(w.begin(), w.end(),
                       [&](const std::string& s) { return s.rfind(expected, 0) == 0; });
  };
  {
    commonplace::BuildResult first;
    build(true, &first);
    REQUIRE(first.ok);
    CHECK(has_expected(warnings(first)));
  }
  // Another case study's body changes; extra-0's page is reused.
  site.Write("casestudies/extra-1.md", ExtraCase("Extra 1", "placements", "Text 1, again.\n"));
  commonplace::BuildResult again, full;
  build(true, &again);
  build(false, &full);
  REQUIRE(again.ok);
  REQUIRE(full.ok);
  CHECK(pages.reused() > pages.rendered());
  CHECK(has_expected(warnings(full)));
  CHECK(warnings(again) == warnings(full));
}

// The library shares each unchanged case study with the cache, and a build
// writes each one's date from history into it: a later build must take
// the date again, so a case study Git no longer dates shows its updated:
// field, as in a full build.
TEST_CASE("incremental rebuild takes dates from history as a full build does") {
  if (std::system("command -v git >/dev/null 2>&1") != 0) {
    MESSAGE("git is not installed: no repository to build from");
    return;
  }
  TestSite site(kBaseSite);
  const std::string root = site.root().string();
  REQUIRE(std::system(("cd " + root +
                       " && export GIT_AUTHOR_DATE=2025-02-03T12:00:00Z "
                       "GIT_COMMITTER_DATE=2025-02-03T12:00:00Z && git init -q && git add -A && "
                       "git -c user.name=T -c user.email=t@example.invalid commit -q -m first")
                          .c_str()) == 0);
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  const std::string base = "https://example.org/";
  std::string errors;
  std::map<std::string, std::string> dated, incremental, full;
  REQUIRE_MESSAGE(commonplace::BuildInMemory(root, base, &dated, &errors, &cache, &pages, &links),
                  errors);
  CHECK(dated["casestudies/food-project/index.html"].find("Last updated 2025-02-03.") !=
        std::string::npos);
  std::filesystem::remove_all(site.root() / ".git");
  REQUIRE_MESSAGE(
      commonplace::BuildInMemory(root, base, &incremental, &errors, &cache, &pages, &links), errors);
  REQUIRE_MESSAGE(commonplace::BuildInMemory(root, base, &full, &errors), errors);
  CHECK(cache.reused > 0);
  CHECK(full["casestudies/food-project/index.html"].find("Last updated 2026-11-20.") !=
        std::string::npos);
  CHECK_MESSAGE(incremental == full, Differences(incremental, full));
}

TEST_CASE("a bilingual site's rebuild reuses the pages of every language") {
  TestSite site("");
  const std::filesystem::path src = std::filesystem::path(COMMONPLACE_SOURCE_DIR) / "tests/fixtures/bilingual";
  for (const auto& [rel, data] : commonplace::testing::ReadTree(src)) site.Write(rel, data);
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  std::map<std::string, std::string> first, again, edited, full;
  std::string errors;
  const std::string root = site.root().string();
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &first, &errors, &cache, &pages, &links));
  const int rendered_first = pages.rendered();
  CHECK(rendered_first > 40);
  // Nothing changed: every page of both languages comes from the cache (the
  // two languages' pages share their paths, under different prefixes).
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &again, &errors, &cache, &pages, &links));
  CHECK(pages.rendered() == 0);
  CHECK(pages.reused() == rendered_first);
  CHECK(again == first);
  // One English-only case study's body: its page in each language is made
  // again, and the rest is reused.
  site.Write("casestudies/parent-power.md",
             *commonplace::ReadFile((src / "casestudies/parent-power.md").string()) + "\nOne more line.\n");
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &edited, &errors, &cache, &pages, &links));
  CHECK(pages.rendered() >= 2);
  CHECK(pages.reused() > 4 * pages.rendered());
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &full, &errors, nullptr));
  CHECK(edited == full);
  CHECK(edited["casestudies/parent-power/index.html"].find("One more line.") != std::string::npos);
  CHECK(edited["en/casestudies/parent-power/index.html"].find("One more line.") != std::string::npos);
}

TEST_CASE("a full build's search records take the case studies' text and equal a kept build's") {
  // A build without caches moves each body's plain text into its search
  // record and frees its HTML once its page is made; one with caches keeps
  // both. Their sites must be the same, search files included.
  TestSite site(kBaseSite);
  for (int i = 0; i < 12; ++i) {
    site.Write("casestudies/body-" + std::to_string(i) + ".md",
               ExtraCase("Body " + std::to_string(i), "placements",
                         "## Heading\n\nQuokkaword" + std::to_string(i) + " in the body.\n"));
  }
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  std::map<std::string, std::string> kept, full;
  std::string errors;
  const std::string root = site.root().string();
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &kept, &errors, &cache, &pages,
                                     &links));
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &full, &errors, nullptr));
  CHECK(kept == full);
  for (int i = 0; i < 12; ++i) {
    const std::string word = "Quokkaword" + std::to_string(i);
    CHECK(full["casestudies/body-" + std::to_string(i) + "/index.html"].find(word) !=
          std::string::npos);
    // The body's words reach the search files, not only the page.
    bool in_search = false;
    for (const auto& [path, data] : full) {
      if (path.rfind("search/", 0) == 0 && data.find(word) != std::string::npos) in_search = true;
    }
    CHECK_MESSAGE(in_search, word);
  }
  // A second full build is the same again (nothing taken from a shared
  // library leaks between builds).
  std::map<std::string, std::string> again;
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &again, &errors, nullptr));
  CHECK(again == full);
}
