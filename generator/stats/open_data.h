// stats/open_data.h: the whole case-study collection as open data: CSV and
// JSON with the same columns, a JSON Schema for the JSON, and the data
// dictionary that documents every column.
#ifndef COMMONPLACE_STATS_OPEN_DATA_H_
#define COMMONPLACE_STATS_OPEN_DATA_H_

#include <string>
#include <vector>

#include "i18n/messages.h"
#include "model/model.h"
#include "stats/table.h"

namespace commonplace {

/// A column of the case-study download. Its meaning, for the dictionary
/// and the schema, is the message stats.dictionary.columns.<name>; its
/// type's name on the page is stats.dictionary.types.<type>.
struct DataColumn {
  std::string name;
  std::string type;  ///< string, integer, boolean, or list (of strings)
};

/// The columns of the case-study download, in order.
const std::vector<DataColumn>& CaseStudyDataColumns();

/// The data dictionary as a table (id "data-dictionary"), for its page and
/// its own CSV and JSON downloads.
Table DataDictionaryTable(const Messages& words);

/// One line per case study; list values joined with "; ".
std::string CaseStudiesCsv(const Library& lib);
/// An array of objects, lists as arrays, absent years as null.
std::string CaseStudiesJson(const Library& lib);
/// JSON Schema (2020-12) of CaseStudiesJson's output, its title and
/// descriptions in `words`' language.
std::string CaseStudiesDataSchema(const Library& lib, const Messages& words);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_OPEN_DATA_H_
