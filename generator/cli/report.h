// Printing diagnostics for people (text) and for CI (json, github).
#ifndef COMMONPLACE_CLI_REPORT_H_
#define COMMONPLACE_CLI_REPORT_H_

#include <ostream>
#include <string>

#include "base/diagnostic.h"

namespace commonplace {

enum class ReportFormat { kText, kJson, kGithub };

/// Prints every diagnostic in `format`; text includes the source line and a
/// caret, read from `root`/path.
void PrintDiagnostics(const Diagnostics& diags, ReportFormat format, const std::string& root,
                      std::ostream& out);

}  // namespace commonplace

#endif  // COMMONPLACE_CLI_REPORT_H_
