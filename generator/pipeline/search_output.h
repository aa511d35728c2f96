// The site's search files: a Lunr index over every page record and a small
// result store the search page shows results from.
#ifndef COMMONPLACE_PIPELINE_SEARCH_OUTPUT_H_
#define COMMONPLACE_PIPELINE_SEARCH_OUTPUT_H_

#include <vector>

#include "base/fs.h"
#include "model/model.h"
#include "render/site_renderer.h"

namespace commonplace {

/// Adds search/index.json (Lunr 2.3.9) and search/store.json to `out`.
void WriteSearchFiles(const Library& lib, const std::vector<PageRecord>& records, OutputTree* out);

}  // namespace commonplace

#endif  // COMMONPLACE_PIPELINE_SEARCH_OUTPUT_H_
