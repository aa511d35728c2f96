// One test per loader message: exact text and exact position.
#include <doctest/doctest.h>

#include "load/front_matter.h"
#include "load/csv.h"
#include "load/loader.h"

#include <filesystem>
#include <fstream>

using namespace commonplace;

namespace {

const char* kValid = R"(---
title: A partnership
summary: What it is.
partnership_type: community-university
status: active
years: {start: 2019, end: 2023}
places:
  - name: Reading
    region: south-east
partners:
  - name: A university
    kind: university
activities: [co-produced-research]
impacts:
  - area: social
    level: community
sources:
  - source: toolkit-2025
    locator: "p.38"
updated: 2026-11-24
---
## Body

Text.
)";

// Loads `text` as casestudies/x.md and returns the first diagnostic's headline.
std::string FirstError(const std::string& text) {
  Diagnostics d;
  std::string t = text;
  CaseStudy cs;
  if (NormaliseText("casestudies/x.md", &t, d)) LoadCaseStudy("casestudies/x.md", t, &cs, d);
  REQUIRE(!d.items().empty());
  return FormatHeadline(d.items()[0]);
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("a valid case study loads every field") {
  Diagnostics d;
  CaseStudy cs;
  CHECK(LoadCaseStudy("casestudies/x.md", kValid, &cs, d));
  CHECK(d.items().empty());
  CHECK(cs.title == "A partnership");
  CHECK(cs.year_start == 2019);
  CHECK(cs.year_end == 2023);
  REQUIRE(cs.places.size() == 1);
  CHECK(cs.places[0].region == "south-east");
  CHECK(cs.partners[0].kind == "university");
  CHECK(cs.sources[0].locator == "p.38");
  CHECK(cs.body_line == 22);
  CHECK(cs.body_md == "## Body\n\nText.\n");
  // Every vocabulary use is remembered with its position for validation.
  bool found = false;
  for (const auto& u : cs.term_uses) {
    if (u.vocab == "activities") {
      found = true;
      CHECK(u.term == "co-produced-research");
      CHECK(u.pos.line == 13);
      CHECK(u.pos.col == 14);
    }
  }
  CHECK(found);
}

TEST_CASE("empty file") {
  CHECK(FirstError("") == "casestudies/x.md:1:1: error: the file is empty");
  CHECK(FirstError("\n  \n") == "casestudies/x.md:1:1: error: the file is empty");
}

TEST_CASE("missing opening fence") {
  CHECK(FirstError("title: x\n") ==
        "casestudies/x.md:1:1: error: missing front matter: the first line must be '---'");
}

TEST_CASE("unterminated front matter") {
  CHECK(FirstError("---\ntitle: x\n") == "casestudies/x.md:1:1: error: front matter is not closed");
}

TEST_CASE("invalid UTF-8 names line and column") {
  CHECK(FirstError("---\ntitle: ab\xff\n---\n") ==
        "casestudies/x.md:2:10: error: the file is not valid UTF-8");
}

TEST_CASE("BOM and CRLF are accepted") {
  std::string text = "\xEF\xBB\xBF" + Replace(kValid, "title: A partnership\n", "title: A partnership\r\n");
  Diagnostics d;
  CHECK(NormaliseText("casestudies/x.md", &text, d));
  CaseStudy cs;
  CHECK(LoadCaseStudy("casestudies/x.md", text, &cs, d));
  CHECK(cs.title == "A partnership");
}

TEST_CASE("YAML syntax error has the file position") {
  CHECK(FirstError("---\ntitle: [unclosed\nsummary: x\n---\n").rfind(
            "casestudies/x.md:3:", 0) == 0);
}

TEST_CASE("tabs in indentation") {
  Diagnostics d;
  CaseStudy cs;
  LoadCaseStudy("casestudies/x.md", "---\npartners:\n\t- name: x\n---\n", &cs, d);
  REQUIRE(!d.items().empty());
  CHECK(d.items()[0].message.rfind("invalid YAML", 0) == 0);
  CHECK(d.items()[0].hint == "YAML does not allow tab characters for indentation: use spaces");
}

TEST_CASE("front matter that is not a map") {
  CHECK(FirstError("---\n- a\n- b\n---\n") ==
        "casestudies/x.md:2:1: error: front matter must be a set of 'key: value' fields");
}

TEST_CASE("unknown field suggests the nearest") {
  Diagnostics d;
  CaseStudy cs;
  LoadCaseStudy("casestudies/x.md", Replace(kValid, "status:", "stauts:"), &cs, d);
  REQUIRE(d.items().size() >= 1);
  CHECK(FormatHeadline(d.items()[0]) == "casestudies/x.md:5:1: error: unknown field 'stauts'");
  CHECK(d.items()[0].hint == "did you mean 'status'?");
}

TEST_CASE("duplicate key") {
  CHECK(FirstError(Replace(kValid, "status: active\n", "status: active\nstatus: ended\n")) ==
        "casestudies/x.md:6:1: error: duplicate field 'status'");
}

TEST_CASE("missing required field points at the front matter") {
  CHECK(FirstError(Replace(kValid, "title: A partnership\n", "")) ==
        "casestudies/x.md:2:1: error: missing required field 'title'");
}

TEST_CASE("wrong type: number") {
  CHECK(FirstError(Replace(kValid, "start: 2019", "start: soon")) ==
        "casestudies/x.md:6:16: error: field 'years.start' must be a whole number, not 'soon'");
}

TEST_CASE("wrong type: text given a list") {
  CHECK(FirstError(Replace(kValid, "summary: What it is.", "summary: [a, b]")) ==
        "casestudies/x.md:3:10: error: field 'summary' must be text, not a list");
}

TEST_CASE("wrong type: list given a map") {
  CHECK(FirstError(Replace(kValid, "activities: [co-produced-research]", "activities: {a: b}")) ==
        "casestudies/x.md:13:13: error: field 'activities' must be a list");
}

TEST_CASE("wrong type: boolean") {
  CHECK(FirstError(Replace(kValid, "updated:", "anonymised: maybe\nupdated:")) ==
        "casestudies/x.md:20:13: error: field 'anonymised' must be true or false, not 'maybe'");
}

TEST_CASE("figure value must be a number") {
  CHECK(FirstError(Replace(kValid, "updated:",
                           "figures:\n  - label: Projects\n    value: eleven\nupdated:")) ==
        "casestudies/x.md:22:12: error: field 'figures[0].value' must be a number");
}

TEST_CASE("ci_category only on cultural institutions") {
  CHECK(FirstError(Replace(kValid, "    kind: university\n",
                           "    kind: university\n    ci_category: library-archive\n")) ==
        "casestudies/x.md:13:18: error: 'ci_category' is only for partners of kind "
        "'cultural-institution' (field: partners[0].ci_category)");
}

TEST_CASE("sources must not be empty") {
  CHECK(FirstError(Replace(kValid, "sources:\n  - source: toolkit-2025\n    locator: \"p.38\"\n",
                           "sources: []\n")) ==
        "casestudies/x.md:17:10: error: field 'sources' needs at least one source");
}

TEST_CASE("deep nesting is refused before parsing") {
  std::string deep = "---\ntitle: " + std::string(200, '[') + "\n---\n";
  CHECK(FirstError(deep) == "casestudies/x.md:2:72: error: the YAML is nested too deeply");
}

TEST_CASE("site config: base_url must be absolute") {
  Diagnostics d;
  SiteConfig c;
  LoadSiteConfig("site.yaml", "title: X\nbase_url: example.org\n", &c, d);
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "site.yaml:2:11: error: 'base_url' must start with http:// or https://");
}

