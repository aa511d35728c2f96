// schema/: the JSON Schema of case-study front matter, generated from the
// same rules validate/ applies and the vocabularies' terms, so editors can
// autocomplete and CI can check without running the generator.
#ifndef COMMONPLACE_SCHEMA_JSON_SCHEMA_H_
#define COMMONPLACE_SCHEMA_JSON_SCHEMA_H_

#include <string>

#include "model/model.h"

namespace commonplace {

/// Pretty-printed JSON Schema (draft 2020-12) for casestudies/*.md front matter.
std::string CaseStudyJsonSchema(const Library& lib);

}  // namespace commonplace

#endif  // COMMONPLACE_SCHEMA_JSON_SCHEMA_H_
