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

TEST_CASE("linking files each item under its terms and every broader one, once") {
  Library lib;
  Vocabulary regions;
  regions.id = "regions";
  Term england, north_west, salford, stray;
  england.id = "england";
  north_west.id = "north-west";
  north_west.parent = "england";
  salford.id = "salford";
  salford.parent = "north-west";
  stray.id = "stray";
  stray.parent = "nowhere";  // a parent that is not a term
  regions.terms = {england, north_west, salford, stray};
  lib.vocabularies.push_back(regions);
  auto with = [](const std::string& slug, std::vector<std::pair<std::string, std::string>> uses) {
    CaseStudy cs = Named(slug, slug);
    for (const auto& [vocab, term] : uses) cs.term_uses.push_back({vocab, "field", term, {}});
    return cs;
  };
  lib.case_studies.push_back(with("a", {{"regions", "salford"}, {"regions", "north-west"}}));
  lib.case_studies.push_back(with("b", {{"regions", "stray"}, {"regions", "unknown"}}));
  lib.case_studies.push_back(with("c", {{"themes", "x"}, {"regions", "england"}}));
  lib.Link();
  const auto& by = lib.cases_by_term.at("regions");
  using List = std::vector<size_t>;
  CHECK(by.at("salford") == List{0});
  CHECK(by.at("north-west") == List{0});  // once, though two of its terms lead there
  CHECK(by.at("england") == List{0, 2});
  CHECK(by.at("stray") == List{1});
  CHECK(by.at("nowhere") == List{1});  // listed, and the climb ends there
  CHECK(by.at("unknown") == List{1});  // not a term: under itself alone
  CHECK(lib.cases_by_term.at("themes").at("x") == List{2});  // no such vocabulary
  // Linking again gives the same lists, not longer ones.
  lib.Link();
  CHECK(lib.cases_by_term.at("regions").at("england") == List{0, 2});
}

TEST_CASE("a large library is linked in two halves put end to end, in index order") {
  // Enough case studies for Link to take a second thread.
  Library lib;
  Vocabulary regions;
  regions.id = "regions";
  Term england, north_west, wales;
  england.id = "england";
  north_west.id = "north-west";
  north_west.parent = "england";
  wales.id = "wales";
  regions.terms = {england, north_west, wales};
  lib.vocabularies.push_back(regions);
  const size_t n = 601;
  using List = std::vector<size_t>;
  List england_list, north_west_list, wales_list, even;
  for (size_t i = 0; i < n; ++i) {
    CaseStudy cs = Named("c" + std::to_string(1000 + i), "Case " + std::to_string(i));
    const char* region = i % 3 == 0 ? "north-west" : i % 3 == 1 ? "wales" : "england";
    cs.term_uses.push_back({"regions", "places", region, {}});
    (i % 3 == 1 ? wales_list : england_list).push_back(i);
    if (i % 3 == 0) north_west_list.push_back(i);
    if (i % 2 == 0) {
      cs.principles = {"b", "a", "a"};  // each listed once
      even.push_back(i);
    }
    cs.sources.push_back({"s1", "row " + std::to_string(i), {}});
    lib.case_studies.push_back(cs);
  }
  lib.Link();
  const auto& by = lib.cases_by_term.at("regions");
  CHECK(by.at("england") == england_list);
  CHECK(by.at("north-west") == north_west_list);
  CHECK(by.at("wales") == wales_list);
  CHECK(lib.cases_by_principle.at("a") == even);
  CHECK(lib.cases_by_principle.at("b") == even);
  const auto& cited = lib.citations_by_source.at("s1");
  REQUIRE(cited.size() == n);
  for (size_t i = 0; i < n; ++i) {
    CHECK(cited[i].url == "casestudies/c" + std::to_string(1000 + i) + "/");
    CHECK(cited[i].locator == "row " + std::to_string(i));
  }
}
