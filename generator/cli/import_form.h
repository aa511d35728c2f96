// `commonplace import FORM.docx`: a filled-in case-study submission form
// (Word or LibreOffice) becomes a case-study file, checked as `check` would.
#ifndef COMMONPLACE_CLI_IMPORT_FORM_H_
#define COMMONPLACE_CLI_IMPORT_FORM_H_

#include <ostream>
#include <string>

namespace commonplace {

struct ImportOptions {
  std::string form;    ///< The .docx.
  std::string output;  ///< Where to write; "" for casestudies/<slug of the title>.md.
  std::string root = ".";
};

/// Writes the case study and prints what needs a maintainer's eye. Returns
/// 0 when the file was written and passes the checks, 1 when it was written
/// with problems to fix, 2 when nothing was written (the form could not be
/// read, or the file already exists).
int RunImport(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace commonplace

#endif  // COMMONPLACE_CLI_IMPORT_FORM_H_
