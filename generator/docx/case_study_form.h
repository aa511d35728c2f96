// docx/: the case-study submission form's answers and a case study, each
// made from the other. The form (content/templates/case-study-submission-
// form.yaml) asks for every front-matter field; this is where each of its
// sections maps to fields: ticked boxes to vocabulary terms (by label), table
// rows to partners, funding, impacts, figures and sources.
#ifndef COMMONPLACE_DOCX_CASE_STUDY_FORM_H_
#define COMMONPLACE_DOCX_CASE_STUDY_FORM_H_

#include <string>
#include <vector>

#include "docx/read_form.h"
#include "i18n/messages.h"
#include "model/model.h"

namespace commonplace {

/// The worksheet id of the submission form.
inline constexpr const char* kSubmissionFormId = "case-study-submission-form";

/// The form as a partner would fill it in to describe `cs` (every field
/// but editor_note, which is for the site's editors), writing the status in
/// the language of `words` (casestudy_status.*).
FormAnswers CaseStudyAnswers(const Library& lib, const Worksheet& form, const Messages& words,
                             const CaseStudy& cs);

/// Something in the form that could not become a field: where it is
/// (`section "Partners", row 3`) and why, with a fix.
struct FormProblem {
  std::string where;
  std::string message;
};

struct ImportedCaseStudy {
  CaseStudy cs;
  /// What could not be placed in a field, verbatim with where it was: kept
  /// as comments at the top of the file for the maintainer.
  std::vector<std::string> unplaced;
  std::vector<FormProblem> problems;
  /// Things the maintainer should know that are not problems (contact
  /// details left out of the file).
  std::vector<std::string> notes;
};

/// The case study the answers describe. A status is read in any of
/// `languages` (the theme's message files: a form downloaded from the Welsh
/// site says "Gweithredol").
ImportedCaseStudy CaseStudyFromAnswers(const Library& lib, const Worksheet& form,
                                       const FormLanguages& languages, const FormAnswers& answers);

}  // namespace commonplace

#endif  // COMMONPLACE_DOCX_CASE_STUDY_FORM_H_
