// The search index as term-partitioned shards and a manifest: the layout
// the site's search loads a query's terms from (and `commonplace index
// --shards` writes for anyone).
#ifndef COMMONPLACE_SEARCH_SHARDS_H_
#define COMMONPLACE_SEARCH_SHARDS_H_

#include <functional>
#include <string>
#include <vector>

#include "search/lunr_index.h"

namespace commonplace::search {

struct ShardOptions {
  /// A shard is closed once it would grow past this many bytes (a single
  /// term whose postings are larger has a shard of its own).
  size_t target_bytes = 12 * 1024;
  /// The terms are cut into segments of about this many postings, whose
  /// shards are made on every core; a shard never spans two, so the files do
  /// not depend on the number of threads (1.45 million postings at 10,000
  /// case studies).
  size_t segment_postings = 64 * 1024;
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

/// The same files, each handed to `sink` as soon as it is made, so they
/// are never all held at once: the shards from every thread the options
/// allow, at once and in no set order (each thread's in term order), the
/// manifest last, alone.
using ShardSink = std::function<void(ShardFile&&)>;
void BuildLunrShards(const std::vector<Field>& fields, const std::vector<Document>& docs,
                     const IndexOptions& options, const ShardOptions& shard_options,
                     const ShardSink& sink);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_SHARDS_H_
