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
  bool code = false;             ///< Shown as code (an identifier).
  bool warning = false;          ///< Shown emphasised: something disagrees.
  std::string lang{};            ///< Its language, when not the page's (an untranslated term).
  static Cell Text(std::string t, std::string href = "") { return {std::move(t), std::nullopt, std::move(href)}; }
  static Cell Count(long n, std::string href = "");
  static Cell Number(double v, int decimals);
  /// A number that cannot be given (no test, no variance): null in JSON.
  static Cell Missing(std::string t = "n/a");
  static Cell Code(std::string t) { return {std::move(t), std::nullopt, "", true}; }
  static Cell Warning(std::string t) { return {std::move(t), std::nullopt, "", false, true}; }
};

/// A statistical test behind a table, for its downloads: the page says the
/// same in words (or in the table's own columns).
struct TestRecord {
  std::string test;                 ///< "Welch's t-test", "Fisher's exact test", …
  std::string applies_to;           ///< The row it belongs to, or "the whole table".
  std::string statistic_name;       ///< "t", "odds ratio", "chi-square".
  std::optional<double> statistic;  ///< Absent when not computed; may be infinite.
  std::optional<double> df;         ///< Absent when the test has none.
  std::optional<double> p;
  std::optional<long> n;            ///< Case studies the test counts.
  std::string note;                 ///< A caution, or why there is no result.
};

struct Table {
  std::string id;       ///< File name of its downloads: statistics/data/<id>.csv
  std::string title;
  std::string caption;  ///< What is counted and where it comes from.
  std::string caption_html{};  ///< The caption as HTML with marked languages, or "" (see StatBlock::lead_html).
  std::vector<std::string> header;
  /// Each header's language when not the page's (an untranslated term), or
  /// empty: then every header is in the page's language.
  std::vector<std::string> header_lang;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  ///< Cautions shown under the table.
  std::vector<TestRecord> tests;   ///< Tests computed on the table, if any.
};

/// The words of a CSV download's test lines ("Test,<name>", "Note,<text>"),
/// in the page's language; the defaults are the English ones.
struct CsvWords {
  std::string test = "Test";
  std::string applies_to = "Applies to";
  std::string statistic = "Statistic";  ///< When a test names no statistic.
  std::string note = "Note";
};

/// RFC 4180 CSV (CRLF line ends, quotes doubled). Text cells that a
/// spreadsheet would run as a formula get a leading apostrophe (see
/// CsvField). Numbers keep full precision; an infinite value is written as
/// "infinite" (or "-infinite") and one that is not a number as "n/a".
/// A table with tests ends, after a blank line, with each test as two-field
/// lines ("Test,<name>", "Applies to,…", "<statistic>,<value>", "df,…",
/// "p,…", "n,…", "Note,…"), a blank line between tests, and then the notes
/// no test carries as "Note,<text>" lines; none of these lines has more
/// fields than the header, so the file still reads as one table.
std::string TableToCsv(const Table& t, const CsvWords& words = {});
/// {"id", "title", "caption", "columns": [...], "rows": [{column: value}],
/// "notes": [...], "tests": [{"test", "applies_to", "statistic_name",
/// "statistic", "df", "p", "n", "note"}]} with numbers as JSON numbers
/// (whole numbers as integers); a value that is absent, infinite or not a
/// number is null, and the table's notes say why.
std::string TableToJson(const Table& t);
/// Guards one CSV field against formula injection and quotes it if needed:
/// a text field whose first character other than spaces is =, +, -, @, a
/// tab, CR or LF gets a leading apostrophe.
std::string CsvField(const std::string& text, bool numeric);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_TABLE_H_
