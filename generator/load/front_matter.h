// Splits a Markdown file into its YAML front matter and body.
#ifndef COMMONPLACE_LOAD_FRONT_MATTER_H_
#define COMMONPLACE_LOAD_FRONT_MATTER_H_

#include <string>

#include "base/diagnostic.h"

namespace commonplace {

struct FrontMatter {
  std::string yaml;      ///< The text between the two `---` lines.
  int yaml_line = 2;     ///< File line of the first YAML line.
  std::string body;      ///< Everything after the closing `---`.
  int body_line = 1;     ///< File line where the body starts.
};

/// Normalises `text` (strips a UTF-8 byte-order mark, turns CRLF into LF)
/// and reports invalid UTF-8. Returns false (with a diagnostic) when the file
/// cannot be read as text.
bool NormaliseText(const std::string& path, std::string* text, Diagnostics& diags);

/// Splits normalised text. Reports a missing opening or closing `---`.
bool SplitFrontMatter(const std::string& path, const std::string& text, FrontMatter* out,
                      Diagnostics& diags);

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_FRONT_MATTER_H_
