#include "facets/facets.h"

#include <doctest/doctest.h>

#include <random>

using namespace commonplace;

namespace {

CaseStudy Case(const std::string& slug, const std::string& title,
               std::vector<std::pair<std::string, std::string>> uses) {
  CaseStudy cs;
  cs.slug = slug;
  cs.title = title;
  for (const auto& [vocab, term] : uses) cs.term_uses.push_back({vocab, "field", term, {}});
  return cs;
}

Library RegionLibrary() {
  Library lib;
  Vocabulary v;
  v.id = "regions";
  v.terms = {{"england", "England", "", "", {}, "", {}},
             {"scotland", "Scotland", "", "", {}, "", {}},
             {"wales", "Wales", "", "", {}, "", {}},
             {"north-west", "North West", "", "england", {}, "", {}}};
  lib.vocabularies.push_back(v);
  lib.case_studies.push_back(Case("x", "Zed", {{"regions", "north-west"}}));
  lib.case_studies.push_back(Case("y", "Abe", {{"regions", "wales"}}));
  lib.case_studies.push_back(Case("z", "Mid", {{"regions", "england"}}));
  lib.case_studies[0].status = "active";
  lib.case_studies[0].anonymised = true;
  lib.case_studies[0].places = {{"Manchester", "north-west"}, {"Salford", "north-west"}};
  lib.case_studies[0].sources = {{"s1", "", {}}, {"s2", "", {}}};
  lib.Link();
  return lib;
}

const FacetGroup* Group(const std::vector<FacetGroup>& groups, const std::string& id) {
  for (const auto& g : groups) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the last title order is kept while it is still in order") {
  Library lib = RegionLibrary();
  const std::vector<size_t> sorted{1, 2, 0};  // Abe, Mid, Zed
  const std::vector<size_t> stale{0, 1, 2}, short_one{1, 2}, out_of_range{1, 2, 7}, twice{1, 1, 0};
  CHECK(TitleOrder(lib, &sorted) == sorted);
  for (const auto* last : {&stale, &short_one, &out_of_range, &twice}) {
    CHECK(TitleOrder(lib, last) == sorted);
  }
  lib.case_studies[1].title = "Zzz";  // Abe goes last
  CHECK(TitleOrder(lib, &sorted) == std::vector<size_t>{2, 0, 1});
}

TEST_CASE("a case filed under a region counts under its nation") {
  Library lib = RegionLibrary();
  std::vector<size_t> order = TitleOrder(lib);
  REQUIRE(order == std::vector<size_t>{1, 2, 0});  // Abe, Mid, Zed
  auto groups = BuildFacets(lib, order);

  const FacetGroup* nation = Group(groups, "nation");
  REQUIRE(nation);
  CHECK(nation->vocab == "regions");
  REQUIRE(nation->options.size() == 2);  // Scotland has no case studies.
  CHECK(nation->options[0].id == "england");
  CHECK(nation->options[0].cases == std::vector<uint32_t>{1, 2});
  CHECK(nation->options[1].id == "wales");
  CHECK(nation->options[1].cases == std::vector<uint32_t>{0});

  const FacetGroup* region = Group(groups, "region");
  REQUIRE(region);
  REQUIRE(region->options.size() == 3);
  CHECK(region->options[2].id == "north-west");
  CHECK(region->options[2].parent == "england");
  CHECK(region->options[2].cases == std::vector<uint32_t>{2});

  // Groups whose vocabulary is missing are left out; pseudo-groups keep every option.
  CHECK_FALSE(Group(groups, "type"));
  const FacetGroup* status = Group(groups, "status");
  REQUIRE(status);
  REQUIRE(status->options.size() == 3);
  CHECK(status->options[0].cases == std::vector<uint32_t>{2});
  CHECK(status->options[1].cases.empty());
  CHECK(status->options[2].label == "Not known");
  CHECK(status->options[2].cases == std::vector<uint32_t>{0, 1});
  const FacetGroup* named = Group(groups, "named");
  REQUIRE(named);
  CHECK(named->options[1].id == "anonymised");
  CHECK(named->options[1].cases == std::vector<uint32_t>{2});
  CHECK(groups.back().id == "named");

  std::string json = FacetsJson(groups, 3, {0, 40, 2});
  CHECK(json.rfind(R"({"v":1,"n":3,"k":200,"e":"0,14,2","g":[{"id":"nation","legend":"Nation","o":[)"
                   R"({"id":"england","label":"England","parent":"","c":"2,1"},)", 0) == 0);
  CHECK(json.find(R"({"id":"north-west","label":"North West","parent":"england","c":"3"})") !=
        std::string::npos);
}

TEST_CASE("cards follow the title order") {
  Library lib = RegionLibrary();
  std::string json = CardsJson(lib, TitleOrder(lib));
  CHECK(json.rfind(R"([{"t":"Abe","u":"casestudies/y/","s":"","y":"","p":"","a":0,"e":0},)", 0) ==
        0);
  CHECK(json.find(R"({"t":"Zed","u":"casestudies/x/","s":"","y":"","p":"Manchester; Salford",)"
                  R"("a":1,"e":2}])") != std::string::npos);
  // A slice of the cards, as casestudies/cards/<i>.json holds them.
  CHECK(CardsJson(lib, TitleOrder(lib), 1, 1).rfind(R"([{"t":)", 0) == 0);
  CHECK(CardsJson(lib, TitleOrder(lib), 1, 1).find("Abe") == std::string::npos);
  CHECK(CardsJson(lib, TitleOrder(lib), 99, 5) == "[]");
  CHECK(EvidenceAmounts(lib, TitleOrder(lib)).back() == 2);
}

TEST_CASE("kept card entries give the same bytes, and a changed case study's card is made again") {
  Library lib = RegionLibrary();
  CardsJsonCache cache;
  auto kept = [&] {
    cache.StartBuild();
    std::string json = CardsJson(lib, TitleOrder(lib), 0, static_cast<size_t>(-1), "", 1, &cache);
    cache.Prune();
    return json;
  };
  CHECK(kept() == CardsJson(lib, TitleOrder(lib)));
  CHECK(cache.entries.size() == lib.case_studies.size());
  CHECK(kept() == CardsJson(lib, TitleOrder(lib)));  // every entry taken from the cache

  lib.case_studies[0].summary = "A new summary";
  const std::string edited = kept();
  CHECK(edited == CardsJson(lib, TitleOrder(lib)));
  CHECK(edited.find("A new summary") != std::string::npos);

  // A case study that goes takes its entry with it.
  lib.case_studies.resize(lib.case_studies.size() - 1);
  CHECK(kept() == CardsJson(lib, TitleOrder(lib)));
  CHECK(cache.entries.size() == lib.case_studies.size());
}

TEST_CASE("delta coding") {
  CHECK(EncodeCaseList({}) == "");
  CHECK(EncodeCaseList({0, 3, 4}) == "1,3,1");
  CHECK(EncodeCaseList({35, 71}) == "10,10");
  CHECK(EncodeCaseList({0, 1000000}) == "1,lfls");

  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::vector<uint32_t> cases;
    uint32_t n = 0;
    for (int i = rng() % 200; i > 0; --i) {
      n += rng() % (round % 2 ? 5000 : 3);
      if (cases.empty() || n > cases.back()) cases.push_back(n);
    }
    std::vector<uint32_t> back;
    REQUIRE(DecodeCaseList(EncodeCaseList(cases), &back));
    CHECK(back == cases);
  }
  std::vector<uint32_t> out;
  CHECK_FALSE(DecodeCaseList("0", &out));
  CHECK_FALSE(DecodeCaseList("1,,2", &out));
  CHECK_FALSE(DecodeCaseList("1,A", &out));
  CHECK_FALSE(DecodeCaseList("1,", &out));
}

