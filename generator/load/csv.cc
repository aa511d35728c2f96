#include "load/csv.h"

#include <string_view>

#include "base/strings.h"
#include "load/text_check.h"

namespace commonplace {

bool ParseCsv(const std::string& path, const std::string& text, CsvTable* out,
              Diagnostics& diags) {
  int before = diags.ErrorCount();
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  std::vector<std::string> record;
  std::string field;
  int line = 1, col = 1, record_line = 1;
  bool in_quotes = false, quoted = false, at_start = true;
  size_t i = 0;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    quoted = false;
    at_start = true;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is not a record.
    if (!(record.size() == 1 && record[0].empty())) {
      records.push_back(std::move(record));
      lines.push_back(record_line);
    }
    record.clear();
  };
  for (; i < text.size(); ++i, ++col) {
    char c = text[i];
    // A control character in a cell would reach the charts' SVG and the
    // downloads: refused where it stands, at each character's first byte
    // (the file is valid UTF-8 by now, so a sequence is at most 4 bytes).
    char32_t bad = 0;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != '\n' && c != '\r' &&
        FindForbiddenChar(std::string_view(text).substr(i, 4), &bad) == 0) {
      std::string column = records.empty() ? "the header"
                           : record.size() < records[0].size()
                               ? "column '" + records[0][record.size()] + "'"
                               : "column " + std::to_string(record.size() + 1);
      diags.Error(path, {line, col}, "",
                  "a value in " + column + " holds " + DescribeForbiddenChar(bad),
                  kForbiddenCharHint);
      return false;
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
          ++col;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') {
          ++line;
          col = 0;
        }
        field += c;
      }
      continue;
    }
    if (c == '"' && at_start) {
      in_quotes = quoted = true;
      at_start = false;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the record
    } else if (c == '\n') {
      end_record();
      ++line;
      col = 0;
      record_line = line + 0;
    } else if (quoted) {
      diags.Error(path, {line, col}, "", "unexpected character after a closing quote",
                  "put the whole field in quotes and write a quote inside it as \"\"");
      return false;
    } else if (c == '"') {
      diags.Error(path, {line, col}, "", "a quote inside an unquoted field",
                  "put the whole field in quotes and write a quote inside it as \"\"");
      return false;
    } else {
      field += c;
      at_start = false;
    }
  }
  if (in_quotes) {
    diags.Error(path, {record_line, 1}, "", "a quoted field is never closed",
                "add the closing quote (\") at the end of the field");
    return false;
  }
  if (!field.empty() || !record.empty() || quoted) end_record();
  if (records.empty()) {
    diags.Error(path, {1, 1}, "", "the file has no header row",
                "start the file with a row naming the columns");
    return false;
  }
  out->header = records[0];
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != out->header.size()) {
      diags.Error(path, {lines[r], 1}, "",
                  "row has " + std::to_string(records[r].size()) + " fields but the header has " +
                      std::to_string(out->header.size()),
                  "give every row one value per column (leave a value empty with nothing between two commas)");
      continue;
    }
    out->rows.push_back(std::move(records[r]));
    out->row_lines.push_back(lines[r]);
  }
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
