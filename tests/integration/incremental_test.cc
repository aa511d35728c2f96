// A rebuild that reuses parsed case studies gives exactly the same site as
// a full build.
#include <doctest/doctest.h>

#include "pipeline/pipeline.h"
#include "test_site.h"

using commonplace::testing::kBaseSite;
using commonplace::testing::TestSite;

TEST_CASE("incremental rebuild after one edit is byte-identical to a full build") {
  TestSite site(kBaseSite);
  for (int i = 0; i < 30; ++i) {
    site.Write("casestudies/extra-" + std::to_string(i) + ".md",
               "---\ntitle: Extra " + std::to_string(i) +
                   "\nsummary: S\npartnership_type: community-university\nstatus: active\n"
                   "partners: [{name: U, kind: university}]\nactivities: [placements]\n"
                   "impacts: [{area: social}]\nsources: [{source: toolkit-2025, locator: p.1}]\n"
                   "updated: 2026-01-01\n---\n## Heading\n\nText " + std::to_string(i) + ".\n");
  }
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  std::map<std::string, std::string> first, incremental, full;
  std::string errors;
  const std::string root = site.root().string();
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &first, &errors, &cache, &pages,
                                     &links));
  CHECK(cache.reused == 0);
  CHECK(pages.reused() == 0);
  CHECK(pages.rendered() > 30);

  // Edit one case study: new title (moves it in every list), new term, new body.
  site.Write("casestudies/extra-7.md",
             "---\ntitle: Aardvark partnership\nsummary: Changed.\npartnership_type: "
             "community-university\nstatus: ended\npartners: [{name: U, kind: university}]\n"
             "activities: [co-produced-research]\nimpacts: [{area: health}]\n"
             "sources: [{source: toolkit-2025, locator: p.2}]\nupdated: 2026-02-01\n---\nNew.\n");
  site.Remove("casestudies/extra-3.md");
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &incremental, &errors, &cache,
                                     &pages, &links));
  CHECK(cache.reused == 30);  // 31 files remain; all but the edited one are reused
  // Most pages are reused; those the edit touches are rendered again.
  CHECK(pages.reused() > pages.rendered());
  CHECK(pages.rendered() > 5);
  REQUIRE(commonplace::BuildInMemory(root, "https://example.org/", &full, &errors, nullptr));
  CHECK(incremental.size() == full.size());
  CHECK(incremental == full);
  CHECK(incremental != first);
  CHECK(incremental["casestudies/extra-7/index.html"].find("Aardvark partnership") !=
        std::string::npos);
  CHECK(incremental.count("casestudies/extra-3/index.html") == 0);

  // The links of unchanged pages are not read again, but every link is
  // checked again: an edit that breaks one fails as a full build does.
  site.Write("casestudies/extra-5.md",
             "---\ntitle: Extra 5\nsummary: S\npartnership_type: community-university\n"
             "status: active\npartners: [{name: U, kind: university}]\nactivities: [placements]\n"
             "impacts: [{area: social}]\nsources: [{source: toolkit-2025, locator: p.1}]\n"
             "updated: 2026-01-01\n---\nSee [extra 3](../extra-3/).\n");
  std::map<std::string, std::string> broken;
  CHECK_FALSE(commonplace::BuildInMemory(root, "https://example.org/", &broken, &errors, &cache,
                                         &pages, &links));
  CHECK(errors.find("broken link '../extra-3/'") != std::string::npos);
  std::string full_errors;
  CHECK_FALSE(commonplace::BuildInMemory(root, "https://example.org/", &broken, &full_errors));
  CHECK(errors == full_errors);
}
