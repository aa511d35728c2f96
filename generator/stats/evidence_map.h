// stats/evidence_map.h: the evidence map, a matrix of case-study counts with
// one vocabulary's terms as rows and another's as columns (each cell counts
// the case studies recording both terms, a broader term counting those filed
// under its narrower terms), and the data its explorer redraws it from.
#ifndef COMMONPLACE_STATS_EVIDENCE_MAP_H_
#define COMMONPLACE_STATS_EVIDENCE_MAP_H_

#include <string>
#include <vector>

#include "i18n/messages.h"
#include "model/model.h"
#include "stats/collection.h"

namespace commonplace {

/// The evidence map: case studies per (row term, column term).
struct EvidenceMap {
  const Vocabulary* rows = nullptr;
  const Vocabulary* cols = nullptr;
  /// [row][col] → case indexes, rows and columns in vocabulary-file order.
  std::vector<std::vector<std::vector<size_t>>> cases;
  /// Term indexes in tree order (broader terms first, then their narrower
  /// ones): the order the map shows them in.
  std::vector<size_t> row_order, col_order;
  /// Site-relative URL of a cell's list page.
  static std::string CellUrl(const std::string& row_term, const std::string& col_term);
};

/// Returns false (and leaves `out` empty) when either vocabulary is missing.
bool BuildEvidenceMap(const Library& lib, const std::string& rows_vocab,
                      const std::string& cols_vocab, EvidenceMap* out);

/// The map as a table (rows and columns in tree order, each non-empty cell
/// linking to its page) and a heat map whose non-empty cells link likewise.
StatBlock EvidenceMapBlock(const Library& lib, const EvidenceMap& map, const std::string& root,
                           const Messages& words);

/// Levels between a term and the top of its vocabulary (0 for a top term).
int TermDepth(const Vocabulary& v, const Term& t);

/// A vocabulary the explorer offers as an axis, with the case-study
/// finder's URL parameter that selects its terms (casestudies/?driver=…).
struct MapAxis {
  const char* vocab;
  const char* param;
};
/// Every axis the explorer offers, in the order its menus list them.
const std::vector<MapAxis>& EvidenceMapAxes();

/// statistics/evidence-map/data.json, compact, for the explorer:
///   {"v":1,"n":<case count>,"rows":"enablers","cols":"impact-areas",
///    "axes":[{"id":"drivers","title":"Drivers","param":"driver","terms":[
///      {"id":"trust","label":"Trust","parent":"","c":[0,4,7]}]}],
///    "filters":[{"id":"nation","legend":"Nation","vocab":"regions","top":true}]}
/// Terms are in tree order; "c" lists the case indexes (sorted) filed under
/// the term or a narrower one. Filters name an axis vocabulary; "top" keeps
/// only its top-level terms. rows/cols are the default (pre-rendered) axes.
std::string EvidenceMapDataJson(const Library& lib, const EvidenceMap& map, const Messages& words);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_EVIDENCE_MAP_H_
