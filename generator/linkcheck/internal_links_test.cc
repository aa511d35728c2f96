#include "linkcheck/internal_links.h"

#include <doctest/doctest.h>

using namespace commonplace;

TEST_CASE("relative, absolute, directory and anchor links") {
  std::map<std::string, std::string> files = {
      {"index.html", R"(<a href="casestudies/">x</a> <a href="casestudies/a/#how">y</a>
                        <a href="https://example.org/">ext</a> <a href="mailto:a@b">m</a>
                        <img src="assets/logo.png" alt=""> <a href="#top">t</a><p id="top"></p>)"},
      {"casestudies/index.html", R"(<a href="../">home</a> <a href="a/">a</a> <a href="../missing/">m</a>)"},
      {"casestudies/a/index.html", R"(<h2 id="how">How</h2> <a href="../../index.html#nope">n</a>
                        <a href="/evidence/casestudies/">abs</a> <a href="/other/">out</a> <a href="../../../x">up</a>)"},
      {"assets/logo.png", "png"},
  };
  auto broken = CheckInternalLinks(files, "/evidence/");
  REQUIRE(broken.size() == 4);
  CHECK(broken[0].page == "casestudies/a/index.html");
  CHECK(broken[0].reason == "no anchor #nope in index.html");
  CHECK(broken[1].reason == "outside the site's path prefix /evidence/");
  CHECK(broken[2].reason == "leaves the site");
  CHECK(broken[3].page == "casestudies/index.html");
  CHECK(broken[3].reason == "no such file: missing/index.html");
}

TEST_CASE("attribute values decode &amp;") {
  auto v = AttributeValues(R"(<a href="a?b=1&amp;c=2">x</a><a href='q'>)", "href");
  REQUIRE(v.size() == 2);
  CHECK(v[0] == "a?b=1&c=2");
  CHECK(v[1] == "q");
}

TEST_CASE("attributes are read only inside tags, never from text, comments or other values") {
  const std::string html =
      "<p>In the form, write src=logo.png and href=missing.html, or &lt;a href=\"nope\"&gt;.</p>"
      "<p title=\"a src=title.png href=x\" data-x='y href=z'>t</p>"
      "<!-- <a href=\"commented.html\"> -->"
      "<script type=\"application/ld+json\">{\"a\": \"<img src=json.png>\"}</script>"
      "<pre><code>&lt;img src=code.png&gt;</code></pre>"
      "<img alt=\"x\" SRC=real.png><a\nhref = 'real.html'>r</a>";
  CHECK(AttributeValues(html, "src") == std::vector<std::string>{"real.png"});
  CHECK(AttributeValues(html, "href") == std::vector<std::string>{"real.html"});
  std::map<std::string, std::string> files = {
      {"index.html", "<p>write src=logo.png in the form; href=x.html too</p>"},
  };
  CHECK(CheckInternalLinks(files, "/").empty());
}

TEST_CASE("an empty link says it may have been unsafe and removed") {
  std::map<std::string, std::string> files = {{"a/index.html", "<a href=\"\">x</a>"}};
  auto broken = CheckInternalLinks(files, "/");
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].page == "a/index.html");
  CHECK(broken[0].reason.find("unsafe") != std::string::npos);
  CHECK(broken[0].reason.find("removed") != std::string::npos);
}

TEST_CASE("an index kept between builds re-checks only pages whose targets changed") {
  // What serve does: one index, updated by each build.
  LinkIndex kept;
  auto build = [&](const std::map<std::string, std::string>& files, int* rechecked) {
    kept.StartBuild();
    for (const auto& [path, data] : files) kept.Add(path, data);
    auto broken = kept.Check("/");
    *rechecked = kept.rechecked();
    return broken;
  };
  std::map<std::string, std::string> site = {
      {"a.html", R"(<a href="b.html#x">b</a> <a href="c.html">c</a>)"},
      {"b.html", R"(<h2 id="x">X</h2> <a href="a.html">a</a>)"},
      {"c.html", R"(<p id="c">C</p>)"},
  };
  int rechecked = -1;
  CHECK(build(site, &rechecked).empty());
  CHECK(rechecked == 2);  // a and b: c has no links

  // Nothing changed: every finding stands.
  CHECK(build(site, &rechecked).empty());
  CHECK(rechecked == 0);

  // c's anchor changes: only a, which links to c, is read again (and b's
  // anchors are as they were, so nothing else is).
  site["c.html"] = R"(<p id="d">C</p>)";
  CHECK(build(site, &rechecked).empty());
  CHECK(rechecked == 1);

  // b loses the anchor a links to: a is checked again and now fails.
  site["b.html"] = R"(<h2 id="y">Y</h2> <a href="a.html">a</a>)";
  auto broken = build(site, &rechecked);
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].page == "a.html");
  CHECK(broken[0].reason == "no anchor #x in b.html");
  CHECK(rechecked == 2);  // b itself changed, and a links to it

  // b gets it back under the same bytes as before: a passes again.
  site["b.html"] = R"(<h2 id="x">X</h2> <a href="a.html">a</a>)";
  CHECK(build(site, &rechecked).empty());

  // c goes: a's link to it is broken, and the anchor look-up of a string
  // no page holds any more is simply "no".
  site.erase("c.html");
  broken = build(site, &rechecked);
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].reason == "no such file: c.html");
}

TEST_CASE("a kept index stays right when a build stops before its check") {
  LinkIndex kept;
  const std::string a = R"(<a href="b.html#x">b</a>)";
  const std::string b = R"(<h2 id="x">X</h2>)";
  kept.StartBuild();
  kept.Add("a.html", a);
  kept.Add("b.html", b);
  CHECK(kept.Check("/").empty());

  // A build that fails before the check (an error in the content) has read
  // a new b, without the anchor, and has not reached a.
  kept.StartBuild();
  kept.Add("b.html", R"(<h2 id="y">Y</h2>)");

  // The next build puts b back as it was: a is checked again, and passes.
  kept.StartBuild();
  kept.Add("a.html", a);
  kept.Add("b.html", b);
  CHECK(kept.Check("/").empty());
  CHECK(kept.rechecked() == 1);

  // A build that makes no b: a's link is broken.
  kept.StartBuild();
  kept.Add("a.html", a);
  auto broken = kept.Check("/");
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].reason == "no such file: b.html");
}
