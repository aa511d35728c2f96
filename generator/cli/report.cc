#include "cli/report.h"

#include <filesystem>
#include <map>
#include <vector>
#include <nlohmann/json.hpp>

#include "base/fs.h"

namespace commonplace {

namespace {

// GitHub workflow commands need %, CR and LF escaped in the message, and
// also ',' and ':' in properties.
std::string GithubEscape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

void PrintDiagnostics(const Diagnostics& diags, ReportFormat format, const std::string& root,
                      std::ostream& out) {
  if (format == ReportFormat::kJson) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : diags.items()) {
      list.push_back({{"severity", d.severity == Severity::kError ? "error" : "warning"},
                      {"path", d.path},
                      {"line", d.pos.line},
                      {"column", d.pos.col},
                      {"field", d.field},
                      {"message", d.message},
                      {"hint", d.hint}});
    }
    out << nlohmann::json{{"errors", diags.ErrorCount()},
                          {"warnings", diags.WarningCount()},
                          {"diagnostics", list}}
               .dump(2)
        << "\n";
    return;
  }
  if (format == ReportFormat::kGithub) {
    for (const auto& d : diags.items()) {
      out << (d.severity == Severity::kError ? "::error " : "::warning ")
          << "file=" << GithubEscape(d.path, true);
      if (d.pos.line > 0) out << ",line=" << d.pos.line << ",col=" << d.pos.col;
      out << ",title=" << GithubEscape(d.field.empty() ? "commonplace" : d.field, true) << "::"
          << GithubEscape(d.message + (d.hint.empty() ? "" : ". " + d.hint), false) << "\n";
    }
    return;
  }
  std::map<std::string, std::string> sources;
  // A pathological file (thousands of bad fields) should not bury the
  // other files' problems: show the first few per file and count the rest.
  constexpr int kMaxPerFile = 25;
  std::map<std::string, int> shown;
  // Errors first, then warnings, each in file order: what must be fixed is
  // never buried under what merely should be.
  std::vector<const Diagnostic*> ordered;
  for (Severity s : {Severity::kError, Severity::kWarning}) {
    for (const auto& d : diags.items()) {
      if (d.severity == s) ordered.push_back(&d);
    }
  }
  bool warnings_started = false;
  for (const Diagnostic* dp : ordered) {
    const Diagnostic& d = *dp;
    if (++shown[d.path] > kMaxPerFile) continue;
    if (d.severity == Severity::kWarning && !warnings_started) {
      warnings_started = true;
      if (diags.ErrorCount() > 0) out << "\n" << diags.WarningCount() << " warning(s):\n";
    }
    auto it = sources.find(d.path);
    if (it == sources.end()) {
      auto text = ReadFile(std::filesystem::path(root) / d.path);
      it = sources.emplace(d.path, text ? *text : "").first;
    }
    out << FormatDiagnostic(d, it->second);
  }
  for (const auto& [path, n] : shown) {
    if (n > kMaxPerFile) {
      out << path << ": note: " << (n - kMaxPerFile)
          << " more problem(s) in this file not shown (use --format json for all)\n";
    }
  }
}

}  // namespace commonplace
