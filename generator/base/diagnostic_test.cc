#include "base/diagnostic.h"

#include <doctest/doctest.h>

using namespace commonplace;

TEST_CASE("headline has path:line:col and severity") {
  Diagnostic d{Severity::kError, "casestudies/a.md", {3, 7}, "status", "unknown status 'activ'", ""};
  CHECK(FormatHeadline(d) == "casestudies/a.md:3:7: error: unknown status 'activ' (field: status)");
  d.severity = Severity::kWarning;
  d.pos = {};
  CHECK(FormatHeadline(d) == "casestudies/a.md: warning: unknown status 'activ' (field: status)");
}

TEST_CASE("headline names the field unless the message already quotes it") {
  Diagnostic d{Severity::kError, "a.md", {4, 14}, "principles[2]", "unknown principle 'x'", ""};
  CHECK(FormatHeadline(d) == "a.md:4:14: error: unknown principle 'x' (field: principles[2])");
  d.field = "title";
  d.message = "field 'title' is empty";
  CHECK(FormatHeadline(d) == "a.md:4:14: error: field 'title' is empty");
  d.field = "";
  d.message = "the file is empty";
  CHECK(FormatHeadline(d) == "a.md:4:14: error: the file is empty");
}

TEST_CASE("full diagnostic shows hint, source line and caret under the column") {
  Diagnostic d{Severity::kError, "a.md", {2, 9}, "status", "bad", "use one of: active, ended"};
  std::string text = "---\nstatus: activ\n---\n";
  CHECK(FormatDiagnostic(d, text) ==
        "a.md:2:9: error: bad (field: status)\n"
        "  hint: use one of: active, ended\n"
        "  2 | status: activ\n"
        "    |         ^\n");
}

TEST_CASE("diagnostics count and sort deterministically") {
  Diagnostics ds;
  ds.Error("b.md", {1, 1}, "", "x");
  ds.Warning("a.md", {5, 1}, "", "y");
  ds.Error("a.md", {2, 1}, "", "z");
  CHECK(ds.ErrorCount() == 2);
  CHECK(ds.WarningCount() == 1);
  ds.Sort();
  CHECK(ds.items()[0].message == "z");
  CHECK(ds.items()[1].message == "y");
  CHECK(ds.items()[2].path == "b.md");
}
