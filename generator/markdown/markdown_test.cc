#include "markdown/markdown.h"

#include <doctest/doctest.h>

using namespace commonplace;

TEST_CASE("headings get ids and are shifted below the page title") {
  auto r = RenderMarkdown("# What it is\n\ntext\n\n## How it works\n\n# What it is\n");
  CHECK(r.html.find("<h2 id=\"what-it-is\">What it is</h2>") != std::string::npos);
  CHECK(r.html.find("<h3 id=\"how-it-works\">How it works</h3>") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"what-it-is-2\">") != std::string::npos);
  REQUIRE(r.headings.size() == 2);
  CHECK(r.headings[0].first == "what-it-is");
}

TEST_CASE("GFM tables, strikethrough and autolinks") {
  auto r = RenderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ see https://example.org\n");
  CHECK(r.html.find("<table>") != std::string::npos);
  CHECK(r.html.find("<del>old</del>") != std::string::npos);
  CHECK(r.html.find("<a href=\"https://example.org\">") != std::string::npos);
}

TEST_CASE("raw HTML is dropped by default") {
  auto r = RenderMarkdown("<script>alert(1)</script>\n\nhello <b onclick=x>b</b>\n");
  CHECK(r.html.find("<script") == std::string::npos);
  CHECK(r.html.find("onclick") == std::string::npos);
  CHECK(r.html.find("hello") != std::string::npos);
}

TEST_CASE("raw HTML when allowed is still sanitised") {
  MarkdownOptions o;
  o.allow_raw_html = true;
  auto r = RenderMarkdown(
      "<div onmouseover=\"x()\" title=\"t\">a</div>\n\n<script>alert(1)</script>\n\n"
      "<a href=\"javascript:alert(1)\">x</a> <img src=x onerror=alert(1)> <iframe src=x></iframe>\n",
      o);
  CHECK(r.html.find("<div title=\"t\">") != std::string::npos);
  CHECK(r.html.find("onmouseover") == std::string::npos);
  CHECK(r.html.find("<script") == std::string::npos);
  CHECK(r.html.find("javascript:") == std::string::npos);
  CHECK(r.html.find("onerror") == std::string::npos);
  CHECK(r.html.find("<iframe") == std::string::npos);
}

TEST_CASE("unsafe link targets are removed") {
  auto r = RenderMarkdown("[x](javascript:alert(1)) [y](data:text/html,z) [ok](https://a.org)\n");
  CHECK(r.html.find("javascript:") == std::string::npos);
  CHECK(r.html.find("data:") == std::string::npos);
  CHECK(r.html.find("href=\"https://a.org\"") != std::string::npos);
}

TEST_CASE("plain text and inline rendering") {
  auto r = RenderMarkdown("# T\n\nSome *emphasis*\nand more.\n");
  CHECK(r.text == "T Some emphasis and more.");
  CHECK(RenderInlineMarkdown("a *b*") == "a <em>b</em>");
}

TEST_CASE("the plain text for search keeps words apart and leaves out table syntax") {
  auto r = RenderMarkdown("Intro**bold**`code`.\n\n- one\n- two\n\n3) three\n4) four\n\n"
                          "| Measure | Value |\n| --- | ---: |\n| People | 85 |\n\n"
                          "```\nx = 1\n```\n> quoted\nline\n");
  CHECK(r.text == "Introboldcode. - one - two 3) three 4) four Measure Value People 85 x = 1 "
                  "quoted line");
}

TEST_CASE("heading anchors") {
  CHECK(HeadingAnchor("What changed?") == "what-changed");
  CHECK(HeadingAnchor("  ") == "section");
  CHECK(HeadingAnchor("Glyndŵr café") == "glyndŵr-café");
}

TEST_CASE("images from other hosts are removed and reported where they are") {
  auto r = RenderMarkdown(
      "Intro\nsee ![pixel](https://evil.example/pixel.png) here\n\n"
      "![p](//evil.example/p.png) ![d](data:image/png;base64,AAAA) ![ok](../../assets/img/icon.svg)\n");
  CHECK(r.html.find("evil.example") == std::string::npos);
  CHECK(r.html.find("data:") == std::string::npos);
  CHECK(r.html.find("<img src=\"../../assets/img/icon.svg\" alt=\"ok\"") != std::string::npos);
  CHECK(r.html.find("pixel") != std::string::npos);  // the alt text stays, as text
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].col == 5);
  CHECK(r.problems[0].message ==
        "image 'https://evil.example/pixel.png' is not a file of this site; it was removed");
  CHECK(r.problems[0].hint.find("relative path") != std::string::npos);
  CHECK(r.problems[1].line == 4);
  CHECK(r.problems[1].col == 1);
  CHECK(r.problems[2].line == 4);
  CHECK(r.problems[2].col == 28);
}

