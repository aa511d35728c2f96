// stats/collection.h: the statistics computed over the case studies. Each
// figure is a StatBlock: a table (which is also the download) and a chart
// drawn from that same table. Links are written relative to the page at
// `root` ("../../" for statistics/x/).
#ifndef COMMONPLACE_STATS_COLLECTION_H_
#define COMMONPLACE_STATS_COLLECTION_H_

#include <string>
#include <vector>

#include "i18n/messages.h"
#include "model/model.h"
#include "stats/table.h"

namespace commonplace {

struct StatBlock {
  std::string heading;
  /// The heading as HTML when words in it are in another language than the
  /// page's (marked); "" to show `heading`.
  std::string heading_html{};
  std::string lead;  ///< One or two plain sentences saying what the figure shows.
  /// The lead as HTML when a value in it is in another language than the
  /// page's (an untranslated term's label, marked); "" to show `lead`.
  std::string lead_html{};
  std::string svg;   ///< The chart, or "" when a table says it better.
  Table table;
};

/// Which partner kind counts as a cultural institution.
inline constexpr const char* kCulturalInstitutionKind = "cultural-institution";

/// Counts and shares of case studies per term of the vocabulary behind one
/// case-study field (terms in tree order: each followed by its narrower
/// terms, siblings as in the vocabulary file; a "not recorded" row last).
/// Returns false when the vocabulary is missing or there are no case studies.
/// A case-study field's name ("Impact areas") in the messages' language.
std::string FieldLabel(const Messages& words, const VocabField& field);

/// Its words come from `words` (the page language's messages, stats.*).
bool DistributionBlock(const Library& lib, const VocabField& field, const std::string& root,
                       const Messages& words,
                       StatBlock* out);

/// Case studies a term must have before its page shows what else they
/// record: below this a chart of ones and zeros says nothing a list does not.
inline constexpr size_t kMinCasesForProfile = 3;

/// The field a term page's chart profiles: impact areas, or activities on
/// the page of an impact area. Null when the field is unknown.
const VocabField* ProfileFieldFor(const std::string& vocab);

/// Of the case studies filed under `term` of `field` (or a narrower term),
/// how many record each term of `other`: the small chart on a term page.
/// Returns false when the term has fewer than kMinCasesForProfile case
/// studies, none of them records `other`, or a vocabulary is missing.
bool ProfileBlock(const Library& lib, const VocabField& field, const std::string& term,
                  const Messages& words,
                  const VocabField& other, const std::string& root, StatBlock* out);

/// Partners per case study: summary figures and a histogram.
StatBlock PartnersPerCaseBlock(const Library& lib, const Messages& words);
/// Partner-kind concentration (Herfindahl index) per case study.
StatBlock ConcentrationBlock(const Library& lib, const std::string& root, const Messages& words);
/// The share of case studies with at least one cultural-institution partner.
StatBlock CulturalShareBlock(const Library& lib, const Messages& words);

/// Case studies with and without a cultural-institution partner: Welch's
/// t-tests on partners and concentration, Fisher's exact test per impact
/// area, and chi-square on partnership type. Small samples are flagged.
/// Every word, the tests' names and notes included, comes from `words`
/// (stats.comparison.*), every figure shown through its number format.
std::vector<StatBlock> ComparisonBlocks(const Library& lib, const Messages& words);

/// Rows × columns cross-tabulation of two case-study fields (term counts),
/// worded from `words` (stats.crosstab.*).
StatBlock CrossTabBlock(const Library& lib, const VocabField& rows, const VocabField& cols,
                        const std::string& root, const Messages& words);

/// The language of a label (a term's or a vocabulary's `lang`, "" for the
/// content's own) when it is not `words`' language, for a `lang`
/// attribute; "" on a site with one language.
std::string LabelLanguage(const Library& lib, const Messages& words, const std::string& lang);

/// A figure as a page in `words`' language shows it: `decimals` places
/// with the language's decimal point and thousands separator, "∞" when
/// infinite, stats.not_available when not a number.
std::string LocalNumber(const Messages& words, double v, int decimals);
/// A table cell of that figure (its value kept for the downloads).
Cell LocalNumberCell(const Messages& words, double v, int decimals);
/// A whole number the same way ("1,200").
std::string LocalCount(const Messages& words, long long n);
Cell LocalCountCell(const Messages& words, long long n, std::string href = "");
/// A share as a percentage with one decimal ("42.9%"), or
/// stats.not_available when the denominator is not positive.
std::string LocalPercent(const Messages& words, double numerator, double denominator);
/// A p-value: "< 0.001", or three significant figures.
std::string LocalP(const Messages& words, double p);
/// The words of a CSV download's test lines (stats.download.*).
CsvWords CsvWordsFor(const Messages& words);

/// A vocabulary's terms parent first, each followed by its narrower terms
/// (siblings in file order); terms whose parent is missing count as top-level.
std::vector<const Term*> TreeOrder(const Vocabulary& v);

/// The terms a case study uses from one vocabulary field, with their
/// ancestors (so a region counts towards its nation).
std::vector<std::string> CaseTerms(const Library& lib, const CaseStudy& cs, const VocabField& field);

/// Whether a case study has at least one cultural-institution partner.
bool HasCulturalPartner(const CaseStudy& cs);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_COLLECTION_H_