TEST_CASE("related case studies: rarer shared terms count for more") {
  // Of eight case studies "common" is used by four, "rare" by two, and
  // "everywhere" by all: a term more than half carry weighs nothing.
  Library lib;
  lib.case_studies.push_back(Case("a", "Alpha", {{"partnership-types", "common"},
                                                 {"drivers", "rare"},
                                                 {"partnership-types", "common"},
                                                 {"partner-kinds", "everywhere"}}));
  lib.case_studies.push_back(Case("b", "Bravo", {{"partnership-types", "common"}, {"partner-kinds", "everywhere"}}));
  lib.case_studies.push_back(Case("c", "Charlie", {{"drivers", "rare"}, {"barriers", "only-c"}, {"partner-kinds", "everywhere"}}));
  lib.case_studies.push_back(Case("d", "Apple", {{"partnership-types", "common"}, {"partner-kinds", "everywhere"}}));
  lib.case_studies.push_back(Case("a-e", "Bravo", {{"partnership-types", "common"}, {"partner-kinds", "everywhere"}}));
  for (const char* f : {"f1", "f2", "f3"}) {
    lib.case_studies.push_back(Case(f, f, {{"partner-kinds", "everywhere"}, {"activities", f}}));
  }

  auto related = RelatedCaseStudies(lib);
  REQUIRE(related.size() == 8);
  const auto& a = related[0];
  REQUIRE(a.size() == 4);  // Not itself, and not the three sharing only "everywhere".
  CHECK(a[0].index == 2);  // Charlie shares the rare term.
  REQUIRE(a[0].shared.size() == 1);
  CHECK(lib.case_studies[0].term_uses[a[0].shared[0]].vocab == "drivers");
  CHECK(lib.case_studies[0].term_uses[a[0].shared[0]].term == "rare");
  CHECK(a[0].score == doctest::Approx(std::log(1.0 + 8.0 / 2.0)));  // "everywhere" adds nothing
  // Ties on "common" go by title, then slug: Apple, Bravo (a-e), Bravo (b).
  CHECK(a[1].index == 3);
  CHECK(a[2].index == 4);
  CHECK(a[3].index == 1);
  CHECK(a[1].score == doctest::Approx(std::log(1.0 + 8.0 / 4.0)));  // A repeated use counts once.
  CHECK(a[1].score == a[3].score);

  for (size_t i = 0; i < related.size(); ++i) {
    for (const auto& r : related[i]) {
      CHECK(r.index != i);
      CHECK(r.score > 0);
    }
  }
  CHECK(related[2].size() == 1);  // Charlie shares only "rare", with Alpha.
  CHECK(related[2][0].index == 0);
  CHECK(related[5].empty());  // f1 shares only "everywhere"

  auto two = RelatedCaseStudies(lib, 2);
  REQUIRE(two[0].size() == 2);
  CHECK(two[0][0].index == 2);
  CHECK(two[0][1].index == 3);
  for (const auto& list : two) CHECK(list.size() <= 2);
  // The same whatever the thread count.
  auto threaded = RelatedCaseStudies(lib, 5, 4);
  for (size_t i = 0; i < related.size(); ++i) {
    REQUIRE(threaded[i].size() == related[i].size());
    for (size_t k = 0; k < related[i].size(); ++k) CHECK(threaded[i][k].index == related[i][k].index);
  }
  CHECK(RelatedCaseStudies(lib, 0)[0].empty());
}

TEST_CASE("related case studies: half the collection sharing every term") {
  // Each list touches half the case studies, the scratch arrays' worst case
  // (a term on more than half would weigh nothing).
  Library lib;
  for (int i = 0; i < 40; ++i) {
    std::string id = std::to_string(100 + i);
    if (i < 20) {
      lib.case_studies.push_back(Case("s" + id, "T" + id, {{"a", "x"}, {"b", "y"}}));
    } else {
      lib.case_studies.push_back(Case("s" + id, "T" + id, {{"c", "z"}}));
    }
  }
  auto related = RelatedCaseStudies(lib, 3, 3);
  REQUIRE(related[0].size() == 3);
  CHECK(related[0][0].index == 1);
  CHECK(related[0][1].index == 2);
  CHECK(related[39][2].index == 22);
  CHECK(related[0][0].shared.size() == 2);
}
