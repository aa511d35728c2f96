#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace commonplace {

void Diagnostics::Error(const std::string& path, SourcePos pos, const std::string& field,
                        const std::string& message, const std::string& hint) {
  items_.push_back({Severity::kError, path, pos, field, message, hint});
}

void Diagnostics::Warning(const std::string& path, SourcePos pos, const std::string& field,
                          const std::string& message, const std::string& hint) {
  items_.push_back({Severity::kWarning, path, pos, field, message, hint});
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

int Diagnostics::ErrorCount() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

int Diagnostics::WarningCount() const { return static_cast<int>(items_.size()) - ErrorCount(); }

void Diagnostics::Sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.pos.line, a.pos.col, a.message) <
           std::tie(b.path, b.pos.line, b.pos.col, b.message);
  });
}

std::string FormatHeadline(const Diagnostic& d) {
  std::string out = d.path;
  if (d.pos.line > 0) {
    out += ":" + std::to_string(d.pos.line);
    out += ":" + std::to_string(d.pos.col > 0 ? d.pos.col : 1);
  }
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message;
  // Name the field, unless the message already quotes it.
  if (!d.field.empty() && d.message.find("'" + d.field + "'") == std::string::npos) {
    out += " (field: " + d.field + ")";
  }
  return out;
}

namespace {

// Returns line `line` (1-based) of `text` without its line ending.
std::string LineOf(const std::string& text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string out = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

struct Excerpt {
  std::string text;  // what is shown of the line
  std::string pad;   // what goes before the caret, so it sits under its column
};

// At most kExcerptBytes of `line` around byte `caret` (the column, which
// counts bytes, as yaml-cpp and cmark do), cut on UTF-8 boundaries and
// marked with "…" where it was cut: a minified or generated line of 100 KB
// would otherwise fill the terminal. Control characters are shown as "?"
// so a file cannot send escape sequences to the terminal.
Excerpt ExcerptOf(const std::string& line, size_t caret) {
  constexpr size_t kExcerptBytes = 120;
  caret = std::min(caret, line.size());
  size_t begin = 0, end = line.size();
  if (line.size() > kExcerptBytes) {
    begin = caret > kExcerptBytes / 2 ? caret - kExcerptBytes / 2 : 0;
    end = std::min(line.size(), begin + kExcerptBytes);
    begin = end - begin < kExcerptBytes ? (end > kExcerptBytes ? end - kExcerptBytes : 0) : begin;
    while (begin > 0 && IsContinuation(line[begin])) --begin;
    while (end < line.size() && IsContinuation(line[end])) ++end;
  }
  Excerpt e;
  if (begin > 0) {
    e.text = "\u2026";
    e.pad = " ";
  }
  for (size_t i = begin; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    bool control = (c < 0x20 && c != '\t') || c == 0x7F;
    e.text += control ? '?' : line[i];
    // One pad character per character shown (not per byte), tabs kept, so
    // the caret lines up under the column in a terminal.
    if (i < caret && !IsContinuation(line[i])) e.pad += line[i] == '\t' ? '\t' : ' ';
  }
  if (end < line.size()) e.text += "\u2026";
  return e;
}

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d, const std::string& source_text) {
  std::string out = FormatHeadline(d) + "\n";
  if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  if (d.pos.line > 0 && !source_text.empty()) {
    std::string line = LineOf(source_text, d.pos.line);
    if (!line.empty()) {
      Excerpt e = ExcerptOf(line, d.pos.col > 0 ? static_cast<size_t>(d.pos.col - 1) : 0);
      std::string gutter = std::to_string(d.pos.line);
      out += "  " + gutter + " | " + e.text + "\n";
      out += "  " + std::string(gutter.size(), ' ') + " | " + e.pad + "^\n";
    }
  }
  return out;
}

}  // namespace commonplace
