#include "base/diagnostic.h"

#include <doctest/doctest.h>

#include "base/strings.h"

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

TEST_CASE("a long line is cut to a window around the caret, which stays under its column") {
  // A 100 KB line with the error in the middle: the excerpt is ~120
  // columns, marked with "…" at both cuts, and the caret is still under 'X'.
  std::string line = std::string(50000, 'a') + "X" + std::string(50000, 'b');
  Diagnostic d{Severity::kError, "a.md", {1, 50001}, "", "bad", ""};
  std::string out = FormatDiagnostic(d, line + "\n");
  CHECK(out.size() < 400);
  size_t src = out.find("  1 | ");
  REQUIRE(src != std::string::npos);
  std::string shown = out.substr(src + 6, out.find('\n', src) - src - 6);
  CHECK(shown.rfind("\u2026", 0) == 0);
  CHECK(EndsWith(shown, "\u2026"));
  std::string caret_line = out.substr(out.find('\n', src) + 1);
  size_t caret = caret_line.find('^') - 6;  // after "    | "
  // "…" is 3 bytes but one column: the caret's column in the shown text.
  size_t x = shown.find('X');
  CHECK(caret == x - 2);

  // At the start and at the end of a long line, one cut only.
  d.pos = {1, 1};
  std::string start = FormatDiagnostic(d, line);
  CHECK(start.find("  1 | aaaa") != std::string::npos);
  CHECK(start.find("    | ^\n") != std::string::npos);
  d.pos = {1, static_cast<int>(line.size())};
  std::string end = FormatDiagnostic(d, line);
  CHECK(end.find("bbbb\n") != std::string::npos);
}

TEST_CASE("the window never cuts a UTF-8 character, and pads one space per character") {
  std::string line;
  for (int i = 0; i < 200; ++i) line += "\u00e9";  // 2 bytes each
  line += "X";
  for (int i = 0; i < 200; ++i) line += "\u4e2d";  // 3 bytes each
  int col = static_cast<int>(line.find('X')) + 1;
  Diagnostic d{Severity::kError, "a.md", {1, col}, "", "bad", ""};
  std::string out = FormatDiagnostic(d, line);
  CHECK(IsValidUtf8(out));
  size_t src = out.find("  1 | ");
  std::string shown = out.substr(src + 6, out.find('\n', src) - src - 6);
  std::string caret_line = out.substr(out.find('\n', src) + 1);
  // Characters before 'X' in the shown text (the "…" counts as one).
  std::string before = shown.substr(0, shown.find('X'));
  size_t chars = 0;
  for (char c : before) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  CHECK(caret_line.find('^') - 6 == chars);

  // Short lines with multi-byte characters: the caret under the character.
  Diagnostic e{Severity::kError, "a.md", {1, 10}, "", "bad", ""};
  // Column 10 is byte 10, the last 'z': 8 characters before it.
  CHECK(FormatDiagnostic(e, "caf\u00e9: zzz\n").find("  1 | caf\u00e9: zzz\n    | " +
                                                      std::string(8, ' ') + "^\n") !=
        std::string::npos);
}

TEST_CASE("control characters in a source line never reach the terminal") {
  Diagnostic d{Severity::kError, "a.md", {1, 5}, "", "bad", ""};
  std::string out = FormatDiagnostic(d, "ab\x1b]0;x\x07yz\n");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find("  1 | ab?]0;x?yz\n") != std::string::npos);
}
