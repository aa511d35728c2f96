// stats/table.h: a table of figures as the site shows and offers it for
// download. Every chart is drawn from one of these, so what a reader sees
// in the chart, the table beside it and the CSV and JSON files agree.
#ifndef COMMONPLACE_STATS_TABLE_H_
#define COMMONPLACE_STATS_TABLE_H_

#include <optional>
#include <string>
#include <vector>

namespace commonplace {

struct Cell {
  std::string text;              ///< As shown.
  std::optional<double> number;  ///< The value behind it, for CSV/JSON.
  std::string href;              ///< Site-relative link, or "".
  static Cell Text(std::string t, std::string href = "") { return {std::move(t), std::nullopt, std::move(href)}; }
  static Cell Count(long n, std::string href = "");
  static Cell Number(double v, int decimals);
};

struct Table {
  std::string id;       ///< File name of its downloads: statistics/data/<id>.csv
  std::string title;
  std::string caption;  ///< What is counted and where it comes from.
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  ///< Cautions shown under the table.
};

/// RFC 4180 CSV (CRLF line ends, quotes doubled). Text cells that a
/// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
/// get a leading apostrophe.
std::string TableToCsv(const Table& t);
/// {"id", "title", "caption", "columns": [...], "rows": [{column: value}], "notes"}
/// with numbers as JSON numbers.
std::string TableToJson(const Table& t);
/// Guards one CSV field against formula injection and quotes it if needed.
std::string CsvField(const std::string& text, bool numeric);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_TABLE_H_
