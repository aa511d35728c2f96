// synthesis/: what the evidence says about one theme (a driver, barrier,
// enabler or impact area): its findings, how much evidence there is, counted
// from the model and never typed in, and the strength label a stated rule
// gives those counts. Pure functions of the Library: no HTML here.
#ifndef COMMONPLACE_SYNTHESIS_SYNTHESIS_H_
#define COMMONPLACE_SYNTHESIS_SYNTHESIS_H_

#include <string>
#include <utility>
#include <vector>

#include "model/model.h"

namespace commonplace {

/// The vocabularies whose terms get a synthesis page.
const std::vector<std::string>& ThemeVocabularies();
bool IsThemeVocabulary(const std::string& vocab);

/// The rule that turns counts into a label, in order: the first whose
/// minimums are all met applies. The method page prints these same numbers.
struct StrengthRule {
  const char* label;        ///< "Strong", "Moderate", "Limited"
  const char* explanation;  ///< One sentence, for readers.
  int min_sources;
  int min_findings;
  int min_case_studies_or_participants;  ///< case studies + interview participants
};
const std::vector<StrengthRule>& StrengthRules();
/// The label when no rule applies (nothing on the site bears on the theme).
inline constexpr const char* kNoEvidenceLabel = "None yet";

/// True for a participant code as the cultural-institutions report prints
/// them ("R29-CI", "R22-HEI").
bool IsParticipantCode(const std::string& s);

struct ThemeEvidence {
  std::string vocab;
  std::string term;
  std::vector<size_t> findings;       ///< Into lib.findings, under the term or a narrower one.
  std::vector<size_t> case_studies;   ///< Into lib.case_studies, the same roll-up.
  std::vector<std::string> sources;   ///< Distinct source ids of those findings and case studies.
  std::vector<std::string> participants;  ///< Distinct interview participant codes.
  std::vector<size_t> recommendations;    ///< Into lib.recommendations: those citing its findings.
  std::vector<size_t> worksheets;  ///< Into lib.worksheets: those sharing a topic with its findings.
  int quotations = 0;
  std::string strength;               ///< From StrengthRules(), or kNoEvidenceLabel.
  /// What is not known, said plainly from the same counts: each a message
  /// key under gaps. (the theme's i18n files word it) and its values.
  struct Gap {
    std::string key;
    std::vector<std::pair<std::string, std::string>> args;
    bool operator==(const Gap&) const = default;
  };
  std::vector<Gap> gaps;
  bool HasEvidence() const { return !findings.empty() || !case_studies.empty(); }
};

/// Gathers the evidence for one term. Call after lib.Link().
ThemeEvidence SynthesiseTheme(const Library& lib, const std::string& vocab, const std::string& term);

/// The label StrengthRules() gives these counts.
std::string StrengthLabel(int sources, int findings, int case_studies_or_participants);

}  // namespace commonplace

#endif  // COMMONPLACE_SYNTHESIS_SYNTHESIS_H_