TEST_CASE("site config: base path") {
  Diagnostics d;
  SiteConfig c;
  CHECK(LoadSiteConfig("site.yaml", "title: X\nbase_url: https://example.org/evidence\n", &c, d));
  CHECK(c.base_url == "https://example.org/evidence/");
  CHECK(c.BasePath() == "/evidence/");
}

TEST_CASE("vocabulary id must match its file") {
  Diagnostics d;
  Vocabulary v;
  LoadVocabulary("content/vocabularies/drivers.yaml",
                 "id: driver\ntitle: Drivers\nterms:\n  - id: a\n    label: A\n", &v, d);
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "content/vocabularies/drivers.yaml:1:5: error: vocabulary id 'driver' does not match the "
        "file name 'drivers' (field: id)");
}

TEST_CASE("CSV: quoted fields, doubled quotes, CRLF and positioned errors") {
  CsvTable t;
  Diagnostics d;
  REQUIRE(ParseCsv("d.csv", "a,b\r\n\"x, \"\"y\"\"\",2\r\n\"multi\nline\",3\n", &t, d));
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0] == "x, \"y\"");
  CHECK(t.rows[1][0] == "multi\nline");
  CHECK(t.row_lines == std::vector<int>{2, 3});

  Diagnostics d2;
  CHECK_FALSE(ParseCsv("d.csv", "a,b\n1,2\n3\n", &t, d2));
  CHECK(FormatHeadline(d2.items()[0]) == "d.csv:3:1: error: row has 1 fields but the header has 2");

  Diagnostics d3;
  CHECK_FALSE(ParseCsv("d.csv", "a,b\n1,x\"y\n", &t, d3));
  CHECK(FormatHeadline(d3.items()[0]) == "d.csv:2:4: error: a quote inside an unquoted field");

  Diagnostics d4;
  CHECK_FALSE(ParseCsv("d.csv", "a,b\n1,\"open\n", &t, d4));
  CHECK(FormatHeadline(d4.items()[0]) == "d.csv:2:1: error: a quoted field is never closed");
}

