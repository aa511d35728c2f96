#include "stats/dataset_summary.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

#include "stats/statistics.h"
#include "stats/svg_chart.h"

namespace commonplace {

namespace {

double Weight(const Dataset& ds, const std::vector<std::string>& row) {
  if (ds.weight.empty()) return 1;
  int c = ds.Column(ds.weight);
  return c < 0 ? 1 : std::strtod(row[static_cast<size_t>(c)].c_str(), nullptr);
}

// A shown value as a table cell, marked when not in the page's language.
Cell ValueCell(const Library& lib, const Messages& words, const Dataset& ds, int col,
               const std::string& v) {
  Cell c = Cell::Text(ShownValue(ds, col, v));
  c.lang = LabelLanguage(lib, words, ShownValueLanguage(ds, col, v));
  return c;
}

// Values of a column in order of first appearance: the source's own order.
std::vector<std::string> Levels(const Dataset& ds, int col, const std::vector<size_t>& rows) {
  std::vector<std::string> levels;
  for (size_t r : rows) {
    const std::string& v = ds.rows[r][static_cast<size_t>(col)];
    if (std::find(levels.begin(), levels.end(), v) == levels.end()) levels.push_back(v);
  }
  return levels;
}

std::string Slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "blank" : out;
}

// A figure of the dataset: whole numbers without decimals, others with two.
Cell Amount(const Messages& words, double v) { return LocalNumberCell(words, v, std::floor(v) == v ? 0 : 2); }

StatBlock Frequency(const Library& lib, const Dataset& ds, int col, const std::vector<size_t>& rows,
                    const std::string& id, const std::string& heading,
                    const std::string& heading_lang, const Messages& words) {
  const DatasetColumn& c = ds.columns[static_cast<size_t>(col)];
  StatBlock b;
  b.heading = heading;
  if (!heading_lang.empty()) b.heading_html = MarkLanguage(heading, heading_lang);
  b.table.id = id;
  b.table.title = words.Get("stats.dataset.title", {{"dataset", ds.title}, {"heading", heading}});
  const DatasetColumn* weight = ds.weight.empty() ? nullptr : &ds.columns[ds.Column(ds.weight)];
  b.table.header = {c.label, weight ? weight->label : words.Get("stats.dataset.rows"),
                    words.Get("stats.dataset.share")};
  b.table.header_lang = {LabelLanguage(lib, words, c.lang),
                         weight ? LabelLanguage(lib, words, weight->lang) : "", ""};
  double total = 0;
  for (size_t r : rows) total += Weight(ds, ds.rows[r]);
  std::vector<Bar> bars;
  for (const auto& level : Levels(ds, col, rows)) {
    double n = 0;
    for (size_t r : rows) {
      if (ds.rows[r][static_cast<size_t>(col)] == level) n += Weight(ds, ds.rows[r]);
    }
    Cell value = ValueCell(lib, words, ds, col, level);
    bars.push_back({value.text, n, "", value.lang});
    b.table.rows.push_back({std::move(value), Amount(words, n),
                            Cell{LocalPercent(words, n, total), total > 0 ? n / total : 0.0, ""}});
  }
  b.table.rows.push_back({Cell::Text(words.Get("stats.dataset.total")), Amount(words, total),
                          Cell{LocalPercent(words, total, total), total > 0 ? 1.0 : 0.0, ""}});
  const std::string n = LocalCount(words, rows.size());
  b.table.caption = ds.weight.empty()
                        ? words.Get("stats.dataset.caption", {{"n", n}})
                        : words.Get("stats.dataset.caption_weighted", {{"n", n}, {"weight", ds.weight}});
  b.svg = BarChartSvg({"chart-" + id, b.table.title,
                       words.Get("stats.dataset.chart_description", {{"heading", heading}})},
                      bars);
  return b;
}

}  // namespace

double SumWhere(const Dataset& ds, const std::vector<std::pair<std::string, std::string>>& where) {
  double sum = 0;
  for (const auto& row : ds.rows) {
    bool match = true;
    for (const auto& [col, value] : where) {
      int c = ds.Column(col);
      if (c < 0 || row[static_cast<size_t>(c)] != value) match = false;
    }
    if (match) sum += Weight(ds, row);
  }
  return sum;
}

std::vector<TotalCheck> CheckTotals(const Dataset& ds) {
  std::vector<TotalCheck> checks;
  for (const auto& t : ds.totals) {
    TotalCheck c;
    c.label = t.label;
    c.locator = t.locator;
    c.printed = t.value;
    c.computed = SumWhere(ds, t.where);
    c.agrees = std::fabs(c.printed - c.computed) < 1e-9;
    checks.push_back(c);
  }
  return checks;
}

std::string ShownValue(const Dataset& ds, int col, const std::string& value) {
  const DatasetColumn& c = ds.columns[static_cast<size_t>(col)];
  if (auto it = c.shown.find(value); it != c.shown.end()) return it->second;
  return value.empty() ? c.blank : value;
}

std::string ShownValueLanguage(const Dataset& ds, int col, const std::string& value) {
  const DatasetColumn& c = ds.columns[static_cast<size_t>(col)];
  return c.shown.count(value) ? ds.lang : "";
}

