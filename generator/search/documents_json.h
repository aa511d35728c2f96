// Reads the input of `commonplace index`: a JSON array of document objects.
// A general JSON library builds a tree of every value first; for a corpus of
// thousands of documents that was a quarter of the command's time, so this
// reader takes just the members it is asked for, straight into Documents.
#ifndef COMMONPLACE_SEARCH_DOCUMENTS_JSON_H_
#define COMMONPLACE_SEARCH_DOCUMENTS_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "search/lunr_index.h"

namespace commonplace::search {

struct DocumentsSpec {
  std::string ref = "id";          ///< Member holding each document's id (string or number).
  std::vector<std::string> fields; ///< Members to index, in order (string or null; missing is empty).
  std::string boost;               ///< Member holding a document boost (a number), or "".
};

/// Parses `text` (RFC 8259 JSON) into `docs`. On bad input returns false
/// and sets *error to "line:col: error: message" (1-based), naming the
/// document.
/// As with JSON.parse, a repeated member keeps its last value; a number
/// used as the ref is written as JavaScript would print it.
bool ReadDocumentsJson(std::string_view text, const DocumentsSpec& spec,
                       std::vector<Document>* docs, std::string* error);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_DOCUMENTS_JSON_H_
