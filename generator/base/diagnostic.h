// Diagnostics: every problem a user can fix is reported as a value, never
// thrown, in the form `path:line:col: error: message`.
#ifndef COMMONPLACE_BASE_DIAGNOSTIC_H_
#define COMMONPLACE_BASE_DIAGNOSTIC_H_

#include <string>
#include <vector>

namespace commonplace {

/// A 1-based position in a source file; line 0 means "the whole file".
struct SourcePos {
  int line = 0;
  int col = 0;
};

enum class Severity { kError, kWarning };

/// One problem found in the content, with where it is and how to fix it.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string path;     ///< Path relative to the repository root.
  SourcePos pos;
  std::string field;    ///< Dotted field path such as `partners[1].kind`; may be empty.
  std::string message;  ///< What is wrong, one sentence, no trailing period.
  std::string hint;     ///< How to fix it; may be empty.
};

/// Collects diagnostics; load and validate add to it, only the CLI decides
/// the exit code.
class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Error(const std::string& path, SourcePos pos, const std::string& field,
             const std::string& message, const std::string& hint = "");
  void Warning(const std::string& path, SourcePos pos, const std::string& field,
               const std::string& message, const std::string& hint = "");
  void Append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool HasErrors() const;
  int ErrorCount() const;
  int WarningCount() const;
  /// Sorts by path, line, column, then message, so output is deterministic.
  void Sort();

 private:
  std::vector<Diagnostic> items_;
};

/// `path:line:col: error: message` (without hint or source excerpt), then
/// ` (field: f)` when the diagnostic has a field the message does not quote.
std::string FormatHeadline(const Diagnostic& d);

/// The headline, then `  hint: …`, then the source line and a caret under
/// the column when `source_text` (the whole file) is given.
std::string FormatDiagnostic(const Diagnostic& d, const std::string& source_text);

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_DIAGNOSTIC_H_