Table TotalsTable(const Library& lib, const Dataset& ds, const Messages& words) {
  Table t;
  t.id = ds.id + "-totals";
  t.title = words.Get("stats.totals.title", {{"dataset", ds.title}});
  t.caption = words.Get("stats.totals.caption");
  t.header = {words.Get("stats.totals.total"),   words.Get("stats.totals.where"),
              words.Get("stats.totals.printed"), words.Get("stats.totals.sum"),
              words.Get("stats.totals.difference"), words.Get("stats.totals.agrees")};
  auto number = [&](double v) { return Amount(words, v); };
  for (const auto& c : CheckTotals(ds)) {
    double diff = c.computed - c.printed;
    Cell label = Cell::Text(c.label);
    label.lang = LabelLanguage(lib, words, ds.totals_lang);
    t.rows.push_back({std::move(label), Cell::Text(c.locator), number(c.printed), number(c.computed),
                      number(diff),
                      c.agrees ? Cell::Text(words.Get("stats.totals.agrees_yes"))
                               : Cell::Warning(words.Get("stats.totals.agrees_no",
                                                         {{"computed", number(c.computed).text},
                                                          {"printed", number(c.printed).text}}))});
  }
  return t;
}

std::vector<StatBlock> DatasetBlocks(const Library& lib, const Dataset& ds, const Messages& words) {
  std::vector<StatBlock> blocks;
  std::vector<size_t> all(ds.rows.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  int group = ds.group_by.empty() ? -1 : ds.Column(ds.group_by);
  for (const auto& column : ds.summaries) {
    int col = ds.Column(column);
    if (col < 0) continue;
    const DatasetColumn& c = ds.columns[static_cast<size_t>(col)];
    if (group < 0) {
      blocks.push_back(Frequency(lib, ds, col, all, ds.id + "-" + column, c.label,
                                 LabelLanguage(lib, words, c.lang), words));
      continue;
    }
    for (const auto& g : Levels(ds, group, all)) {
      std::vector<size_t> rows;
      for (size_t r : all) {
        if (ds.rows[r][static_cast<size_t>(group)] == g) rows.push_back(r);
      }
      Cell heading = ValueCell(lib, words, ds, group, g);
      blocks.push_back(Frequency(lib, ds, col, rows, ds.id + "-" + Slug(g), heading.text, heading.lang, words));
    }
  }
  for (const auto& [row_col, col_col] : ds.crosstabs) {
    int rc = ds.Column(row_col), cc = ds.Column(col_col);
    if (rc < 0 || cc < 0) continue;
    const auto& rl = ds.columns[static_cast<size_t>(rc)].label;
    const auto& cl = ds.columns[static_cast<size_t>(cc)].label;
    const std::string rl_lang = LabelLanguage(lib, words, ds.columns[static_cast<size_t>(rc)].lang);
    const std::string cl_lang = LabelLanguage(lib, words, ds.columns[static_cast<size_t>(cc)].lang);
    StatBlock b;
    b.heading = words.Get("stats.dataset.crosstab_heading", {{"rows", rl}, {"columns", cl}});
    if (!rl_lang.empty() || !cl_lang.empty()) {
      b.heading_html = words.GetHtml("stats.dataset.crosstab_heading",
                                     {{"rows", MarkLanguage(rl, rl_lang)}, {"columns", MarkLanguage(cl, cl_lang)}});
    }
    b.table.id = ds.id + "-" + row_col + "-by-" + col_col;
    b.table.title = words.Get("stats.dataset.title", {{"dataset", ds.title}, {"heading", b.heading}});
    b.table.caption = ds.weight.empty()
                          ? words.Get("stats.dataset.crosstab_caption")
                          : words.Get("stats.dataset.crosstab_caption_weighted", {{"weight", ds.weight}});
    std::vector<std::string> rows = Levels(ds, rc, all), cols = Levels(ds, cc, all);
    b.table.header = {rl};
    b.table.header_lang = {rl_lang};
    std::vector<std::vector<double>> values;
    std::vector<std::string> categories, series, category_lang, series_lang;
    for (const auto& c : cols) {
      Cell shown = ValueCell(lib, words, ds, cc, c);
      b.table.header.push_back(shown.text);
      b.table.header_lang.push_back(shown.lang);
      series.push_back(shown.text);
      series_lang.push_back(shown.lang);
    }
    b.table.header.push_back(words.Get("stats.dataset.total"));
    b.table.header_lang.push_back("");
    for (const auto& r : rows) {
      Cell shown = ValueCell(lib, words, ds, rc, r);
      categories.push_back(shown.text);
      category_lang.push_back(shown.lang);
      std::vector<Cell> cells{std::move(shown)};
      std::vector<double> vals;
      double total = 0;
      for (const auto& c : cols) {
        double n = SumWhere(ds, {{row_col, r}, {col_col, c}});
        cells.push_back(Amount(words, n));
        vals.push_back(n);
        total += n;
      }
      cells.push_back(Amount(words, total));
      b.table.rows.push_back(std::move(cells));
      values.push_back(std::move(vals));
    }
    b.svg = StackedBarChartSvg({"chart-" + b.table.id, b.table.title,
                                words.Get("stats.dataset.crosstab_chart_description",
                                          {{"rows", rl}, {"columns", cl}})},
                               categories, series, values, category_lang, series_lang);
    blocks.push_back(std::move(b));
  }
  return blocks;
}

Table DatasetRowsTable(const Dataset& ds) {
  Table t;
  t.id = ds.id;
  t.title = ds.title;
  t.caption = ds.description;
  for (const auto& c : ds.columns) t.header.push_back(c.id);
  for (const auto& row : ds.rows) {
    std::vector<Cell> cells;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string& type = ds.columns[i].type;
      if ((type == "integer" || type == "number") && !row[i].empty()) {
        cells.push_back({row[i], std::strtod(row[i].c_str(), nullptr), ""});
      } else {
        cells.push_back(Cell::Text(row[i]));
      }
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

}  // namespace commonplace
