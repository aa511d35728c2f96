// validate/: checks the loaded model as a whole: enums, vocabulary terms,
// cross-references, unique ids. Reports every problem; never throws.
#ifndef COMMONPLACE_VALIDATE_VALIDATE_H_
#define COMMONPLACE_VALIDATE_VALIDATE_H_

#include <cstddef>
#include <memory>

#include "base/diagnostic.h"
#include "model/model.h"

namespace commonplace {

/// What validation found in each case study, kept between the builds of
/// `serve` (the loader's cache must be in use: it fingerprints the files a
/// case study is checked against). A case study whose file is as last time,
/// among content files and a site.yaml that are all as last time, has the
/// same findings, so only edited ones are checked again.
class ValidationCache {
 public:
  ValidationCache();
  ~ValidationCache();
  ValidationCache(const ValidationCache&) = delete;
  ValidationCache& operator=(const ValidationCache&) = delete;
  /// How many case studies the last build took from the cache.
  size_t reused() const { return reused_; }
  struct Entries;  ///< validate.cc's own

 private:
  friend bool ValidateLibrary(const Library&, Diagnostics&, ValidationCache*);
  std::unique_ptr<Entries> entries_;
  size_t reused_ = 0;
};

/// Adds a Diagnostic for each problem in `lib`; returns true when no error
/// was found (warnings do not count). With `cache`, unchanged case studies'
/// findings are taken from it (the same findings, in the same order).
bool ValidateLibrary(const Library& lib, Diagnostics& diags, ValidationCache* cache = nullptr);

/// Whether a setting's value is still a placeholder: an address at a name
/// reserved for examples (example.org, *.test, localhost…), a repository of
/// github.com/example (or your-org…), or text such as "Your organisation".
bool IsPlaceholderValue(const std::string& value);

/// For `check --publish`: an error, at the setting or the line, for each
/// value a reader would see that is still a placeholder. True when none is.
bool CheckPublishable(const Library& lib, Diagnostics& diags);

/// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(const std::string& s);

}  // namespace commonplace

#endif  // COMMONPLACE_VALIDATE_VALIDATE_H_
