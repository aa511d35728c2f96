// Every fixture in tests/fixtures/bad-casestudies/ fails the build with the
// headline in its .expected file (an exact prefix of one of its errors).
#include <doctest/doctest.h>

#include <filesystem>

#include "base/fs.h"
#include "test_site.h"

namespace fs = std::filesystem;
using commonplace::testing::kBaseSite;
using commonplace::testing::TestSite;

TEST_CASE("bad case studies give the expected message and position") {
  fs::path dir = fs::path(COMMONPLACE_SOURCE_DIR) / "tests/fixtures/bad-casestudies";
  int checked = 0;
  for (const auto& rel : commonplace::ListFiles(dir, "", ".md")) {
    std::string name = fs::path(rel).stem().string();
    auto text = commonplace::ReadFile(dir / rel);
    auto expected_file = commonplace::ReadFile(dir / (name + ".expected"));
    REQUIRE_MESSAGE(expected_file, "missing " << name << ".expected");
    std::string expected = *expected_file;
    if (expected.rfind("# schema: no\n", 0) == 0) expected = expected.substr(13);
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    TestSite site(kBaseSite);
    site.Write("casestudies/" + name + ".md", *text);
    auto r = site.Build();
    CHECK_MESSAGE(!r.ok, name);
    std::string all;
    bool found = false;
    for (const auto& d : r.diags.items()) {
      std::string h = commonplace::FormatHeadline(d);
      all += h + "\n";
      found = found || h.rfind(expected, 0) == 0;
    }
    CHECK_MESSAGE(found, name << ": got\n" << all);
    ++checked;
  }
  CHECK(checked >= 20);
}

TEST_CASE("two case studies with one slug are refused") {
  TestSite site(kBaseSite);
  site.Write("casestudies/archive/food-project.md",
             site.Output("x").empty() ? "---\ntitle: Copy\nsummary: S\npartnership_type: "
                                        "community-university\nstatus: active\npartners: [{name: U, "
                                        "kind: university}]\nimpacts: [{area: social}]\nsources: "
                                        "[{source: toolkit-2025, locator: p.1}]\nupdated: "
                                        "2026-01-01\n---\n"
                                      : "");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  std::string all;
  for (const auto& d : r.diags.items()) all += commonplace::FormatHeadline(d) + "\n";
  // At the second file's title line, naming the first file.
  CHECK(all.find("casestudies/food-project.md:2:8: error: duplicate slug 'food-project': "
                 "casestudies/archive/food-project.md has the same file name") != std::string::npos);
}
