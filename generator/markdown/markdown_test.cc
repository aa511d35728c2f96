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

TEST_CASE("heading anchors") {
  CHECK(HeadingAnchor("What changed?") == "what-changed");
  CHECK(HeadingAnchor("  ") == "section");
  CHECK(HeadingAnchor("Glyndŵr café") == "glyndŵr-café");
}
