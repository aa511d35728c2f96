// facets/: how case studies group. For the finder, each filter group's
// options with the case-study numbers under them (broader terms include
// their narrower terms' case studies) and one small card per case study;
// for each case-study page, the case studies most like it.
#ifndef COMMONPLACE_FACETS_FACETS_H_
#define COMMONPLACE_FACETS_FACETS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/model.h"

namespace commonplace {

/// One checkbox of a filter group.
struct FacetOption {
  std::string id;      ///< Term id (or pseudo-value: "active", "named", …).
  std::string label;
  std::string parent;  ///< Broader term's id, or "".
  std::vector<uint32_t> cases;  ///< Sorted case numbers, rolled up from narrower terms.
  /// The label's language: the term's own (a translation's) as built; the
  /// pipeline keeps it only where it differs from the page's, "" otherwise.
  std::string lang;
};

/// One filter group of the finder.
struct FacetGroup {
  std::string id;      ///< URL parameter, e.g. "nation".
  std::string legend;
  std::string vocab;   ///< Vocabulary id, or "" for a pseudo-group (status, named).
  std::vector<FacetOption> options;
};

/// Case-study indexes sorted by title, then slug: the order of the case-study
/// index, its pager and the finder. A case study's NUMBER is its position here.
/// `last` (a rebuild's previous order, when given) is returned as it is if
/// it is still in order: n comparisons instead of a sort.
std::vector<size_t> TitleOrder(const Library& lib, const std::vector<size_t>* last = nullptr);

/// The finder's groups, in display order: type, nation (top-level regions),
/// region, partner, ci, activity, impact, level, driver, barrier, enabler,
/// model, status, formality, named. Options follow the vocabulary file's
/// order; a vocabulary term no case study uses is left out (as is a group
/// left with no options), while the pseudo-groups (status, named) keep every
/// option. Reads lib.cases_by_term, so Library::Link() must have run.
std::vector<FacetGroup> BuildFacets(const Library& lib, const std::vector<size_t>& order);

/// Delta coding of a sorted list of case numbers, as the finder's JSON holds
/// it: each number minus the one before (the first minus -1, so every delta
/// is at least 1), written in lower-case base 36 and joined by ",".
/// [0, 3, 4] → deltas [1, 3, 1] → "1,3,1"; [] → "". To decode, keep a
/// running total starting at -1 and add parseInt(part, 36) for each part.
std::string EncodeCaseList(const std::vector<uint32_t>& sorted_cases);
/// The inverse of EncodeCaseList; false on malformed input.
bool DecodeCaseList(const std::string& text, std::vector<uint32_t>* cases);

/// Cards per file of casestudies/cards/: the finder fetches only the files
/// that hold the results it shows (all of them only to narrow by words).
inline constexpr size_t kCardsPerFile = 200;

/// casestudies/facets.json, compact:
///   {"v":1,"n":<case count>,"k":<kCardsPerFile>,"e":"<evidence, base 36, comma-joined>",
///    "g":[{"id":"nation","legend":"Nation","o":[
///     {"id":"wales","label":"Wales","parent":"","c":"<EncodeCaseList>"}]}]}
/// "e" holds each case number's amount of evidence (see CardsJson), so the
/// finder can sort by it before any card is loaded.
std::string FacetsJson(const std::vector<FacetGroup>& groups, int case_count,
                       const std::vector<uint32_t>& evidence = {});

/// Each case number's amount of evidence: the findings citing it, its
/// sources and its figures.
std::vector<uint32_t> EvidenceAmounts(const Library& lib, const std::vector<size_t>& order);

/// The cards of case numbers [first, first + count): a JSON array of
///   {"t": title, "u": "casestudies/<slug>/", "s": summary,
///    "y": partnership type label, "p": place names joined by "; ",
///    "a": 1 if anonymised else 0, "e": its amount of evidence,
///    "l": the language of its title and summary, only when a site of
///    several languages shows it on pages in `page_lang`, another}
/// casestudies/cards/<i>.json holds the i-th kCardsPerFile of them. The
/// cards are made on up to `threads` threads; the text is the same.
/// With `cache` (kept by `serve`), a card whose inputs are as when it was
/// last made is taken from it, not made again.
struct CardsJsonCache;
std::string CardsJson(const Library& lib, const std::vector<size_t>& order, size_t first = 0,
                      size_t count = static_cast<size_t>(-1), const std::string& page_lang = "",
                      int threads = 1, CardsJsonCache* cache = nullptr);

/// The finder's card entries of the last build, by case study slug, each
/// with everything it was made from (compared in full, not by a digest).
struct CardsJsonCache {
  struct Entry {
    std::string inputs;
    std::string json;
    uint64_t build = 0;  ///< The last build that showed it.
  };
  std::unordered_map<std::string, Entry> entries;
  uint64_t build = 0;
  /// Call before a build's first CardsJson…
  void StartBuild() { ++build; }
  /// …and after its last: entries the build did not show are dropped.
  void Prune() {
    std::erase_if(entries, [&](const auto& e) { return e.second.build != build; });
  }
};

/// A case study like another one.
struct Related {
  size_t index;  ///< Into lib.case_studies.
  double score;
  /// The terms both share, rarest first, as indexes into the term_uses of
  /// the case study this one is related to (indexes, not copies, keep 50,000
  /// lists small and stay valid in a cache that outlives the library).
  std::vector<uint32_t> shared;
};

/// For every case study (by index), up to `limit` others sharing terms with
/// it, best first. A shared term weighs idf = log(1 + N / df), where N is the
/// number of case studies and df the number that use the term directly (its
/// own term_uses, not rolled up), so a rare shared term counts for more than
/// a common one. Ties go by title, then slug. Scores are summed along each
/// term's list of case studies, never by comparing every pair; the result
/// does not depend on `threads`.
std::vector<std::vector<Related>> RelatedCaseStudies(const Library& lib, size_t limit = 5,
                                                     int threads = 1);

}  // namespace commonplace

#endif  // COMMONPLACE_FACETS_FACETS_H_
