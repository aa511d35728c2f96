// Validation messages, one test per kind of problem.
#include "validate/validate.h"

#include <doctest/doctest.h>

#include "load/loader.h"

using namespace commonplace;

namespace {

Library BaseLibrary() {
  Library lib;
  Diagnostics d;
  Vocabulary v;
  LoadVocabulary("content/vocabularies/activities.yaml",
                 "id: activities\ntitle: Activities\nterms:\n"
                 "  - id: co-produced-research\n    label: Co-produced research\n"
                 "  - id: placements\n    label: Placements\n",
                 &v, d);
  lib.vocabularies.push_back(v);
  for (auto [id, term] : {std::pair{"partnership-types", "community-university"},
                          {"partner-kinds", "university"},
                          {"impact-areas", "social"}}) {
    Vocabulary x;
    x.id = id;
    x.title = id;
    x.path = std::string("content/vocabularies/") + id + ".yaml";
    x.terms.push_back({term, term, "", "", {}, "", {4, 9}});
    lib.vocabularies.push_back(x);
  }
  Source s;
  s.id = "toolkit-2025";
  s.title = "Toolkit";
  s.kind = "toolkit";
  lib.sources.push_back(s);
  Principle p;
  p.id = "qmul-shared-power";
  lib.principles.push_back(p);
  REQUIRE(d.items().empty());
  return lib;
}

const char* kCase = R"(---
title: A partnership
summary: What it is.
partnership_type: community-university
status: active
partners:
  - name: A university
    kind: university
activities: [co-produced-research]
impacts: [{area: social}]
principles: [qmul-shared-power]
sources:
  - source: toolkit-2025
    locator: "p.38"
updated: 2026-11-24
---
Body.
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

Diagnostics Check(const std::string& text, const std::string& slug = "x") {
  Library lib = BaseLibrary();
  Diagnostics d;
  CaseStudy cs;
  LoadCaseStudy("casestudies/" + slug + ".md", text, &cs, d);
  cs.slug = slug;
  REQUIRE(d.items().empty());
  lib.case_studies.push_back(cs);
  ValidateLibrary(lib, d);
  return d;
}

std::string Only(const Diagnostics& d) {
  REQUIRE(d.items().size() == 1);
  return FormatHeadline(d.items()[0]);
}

}  // namespace

TEST_CASE("a valid case study has no diagnostics") { CHECK(Check(kCase).items().empty()); }

TEST_CASE("unknown vocabulary term suggests the nearest") {
  Diagnostics d = Check(Replace(kCase, "[co-produced-research]", "[co-produced-reserch]"));
  CHECK(Only(d) ==
        "casestudies/x.md:9:14: error: unknown term 'co-produced-reserch' in field "
        "'activities[0]' (vocabulary activities)");
  CHECK(d.items()[0].hint == "did you mean 'co-produced-research'?");
}

TEST_CASE("unknown status") {
  Diagnostics d = Check(Replace(kCase, "status: active", "status: activ"));
  CHECK(Only(d) == "casestudies/x.md:5:9: error: unknown status 'activ' (field: status)");
  CHECK(d.items()[0].hint == "did you mean 'active'? Use one of: active, ended, unknown");
}

TEST_CASE("unknown principle") {
  CHECK(Only(Check(Replace(kCase, "[qmul-shared-power]", "[qmul-shared-powr]"))) ==
        "casestudies/x.md:11:14: error: unknown principle 'qmul-shared-powr' (field: principles[0])");
}

TEST_CASE("unknown source") {
  CHECK(Only(Check(Replace(kCase, "source: toolkit-2025", "source: toolkit-2024"))) ==
        "casestudies/x.md:13:13: error: unknown source 'toolkit-2024' (field: sources[0].source)");
}

TEST_CASE("bad date") {
  CHECK(Only(Check(Replace(kCase, "updated: 2026-11-24", "updated: 2026-02-30"))) ==
        "casestudies/x.md:15:10: error: '2026-02-30' is not a valid date (field: updated)");
}

TEST_CASE("years out of order") {
  CHECK(Only(Check(Replace(kCase, "partners:", "years: {start: 2020, end: 2019}\npartners:"))) ==
        "casestudies/x.md:6:8: error: years.start (2020) is after years.end (2019) (field: years)");
}

TEST_CASE("invalid file name") {
  CHECK(Only(Check(kCase, "Bad_Name")) ==
        "casestudies/Bad_Name.md: error: file name 'Bad_Name' is not a valid id");
}

TEST_CASE("warnings: no locator, no impacts") {
  Diagnostics d = Check(Replace(Replace(kCase, "    locator: \"p.38\"\n", ""), "impacts: [{area: social}]\n", ""));
  CHECK(d.ErrorCount() == 0);
  REQUIRE(d.WarningCount() == 2);
  d.Sort();
  CHECK(FormatHeadline(d.items()[0]) ==
        "casestudies/x.md:2:8: warning: the case study lists no impacts (field: impacts)");
  CHECK(FormatHeadline(d.items()[1]) ==
        "casestudies/x.md:12:13: warning: source 'toolkit-2025' has no locator (field: sources[0].locator)");
}

