// validate/: checks the loaded model as a whole: enums, vocabulary terms,
// cross-references, unique ids. Reports every problem; never throws.
#ifndef COMMONPLACE_VALIDATE_VALIDATE_H_
#define COMMONPLACE_VALIDATE_VALIDATE_H_

#include "base/diagnostic.h"
#include "model/model.h"

namespace commonplace {

/// Adds a Diagnostic for each problem in `lib`; returns true when no error
/// was found (warnings do not count).
bool ValidateLibrary(const Library& lib, Diagnostics& diags);

/// Whether a setting's value is still a placeholder: an address at a name
/// reserved for examples (example.org, *.test, localhost…), a repository of
/// github.com/example (or your-org…), or text such as "Your organisation".
bool IsPlaceholderValue(const std::string& value);

/// For `check --publish`: an error, at the setting or the line, for each
/// value a reader would see that is still a placeholder. True when none is.
bool CheckPublishable(const Library& lib, Diagnostics& diags);

/// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(const std::string& s);

}  // namespace commonplace

#endif  // COMMONPLACE_VALIDATE_VALIDATE_H_
