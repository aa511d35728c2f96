// The site's search files: a Lunr index over every page record, in shards,
// and a small file per page that the search page shows results from.
#ifndef COMMONPLACE_PIPELINE_SEARCH_OUTPUT_H_
#define COMMONPLACE_PIPELINE_SEARCH_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "base/fs.h"
#include "model/model.h"
#include "render/page_cache.h"
#include "render/site_renderer.h"

namespace commonplace {

/// The search field that holds a page's extra words (see SearchAlsoWords).
inline constexpr const char* kAlsoField = "also";

/// The words a page is also found by: each hyphenated word joined
/// ("co-production" → "coproduction"), and each synonym readers type whose
/// words the page uses (site.yaml search.synonyms). Sorted, space-separated.
/// They only add words: the page's own fields are indexed unchanged.
std::string SearchAlsoWords(
    const std::string& page_text,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& synonyms);

/// Adds the site's search index to `out`, under search/:
///   manifest.json, shards/*.json  the Lunr 2.3.9 index as shards (see
///                                 search::BuildLunrShards), one per term range
///   docs/<ref>.json               one page's result: title, kind, URL,
///                                 summary and body sections (for passages)
/// A query fetches the manifest, its terms' shards and one file per result
/// shown. When `documents` is given, it receives the documents the index
/// was built from, as the JSON array `commonplace index` and lunr.js read
/// (each with its ref as "id" and one member per search field).
/// Result kinds are labelled in the language of `messages`. With `cache`
/// (kept by `serve`), each page's result file and extra words are made
/// again only when its record (or the language) changed. Uses up to
/// `threads` threads (0: one per core).
void WriteSearchIndex(const Library& lib, const Messages& messages, const PageRecords& records,
                      OutputTree* out, std::string* documents = nullptr,
                      PageCache* cache = nullptr, int threads = 0);

/// Adds the search page's two other files, which a query loads only when
/// filtering or when nothing matched (they may be made beside the index):
///   filters.json  every page's kind, type and nations
///   words.json    the words "did you mean" may offer
/// With `cache`, a page whose record is unchanged is not tokenised again.
void WriteSearchLists(const Messages& messages, const PageRecords& records, OutputTree* out,
                      PageCache* cache = nullptr);

}  // namespace commonplace

#endif  // COMMONPLACE_PIPELINE_SEARCH_OUTPUT_H_
