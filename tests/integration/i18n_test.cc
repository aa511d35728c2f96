// Languages: the Welsh interface leaves no English interface string behind,
// pages say which language they are in, and the English default is the
// shipped theme's en.yaml.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "base/strings.h"
#include "docx/zip_writer.h"
#include "i18n/messages.h"
#include "test_site.h"

using commonplace::Diagnostics;
using commonplace::Messages;
using commonplace::testing::ReadTree;
using commonplace::testing::TestSite;

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Messages ThemeMessages(const std::string& lang) {
  Messages m;
  Diagnostics d;
  fs::path p = fs::path(COMMONPLACE_SOURCE_DIR) / "themes/default/i18n" / (lang + ".yaml");
  REQUIRE(m.LoadFile(p.string(), p.string(), lang, d));
  return m;
}

// The shipped content (every kind of page) in a test site, with `extra`
// appended to its site.yaml.
void UseShippedContent(TestSite& site, const std::string& extra) {
  fs::path src(COMMONPLACE_SOURCE_DIR);
  for (const char* dir : {"content", "casestudies"}) {
    fs::copy(src / dir, site.root() / dir,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  site.Write("site.yaml", Slurp(src / "site.yaml") + extra);
}

// The literal pieces of a message between its placeholders, as they appear
// in HTML (escaped), that are long enough to mean something: two words or
// more.
std::vector<std::string> Fragments(const std::string& text) {
  std::vector<std::string> out;
  std::string piece;
  auto flush = [&] {
    std::string t = commonplace::Trim(piece);
    while (!t.empty() && std::string(":;,.(—·").find(t.back()) != std::string::npos) t.pop_back();
    while (!t.empty() && std::string(":;,.)—· ").find(t.front()) != std::string::npos) t.erase(0, 1);
    if (t.find(' ') != std::string::npos && t.size() >= 8) out.push_back(commonplace::HtmlEscape(t));
    piece.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t end = text.find('}', i);
      if (end != std::string::npos) {
        flush();
        i = end;
        continue;
      }
    }
    piece += text[i];
  }
  flush();
  return out;
}

// What a reader of the file sees, escaped as the fragments are: the HTML
// and JSON as written, a Markdown download escaped, and a .docx's words
// (its document and its properties) without the markup around them. ""
// for any other file.
std::string ReadableText(const std::string& path, const std::string& data) {
  auto ends = [&](const char* ext) {
    std::string e = ext;
    return path.size() > e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html") || ends(".json")) return data;
  if (ends(".md")) return commonplace::HtmlEscape(data);
  if (ends(".docx")) {
    std::vector<std::pair<std::string, std::string>> parts;
    std::string err;
    REQUIRE_MESSAGE(commonplace::UnzipEntries(data, &parts, &err), path << ": " << err);
    std::string text;
    for (const auto& [name, xml] : parts) {
      if (name != "word/document.xml" && name != "docProps/core.xml") continue;
      // Paragraphs and properties apart, so no words run together.
      std::string spaced = std::regex_replace(xml, std::regex("</w:p>|</dc:[a-z]+>|</cp:[a-z]+>"), "\n");
      text += std::regex_replace(spaced, std::regex("<[^>]*>"), "") + "\n";
    }
    return text;
  }
  return "";
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

TEST_CASE("a Welsh site has no English interface string left") {
  TestSite site("");
  UseShippedContent(site, "languages: [cy]\n");
  auto r = site.Build("https://example.org/");
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  auto tree = ReadTree(site.root() / "site");

  // What the content itself says cannot prove the interface is English.
  std::string content;
  for (const auto& [path, data] : ReadTree(site.root() / "content")) content += data + "\n";
  for (const auto& [path, data] : ReadTree(site.root() / "casestudies")) content += data + "\n";
  content += Slurp(site.root() / "site.yaml");
  // Markdown wraps lines anywhere and links words ("[browse](../browse/) by
  // theme"): compare the words alone, every run of white space as one space.
  content = std::regex_replace(content, std::regex("\\[([^\\]]*)\\]\\([^)]*\\)"), "$1");
  content = std::regex_replace(content, std::regex("\\s+"), " ");
  content = Lower(commonplace::HtmlEscape(content));

  // Every file a reader sees: pages, data, and the worksheets' downloads.
  // Not translated (README "Languages"): the published case-study JSON
  // Schema (schema/), the machine contract, English for editors' tools.
  std::map<std::string, std::string> readable;
  int downloads = 0;
  for (const auto& [path, data] : tree) {
    if (path.rfind("schema/", 0) == 0) continue;
    std::string text = ReadableText(path, data);
    if (text.empty()) continue;
    bool download = path.size() > 5 && (path.compare(path.size() - 5, 5, ".docx") == 0 ||
                                        path.compare(path.size() - 3, 3, ".md") == 0);
    if (path.rfind("worksheets/", 0) == 0 && download) ++downloads;
    readable[path] = std::move(text);
  }
  CHECK(readable.count("contribute/new/index.html") == 1);
  CHECK(downloads >= 10);  // every worksheet's .docx and .md

  Messages en = ThemeMessages("en");
  Messages cy = ThemeMessages("cy");
  int checked = 0;
  std::string left;
  for (const auto& key : en.Keys()) {
    if (key.rfind("format.", 0) == 0) continue;
    std::vector<std::string> english;
    if (en.Forms(key).empty()) {
      if (en.Raw(key) == cy.Raw(key)) continue;  // the same in both (a name such as "Markdown")
      english = {en.Raw(key)};
    } else {
      for (const auto& [form, text] : en.Forms(key)) english.push_back(text);
    }
    for (const auto& text : english) {
      for (const auto& fragment : Fragments(text)) {
        if (content.find(Lower(fragment)) != std::string::npos) continue;
        ++checked;
        for (const auto& [path, data] : readable) {
          if (data.find(fragment) != std::string::npos) {
            left += key + ": \"" + fragment + "\" in " + path + "\n";
            break;
          }
        }
      }
    }
  }
  CHECK(checked > 200);  // the check looked at most of the interface
  CHECK(left == "");
  CHECK(cy.Missing().empty());

  // Every page says it is Welsh; dates are written the Welsh way.
  const std::string& home = tree["index.html"];
  CHECK(home.find("<html lang=\"cy\"") != std::string::npos);
  CHECK(home.find("Neidio i'r prif gynnwys") != std::string::npos);
  CHECK(tree["404.html"].find("<html lang=\"cy\"") != std::string::npos);
}

TEST_CASE("a Welsh comparison page words its tests in Welsh and writes numbers the language's way") {
  TestSite site("");
  // A host's Welsh file that changes only the number format, so the test
  // can tell a number written through the language's format from one
  // written the English way (the shipped cy.yaml writes 2.5 as English does).
  UseShippedContent(site, "languages: [cy]\ntheme: themes/ours\n");
  site.Write("themes/ours/i18n/cy.yaml", "format:\n  thousands: \".\"\n  decimal: \",\"\n");
  auto r = site.Build("https://example.org/");
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  const std::string page = site.Output("statistics/comparisons/index.html");
  Messages cy = ThemeMessages("cy");
  Messages en = ThemeMessages("en");

  // Every table header is the Welsh message, none the English one.
  for (const std::string key : {"stats.comparison.means.measure", "stats.comparison.means.mean_with",
                                 "stats.comparison.means.sd_without",
                                 "stats.comparison.impact_areas.odds_ratio",
                                 "stats.comparison.partnership_type.with"}) {
    CAPTURE(key);
    CHECK(page.find("<th scope=\"col\">" + commonplace::HtmlEscape(cy.Get(key)) + "</th>") !=
          std::string::npos);
    CHECK(page.find("<th scope=\"col\">" + commonplace::HtmlEscape(en.Get(key)) + "</th>") ==
          std::string::npos);
  }
  CHECK(page.find(commonplace::HtmlEscape(cy.Get("stats.comparison.impact_areas.unadjusted"))) !=
        std::string::npos);

  // The means (three decimals) use the language's decimal comma; no figure
  // in the tables keeps the English point.
  std::smatch m;
  CHECK(std::regex_search(page, m, std::regex("<td class=\"num\">[0-9]+,[0-9]{3}</td>")));
  CHECK_FALSE(std::regex_search(page, m, std::regex("<td class=\"num\">[0-9]+\\.[0-9]+%?</td>")));
  // So does the chi-square lead (χ² = 1,234, df = 3, …).
  CHECK(std::regex_search(page, m, std::regex("χ² = [0-9]+,[0-9]{3}, df = [0-9]+")));

  // The downloads say the same: the tests' names and the CSV's test lines.
  const std::string json = site.Output("statistics/data/comparison-impact-areas.json");
  CHECK(json.find("\"test\": \"" + cy.Get("stats.comparison.impact_areas.test") + "\"") !=
        std::string::npos);
  const std::string csv = site.Output("statistics/data/comparison-means.csv");
  CHECK(csv.find("\r\n" + cy.Get("stats.download.test") + "," + cy.Get("stats.comparison.means.test")) !=
        std::string::npos);
}

TEST_CASE("the English build takes its words from en.yaml and keeps the page language") {
  TestSite site("");
  UseShippedContent(site, "");
  auto r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  std::string home = site.Output("index.html");
  CHECK(home.find("<html lang=\"en-GB\"") != std::string::npos);
  CHECK(home.find(">Skip to main content</a>") != std::string::npos);
  // A host's theme may change one message and keep the rest.
  site.Write("themes/ours/i18n/en.yaml", "layout:\n  skip_to_main_content: Jump to the content\n");
  site.Write("site.yaml", Slurp(site.root() / "site.yaml") + "theme: themes/ours\n");
  r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  home = site.Output("index.html");
  CHECK(home.find(">Jump to the content</a>") != std::string::npos);
  CHECK(home.find(">Search</button>") != std::string::npos);
}

TEST_CASE("a language without a message file is an error that says how to add one") {
  TestSite site("");
  UseShippedContent(site, "languages: [ga]\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(commonplace::testing::ErrorLines(r).find(
            "themes/default/i18n/ga.yaml: error: no interface messages for language 'ga'") !=
        std::string::npos);
}

namespace {

// tests/fixtures/bilingual (a made-up site) in a test site of its own.
void UseBilingualFixture(TestSite& site) {
  fs::path src = fs::path(COMMONPLACE_SOURCE_DIR) / "tests/fixtures/bilingual";
  for (const auto& [rel, data] : ReadTree(src)) {
    if (rel != "README.md") site.Write(rel, data);
  }
}

// The fixture built into `site`, which must succeed: its output files.
std::map<std::string, std::string> BuildBilingualFixture(TestSite& site) {
  UseBilingualFixture(site);
  auto r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  return ReadTree(site.root() / "site");
}

// The fixture built again without its file `rel` (a translation).
std::map<std::string, std::string> RebuildWithout(TestSite& site, const std::string& rel) {
  std::filesystem::remove(site.root() / rel);
  auto r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  return ReadTree(site.root() / "site");
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a bilingual site: Welsh at the root, English under en/, each page linked to its counterpart") {
  TestSite site("");
  auto tree = BuildBilingualFixture(site);

  // Each language is a whole site, with its own interface and language.
  CHECK(Has(tree["index.html"], "<html lang=\"cy\""));
  CHECK(Has(tree["en/index.html"], "<html lang=\"en\""));
  CHECK(Has(tree["index.html"], ">Astudiaethau achos</a>"));  // navigation `titles: {cy: …}`
  CHECK(Has(tree["en/index.html"], ">Case studies</a>"));

  // The translated case study, in Welsh at the root and English under en/,
  // each linking to the other with hreflang and a switcher that keeps the
  // reader on the same case study.
  const std::string& cy = tree["casestudies/food-project/index.html"];
  const std::string& en = tree["en/casestudies/food-project/index.html"];
  CHECK(Has(cy, "<h1>Prosiect perllan</h1>"));
  CHECK(Has(en, "<h1>Orchard project</h1>"));
  for (const std::string* page : {&cy, &en}) {
    CHECK(Has(*page, "<link rel=\"alternate\" hreflang=\"cy\" href=\"https://example.org/casestudies/food-project/\">"));
    CHECK(Has(*page, "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/casestudies/food-project/\">"));
    CHECK_FALSE(Has(*page, "language-notice"));
  }
  CHECK(Has(cy, "<a href=\"../../en/casestudies/food-project/\" hreflang=\"en\" lang=\"en\">English</a>"));
  CHECK(Has(cy, "<span aria-current=\"page\" lang=\"cy\">Cymraeg</span>"));
  CHECK(Has(en, "<a href=\"../../../casestudies/food-project/\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>"));
  CHECK(Has(tree["index.html"], "<a href=\"en/\" hreflang=\"en\" lang=\"en\">English</a>"));
  CHECK(Has(tree["en/index.html"], "<a href=\"../\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>"));

  // A case study with no Welsh translation is shown in English on the Welsh
  // site, says so in Welsh, and marks its English text as English.
  const std::string& only_en = tree["casestudies/parent-power/index.html"];
  CHECK(Has(only_en, "<p class=\"notice language-notice\" role=\"note\">Nid yw&#39;r dudalen hon "
                     "wedi&#39;i chyfieithu i&#39;r Gymraeg eto: fe&#39;i dangosir yn Saesneg.</p>"));
  CHECK(Has(only_en, "<h1 lang=\"en\">Parent power</h1>"));
  CHECK(Has(only_en, "<p class=\"lead\" lang=\"en\">Made-up parents in Fakeford.</p>"));
  const std::string& only_en_en = tree["en/casestudies/parent-power/index.html"];
  CHECK(Has(only_en_en, "<h1>Parent power</h1>"));
  CHECK_FALSE(Has(only_en_en, "language-notice"));
  // Pages translate the same way.
  CHECK(Has(tree["about/index.html"], "<h1>Am y safle prawf hwn</h1>"));
  CHECK(Has(tree["en/about/index.html"], "<h1>About this fixture</h1>"));

  // One sitemap per language, each page with its alternates; robots.txt
  // names both; every language has its own search index.
  CHECK(Has(tree["sitemap.xml"],
            "<url><loc>https://example.org/casestudies/food-project/</loc><lastmod>2026-11-20</lastmod>"
            "<xhtml:link rel=\"alternate\" hreflang=\"cy\" href=\"https://example.org/casestudies/food-project/\"/>"
            "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/casestudies/food-project/\"/></url>"));
  CHECK_FALSE(Has(tree["sitemap.xml"], "https://example.org/en/casestudies/food-project/</loc>"));
  CHECK(Has(tree["en/sitemap.xml"], "<loc>https://example.org/en/casestudies/food-project/</loc>"));
  CHECK(tree["robots.txt"] ==
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
        "Sitemap: https://example.org/en/sitemap.xml\n");
  CHECK(tree.count("en/robots.txt") == 0);
  CHECK(tree.count("search/manifest.json") == 1);
  CHECK(tree.count("en/search/manifest.json") == 1);
  CHECK(Has(tree["feed.xml"], "xml:lang=\"cy\""));
  CHECK(Has(tree["feed.xml"], "<title>Safle Prawf: astudiaethau achos</title>"));
}

TEST_CASE("a translation without its original is an error naming the file") {
  TestSite site("");
  UseBilingualFixture(site);
  site.Write("content/pages/orphan.cy.md", "---\ntitle: Amddifad\n---\nTestun.\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(commonplace::testing::ErrorLines(r),
            "content/pages/orphan.cy.md:1:1: error: 'content/pages/orphan.cy.md' translates 'orphan', "
            "but there is no such file in content/pages/"));
}

TEST_CASE("a case study written in Welsh only is published in Welsh, and says so in English") {
  TestSite site("");
  auto tree = BuildBilingualFixture(site);
  const std::string& cy = tree["casestudies/caffi-trwsio/index.html"];
  CHECK(Has(cy, "<h1>Caffi trwsio</h1>"));
  CHECK_FALSE(Has(cy, "language-notice"));
  const std::string& en = tree["en/casestudies/caffi-trwsio/index.html"];
  CHECK(Has(en, "<p class=\"notice language-notice\" role=\"note\">This page has not been translated into "
                "English yet: it is shown in Welsh.</p>"));
  CHECK(Has(en, "<h1 lang=\"cy\">Caffi trwsio</h1>"));
  CHECK(Has(tree["en/casestudies/index.html"], "lang=\"cy\""));
  for (const std::string* page : {&cy, &en}) {
    CHECK(Has(*page, "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/casestudies/caffi-trwsio/\">"));
  }
  // The Welsh contribution form names its file so (contribute-form.js reads
  // data-suffix); the English one, in the content's language, does not.
  CHECK(Has(tree["contribute/new/index.html"], " data-suffix=\".cy\""));
  CHECK_FALSE(Has(tree["en/contribute/new/index.html"], "data-suffix"));

  // A name close to an original's is probably a translation misspelt: a warning.
  site.Write("casestudies/food-projet.cy.md", "---\ntitle: Prosiect\n---\nTestun.\n");
  auto r = site.Build();
  CHECK(Has(commonplace::testing::ErrorLines(r),
            "casestudies/food-projet.cy.md:1:1: warning: 'casestudies/food-projet.cy.md' has no original, so it "
            "is published as a case study in 'cy' only; its name is close to 'food-project'"));
}

TEST_CASE("a bilingual site translates principles, vocabularies, resources and its own title") {
  TestSite site("");
  auto tree = BuildBilingualFixture(site);

  // site.yaml `translations:` gives the Welsh site its own title.
  CHECK(Has(tree["index.html"], "<title>Safle Prawf</title>"));
  CHECK(Has(tree["en/index.html"], "<title>Fixture Site</title>"));

  // A principle translated file by file, like case studies.
  CHECK(Has(tree["principles/shared-power/index.html"], "<h1>Rhannu grym</h1>"));
  CHECK(Has(tree["en/principles/shared-power/index.html"], "<h1>Shared power</h1>"));
  CHECK(Has(tree["casestudies/food-project/index.html"], ">Rhannu grym</a>"));

  // A vocabulary's words: the Welsh label where it is translated, the
  // English one marked as English where it is not.
  const std::string& cy_case = tree["casestudies/food-project/index.html"];
  CHECK(Has(cy_case, ">Cymuned–prifysgol</a>"));
  CHECK(Has(cy_case, "<li lang=\"en\"><a href=\"../../browse/activities/placements/\">Placements</a></li>"));
  CHECK(Has(tree["en/casestudies/food-project/index.html"], ">Community–university</a>"));
  CHECK(Has(tree["browse/partnership-types/index.html"], "<h1>Mathau o bartneriaeth</h1>"));
  CHECK(Has(tree["browse/activities/index.html"], "<h1 lang=\"en\">Activities</h1>"));

  // Resources: each item's words by id; the untranslated one is marked.
  const std::string& res = tree["resources/index.html"];
  CHECK(Has(res, "Pecyn Cymorth y Safle Prawf"));
  CHECK(Has(res, "Pecyn cymorth ffug ar gyfer profion."));
  CHECK(Has(res, "<li class=\"card\" id=\"fixture-guide\" lang=\"en\">"));
  CHECK_FALSE(Has(res, "<li class=\"card\" id=\"fixture-toolkit\" lang="));
  CHECK(Has(tree["en/resources/index.html"], "The Fixture Toolkit"));

  // English case studies on Welsh pages: cards, "Partnerships like this
  // one" and citations mark their English words; the citation's own words
  // are Welsh.
  CHECK(Has(cy_case, "<span class=\"muted\">Blaenorol:</span> <span lang=\"en\">Parent power</span>"));
  CHECK(Has(tree["index.html"], "<p lang=\"en\">Made-up parents in Fakeford.</p>"));
  const std::string& only_en = tree["casestudies/parent-power/index.html"];
  CHECK(Has(only_en, "<i lang=\"en\">Parent power</i>."));
  CHECK(Has(only_en, "Ar gael yn: https://example.org/casestudies/parent-power/."));
  CHECK_FALSE(Has(only_en, "Available at"));
  CHECK(Has(tree["en/casestudies/parent-power/index.html"], "Available at: https://example.org/en/casestudies/parent-power/."));
  CHECK(Has(tree["casestudies/index.html"], "<h3 class=\"card-title\" lang=\"en\">"));
}

TEST_CASE("a YAML translation names its file, line and the id it cannot find") {
  TestSite site("");
  UseBilingualFixture(site);
  site.Write("content/resources.cy.yaml", "- id: fixture-toolkit\n  title: Pecyn\n- id: no-such-thing\n  title: Dim\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(commonplace::testing::ErrorLines(r),
            "content/resources.cy.yaml:3:3: error: 'content/resources.cy.yaml' translates "
            "'no-such-thing', but content/resources.yaml has no item with that id"));
  // A field that is not words to translate (an address) is refused too.
  site.Write("content/resources.cy.yaml", "- id: fixture-toolkit\n  url: https://example.org/cy\n");
  r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(commonplace::testing::ErrorLines(r), "content/resources.cy.yaml:2:3: error: unknown field '[0].url'"));
  // A vocabulary translation without its original.
  site.Write("content/resources.cy.yaml", "- id: fixture-toolkit\n  title: Pecyn\n");
  site.Write("content/vocabularies/nothing.cy.yaml", "terms:\n  - {id: a, label: A}\n");
  r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(commonplace::testing::ErrorLines(r),
            "content/vocabularies/nothing.cy.yaml:1:1: error: 'content/vocabularies/nothing.cy.yaml' "
            "translates 'nothing', but there is no such file in content/vocabularies/"));
}

