#include "stats/table.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "stats/statistics.h"

namespace commonplace {

Cell Cell::Count(long n, std::string href) {
  return {std::to_string(n), static_cast<double>(n), std::move(href)};
}

Cell Cell::Number(double v, int decimals) { return {FormatNumber(v, decimals), v, ""}; }

Cell Cell::Missing(std::string t) {
  return {std::move(t), std::numeric_limits<double>::quiet_NaN(), ""};
}

std::string CsvField(const std::string& text, bool numeric) {
  std::string v = text;
  if (!numeric) {
    // Spreadsheets skip leading spaces before reading a formula, so look
    // past them; a tab, CR or LF at the start is suspect in itself.
    size_t i = v.find_first_not_of(' ');
    if (i != std::string::npos) {
      char c = v[i];
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n') {
        v = "'" + v;
      }
    }
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

namespace {

// Whole numbers below 2^53 are exact in a double and are written as integers.
bool IsWhole(double v) { return std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 9007199254740992.0; }

// Numbers in downloads keep full precision: 17 significant digits round-trip.
std::string PlainNumber(double v) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return v > 0 ? "infinity" : "minus infinity";
  if (IsWhole(v)) return std::to_string(static_cast<long long>(v));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

nlohmann::ordered_json JsonNumber(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  if (IsWhole(*v)) return static_cast<long long>(*v);
  return *v;
}

std::string CsvLine(const std::vector<std::string>& fields, const std::vector<bool>& numeric = {}) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    out += (i ? "," : "") + CsvField(fields[i], i < numeric.size() && numeric[i]);
  }
  return out + "\r\n";
}

}  // namespace

std::string TableToCsv(const Table& t, const CsvWords& words) {
  std::string out = CsvLine(t.header);
  for (const auto& row : t.rows) {
    std::vector<std::string> fields;
    std::vector<bool> numeric;
    for (const Cell& c : row) {
      fields.push_back(c.number ? PlainNumber(*c.number) : c.text);
      numeric.push_back(c.number.has_value());
    }
    out += CsvLine(fields, numeric);
  }
  if (t.tests.empty()) return out;
  for (const auto& r : t.tests) {
    out += "\r\n";
    out += CsvLine({words.test, r.test});
    if (!r.applies_to.empty()) out += CsvLine({words.applies_to, r.applies_to});
    auto number = [&](const std::string& name, const std::optional<double>& v) {
      if (v) out += CsvLine({name, PlainNumber(*v)}, {false, true});
    };
    number(r.statistic_name.empty() ? words.statistic : r.statistic_name, r.statistic);
    number("df", r.df);
    number("p", r.p);
    if (r.n) number("n", static_cast<double>(*r.n));
    if (!r.note.empty()) out += CsvLine({words.note, r.note});
  }
  // The table's notes, less those a test above already carries.
  bool first = true;
  for (const auto& n : t.notes) {
    bool repeated = false;
    for (const auto& r : t.tests) repeated = repeated || r.note == n;
    if (repeated) continue;
    if (first) out += "\r\n";
    first = false;
    out += CsvLine({words.note, n});
  }
  return out;
}

std::string TableToJson(const Table& t) {
  nlohmann::ordered_json j;
  j["id"] = t.id;
  j["title"] = t.title;
  j["caption"] = t.caption;
  j["columns"] = t.header;
  auto rows = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json r = nlohmann::ordered_json::object();
    for (size_t i = 0; i < row.size() && i < t.header.size(); ++i) {
      const Cell& c = row[i];
      r[t.header[i]] = c.number ? JsonNumber(c.number) : nlohmann::ordered_json(c.text);
    }
    rows.push_back(std::move(r));
  }
  j["rows"] = std::move(rows);
  j["notes"] = t.notes;
  auto tests = nlohmann::ordered_json::array();
  for (const auto& r : t.tests) {
    nlohmann::ordered_json o;
    o["test"] = r.test;
    o["applies_to"] = r.applies_to;
    o["statistic_name"] = r.statistic_name;
    o["statistic"] = JsonNumber(r.statistic);
    o["df"] = JsonNumber(r.df);
    o["p"] = JsonNumber(r.p);
    o["n"] = r.n ? nlohmann::ordered_json(*r.n) : nlohmann::ordered_json(nullptr);
    o["note"] = r.note;
    tests.push_back(std::move(o));
  }
  j["tests"] = std::move(tests);
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace commonplace
