#include <doctest/doctest.h>

#include <algorithm>

#include "render/site_renderer.h"

namespace commonplace {
namespace {

using Pages = std::vector<size_t>;

TEST_CASE("a pager of a few pages links to every page") {
  CHECK(PagerPages(1, 1) == Pages{1});
  CHECK(PagerPages(2, 3) == Pages{1, 2, 3});
  CHECK(PagerPages(1, 5) == Pages{1, 2, 3, 4, 5});  // a gap of one page shows it
  CHECK(PagerPages(4, 7) == Pages{1, 2, 3, 4, 5, 6, 7});
  CHECK(PagerPages(1, 7) == Pages{1, 2, 3, 0, 7});
}

TEST_CASE("a longer pager links to the ends and the pages near this one") {
  CHECK(PagerPages(1, 100) == Pages{1, 2, 3, 0, 100});
  CHECK(PagerPages(50, 100) == Pages{1, 0, 48, 49, 50, 51, 52, 0, 100});
  CHECK(PagerPages(100, 100) == Pages{1, 0, 98, 99, 100});
  CHECK(PagerPages(5, 100) == Pages{1, 2, 3, 4, 5, 6, 7, 0, 100});
  // However many pages, a pager has at most nine entries.
  for (size_t pages : {8, 50, 500}) {
    for (size_t page = 1; page <= pages; ++page) {
      Pages shown = PagerPages(page, pages);
      CHECK(shown.size() <= 9);
      CHECK(shown.front() == 1);
      CHECK(shown.back() == pages);
      CHECK(std::find(shown.begin(), shown.end(), page) != shown.end());
    }
  }
}

}  // namespace
}  // namespace commonplace
