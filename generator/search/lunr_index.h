// Writes a search index that lunr.js 2.3.9 loads with lunr.Index.load,
// scoring exactly as lunr.Builder would (BM25, k1 = 1.2, b = 0.75, field
// and document boosts, scores rounded to three decimals).
#ifndef COMMONPLACE_SEARCH_LUNR_INDEX_H_
#define COMMONPLACE_SEARCH_LUNR_INDEX_H_

#include <string>
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
};

/// The serialised index, in lunr.Index#toJSON form, as compact JSON.
std::string BuildLunrIndexJson(const std::vector<Field>& fields, const std::vector<Document>& docs,
                               const IndexOptions& options = {});

struct ShardOptions {
  /// A shard is closed once it would grow past this many bytes (a single
  /// term whose postings are larger has a shard of its own).
  size_t target_bytes = 12 * 1024;
};

struct ShardFile {
  std::string path;  ///< "manifest.json" or "shards/<content hash>.json".
  std::string content;
};

/// The same index as term-partitioned shards, for a browser that fetches
/// only the terms a query needs and assembles a partial lunr.Index whose
/// scores equal the full index's (lunr's score is a dot product over the
/// query's own terms, so each document vector needs only those terms).
///
/// manifest.json: {"lunr": "2.3.9", "fields", "pipeline", "decimals",
///   "documents": N, "refs": [ref of document 0, …] (left out when every
///   ref is its document's number), "bounds": [first term of each shard,
///   shortened], "shards": [file names under shards/]}.
/// A shard is a JSON array of terms in lunr.js order, each
///   ["term", _index, field 0, field 1, …]: a field is 0 when it does not
///   hold the term, else [document, score, gap, score, …], document numbers
///   delta-coded, scores in units of 10^-decimals as the field vectors
///   hold them. Positions are not kept, whatever `options` says.
/// themes/default/static/js/search-shards.js reads this layout.
std::vector<ShardFile> BuildLunrShards(const std::vector<Field>& fields,
                                       const std::vector<Document>& docs,
                                       const IndexOptions& options = {},
                                       const ShardOptions& shard_options = {});

/// Formats a number as JavaScript's Number#toString does (for the values
/// an index holds).
std::string JsNumber(double v);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_LUNR_INDEX_H_
