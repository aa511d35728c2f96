// stats/dataset_summary.h: frequency tables, cross-tabulations and total
// checks for the published tables in content/datasets/.
#ifndef COMMONPLACE_STATS_DATASET_SUMMARY_H_
#define COMMONPLACE_STATS_DATASET_SUMMARY_H_

#include <string>
#include <vector>

#include "model/model.h"
#include "stats/collection.h"

namespace commonplace {

/// A total the source prints, set against the sum of the matching rows.
struct TotalCheck {
  std::string label;
  std::string locator;
  double printed = 0;
  double computed = 0;
  bool agrees = false;
};
std::vector<TotalCheck> CheckTotals(const Dataset& ds);

/// The checks as a table (id "<dataset>-totals"), for the page and its
/// downloads; an empty table (no rows) when the dataset prints no totals.
/// Worded from `words` (stats.totals.*); labels in another language than
/// the page's are marked (`lib` says which language the content is in).
Table TotalsTable(const Library& lib, const Dataset& ds, const Messages& words);

/// The sum of the weight column (or the row count) over rows matching every
/// (column, value) filter.
double SumWhere(const Dataset& ds, const std::vector<std::pair<std::string, std::string>>& where);

/// One frequency table per summary column (split by group_by when set) and
/// one table per cross-tabulation, each with its chart. Table ids start
/// with the dataset id. Worded from `words` (stats.dataset.*); the
/// dataset's own labels and values are as its file or translation gives
/// them, each marked with its language where that is not the page's.
std::vector<StatBlock> DatasetBlocks(const Library& lib, const Dataset& ds, const Messages& words);

/// A value of column `col` as a page shows it: its translation, the
/// column's `blank` for an empty value, or the value itself.
std::string ShownValue(const Dataset& ds, int col, const std::string& value);
/// The language a shown value is in ("" for the content's own).
std::string ShownValueLanguage(const Dataset& ds, int col, const std::string& value);

/// The dataset's own rows, as a table for download.
Table DatasetRowsTable(const Dataset& ds);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_DATASET_SUMMARY_H_
