// Fuzz target: a dataset's CSV through parsing, the summaries and total
// checks the statistics pages show, and the CSV and JSON downloads. The
// columns are typed the way a descriptor would type them: a column whose
// every value is a whole number is the weight, the rest are categories.
// Must never crash, hang or throw; a download cell must never start a
// spreadsheet formula.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "i18n/messages.h"
#include "load/csv.h"
#include "stats/dataset_summary.h"
#include "stats/table.h"

namespace {

bool IsWholeNumber(const std::string& s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The summaries' words, from the shipped theme (loaded once).
const commonplace::Messages& English() {
  static const commonplace::Messages* m = [] {
    auto* loaded = new commonplace::Messages;
    commonplace::Diagnostics d;
    if (!loaded->LoadFile(COMMONPLACE_SOURCE_DIR "/themes/default/i18n/en.yaml", "en.yaml", "en", d)) {
      std::abort();
    }
    return loaded;
  }();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 18) return 0;
  using namespace commonplace;
  std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics diags;
  CsvTable table;
  if (!ParseCsv("content/datasets/fuzz.csv", text, &table, diags)) return 0;

  Dataset ds;
  ds.id = "fuzz";
  ds.title = "Fuzz";
  for (size_t c = 0; c < table.header.size(); ++c) {
    bool numeric = !table.rows.empty();
    for (const auto& row : table.rows) numeric = numeric && IsWholeNumber(row[c]);
    DatasetColumn col;
    col.id = table.header[c];
    col.label = table.header[c];
    col.type = numeric ? "integer" : "category";
    if (numeric && ds.weight.empty()) {
      ds.weight = col.id;
    } else if (!numeric) {
      ds.summaries.push_back(col.id);
    }
    ds.columns.push_back(col);
  }
  if (ds.summaries.size() >= 2) ds.crosstabs.emplace_back(ds.summaries[0], ds.summaries[1]);
  if (!ds.summaries.empty() && !table.rows.empty()) {
    int c = ds.Column(ds.summaries[0]);
    ds.totals.push_back({"first value", {{ds.summaries[0], table.rows[0][c]}}, 1, "", {}});
  }
  ds.rows = std::move(table.rows);

  CheckTotals(ds);
  static const Library kNoLibrary;  // one language: nothing is marked
  TotalsTable(kNoLibrary, ds, English());
  for (const StatBlock& block : DatasetBlocks(kNoLibrary, ds, English())) {
    TableToCsv(block.table);
    TableToJson(block.table);
  }
  Table rows = DatasetRowsTable(ds);
  TableToJson(rows);
  // Read the download back: it must parse, and no field may open with a
  // character a spreadsheet would evaluate (a minus only before a number).
  CsvTable back;
  Diagnostics ignored;
  if (!ParseCsv("download.csv", TableToCsv(rows), &back, ignored)) std::abort();
  for (const auto& row : back.rows) {
    for (const std::string& cell : row) {
      if (cell.empty()) continue;
      char* end = nullptr;
      bool number = (std::strtod(cell.c_str(), &end), end && *end == '\0');
      if (cell[0] == '=' || cell[0] == '+' || cell[0] == '@' || (cell[0] == '-' && !number)) {
        std::abort();
      }
    }
  }
  return 0;
}
