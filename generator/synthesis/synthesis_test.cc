#include "synthesis/synthesis.h"

#include <doctest/doctest.h>

using namespace commonplace;

namespace {

Finding MakeFinding(const std::string& id, const std::string& term, const std::string& source,
                    std::vector<std::string> participants, std::vector<std::string> cases = {}) {
  Finding f;
  f.id = id;
  f.term_uses.push_back({"drivers", "drivers[0]", term, {}});
  f.sources.push_back({source, "p.1", {}});
  f.participants = std::move(participants);
  f.case_studies = std::move(cases);
  return f;
}

Library SmallLibrary() {
  Library lib;
  Vocabulary v;
  v.id = "drivers";
  v.terms = {{"broad", "Broad", "", "", {}, "", {}},
             {"narrow", "Narrow", "", "broad", {}, "", {}},
             {"other", "Other", "", "", {}, "", {}}};
  lib.vocabularies.push_back(v);
  CaseStudy cs;
  cs.slug = "a-case";
  cs.term_uses.push_back({"drivers", "drivers[0]", "narrow", {}});
  cs.sources.push_back({"src-b", "p.2", {}});
  lib.case_studies.push_back(cs);
  lib.findings.push_back(MakeFinding("f1", "narrow", "src-a", {"R1-CI", "R2-HEI"}, {"a-case"}));
  lib.findings.push_back(MakeFinding("f2", "broad", "src-a", {"R2-HEI", "a community partner"}));
  lib.findings.back().quotations.push_back({"words", "R3-CI", "§1", {}});
  lib.findings[1].term_uses.push_back({"topics", "topics[0]", "power", {}});
  Worksheet w1, w2;
  w1.id = "on-power";
  w1.topics = {"power"};
  w2.id = "on-money";
  w2.topics = {"funding"};
  lib.worksheets = {w1, w2};
  Recommendation r;
  r.id = "rec";
  r.findings = {"f1"};
  lib.recommendations.push_back(r);
  lib.Link();
  return lib;
}

}  // namespace

TEST_CASE("a broader term gathers the findings and case studies of its narrower terms") {
  Library lib = SmallLibrary();
  ThemeEvidence broad = SynthesiseTheme(lib, "drivers", "broad");
  CHECK(broad.findings == std::vector<size_t>{0, 1});
  CHECK(broad.case_studies == std::vector<size_t>{0});
  ThemeEvidence narrow = SynthesiseTheme(lib, "drivers", "narrow");
  CHECK(narrow.findings == std::vector<size_t>{0});
  ThemeEvidence other = SynthesiseTheme(lib, "drivers", "other");
  CHECK_FALSE(other.HasEvidence());
  CHECK(other.strength == kNoEvidenceLabel);
}

TEST_CASE("counts: distinct sources, participant codes only, quotations and recommendations") {
  Library lib = SmallLibrary();
  ThemeEvidence e = SynthesiseTheme(lib, "drivers", "broad");
  CHECK(e.sources == std::vector<std::string>{"src-a", "src-b"});
  // "a community partner" is not a participant code; R3-CI counts from its quotation.
  CHECK(e.participants == std::vector<std::string>{"R1-CI", "R2-HEI", "R3-CI"});
  CHECK(e.quotations == 1);
  CHECK(e.recommendations == std::vector<size_t>{0});
  // A worksheet helps when it works on a topic the theme's findings raise.
  CHECK(e.worksheets == std::vector<size_t>{0});
  CHECK(SynthesiseTheme(lib, "drivers", "narrow").worksheets.empty());
  // 2 sources, 2 findings, 1 case + 3 participants: the second rule.
  CHECK(e.strength == "Moderate");
}

TEST_CASE("the strength rule takes the first rule whose minimums are all met") {
  CHECK(StrengthLabel(3, 4, 8) == std::string("Strong"));
  CHECK(StrengthLabel(3, 4, 7) == std::string("Moderate"));
  CHECK(StrengthLabel(2, 2, 3) == std::string("Moderate"));
  CHECK(StrengthLabel(1, 9, 40) == std::string("Limited"));
  CHECK(StrengthLabel(0, 0, 0) == std::string(kNoEvidenceLabel));
}

TEST_CASE("participant codes are the report's R<number>-CI and R<number>-HEI") {
  CHECK(IsParticipantCode("R29-CI"));
  CHECK(IsParticipantCode("R22-HEI"));
  CHECK_FALSE(IsParticipantCode("R-CI"));
  CHECK_FALSE(IsParticipantCode("R29"));
  CHECK_FALSE(IsParticipantCode("R29-XX"));
  CHECK_FALSE(IsParticipantCode("a community partner"));
}

TEST_CASE("gaps are said plainly") {
  Library lib = SmallLibrary();
  ThemeEvidence narrow = SynthesiseTheme(lib, "drivers", "narrow");
  bool funding_gap = false;
  for (const auto& g : narrow.gaps) {
    funding_gap |= g == ThemeEvidence::Gap{"funding", {{"funded", "0"}, {"total", "1"}}};
  }
  CHECK(funding_gap);
  ThemeEvidence other = SynthesiseTheme(lib, "drivers", "other");
  CHECK(other.gaps.front().key == "no_findings");
}