TEST_CASE("duplicate ids across recommendation files") {
  Library lib = BaseLibrary();
  Vocabulary aud;
  aud.id = "audiences";
  aud.terms.push_back({"universities", "Universities", "", "", {}, {}});
  lib.vocabularies.push_back(aud);
  Recommendation r;
  r.id = "same";
  r.audience = "universities";
  r.path = "content/recommendations/universities.yaml";
  r.pos = {3, 5};
  r.sources.push_back({"toolkit-2025", "p.1", {5, 17}});
  lib.recommendations = {r, r};
  lib.recommendations[1].pos = {9, 5};
  Diagnostics d;
  ValidateLibrary(lib, d);
  CHECK(Only(d) ==
        "content/recommendations/universities.yaml:9:5: error: duplicate recommendation id 'same' (field: id)");
}

TEST_CASE("vocabulary parent must exist and not loop") {
  Library lib = BaseLibrary();
  Vocabulary v;
  v.id = "drivers";
  v.path = "content/vocabularies/drivers.yaml";
  v.terms.push_back({"a", "A", "", "b", {}, "", {4, 9}});
  v.terms.push_back({"b", "B", "", "a", {}, "", {6, 9}});
  v.terms.push_back({"c", "C", "", "zzz", {}, "", {8, 9}});
  lib.vocabularies.push_back(v);
  Diagnostics d;
  ValidateLibrary(lib, d);
  d.Sort();
  REQUIRE(d.items().size() == 3);
  CHECK(FormatHeadline(d.items()[0]) ==
        "content/vocabularies/drivers.yaml:4:9: error: term 'a' is its own ancestor (field: terms.parent)");
  CHECK(FormatHeadline(d.items()[2]) ==
        "content/vocabularies/drivers.yaml:8:9: error: term 'c' has unknown parent 'zzz' (field: terms.parent)");
}

TEST_CASE("iso dates") {
  CHECK(IsIsoDate("2024-02-29"));
  CHECK_FALSE(IsIsoDate("2023-02-29"));
  CHECK_FALSE(IsIsoDate("2023-13-01"));
  CHECK_FALSE(IsIsoDate("24-01-01"));
}

TEST_CASE("placeholders: names reserved for examples, example repositories, 'Your …'") {
  for (const char* v : {"https://example.org/commonplace/", "http://www.example.com", "https://x.example.net/a",
                        "a@example.org", "https://site.test/", "https://localhost:8000/",
                        "https://github.com/example/commonplace", "https://gitlab.com/your-org/repo",
                        "https://www.your-organisation.ac.uk/", "Your organisation", "https://demo.example/"}) {
    CHECK_MESSAGE(IsPlaceholderValue(v), v);
  }
  for (const char* v : {"https://evidence.civic-lab.ac.uk/", "https://github.com/civic-lab/evidence",
                        "evidence@civic-lab.ac.uk", "Civic Lab", "https://examples.org/",
                        "https://counterexample.org/", "https://creativecommons.org/licenses/by-nc/4.0/"}) {
    CHECK_FALSE_MESSAGE(IsPlaceholderValue(v), v);
  }
}

TEST_CASE("a validation cache checks again only what changed") {
  const std::string bad = Replace(kCase, "status: active", "status: activ");
  Library lib = BaseLibrary();
  for (const auto& [slug, text] : {std::pair{"a", std::string(kCase)}, {"b", bad}}) {
    Diagnostics d;
    CaseStudy cs;
    LoadCaseStudy(std::string("casestudies/") + slug + ".md", text, &cs, d);
    cs.slug = slug;
    cs.text_hash = std::hash<std::string>{}(text);
    lib.case_studies.push_back(cs);
  }
  // As the loader leaves a library when it keeps a cache.
  lib.content_fingerprint = "site.yaml 10 1\n";
  auto headlines = [](const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items()) out.push_back(FormatHeadline(item));
    return out;
  };
  Diagnostics uncached;
  ValidateLibrary(lib, uncached);
  REQUIRE(headlines(uncached) == std::vector<std::string>{
                                     "casestudies/b.md:5:9: error: unknown status 'activ' "
                                     "(field: status)"});

  ValidationCache cache;
  Diagnostics first, second;
  CHECK_FALSE(ValidateLibrary(lib, first, &cache));
  CHECK(cache.reused() == 0);
  CHECK_FALSE(ValidateLibrary(lib, second, &cache));
  CHECK(cache.reused() == 2);
  CHECK(headlines(first) == headlines(uncached));
  CHECK(headlines(second) == headlines(uncached));

  SUBCASE("an edited case study is checked again") {
    Diagnostics d;
    LoadCaseStudy("casestudies/b.md", kCase, &lib.case_studies[1], d);
    lib.case_studies[1].text_hash = std::hash<std::string>{}(std::string(kCase));
    CHECK(ValidateLibrary(lib, d, &cache));
    CHECK(cache.reused() == 1);
    CHECK(d.items().empty());
  }
  SUBCASE("a changed content file checks every case study again") {
    lib.vocabularies[0].terms.pop_back();  // placements
    lib.vocabularies[0].terms.pop_back();  // co-produced-research
    lib.content_fingerprint = "site.yaml 10 1\ncontent/vocabularies/activities.yaml 5 2\n";
    Diagnostics d;
    CHECK_FALSE(ValidateLibrary(lib, d, &cache));
    CHECK(cache.reused() == 0);
    CHECK(d.ErrorCount() == 3);  // the term in both, and b's status
  }
  SUBCASE("a removed case study is forgotten; one loaded without a cache is checked") {
    lib.case_studies.resize(1);
    Diagnostics d;
    CHECK(ValidateLibrary(lib, d, &cache));
    CHECK(cache.reused() == 1);
    lib.content_fingerprint.clear();
    CHECK(ValidateLibrary(lib, d, &cache));
    CHECK(cache.reused() == 0);
  }
}
