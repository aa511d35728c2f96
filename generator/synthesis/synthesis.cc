#include "synthesis/synthesis.h"

#include <algorithm>
#include <set>

namespace commonplace {

const std::vector<std::string>& ThemeVocabularies() {
  static const std::vector<std::string> kVocabs = {"drivers", "barriers", "enablers",
                                                   "impact-areas"};
  return kVocabs;
}

bool IsThemeVocabulary(const std::string& vocab) {
  const auto& v = ThemeVocabularies();
  return std::find(v.begin(), v.end(), vocab) != v.end();
}

// Sources agree before a theme is called strong: one report, however many
// voices it quotes, is one study's view (the EEF toolkit's "security" rates
// the number and quality of studies the same way).
const std::vector<StrengthRule>& StrengthRules() {
  static const std::vector<StrengthRule> kRules = {
      {"Strong",
       "at least 3 of the site's sources bear on it, in at least 4 findings, with at least 8 case "
       "studies or interview participants behind them",
       3, 4, 8},
      {"Moderate",
       "at least 2 sources bear on it, in at least 2 findings, with at least 3 case studies or "
       "interview participants",
       2, 2, 3},
      {"Limited", "at least one finding or case study bears on it", 1, 0, 0},
  };
  return kRules;
}

std::string StrengthLabel(int sources, int findings, int cases_or_participants) {
  for (const auto& r : StrengthRules()) {
    if (sources >= r.min_sources && findings >= r.min_findings &&
        cases_or_participants >= r.min_case_studies_or_participants) {
      return r.label;
    }
  }
  return kNoEvidenceLabel;
}

bool IsParticipantCode(const std::string& s) {
  // R<digits>-<CI|HEI>
  if (s.size() < 4 || s[0] != 'R') return false;
  size_t i = 1;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 1 || i >= s.size() || s[i] != '-') return false;
  std::string side = s.substr(i + 1);
  return side == "CI" || side == "HEI";
}

namespace {

std::vector<size_t> Lookup(const std::map<std::string, std::map<std::string, std::vector<size_t>>>& m,
                           const std::string& vocab, const std::string& term) {
  auto v = m.find(vocab);
  if (v == m.end()) return {};
  auto t = v->second.find(term);
  return t == v->second.end() ? std::vector<size_t>{} : t->second;
}

}  // namespace

ThemeEvidence SynthesiseTheme(const Library& lib, const std::string& vocab,
                              const std::string& term) {
  ThemeEvidence e;
  e.vocab = vocab;
  e.term = term;
  // Link() rolls every finding and case study up to the broader terms.
  e.findings = Lookup(lib.findings_by_term, vocab, term);
  e.case_studies = Lookup(lib.cases_by_term, vocab, term);
  std::set<std::string> sources, participants, finding_ids;
  for (size_t i : e.findings) {
    const Finding& f = lib.findings[i];
    finding_ids.insert(f.id);
    for (const auto& s : f.sources) sources.insert(s.source);
    for (const auto& p : f.participants) {
      if (IsParticipantCode(p)) participants.insert(p);
    }
    for (const auto& q : f.quotations) {
      if (IsParticipantCode(q.by)) participants.insert(q.by);
    }
    e.quotations += static_cast<int>(f.quotations.size());
  }
  for (size_t i : e.case_studies) {
    for (const auto& s : lib.case_studies[i].sources) sources.insert(s.source);
  }
  e.sources.assign(sources.begin(), sources.end());
  e.participants.assign(participants.begin(), participants.end());
  for (size_t i = 0; i < lib.recommendations.size(); ++i) {
    for (const auto& id : lib.recommendations[i].findings) {
      if (finding_ids.count(id)) {
        e.recommendations.push_back(i);
        break;
      }
    }
  }
  // Worksheets help where they work on a topic the theme's findings raise.
  std::set<std::string> topics;
  for (size_t i : e.findings) {
    for (const auto& t : lib.findings[i].Terms("topics")) topics.insert(t);
  }
  for (size_t w = 0; w < lib.worksheets.size(); ++w) {
    for (const auto& t : lib.worksheets[w].topics) {
      if (topics.count(t)) {
        e.worksheets.push_back(w);
        break;
      }
    }
  }
  e.strength = StrengthLabel(static_cast<int>(e.sources.size()), static_cast<int>(e.findings.size()),
                             static_cast<int>(e.case_studies.size() + e.participants.size()));
  // What is not known, said plainly from the same counts.
  if (e.findings.empty()) {
    e.gaps.push_back({"no_findings", {}});
  }
  if (e.case_studies.empty()) {
    e.gaps.push_back({"no_case_studies", {}});
  }
  if (e.sources.size() == 1) {
    e.gaps.push_back({"one_source", {}});
  }
  if (!e.findings.empty() && e.participants.empty()) {
    e.gaps.push_back({"no_participants", {}});
  }
  if (!e.case_studies.empty()) {
    int with_funding = 0;
    for (size_t i : e.case_studies) with_funding += !lib.case_studies[i].funding.empty();
    if (with_funding * 2 < static_cast<int>(e.case_studies.size())) {
      e.gaps.push_back({"funding", {{"funded", std::to_string(with_funding)},
                                    {"total", std::to_string(e.case_studies.size())}}});
    }
  }
  if (e.HasEvidence() && e.worksheets.empty()) {
    e.gaps.push_back({"no_worksheets", {}});
  }
  if (e.HasEvidence() && e.recommendations.empty()) {
    e.gaps.push_back({"no_recommendations", {}});
  }
  return e;
}

}  // namespace commonplace