TEST_CASE("datasets: descriptor and rows must agree") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / "cp_dataset_test";
  fs::remove_all(root);
  fs::create_directories(root / "content/datasets");
  auto write = [&](const std::string& rel, const std::string& text) {
    std::ofstream(root / rel, std::ios::binary) << text;
  };
  const std::string yaml = R"(id: d
title: T
description: D.
sources: [{source: s, locator: "p.1"}]
weight: n
columns:
  - {id: kind, label: Kind, type: category}
  - {id: n, label: Count, type: integer}
summaries: [kind, knd]
totals:
  - {label: All, value: 3}
)";
  write("content/datasets/d.yaml", yaml);
  write("content/datasets/d.csv", "kind,n\na,1\nb,two\n");
  Dataset ds;
  Diagnostics d;
  CHECK_FALSE(LoadDataset(root.string(), "content/datasets/d.yaml", yaml, &ds, d));
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "content/datasets/d.yaml:9:19: error: 'knd' is not a column of this dataset (field: summaries)");
  CHECK(d.items()[0].hint == "did you mean 'kind'?");

  std::string fixed = yaml;
  fixed.replace(fixed.find(", knd"), 5, "");
  Diagnostics d2;
  ds = Dataset();
  CHECK_FALSE(LoadDataset(root.string(), "content/datasets/d.yaml", fixed, &ds, d2));
  REQUIRE(d2.items().size() == 1);
  CHECK(FormatHeadline(d2.items()[0]) ==
        "content/datasets/d.csv:3:1: error: 'two' in column 'n' is not a whole number");

  write("content/datasets/d.csv", "kind,count\na,1\n");
  Diagnostics d3;
  ds = Dataset();
  CHECK_FALSE(LoadDataset(root.string(), "content/datasets/d.yaml", fixed, &ds, d3));
  CHECK(FormatHeadline(d3.items()[0]) ==
        "content/datasets/d.csv:1:1: error: column 2 is 'count' but content/datasets/d.yaml names it 'n'");

  write("content/datasets/d.csv", "kind,n\na,1\nb,2\n");
  Diagnostics d4;
  ds = Dataset();
  CHECK(LoadDataset(root.string(), "content/datasets/d.yaml", fixed, &ds, d4));
  CHECK(ds.rows.size() == 2);
  fs::remove_all(root);
}

