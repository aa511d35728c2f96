#include "model/model.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

using namespace commonplace;

namespace {

CaseStudy Named(const std::string& slug, const std::string& title) {
  CaseStudy cs;
  cs.slug = slug;
  cs.title = title;
  return cs;
}

}  // namespace

TEST_CASE("a case-study list reads like a vector, shares what it is given and copies on copy") {
  Library lib;
  lib.case_studies.push_back(Named("a", "Alpha"));
  auto shared = std::make_shared<CaseStudy>(Named("b", "Bravo"));
  lib.case_studies.Share(shared);
  lib.case_studies.push_back(Named("c", "Charlie"));
  REQUIRE(lib.case_studies.size() == 3);
  CHECK(lib.case_studies.front().slug == "a");
  CHECK(lib.case_studies.back().slug == "c");
  // Sorted by slug: found by binary search, with its index.
  CHECK(lib.FindCaseStudy("b") == shared.get());
  CHECK(lib.CaseStudyIndex("c") == std::optional<size_t>(2));
  CHECK_FALSE(lib.CaseStudyIndex("bb"));
  CHECK(lib.FindCaseStudy("z") == nullptr);
  std::string titles;
  for (const CaseStudy& cs : lib.case_studies) titles += cs.title + ";";
  CHECK(titles == "Alpha;Bravo;Charlie;");
  CHECK(std::count_if(lib.case_studies.begin(), lib.case_studies.end(),
                      [](const CaseStudy& cs) { return cs.title.size() == 5; }) == 2);

  // A shared case study is the same object: a change through the library
  // is seen by whoever else holds it (the cache keeps rendered bodies so).
  lib.case_studies[1].body_html = "<p>rendered</p>";
  CHECK(shared->body_html == "<p>rendered</p>");

  // A copy of the library (a translated one) copies every case study:
  // changing the copy changes neither the original nor the shared object.
  Library translated = lib;
  translated.case_studies[1].title = "Brafo";
  translated.case_studies[0].title = "Alffa";
  CHECK(lib.case_studies[1].title == "Bravo");
  CHECK(shared->title == "Bravo");
  CHECK(lib.case_studies[0].title == "Alpha");
  CHECK(translated.FindCaseStudy("b") != shared.get());

  // Moving hands the same objects over.
  Library moved = std::move(translated);
  CHECK(moved.case_studies[1].title == "Brafo");

  lib.case_studies.resize(1);
  CHECK(lib.case_studies.size() == 1);
  CHECK(shared.use_count() == 1);  // the list let go of it
  lib.case_studies.resize(2);
  CHECK(lib.case_studies[1].slug.empty());
}