TEST_CASE("a worksheet is translated word by word; a section left out keeps its words, marked") {
  TestSite site("");
  auto tree = BuildBilingualFixture(site);
  const std::string& cy = tree["worksheets/meeting-plan/index.html"];
  CHECK(Has(cy, "<h1>Cynllunio cyfarfod cyntaf</h1>"));
  CHECK(Has(cy, "<li><strong>Beth sydd ei angen ar y cyfarfod</strong>"));
  CHECK(Has(cy, "<li lang=\"en\"><strong>Anything else</strong>"));
  CHECK_FALSE(Has(cy, "language-notice"));
  CHECK(Has(tree["en/worksheets/meeting-plan/index.html"], "<h1>Plan a first meeting</h1>"));
  const std::string& print = tree["worksheets/meeting-plan/print/index.html"];
  CHECK(Has(print, "<th scope=\"col\">Enw</th>"));
  CHECK(Has(print, "<th scope=\"row\">Ail bartner</th>"));
  CHECK(Has(print, "<h2 id=\"ws-notes\" lang=\"en\">Anything else</h2>"));
  // The downloads carry the same words.
  const std::string& md = tree["worksheets/meeting-plan/meeting-plan.md"];
  CHECK(Has(md, "Ystafell dawel"));
  CHECK(Has(md, "Anything else"));
  CHECK_FALSE(Has(md, "A quiet room"));
  CHECK(Has(tree["en/worksheets/meeting-plan/meeting-plan.md"], "A quiet room"));
  CHECK(Has(tree["worksheets/index.html"], "<h2 class=\"card-title\"><a href=\"../worksheets/meeting-plan/\">Cynllunio"));

  // Without its translation the Welsh page says so and marks the English.
  tree = RebuildWithout(site, "content/templates/meeting-plan.cy.yaml");
  const std::string& en_only = tree["worksheets/meeting-plan/index.html"];
  CHECK(Has(en_only, "language-notice"));
  CHECK(Has(en_only, "<h1 lang=\"en\">Plan a first meeting</h1>"));
  CHECK(Has(tree["worksheets/index.html"], "<h2 class=\"card-title\" lang=\"en\">"));
}