TEST_CASE("raw HTML images from other hosts are removed and reported where they are") {
  MarkdownOptions o;
  o.allow_raw_html = true;
  auto r = RenderMarkdown(
      "Text <img src=https://evil.example/a.png alt=a> and <img src=\"x.png\" alt=b>\n\n"
      "<div>\n<img alt=c src='//evil.example/b.png'>\n<img src=\"/\\evil.example/c.png\">\n</div>\n",
      o);
  CHECK(r.html.find("evil.example") == std::string::npos);
  CHECK(r.html.find("<img alt=\"a\">") != std::string::npos);
  CHECK(r.html.find("<img src=\"x.png\" alt=\"b\">") != std::string::npos);
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].line == 1);
  CHECK(r.problems[0].col == 11);
  CHECK(r.problems[0].message ==
        "image source 'https://evil.example/a.png' in raw HTML is not a file of this site; it was "
        "removed");
  CHECK(r.problems[1].line == 4);
  CHECK(r.problems[1].col == 12);
  CHECK(r.problems[2].line == 5);
  CHECK(r.problems[2].col == 6);
  // The sanitiser alone drops them too.
  CHECK(SanitizeHtml("<img src=\"https://evil.example/x.png\">") == "<img>");
}

TEST_CASE("an unsafe link is reported and unwrapped, not left as an empty href") {
  auto r = RenderMarkdown("One\n\nClick [here](javascript:alert(1)) now.\n");
  CHECK(r.html == "<p>One</p>\n<p>Click here now.</p>\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 3);
  CHECK(r.problems[0].col == 7);
  CHECK(r.problems[0].message ==
        "unsafe link 'javascript:alert(1)' was removed (only http(s), mailto and relative links "
        "are allowed)");
  std::vector<MarkdownProblem> inline_problems;
  CHECK(RenderInlineMarkdown("a [b](vbscript:x)", {}, &inline_problems) == "a b");
  CHECK(inline_problems.size() == 1);
}

TEST_CASE("heading ids are unique even when a numbered id is a heading's own") {
  auto r = RenderMarkdown("## A\n\n## A 2\n\n## A\n\n## A\n");
  CHECK(r.html.find("<h2 id=\"a\">A</h2>") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"a-2\">A 2</h2>") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"a-3\">A</h2>") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"a-4\">A</h2>") != std::string::npos);
  REQUIRE(r.headings.size() == 4);
  CHECK(r.headings[2].first == "a-3");
}

TEST_CASE("headings keep their inline markup and the body text keeps their words") {
  auto r = RenderMarkdown("## What *works* here\n\nBody.\n");
  CHECK(r.html.find("<h2 id=\"what-works-here\">What <em>works</em> here</h2>\n<p>Body.</p>") !=
        std::string::npos);
  CHECK(r.text == "What works here Body.");
}

TEST_CASE("raw HTML ids are namespaced, and a raw heading does not take a Markdown heading's id") {
  MarkdownOptions o;
  o.allow_raw_html = true;
  auto r = RenderMarkdown("<h2>Raw</h2>\n\n## Real\n\n<p id=\"real\">x</p>\n\n## User content x\n", o);
  CHECK(r.html.find("<h2>Raw</h2>") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"real\">Real</h2>") != std::string::npos);
  CHECK(r.html.find("id=\"user-content-real\"") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"section-user-content-x\">") != std::string::npos);
}

TEST_CASE("many headings are given ids in linear time") {
  std::string md;
  for (int i = 0; i < 200000; ++i) md += "#\n";
  auto r = RenderMarkdown(md);
  CHECK(r.headings.size() == 200000);
  CHECK(r.headings.back().first == "section-200000");
  CHECK(r.problems.empty());
}

TEST_CASE("Markdown that cmark would take minutes to read is refused at its paragraph") {
  // Each of these took cmark-gfm 0.29 from 30 s to minutes at this size.
  for (std::string unit : {"'\"", "![[]()", "a <![CDATA[", "*a_"}) {
    std::string md = "Intro.\n\nFine paragraph.\n\n";
    for (int i = 0; i < 100000; ++i) md += unit;
    auto r = RenderMarkdown(md);
    INFO(unit);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 5);
    CHECK(r.problems[0].message.find("too dense") != std::string::npos);
    CHECK(r.html.empty());
  }
  std::string wide = "intro\n\n";
  for (int i = 0; i < 20000; ++i) wide += "|a";
  wide += "|\n";
  auto r = RenderMarkdown(wide);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 3);
  CHECK(r.problems[0].message.find("'|'") != std::string::npos);
}

TEST_CASE("the Markdown budget leaves real writing alone") {
  // A long page of ordinary paragraphs, links, emphasis and quotes, and a
  // fenced code block full of marks, is well inside the budget.
  std::string para = "Partners *agreed* on \"shared aims\" and [met monthly](https://example.org/x) "
                     "with the council's officers & a museum's _curators_.\n\n";
  std::string md;
  for (int i = 0; i < 2000; ++i) md += para;
  md += "```\n" + std::string(200000, '*') + "\n```\n";
  CHECK_FALSE(CheckMarkdownBudget(md).has_value());
  // Many short dense paragraphs are fine; the same marks in one are not.
  std::string many, one;
  for (int i = 0; i < 100; ++i) many += std::string(3000, '[') + "\n\n";
  one = std::string(300000, '[');
  CHECK_FALSE(CheckMarkdownBudget(many).has_value());
  CHECK(CheckMarkdownBudget(one).has_value());
}
