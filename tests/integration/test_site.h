// Inline test sites: a string of `-- path --` sections is written into a
// temporary repository (with the real default theme) and built.
#ifndef COMMONPLACE_TESTS_TEST_SITE_H_
#define COMMONPLACE_TESTS_TEST_SITE_H_

#include <filesystem>
#include <map>
#include <string>

#include "pipeline/pipeline.h"

namespace commonplace::testing {

class TestSite {
 public:
  /// Creates a temporary repository holding `files` (txtar-like text).
  explicit TestSite(const std::string& files);
  ~TestSite();

  /// Adds or replaces one file.
  void Write(const std::string& rel, const std::string& text);
  void Remove(const std::string& rel);

  /// Builds into <tmp>/site (or `out`); returns the result.
  BuildResult Build(const std::string& base_url = "", const std::string& out = "site",
                    int threads = 1);

  /// Reads a file of the last written site ("" when missing).
  std::string Output(const std::string& rel, const std::string& out = "site") const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

/// The shipped repository built once in memory (nothing written), shared by
/// the test cases of one test program.
const BuildResult& ShippedBuild();

/// The smallest complete site: site.yaml, sources, the vocabularies a case
/// study needs, one principle and two case studies.
extern const char* kBaseSite;

/// Every diagnostic of a build as its headline, one a line.
std::string ErrorLines(const BuildResult& r);

/// Reads a whole directory into path → bytes.
std::map<std::string, std::string> ReadTree(const std::filesystem::path& dir);

}  // namespace commonplace::testing

#endif  // COMMONPLACE_TESTS_TEST_SITE_H_
