// Writes a search index that lunr.js 2.3.9 loads with lunr.Index.load,
// scoring exactly as lunr.Builder would (BM25, k1 = 1.2, b = 0.75, field
// and document boosts, scores rounded to three decimals).
#ifndef COMMONPLACE_SEARCH_LUNR_INDEX_H_
#define COMMONPLACE_SEARCH_LUNR_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace commonplace::search {

struct Field {
  std::string name;
  double boost = 1.0;
};

struct Document {
  std::string ref;
  std::vector<std::string> values;  ///< One per field, in the fields' order.
  double boost = 1.0;
  /// Instead of `values`: views of text the caller keeps alive until the
  /// index is built, which spares copying every page's text.
  std::vector<std::string_view> views;
  /// Optional: a 128-bit digest the caller vouches for, which two documents
  /// share only when their fields hold the same text (both words zero:
  /// none). With an AnalysisCache, it stands for the text, which is then
  /// not hashed again to find the document's kept analysis.
  uint64_t digest[2] = {0, 0};

  size_t FieldCount() const { return views.empty() ? values.size() : views.size(); }
  std::string_view Value(size_t field) const {
    return views.empty() ? std::string_view(values[field]) : views[field];
  }
};

namespace internal {
class AnalysedIndex;
class AnalysisStore;
}  // namespace internal

/// Each document's analysed terms (tokenised, trimmed, stop words dropped,
/// stemmed and counted per field), kept between index builds by `serve`: a
/// document whose fields hold the same text as last time is not analysed
/// again. Scores depend on every document, so the index itself is still
/// weighed and written whole; the result is the same as without the cache.
class AnalysisCache {
 public:
  AnalysisCache();
  ~AnalysisCache();
  AnalysisCache(const AnalysisCache&) = delete;
  AnalysisCache& operator=(const AnalysisCache&) = delete;
  /// Documents taken from the cache in the last build.
  size_t reused() const;

 private:
  friend class internal::AnalysedIndex;
  std::unique_ptr<internal::AnalysisStore> store_;
};

struct IndexOptions {
  /// Decimals kept in field-vector scores. lunr.js keeps 3 (and rounds
  /// before ranking), so 3 gives identical rankings; fewer makes a smaller
  /// index whose scores differ slightly.
  int decimals = 3;
  /// Threads for the text pipeline and for writing the field vectors (0:
  /// one per core). The index is the same for any number.
  int threads = 0;
  /// Keep lunr's "position" metadata ([start, length] of each occurrence)
  /// in the postings, as a builder with metadataWhitelist ['position']
  /// does: lets a page highlight matches, at the cost of a larger index.
  bool positions = false;
  /// lunr's English pipeline (stop-word filter and Porter stemmer after the
  /// trimmer), as lunr.js builds by default. False: the trimmer alone, for
  /// a language lunr has no stemmer for (Welsh): an English stemmer and
  /// English stop words would mangle and drop its words. The manifest's
  /// "pipeline" says which, so the browser searches the same way.
  bool english = true;
  /// Kept between builds (not used when positions are kept); may be null.
  AnalysisCache* analysis_cache = nullptr;
};

/// The serialised index, in lunr.Index#toJSON form, as compact JSON.
std::string BuildLunrIndexJson(const std::vector<Field>& fields, const std::vector<Document>& docs,
                               const IndexOptions& options = {});

/// Formats a number as JavaScript's Number#toString does (for the values
/// an index holds).
std::string JsNumber(double v);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_LUNR_INDEX_H_
