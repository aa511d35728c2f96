// Golden files for a few canonical pages of the inline base site. After an
// intended change, regenerate them with UPDATE_GOLDEN=1 and review the diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "base/fs.h"
#include "test_site.h"

namespace fs = std::filesystem;
using commonplace::testing::kBaseSite;
using commonplace::testing::TestSite;

TEST_CASE("canonical pages match their golden files") {
  TestSite site(kBaseSite);
  REQUIRE(site.Build().ok);
  fs::path golden = fs::path(COMMONPLACE_SOURCE_DIR) / "tests/golden";
  bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  for (const char* page : {"casestudies/food-project/index.html", "browse/regions/index.html",
                           "principles/qmul-shared-power/index.html", "sitemap.xml", "feed.xml",
                           "schema/case-study.schema.json"}) {
    std::string actual = site.Output(page);
    std::string name = page;
    for (auto& c : name) c = c == '/' ? '_' : c;
    fs::path file = golden / name;
    if (update) {
      std::string err;
      REQUIRE(commonplace::WriteFileAtomic(file, actual, &err));
      continue;
    }
    auto expected = commonplace::ReadFile(file);
    REQUIRE_MESSAGE(expected, "missing golden file " << file << " (run with UPDATE_GOLDEN=1)");
    CHECK_MESSAGE(*expected == actual,
                  page << " differs from " << file << "; if the change is intended, rerun with "
                       << "UPDATE_GOLDEN=1 and review the diff");
  }
}
