// For the docx tests that open files in LibreOffice (test-only).
#ifndef COMMONPLACE_DOCX_OFFICE_TOOLS_TEST_H_
#define COMMONPLACE_DOCX_OFFICE_TOOLS_TEST_H_

#include <doctest/doctest.h>

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <utility>

namespace commonplace::testing {

/// Whether the test converts files with LibreOffice. A run may skip that on
/// purpose with COMMONPLACE_SKIP_LIBREOFFICE=1 (the sanitizer run does: its
/// point is our code, not soffice); otherwise each (tool, Debian package)
/// must be installed, and a missing one fails the test rather than letting
/// it pass unseen.
inline bool UseOfficeTools(std::initializer_list<std::pair<const char*, const char*>> tools) {
  const char* skip = std::getenv("COMMONPLACE_SKIP_LIBREOFFICE");
  if (skip && *skip && std::string(skip) != "0") {
    MESSAGE("COMMONPLACE_SKIP_LIBREOFFICE is set: not converting with LibreOffice");
    return false;
  }
  for (const auto& [tool, package] : tools) {
    REQUIRE_MESSAGE(std::system(("command -v " + std::string(tool) + " >/dev/null 2>&1").c_str()) == 0,
                    tool << " not found: install " << package
                         << " (or set COMMONPLACE_SKIP_LIBREOFFICE=1 to skip this test on purpose)");
  }
  return true;
}

}  // namespace commonplace::testing

#endif  // COMMONPLACE_DOCX_OFFICE_TOOLS_TEST_H_
