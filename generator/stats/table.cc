#include "stats/table.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "stats/statistics.h"

namespace commonplace {

Cell Cell::Count(long n, std::string href) {
  return {std::to_string(n), static_cast<double>(n), std::move(href)};
}

Cell Cell::Number(double v, int decimals) { return {FormatNumber(v, decimals), v, ""}; }

std::string CsvField(const std::string& text, bool numeric) {
  std::string v = text;
  if (!numeric && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
                                 v[0] == '\t' || v[0] == '\r')) {
    v = "'" + v;
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

// Numbers in downloads keep full precision: 17 significant digits round-trip.
std::string PlainNumber(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

std::string TableToCsv(const Table& t) {
  std::string out;
  for (size_t i = 0; i < t.header.size(); ++i) {
    out += (i ? "," : "") + CsvField(t.header[i], false);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      const Cell& c = row[i];
      bool numeric = c.number && std::isfinite(*c.number);
      out += (i ? "," : "") + CsvField(numeric ? PlainNumber(*c.number) : c.text, numeric);
    }
    out += "\r\n";
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
      if (c.number && std::isfinite(*c.number)) {
        r[t.header[i]] = *c.number;
      } else {
        r[t.header[i]] = c.text;
      }
    }
    rows.push_back(std::move(r));
  }
  j["rows"] = std::move(rows);
  j["notes"] = t.notes;
  return j.dump(1) + "\n";
}

}  // namespace commonplace
