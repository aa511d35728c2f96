// Maps content/datasets/<id>.yaml and its <id>.csv into model::Dataset.
#include <algorithm>

#include "base/fs.h"
#include "base/strings.h"
#include "load/csv.h"
#include "load/loader.h"
#include "load/numbers.h"
#include "load/yaml_reader.h"

namespace commonplace {

namespace {

const std::vector<std::string> kTypes = {"category", "integer", "number", "text"};

// The rule for numbers in YAML fields (load/numbers.h): without it strtod
// took "nan", "inf", "-nan(x)" and leading spaces, and a chart drew a bar
// `width="-nan"`.
bool IsNumber(const std::string& s, bool integer) {
  return integer ? ParseWholeNumber(s).has_value() : ParseNumber(s).has_value();
}

}  // namespace

bool LoadDataset(const std::string& root, const std::string& rel, const std::string& text,
                 Dataset* ds, Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument node_doc;
  if (Trim(text).empty()) {
    diags.Error(rel, {1, 1}, "", "the file is empty");
    return false;
  }
  if (!ParseYaml(rel, text, 1, &node_doc, diags)) return false;
  YamlNode node = node_doc.root();
  YamlReader r(rel, 1, diags);
  if (!r.ExpectMap(node, "", {"id", "title", "description", "note", "sources", "weight", "group_by",
                              "columns", "summaries", "crosstabs", "totals"})) {
    return false;
  }
  ds->path = rel;
  ds->pos = r.Pos(node);
  std::string stem = rel.substr(rel.rfind('/') + 1);
  stem = stem.substr(0, stem.rfind('.'));
  ds->id = r.String(node, "id", "", true);
  if (!ds->id.empty() && ds->id != stem) {
    r.Error(r.Get(node, "id"), "id",
            "dataset id '" + ds->id + "' does not match the file name '" + stem + "'",
            "rename the file or change the id so they agree");
  }
  ds->csv_path = rel.substr(0, rel.rfind('.')) + ".csv";
  ds->title = r.String(node, "title", "", true);
  ds->description = Trim(r.String(node, "description", "", true));
  ds->note = Trim(r.String(node, "note", "", false));
  ds->sources = r.SourceRefs(node, "sources", "", true);
  ds->weight = r.String(node, "weight", "", false);
  ds->group_by = r.String(node, "group_by", "", false);
  r.MapList(node, "columns", "", true, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field, {"id", "label", "type", "description", "blank"});
    DatasetColumn c;
    c.id = r.String(item, "id", field, true);
    c.label = r.String(item, "label", field, true);
    c.type = r.String(item, "type", field, true);
    c.description = r.String(item, "description", field, false);
    if (r.Get(item, "blank")) c.blank = r.String(item, "blank", field, false);
    if (!c.type.empty() && std::find(kTypes.begin(), kTypes.end(), c.type) == kTypes.end()) {
      std::string near = NearestMatch(c.type, kTypes);
      r.Error(r.Get(item, "type"), field + ".type", "unknown column type '" + c.type + "'",
              (near.empty() ? "" : "did you mean '" + near + "'? ") +
                  "Use one of: category, integer, number, text");
    }
    ds->columns.push_back(std::move(c));
  });
  auto check_column = [&](const YamlNode& at, const std::string& field, const std::string& id) {
    if (id.empty() || ds->Column(id) >= 0) return;
    std::vector<std::string> ids;
    for (const auto& c : ds->columns) ids.push_back(c.id);
    std::string near = NearestMatch(id, ids);
    r.Error(at, field, "'" + id + "' is not a column of this dataset",
            near.empty() ? "name a column listed under 'columns'" : "did you mean '" + near + "'?");
  };
  check_column(r.Get(node, "weight"), "weight", ds->weight);
  check_column(r.Get(node, "group_by"), "group_by", ds->group_by);
  if (!ds->weight.empty() && ds->Column(ds->weight) >= 0) {
    const auto& t = ds->columns[ds->Column(ds->weight)].type;
    if (t != "integer" && t != "number") {
      r.Error(r.Get(node, "weight"), "weight", "the weight column must hold numbers",
              "give column '" + ds->weight + "' the type integer or number");
    }
  }
  std::vector<SourcePos> summary_pos;
  ds->summaries = r.StringList(node, "summaries", "", false, &summary_pos);
  for (size_t i = 0; i < ds->summaries.size(); ++i) {
    YamlNode list = r.Get(node, "summaries");  // a single string is a one-item list
    check_column(list.IsSequence() ? list[i] : list, "summaries", ds->summaries[i]);
  }
  if (YamlNode ct = r.Get(node, "crosstabs")) {
    for (size_t i = 0; ct.IsSequence() && i < ct.size(); ++i) {
      std::string field = "crosstabs[" + std::to_string(i) + "]";
      if (!ct[i].IsSequence() || ct[i].size() != 2 || !ct[i][0].IsScalar() || !ct[i][1].IsScalar()) {
        r.Error(ct[i], field, "a cross-tabulation names two columns", "write it as [rows, columns]");
        continue;
      }
      check_column(ct[i][0], field, ct[i][0].Scalar());
      check_column(ct[i][1], field, ct[i][1].Scalar());
      ds->crosstabs.emplace_back(ct[i][0].Scalar(), ct[i][1].Scalar());
    }
  }
  r.MapList(node, "totals", "", false, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field, {"label", "where", "value", "locator"});
    DatasetTotal t;
    t.pos = r.Pos(item);
    t.label = r.String(item, "label", field, true);
    t.value = r.Number(item, "value", field, true).value_or(0);
    t.locator = r.String(item, "locator", field, false);
    if (YamlNode where = r.Get(item, "where")) {
      if (!where.IsMap()) {
        r.Error(where, field + ".where", "'where' maps column names to values",
                "write it as {column: value}");
      } else {
        for (const auto& kv : where.pairs()) {
          std::string col = kv.first.Scalar();
          check_column(kv.first, field + ".where", col);
          t.where.emplace_back(col, kv.second.IsScalar() ? kv.second.Scalar() : "");
        }
      }
    }
    ds->totals.push_back(std::move(t));
  });
  if (diags.ErrorCount() != before) return false;

  std::string csv;
  if (!ReadContentFile(root, ds->csv_path, &csv, diags)) {
    return false;
  }
  CsvTable table;
  if (!ParseCsv(ds->csv_path, csv, &table, diags)) return false;
  if (table.header.size() != ds->columns.size()) {
    diags.Error(ds->csv_path, {1, 1}, "",
                "the header has " + std::to_string(table.header.size()) + " columns but " + rel +
                    " describes " + std::to_string(ds->columns.size()),
                "describe every CSV column under 'columns', in the same order");
    return false;
  }
  for (size_t i = 0; i < table.header.size(); ++i) {
    if (table.header[i] != ds->columns[i].id) {
      diags.Error(ds->csv_path, {1, 1}, "",
                  "column " + std::to_string(i + 1) + " is '" + table.header[i] + "' but " + rel +
                      " names it '" + ds->columns[i].id + "'",
                  "make the header and the descriptor's columns agree, in the same order");
      return false;
    }
  }
  for (size_t row = 0; row < table.rows.size(); ++row) {
    for (size_t c = 0; c < ds->columns.size(); ++c) {
      const std::string& v = table.rows[row][c];
      const std::string& type = ds->columns[c].type;
      if ((type == "integer" || type == "number") && !IsNumber(v, type == "integer")) {
        diags.Error(ds->csv_path, {table.row_lines[row], 1}, ds->columns[c].id,
                    "'" + v + "' in column '" + ds->columns[c].id + "' is not " +
                        (type == "integer" ? "a whole number" : "a number"),
                    "write the value as digits only (a decimal point and an exponent such as "
                    "1e6 are allowed), without spaces, commas, units, nan or inf");
      }
    }
  }
  ds->rows = std::move(table.rows);
  if (ds->rows.empty()) {
    diags.Error(ds->csv_path, {1, 1}, "", "the dataset has no rows", "add the table's rows under the header");
  }
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
