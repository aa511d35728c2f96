// docx/: reading a filled-in worksheet back from a .docx (as Word or
// LibreOffice saves it), section by section, for `commonplace import`. The
// room that lays the form out (worksheet_docx.cc) is the one that reads it,
// so a change to the layout changes both in one place.
#ifndef COMMONPLACE_DOCX_READ_FORM_H_
#define COMMONPLACE_DOCX_READ_FORM_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "i18n/messages.h"
#include "model/model.h"

namespace commonplace {

/// The message files of every language the theme ships: a form is read in
/// whichever of them it was downloaded (worksheet_file.licence ends it,
/// casestudy_status.* are the statuses it may give).
using FormLanguages = std::vector<const Messages*>;

/// What someone wrote in a worksheet, by section id. The writer fills a
/// form from it (WorksheetDocx) and ReadFormDocx gives it back.
struct FormAnswers {
  struct Section {
    /// Checklist: each ticked item's label, and any words written after it
    /// on the same line ("Museums, galleries and collections: The Hunterian").
    std::vector<std::pair<std::string, std::string>> ticked;
    /// Table: the rows below the heading row that hold anything, each cell's
    /// text; in a table with row labels each row starts with its label.
    std::vector<std::vector<std::string>> rows;
    /// Text: the paragraphs written, in order.
    std::vector<std::string> paragraphs;
    /// Anything in the section that is not an answer to it (a ticked line
    /// that is none of the items, a paragraph beside a table), verbatim.
    std::vector<std::string> stray;
  };
  std::map<std::string, Section> sections;
};

/// Limits that keep a hostile file from costing more than a moment.
struct FormLimits {
  size_t max_file_bytes = 50u << 20;       ///< the .docx itself
  size_t max_entries = 2000;               ///< files in the zip
  size_t max_part_bytes = 20u << 20;       ///< one part, uncompressed
  size_t max_total_bytes = 60u << 20;      ///< every part read, uncompressed
};

/// Reads `docx` (the bytes of a .docx) as a filled-in copy of `form`,
/// downloaded in any of `languages`. Returns false with `error` set ("not a
/// Word document: …", "damaged: …", "this is not the … form", "too large:
/// …") when it is not one, is damaged or is built to exhaust memory;
/// nothing is read then.
bool ReadFormDocx(std::string_view docx, const Worksheet& form, const FormLanguages& languages,
                  FormAnswers* answers, std::string* error, const FormLimits& limits = {});

}  // namespace commonplace

#endif  // COMMONPLACE_DOCX_READ_FORM_H_
