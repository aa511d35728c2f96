// load/text_check.h: refuses characters no text of the site may hold
// (control characters, U+FFFE, U+FFFF; see FindForbiddenChar) in values as
// the loaders see them. The UTF-8 check of a file runs on its bytes, before
// YAML unescapes "\x01" or "\u0000" into such a character, so it is done
// again here on every parsed value: one of them in a title would make
// feed.xml and the SVG charts ill-formed XML.
#ifndef COMMONPLACE_LOAD_TEXT_CHECK_H_
#define COMMONPLACE_LOAD_TEXT_CHECK_H_

#include <string>

#include "base/diagnostic.h"
#include "load/yaml_reader.h"

namespace commonplace {

/// Reports each scalar (key or value) of the document under `root` holding
/// a forbidden character, at the scalar's position and naming its field
/// (`partners[1].name`). `first_line` is the file line the YAML starts at.
/// Returns false when any was found.
bool CheckYamlText(const std::string& path, int first_line, const YamlNode& root,
                   Diagnostics& diags);

/// "the control character U+0001", "the noncharacter U+FFFF" or "a byte
/// that is not UTF-8", for messages.
std::string DescribeForbiddenChar(char32_t cp);

/// The hint shared by every report of a forbidden character.
extern const char* const kForbiddenCharHint;

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_TEXT_CHECK_H_