TEST_CASE("an untranslated term named inside a Welsh sentence is marked as English") {
  TestSite site("");
  auto tree = BuildBilingualFixture(site);
  // A sentence the template writes ({{t}}), its value in a span of its own.
  CHECK(Has(tree["recommendations/funders/index.html"],
            "<h1>Argymhellion ar gyfer <span lang=\"en\">Funders</span></h1>"));
  CHECK(Has(tree["recommendations/index.html"], "Ar gyfer <span lang=\"en\">Funders</span></a>"));
  CHECK(Has(tree["recommendations/funders/index.html"], "<p class=\"lead\" lang=\"en\">People who pay"));
  CHECK(Has(tree["browse/audiences/funders/index.html"], ">Argymhellion ar gyfer <span lang=\"en\">Funders</span></a>"));
  CHECK(Has(tree["browse/activities/index.html"], "><span lang=\"en\">Activities</span> yn yr ystadegau</a>"));
  // In English nothing is marked and the sentence is as before.
  CHECK(Has(tree["en/recommendations/funders/index.html"], "<h1>Recommendations for Funders</h1>"));
  CHECK(Has(tree["en/recommendations/index.html"], ">For Funders</a>"));
}

TEST_CASE("a worksheet translation keeps every list as long as the original's") {
  TestSite site("");
  UseBilingualFixture(site);
  site.Write("content/templates/meeting-plan.cy.yaml",
             "title: Cynllunio\nsteps: [Un]\nsections:\n  - id: needs\n    items: [Ystafell]\n"
             "  - id: nowhere\n    heading: Dim\n  - id: people\n    kind: text\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string errors = commonplace::testing::ErrorLines(r);
  CHECK(Has(errors, "content/templates/meeting-plan.cy.yaml:2:9: error: 'steps' has 1 entries, but the "
                    "original has 2"));
  CHECK(Has(errors, "'items' of section 'needs' has 1 entries, but the original has 2"));
  CHECK(Has(errors, "translates 'nowhere', but content/templates/meeting-plan.yaml has no item with that id"));
  // A section's kind is not words: it stays in the original.
  CHECK(Has(errors, "unknown field 'sections[2].kind'"));
}

TEST_CASE("site.yaml translations without languages is an error that says to name them") {
  TestSite site("");
  UseShippedContent(site, "translations:\n  cy: {title: Tystiolaeth}\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(commonplace::testing::ErrorLines(r),
            "error: 'translations' gives the site's words in its other languages, but site.yaml lists none"));
}

