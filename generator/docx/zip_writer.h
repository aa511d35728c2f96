// An in-memory zip archive built with libzip, with fixed timestamps and
// entry order so the same parts always give the same bytes.
#ifndef COMMONPLACE_DOCX_ZIP_WRITER_H_
#define COMMONPLACE_DOCX_ZIP_WRITER_H_

#include <string>
#include <utility>
#include <vector>

namespace commonplace {

/// Zips `entries` (name, bytes) in the given order. Returns "" and sets
/// `err` on failure.
std::string ZipEntries(const std::vector<std::pair<std::string, std::string>>& entries,
                       std::string* err);

/// Reads every entry of a zip archive held in memory (for tests).
bool UnzipEntries(const std::string& archive, std::vector<std::pair<std::string, std::string>>* out,
                  std::string* err);

}  // namespace commonplace

#endif  // COMMONPLACE_DOCX_ZIP_WRITER_H_
