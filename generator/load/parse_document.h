// Front matter of a Markdown-bodied content file, shared by the loaders of
// principles, pages and findings.
#ifndef COMMONPLACE_LOAD_PARSE_DOCUMENT_H_
#define COMMONPLACE_LOAD_PARSE_DOCUMENT_H_

#include <string>

#include "base/diagnostic.h"
#include "load/yaml_reader.h"
#include "model/model.h"

namespace commonplace {

/// Splits `text` into front matter (parsed into `fm`, which must be a map)
/// and body (into `doc`); `first_line` is the front matter's first line.
/// `hint` goes with the error when the front matter is not a map.
bool ParseDocument(const std::string& rel, const std::string& text, Document* doc,
                   YamlDocument* fm, int* first_line, Diagnostics& diags,
                   const std::string& hint = "");

/// The file name without folder or extension ("content/findings/x.md" → "x").
std::string SlugOf(const std::string& rel);

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_PARSE_DOCUMENT_H_