TEST_CASE("a dataset is translated word by word; its untranslated labels and values are marked") {
  TestSite site("");
  auto tree = BuildBilingualFixture(site);
  const std::string& cy = tree["statistics/datasets/meetings/index.html"];
  CHECK(Has(cy, "<h1>Cyfarfodydd a gynhaliwyd, yn ôl lle a ffurf</h1>"));
  CHECK(Has(cy, "<p class=\"note\">Wedi&#39;i ddyfeisio"));
  // A translated column, its translated values and blank, unmarked.
  CHECK(Has(cy, "<h2 id=\"meetings-format\">Ffurf</h2>"));
  CHECK(Has(cy, "<th scope=\"col\">Ffurf</th><th scope=\"col\">Cyfarfodydd</th>"));
  CHECK(Has(cy, "<th scope=\"row\">Wyneb yn wyneb</th>"));
  CHECK(Has(cy, "<th scope=\"row\">Heb ei gofnodi</th>"));
  // A value and a column the translation leaves out keep their words, marked.
  CHECK(Has(cy, "<th scope=\"row\" lang=\"en\">Online</th>"));
  CHECK(Has(cy, "<th scope=\"col\" lang=\"en\">Online</th>"));
  CHECK(Has(cy, "<th scope=\"row\" lang=\"en\">North</th>"));
  CHECK(Has(cy, "<h2 id=\"meetings-place-by-format\"><span lang=\"en\">Place</span> yn ôl Ffurf</h2>"));
  CHECK(Has(cy, "<th scope=\"col\" lang=\"en\">Place</th>"));
  // The totals and the column dictionary.
  CHECK(Has(cy, "<th scope=\"row\">Pob cyfarfod</th>"));
  CHECK(Has(cy, "<dt><code>place</code> (categori)</dt><dd lang=\"en\">Place</dd>"));
  CHECK(Has(cy, "<dt><code>format</code> (categori)</dt><dd>Ffurf: Sut y cynhaliwyd y cyfarfod</dd>"));
  CHECK(Has(cy, "aria-label=\"Ffurf: tabl\""));
  CHECK_FALSE(Has(cy, ": table\""));
  CHECK(Has(tree["statistics/index.html"], ">Cyfarfodydd a gynhaliwyd, yn ôl lle a ffurf</a>"));
  // The downloads are the same figures, under the translated labels.
  CHECK(Has(tree["statistics/data/meetings-format.csv"], "Wyneb yn wyneb,7"));
  // The rows themselves are the data: as the CSV has them in both languages.
  CHECK(tree["statistics/data/meetings.csv"] == tree["en/statistics/data/meetings.csv"]);

  // English reads as the original, with nothing marked.
  const std::string& en = tree["en/statistics/datasets/meetings/index.html"];
  CHECK(Has(en, "<h1>Meetings held, by place and format</h1>"));
  CHECK(Has(en, "<th scope=\"row\">In person</th>"));
  CHECK(Has(en, "<th scope=\"row\">Not recorded</th>"));
  CHECK(Has(en, "<h2 id=\"meetings-place-by-format\">Place by Format</h2>"));
  CHECK(Has(en, "<dt><code>place</code> (category)</dt><dd>Place</dd>"));
  CHECK_FALSE(Has(en, "<th scope=\"row\" lang="));
  CHECK_FALSE(Has(en, "<span lang="));

  // A source's kind is in the page's language.
  CHECK(Has(tree["sources/fixture-2025/index.html"], "<dd>Pecyn cymorth</dd>"));
  CHECK(Has(tree["en/sources/fixture-2025/index.html"], "<dd>Toolkit</dd>"));

  // Without its translation the Welsh page marks the dataset's own words.
  tree = RebuildWithout(site, "content/datasets/meetings.cy.yaml");
  const std::string& untranslated = tree["statistics/datasets/meetings/index.html"];
  CHECK(Has(untranslated, "<h1 lang=\"en\">Meetings held, by place and format</h1>"));
  CHECK(Has(untranslated, "<th scope=\"row\" lang=\"en\">In person</th>"));
  CHECK(Has(untranslated, "<h2 id=\"meetings-format\"><span lang=\"en\">Format</span></h2>"));
  // Its search result says so too.
  int results = 0;
  for (const auto& [path, data] : tree) {
    if (path.rfind("search/docs/", 0) != 0 || !Has(data, "\"url\":\"statistics/datasets/meetings/\"")) continue;
    ++results;
    CHECK(Has(data, "\"lang\":\"en\""));
  }
  CHECK(results == 1);
}

