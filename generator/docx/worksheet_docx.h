// docx/: a worksheet as a Word document (Office Open XML, zipped with
// libzip) and as Markdown. Both are downloads next to the HTML pages, in
// the page's language: the words around the worksheet's own text come from
// the theme's message file (worksheet_file.* in themes/default/i18n/).
#ifndef COMMONPLACE_DOCX_WORKSHEET_DOCX_H_
#define COMMONPLACE_DOCX_WORKSHEET_DOCX_H_

#include <string>

#include "docx/read_form.h"
#include "i18n/messages.h"
#include "model/model.h"

namespace commonplace {

/// Document properties, written into docProps/core.xml and (licence and
/// source note, by name) docProps/custom.xml.
struct DocxMeta {
  std::string site_title;
  std::string licence;      ///< e.g. "CC BY-NC 4.0"
  std::string source_note;  ///< "Adapted from …"
  /// Where to send the filled-in form ("By email to …"), for the case-study
  /// submission form when site.yaml gives a contact; "" otherwise.
  std::string send_to;
  /// The document's language (w:lang, dc:language): the page language.
  std::string language = "en-GB";
};

/// The .docx bytes for `ws` (A4, 2 cm margins, writing space for every
/// field). Deterministic. Returns "" with `err` set on failure. With
/// `answers`, the form comes filled in (ticked boxes, table cells, text), as
/// ReadFormDocx reads it back. `words` is the message file of the page's
/// language.
std::string WorksheetDocx(const Worksheet& ws, const DocxMeta& meta, const Messages& words,
                          std::string* err, const FormAnswers* answers = nullptr);

/// The worksheet as Markdown, with blanks to fill in.
std::string WorksheetMarkdown(const Worksheet& ws, const DocxMeta& meta, const Messages& words);

}  // namespace commonplace

#endif  // COMMONPLACE_DOCX_WORKSHEET_DOCX_H_
