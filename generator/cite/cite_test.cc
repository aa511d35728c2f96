#include "cite/cite.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace commonplace::cite {
namespace {

Record Report() {
  Source s;
  s.id = "hei-ci-2026";
  s.authors = {"Baines, N.", "Rossi, F."};
  s.title = "The role of cultural institutions";
  s.publisher = "Society for Research into Higher Education (SRHE)";
  s.year = "2026";
  s.url = "https://example.test/report";
  return ForSource(s, "https://site.test/sources/hei-ci-2026/");
}

Record Page() {
  SiteConfig c;
  c.title = "Commonplace";
  c.author = "Commonplace contributors";
  return ForPage(c, "barton-hill", "Barton Hill Micro-campus", "2026-11-24",
                 "https://site.test/casestudies/barton-hill/");
}

// Reads RIS back: tag → values, and fails on a line that is not "XX  - value".
std::multimap<std::string, std::string> ParseRis(const std::string& ris) {
  std::multimap<std::string, std::string> tags;
  for (const auto& line : Split(ris, '\n')) {
    if (line.empty()) continue;
    REQUIRE(line.back() == '\r');
    REQUIRE(line.size() >= 6);
    REQUIRE(line.substr(2, 4) == "  - ");
    tags.emplace(line.substr(0, 2), line.substr(6, line.size() - 7));
  }
  return tags;
}

TEST_CASE("names: a comma makes a person, none an organisation") {
  CHECK(ParseName("Baines, N.") == Name{"Baines", "N.", ""});
  CHECK(ParseName(" Commonplace  contributors ") == Name{"", "", "Commonplace contributors"});
}

TEST_CASE("APA 7 and Harvard for a web page and a report") {
  CHECK(Apa(Page()) ==
        "Commonplace contributors (2026, November 24). <i>Barton Hill Micro-campus</i>. "
        "Commonplace. https://site.test/casestudies/barton-hill/");
  CHECK(Harvard(Page()) ==
        "Commonplace contributors (2026) <i>Barton Hill Micro-campus</i>. Available at: "
        "https://site.test/casestudies/barton-hill/.");
  CHECK(Apa(Report()) ==
        "Baines, N., &amp; Rossi, F. (2026). <i>The role of cultural institutions</i>. Society "
        "for Research into Higher Education (SRHE). https://example.test/report");
  CHECK(Harvard(Report()) ==
        "Baines, N. and Rossi, F. (2026) <i>The role of cultural institutions</i>. Society for "
        "Research into Higher Education (SRHE). Available at: https://example.test/report.");
}

TEST_CASE("no date reads n.d.; a site that is its own author is not named twice") {
  SiteConfig c;
  c.title = "Evidence Wales";
  Record r = ForPage(c, "about", "About: what? <why>", "", "");
  CHECK(Apa(r) == "Evidence Wales (n.d.). <i>About: what? &lt;why&gt;</i>.");
  CHECK(Harvard(r) == "Evidence Wales (no date) <i>About: what? &lt;why&gt;</i>.");
  Source s;
  s.id = "cup";
  s.authors = {"Martikke, S.", "Church, A.", "Hart, A.", "Fourth, D."};
  s.title = "Greater than the sum of its parts";
  s.year = "n.d. (c. 2014)";
  Record undated = ForSource(s, "");
  CHECK(undated.date.empty());
  CHECK(Harvard(undated) == "Martikke, S. et al. (no date) <i>Greater than the sum of its parts</i>.");
  CHECK(Apa(undated).find("Church, A., Hart, A., &amp; Fourth, D. (n.d.)") != std::string::npos);
}

TEST_CASE("RIS parses back line by line") {
  auto tags = ParseRis(Ris(Report()));
  CHECK(tags.find("TY")->second == "RPRT");
  CHECK(tags.find("TI")->second == "The role of cultural institutions");
  CHECK(tags.count("AU") == 2);
  CHECK(tags.find("PY")->second == "2026");
  CHECK(tags.find("UR")->second == "https://example.test/report");
  auto page = ParseRis(Ris(Page()));
  CHECK(page.find("TY")->second == "ELEC");
  CHECK(page.find("DA")->second == "2026/11/24/");
  CHECK(page.find("T2")->second == "Commonplace");
  CHECK(Ris(Page()).substr(Ris(Page()).size() - 8) == "ER  - \r\n");
}

TEST_CASE("BibTeX escapes what LaTeX reads as commands and keeps organisations whole") {
  Record r = Page();
  r.title = "Fees & 100% of {costs} #1_a";
  std::string bib = Bibtex(r);
  CHECK(bib.find("@misc{commonplace-barton-hill,\n") == 0);
  CHECK(bib.find("  author = {{Commonplace contributors}},\n") != std::string::npos);
  CHECK(bib.find("  title = {{Fees \\& 100\\% of \\{costs\\} \\#1\\_a}},\n") != std::string::npos);
  CHECK(bib.find("  year = {2026},\n  month = nov,\n") != std::string::npos);
  CHECK(bib.find("  url = {https://site.test/casestudies/barton-hill/},\n") != std::string::npos);
  std::string report = Bibtex(Report());
  CHECK(report.find("@techreport{hei-ci-2026,") == 0);
  CHECK(report.find("author = {Baines, N. and Rossi, F.}") != std::string::npos);
  // Braces balance, so no value runs into the next.
  int depth = 0;
  for (char c : bib + report) {
    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    CHECK(depth >= 0);
  }
  CHECK(depth == 0);
}

TEST_CASE("CSL-JSON parses back with its names, date and address") {
  auto j = nlohmann::json::parse(CslJson(Page()));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 1);
  CHECK(j[0]["type"] == "webpage");
  CHECK(j[0]["title"] == "Barton Hill Micro-campus");
  CHECK(j[0]["author"][0]["literal"] == "Commonplace contributors");
  CHECK(j[0]["issued"]["date-parts"][0] == nlohmann::json::array({2026, 11, 24}));
  CHECK(j[0]["URL"] == "https://site.test/casestudies/barton-hill/");
  auto report = nlohmann::json::parse(CslJson(Report()));
  CHECK(report[0]["author"][1]["family"] == "Rossi");
  CHECK(report[0]["author"][1]["given"] == "F.");
  CHECK(report[0]["publisher"] == "Society for Research into Higher Education (SRHE)");
}

TEST_CASE("Highwire tags name every author and format the date with slashes") {
  auto tags = HighwireTags(Report());
  CHECK(tags[0] == std::pair<std::string, std::string>{"citation_title",
                                                       "The role of cultural institutions"});
  CHECK(tags[1].second == "Baines, N.");
  CHECK(tags[2].second == "Rossi, F.");
  CHECK(tags[3] == std::pair<std::string, std::string>{"citation_publication_date", "2026"});
  CHECK(HighwireTags(Page())[2].second == "2026/11/24");
  CHECK(HighwireTags(Page()).back() ==
        std::pair<std::string, std::string>{"citation_public_url",
                                            "https://site.test/casestudies/barton-hill/"});
}

TEST_CASE("a data: URL percent-encodes everything an attribute or URL could misread") {
  std::string url = DataUrl("text/plain", "a b\r\n\"<&>'#%é");
  CHECK(url == "data:text/plain;charset=utf-8,a%20b%0D%0A%22%3C%26%3E%27%23%25%C3%A9");
}

}  // namespace
}  // namespace commonplace::cite
