// scaffold/: a case study as the file a contributor commits: front matter
// in the order the shipped files use, then the Markdown body. What
// `commonplace import` writes from a filled-in form.
#ifndef COMMONPLACE_SCAFFOLD_CASE_STUDY_FILE_H_
#define COMMONPLACE_SCAFFOLD_CASE_STUDY_FILE_H_

#include <string>
#include <vector>

#include "model/model.h"

namespace commonplace {

/// The case-study file, with `comments` as YAML comments at the top of the
/// front matter. LoadCaseStudy reads back exactly the fields written.
std::string CaseStudyFile(const CaseStudy& cs, const std::vector<std::string>& comments = {});

/// A slug for a title: lower-case words joined by hyphens, at most 60
/// characters, cut at a word ("" when the title has no letters or digits).
std::string SlugForTitle(const std::string& title);

}  // namespace commonplace

#endif  // COMMONPLACE_SCAFFOLD_CASE_STUDY_FILE_H_
