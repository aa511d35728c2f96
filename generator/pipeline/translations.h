// The library as one language reads it: each translated file or item in
// place of its original, marked with the language it is now in; whatever
// has no translation stays as written, in the content's language.
#ifndef COMMONPLACE_PIPELINE_TRANSLATIONS_H_
#define COMMONPLACE_PIPELINE_TRANSLATIONS_H_

#include <string>

#include "model/model.h"

namespace commonplace {

/// Puts every translation into `lang` (case studies, pages, principles and
/// findings from `slug.<lang>.md`; vocabularies, recommendations, resources,
/// sources, worksheets and datasets from `x.<lang>.yaml`) in place of its original in
/// `lib`.
void UseLanguage(const std::string& lang, Library* lib);

/// Whether `lib` has any translation at all.
bool HasTranslations(const Library& lib);

}  // namespace commonplace

#endif  // COMMONPLACE_PIPELINE_TRANSLATIONS_H_
