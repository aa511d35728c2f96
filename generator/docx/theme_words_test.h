// The default theme's message files, for the tests that write worksheets
// and forms in a language (test-only).
#ifndef COMMONPLACE_DOCX_THEME_WORDS_TEST_H_
#define COMMONPLACE_DOCX_THEME_WORDS_TEST_H_

#include <doctest/doctest.h>

#include <string>

#include "base/diagnostic.h"
#include "i18n/messages.h"

namespace commonplace::testing {

/// themes/default/i18n/<lang>.yaml, read once.
inline Messages LoadThemeWords(const std::string& lang) {
  Messages m;
  Diagnostics d;
  std::string path = std::string(COMMONPLACE_SOURCE_DIR) + "/themes/default/i18n/" + lang + ".yaml";
  REQUIRE_MESSAGE(m.LoadFile(path, path, lang, d), path);
  return m;
}

inline const Messages& En() {
  static const Messages m = LoadThemeWords("en");
  return m;
}

inline const Messages& Cy() {
  static const Messages m = LoadThemeWords("cy");
  return m;
}

}  // namespace commonplace::testing

#endif  // COMMONPLACE_DOCX_THEME_WORDS_TEST_H_