TEST_CASE("a dataset translation names the file, line and what it cannot match") {
  TestSite site("");
  UseBilingualFixture(site);
  site.Write("content/datasets/meetings.cy.yaml",
             "title: Cyfarfodydd\nnote: Nodyn\ntotals: [Un, Dau]\ncolumns:\n"
             "  - id: format\n    label: Ffurf\n    description: Sut\n    values: {Online: Ar-lein, By letter: Drwy lythyr}\n"
             "  - id: month\n    label: Mis\n  - id: place\n    description: Lle\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string errors = commonplace::testing::ErrorLines(r);
  INFO(errors);
  CHECK(Has(errors, "content/datasets/meetings.cy.yaml:1:1: error: the translation leaves out 'description', "
                    "which the original has"));
  CHECK(Has(errors, "content/datasets/meetings.cy.yaml:3:10: error: 'totals' has 2 entries, but the original has 1"));
  CHECK(Has(errors, "content/datasets/meetings.cy.yaml:8:31: error: column 'format' of "
                    "content/datasets/meetings.csv has no value 'By letter'"));
  CHECK(Has(errors, "translates 'month', but content/datasets/meetings.yaml has no item with that id"));
  CHECK(Has(errors, "the translation of column 'place' leaves out 'label'"));
  // A column's type is not words: it stays in the original.
  site.Write("content/datasets/meetings.cy.yaml",
             "title: C\ndescription: D\nnote: N\ncolumns:\n  - {id: place, label: Lle, type: text}\n");
  r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(Has(commonplace::testing::ErrorLines(r), "unknown field 'columns[0].type'"));
}

TEST_CASE("the default theme's templates write no words of their own: each is a message") {
  // A word written into a template is English on every language's pages,
  // and no message-file check can see it (": table" in every table region's
  // name was one). What a template may write itself: names of formats,
  // files and commands, the same in every language.
  const std::set<std::string> allowed = {"CSV", "JSON", "HTTP", "title:", "commonplace", "check-links",
                                         "--external", "casestudies/", "casestudies.csv",
                                         "casestudies.json", "casestudies.schema.json"};
  const std::regex mustache("\\{\\{\\{?[^}]*\\}?\\}\\}");
  const std::regex word("[A-Za-z]{2,}");
  std::string found;
  int files = 0;
  fs::path dir = fs::path(COMMONPLACE_SOURCE_DIR) / "themes/default/templates";
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    ++files;
    const std::string name = entry.path().lexically_relative(dir).generic_string();
    std::string text = Slurp(entry.path());
    text = std::regex_replace(text, std::regex("\\{\\{!(.|\\n)*?\\}\\}"), "");
    text = std::regex_replace(text, std::regex("<script(.|\\n)*?</script>|<style(.|\\n)*?</style>"), "");
    // Attributes a reader hears or sees.
    const std::regex attribute("\\b(aria-label|title|alt|placeholder)=\"([^\"]*)\"");
    for (std::sregex_iterator it(text.begin(), text.end(), attribute), end; it != end; ++it) {
      std::string value = std::regex_replace((*it)[2].str(), mustache, "");
      if (std::regex_search(value, word)) found += name + ": " + (*it)[0].str() + "\n";
    }
    // Element text.
    std::string words = std::regex_replace(text, std::regex("<[^>]*>"), " ");
    words = std::regex_replace(words, mustache, " ");
    std::istringstream in(words);
    for (std::string w; in >> w;) {
      if (std::regex_search(w, word) && !allowed.count(w)) found += name + ": " + w + "\n";
    }
  }
  CHECK(files > 25);
  CHECK(found == "");
}
