// load/csv.h: RFC 4180 CSV with positions, for content/datasets/*.csv.
#ifndef COMMONPLACE_LOAD_CSV_H_
#define COMMONPLACE_LOAD_CSV_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace commonplace {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines;  ///< File line where each row starts.
};

/// Parses `text` (quoted fields, doubled quotes, CRLF or LF, a final line
/// end optional). Every row must have as many fields as the header. Reports
/// problems at path:line:col and returns false on any.
bool ParseCsv(const std::string& path, const std::string& text, CsvTable* out, Diagnostics& diags);

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_CSV_H_
