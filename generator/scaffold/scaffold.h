// scaffold/: `commonplace new <kind> <slug>` writes a starting file with
// every field, a comment on each and the allowed vocabulary terms.
#ifndef COMMONPLACE_SCAFFOLD_SCAFFOLD_H_
#define COMMONPLACE_SCAFFOLD_SCAFFOLD_H_

#include <string>
#include <vector>

#include "model/model.h"

namespace commonplace {

/// The kinds `new` knows: case-study, principle, resource, worksheet.
bool IsScaffoldKind(const std::string& kind);

/// Writes the new file for `kind`/`slug` under `root`, using `lib` for the
/// vocabulary terms. Returns false with a message (`err`) when the slug is
/// invalid or already taken; `written` receives the path.
bool Scaffold(const std::string& root, const Library& lib, const std::string& kind,
              const std::string& slug, const std::string& today, std::string* written,
              std::string* err);

/// The headings a case study's body starts with, in order: the scaffold
/// writes them, and the web form (contribute/new/) asks for each.
const std::vector<std::string>& CaseStudyBodyHeadings();

/// The text of a new case study (exposed for tests).
std::string CaseStudyScaffold(const Library& lib, const std::string& today);

}  // namespace commonplace

#endif  // COMMONPLACE_SCAFFOLD_SCAFFOLD_H_
