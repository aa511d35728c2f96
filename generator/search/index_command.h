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
};

/// Returns 0 on success, 1 for bad input (reported as `path: error: …`),
/// 2 for bad options.
int RunIndexCommand(const IndexCommandOptions& options, std::ostream& err);

/// gzip (RFC 1952) and brotli encodings of `data`, deterministic (no
/// timestamp). Empty on failure.
std::string Gzip(const std::string& data);
std::string Brotli(const std::string& data);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_INDEX_COMMAND_H_
