// The web form at contribute/new/: a page generated from the case-study
// JSON Schema (schema/) and the vocabularies, whose script
// (themes/default/static/js/contribute-form.js) checks what is typed and
// writes the case-study file in the browser.
#ifndef COMMONPLACE_RENDER_CONTRIBUTE_FORM_H_
#define COMMONPLACE_RENDER_CONTRIBUTE_FORM_H_

#include <string>

#include "model/model.h"

namespace commonplace {

/// Where a host's "new file" page is, for the repository site.yaml names.
struct NewFileLink {
  std::string host;  ///< "GitHub" or "GitLab"; "" when there is no such page.
  /// The page without its query: https://github.com/o/r/new/main or
  /// https://gitlab.com/o/r/-/new/main. The form adds the file name and
  /// content (GitHub: ?filename=…&value=…; GitLab: ?file_name=…&content=…).
  std::string base;
};

/// GitHub when repository.url is on github.com; GitLab when it is on
/// gitlab.com, on a host whose name starts "gitlab.", or when edit_url has
/// GitLab's "/-/edit/" form; nothing for any other host or no repository.
NewFileLink NewFileLinkFor(const SiteConfig& c);

}  // namespace commonplace

#endif  // COMMONPLACE_RENDER_CONTRIBUTE_FORM_H_
