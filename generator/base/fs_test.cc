#include <doctest/doctest.h>

#include "base/fs.h"

namespace commonplace {

TEST_CASE("output tree: paths sorted, one content per path, prefixes") {
  OutputTree tree;
  // Added out of order, as pages made on several threads arrive.
  for (const char* p : {"zeta/index.html", "casestudies/b/index.html", "a.css", "casestudies/a/index.html",
                        "search/docs/10.json", "search/docs/2.json"}) {
    CHECK(tree.Add(p, std::string("bytes of ") + p));
  }
  CHECK(tree.Add("a.css", std::string("bytes of a.css")));  // the same bytes again
  CHECK_FALSE(tree.Add("a.css", std::string("other bytes")));
  REQUIRE(tree.conflicts().size() == 1);
  CHECK(tree.conflicts()[0] == "a.css");
  CHECK(tree.Paths() == std::vector<std::string>{"a.css", "casestudies/a/index.html",
                                                 "casestudies/b/index.html", "search/docs/10.json",
                                                 "search/docs/2.json", "zeta/index.html"});
  CHECK(tree.size() == 6);
  CHECK(tree.Has("zeta/index.html"));
  tree.set_prefix("cy/");
  CHECK(tree.Add("b.html", std::string("b")));
  CHECK(tree.Add("a.html", std::string("a")));
  CHECK(tree.Paths() == std::vector<std::string>{"a.html", "b.html"});
  CHECK(tree.Has("a.html"));
  CHECK_FALSE(tree.Has("a.css"));
  CHECK(tree.size() == 8);
}

}  // namespace commonplace
