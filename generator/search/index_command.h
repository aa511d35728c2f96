// `commonplace index`: builds a Lunr index from anyone's JSON documents.
#ifndef COMMONPLACE_SEARCH_INDEX_COMMAND_H_
#define COMMONPLACE_SEARCH_INDEX_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace commonplace::search {

struct IndexCommandOptions {
  std::string ref = "id";
  std::vector<std::string> fields;  ///< "title^10", "body", …
  std::string input;                ///< A JSON array of objects with string fields.
  std::string output;
  int decimals = 3;
  bool gzip = false;
  bool brotli = false;
  bool positions = false;    ///< Keep lunr's position metadata.
  std::string doc_boost;     ///< Member holding each document's boost, or "".
  /// When set, refs in the index become short codes ("a", "b", … "ba")
  /// and this file maps each code back to the document's ref.
  std::string compact_refs;
  /// When set, also (or, without `output`, only) write the index as
  /// shards into this folder: manifest.json and shards/ (see
  /// BuildLunrShards). The folder is replaced whole, so it must be new,
  /// empty, or one this command wrote before.
  std::string shards;
};

/// The short code that --compact-refs gives the document at `index`:
/// letters only, so that lunr.js keeps documents in the order they were
/// added (JavaScript orders integer-like keys numerically).
std::string CompactRef(size_t index);

/// Returns 0 on success, 1 for bad input (reported as `path: error: …`),
/// 2 for bad options.
int RunIndexCommand(const IndexCommandOptions& options, std::ostream& err);

/// gzip (RFC 1952) and brotli encodings of `data`, deterministic (no
/// timestamp). Empty on failure.
std::string Gzip(const std::string& data);
std::string Brotli(const std::string& data);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_INDEX_COMMAND_H_
