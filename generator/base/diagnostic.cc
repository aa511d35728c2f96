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

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d, const std::string& source_text) {
  std::string out = FormatHeadline(d) + "\n";
  if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  if (d.pos.line > 0 && !source_text.empty()) {
    std::string line = LineOf(source_text, d.pos.line);
    if (!line.empty()) {
      std::string gutter = std::to_string(d.pos.line);
      out += "  " + gutter + " | " + line + "\n";
      // The caret lines up under the column; tabs are kept so it still does.
      std::string pad;
      int col = d.pos.col > 0 ? d.pos.col : 1;
      for (int i = 0; i + 1 < col && i < static_cast<int>(line.size()); ++i) {
        pad += line[i] == '\t' ? '\t' : ' ';
      }
      out += "  " + std::string(gutter.size(), ' ') + " | " + pad + "^\n";
    }
  }
  return out;
}

}  // namespace commonplace