TEST_CASE("an alias is refused at its own line, before any value is read from it") {
  Diagnostics d;
  CaseStudy cs;
  std::string text = Replace(kValid, "activities: [co-produced-research]\n",
                             "activities: &a [co-produced-research, 7]\ndrivers: *a\n");
  CHECK_FALSE(LoadCaseStudy("casestudies/x.md", text, &cs, d));
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "casestudies/x.md:14:10: error: YAML aliases ('*name') are not allowed in content");
  CHECK(cs.drivers.empty());
}

TEST_CASE("a finding loads with its terms, quotations and sources, and its limits are checked") {
  const std::string finding =
      "---\ntitle: Shared interests start partnerships\nsummary: S.\nkind: enabler\n"
      "enablers: [mutual-value]\ntopics: [relationships]\ncase_studies: [a-case]\n"
      "participants: [R29-CI]\nquotations:\n  - text: \"It is about mutual value\"\n"
      "    by: R29-CI\n    locator: \"§4.5\"\nsources: [{source: hei-ci-2026, locator: \"§4.5\"}]\n"
      "editor_note: A note.\n---\nBody.\n";
  Diagnostics d;
  Finding f;
  REQUIRE(LoadFinding("content/findings/shared-interests.md", finding, &f, d));
  CHECK(f.id == "shared-interests");
  CHECK(f.kind == "enabler");
  CHECK(f.Terms("enablers") == std::vector<std::string>{"mutual-value"});
  CHECK(f.Terms("topics") == std::vector<std::string>{"relationships"});
  REQUIRE(f.quotations.size() == 1);
  CHECK(f.quotations[0].by == "R29-CI");
  CHECK(f.quotations[0].pos.line == 10);
  CHECK(f.editor_note == "A note.");
  CHECK(f.body_md == "Body.\n");

  // No source, no theme term, a bad kind and a long quotation: each at its line.
  std::string words;
  for (int i = 0; i < 41; ++i) words += "word ";
  std::string bad = "---\ntitle: T\nsummary: S\nkind: reason\ntopics: [x]\nquotations:\n  - text: \"" + words +
        "\"\n    by: R1-CI\n---\n";
  Diagnostics d2;
  Finding g;
  CHECK_FALSE(LoadFinding("content/findings/bad.md", bad, &g, d2));
  std::string all;
  for (const auto& item : d2.items()) all += FormatHeadline(item) + "\n";
  INFO(all);
  CHECK(all.find("content/findings/bad.md:4:7: error: unknown finding kind 'reason'") != std::string::npos);
  CHECK(all.find("content/findings/bad.md:7:11: error: a quotation may be at most 40 words (this one has 41)") != std::string::npos);
  CHECK(all.find("error: missing required field 'sources'") != std::string::npos);
  CHECK(all.find("a finding must bear on at least one driver, barrier, enabler or impact area") != std::string::npos);
}

TEST_CASE("with a duplicate key the first value counts") {
  Diagnostics d;
  CaseStudy cs;
  LoadCaseStudy("casestudies/x.md",
                Replace(kValid, "status: active\n", "status: active\nstatus: ended\n"), &cs, d);
  CHECK(cs.status == "active");
}

TEST_CASE("a key with no value is empty, and the error points at the key") {
  CHECK(FirstError(Replace(kValid, "title: A partnership\n", "title:\n")) ==
        "casestudies/x.md:2:1: error: field 'title' is empty");
}

TEST_CASE("worksheet: 'fields' written as one string is checked where it is") {
  const std::string yaml = R"(id: w
title: T
summary: S.
purpose: P.
sources: [{source: s, locator: "p.1"}]
sections:
  - id: one
    heading: One
    kind: text
    fields: "Not A Field"
)";
  Worksheet ws;
  Diagnostics d;
  CHECK_FALSE(LoadWorksheet("content/templates/w.yaml", yaml, &ws, d));
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "content/templates/w.yaml:10:13: error: 'Not A Field' is not a case-study field name "
        "(field: sections[0].fields)");
}
