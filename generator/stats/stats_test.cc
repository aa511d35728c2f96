// Statistical functions against NumPy/SciPy (tests/stats/scipy_reference.py),
// charts as well-formed deterministic XML, CSV guards, and the datasets'
// totals against what the sources print.
#include <doctest/doctest.h>
#include <expat.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <tuple>
#include <nlohmann/json.hpp>

#include "load/loader.h"
#include "stats/collection.h"
#include "stats/evidence_map.h"
#include "stats/dataset_summary.h"
#include "stats/open_data.h"
#include "stats/statistics.h"
#include "stats/svg_chart.h"
#include "stats/table.h"

using namespace commonplace;
using Json = nlohmann::json;

namespace {

// The default theme's English messages, which the statistics write in.
const Messages& English() {
  static const Messages* m = [] {
    auto* loaded = new Messages;
    Diagnostics d;
    loaded->LoadFile(COMMONPLACE_SOURCE_DIR "/themes/default/i18n/en.yaml", "en.yaml", "en", d);
    return loaded;
  }();
  return *m;
}

// The fixed inputs, including the edge cases: n = 1, zero variance, empty
// cells and empty margins.
const char* kInputs = R"({
 "summaries": [[5], [2, 2, 2, 2], [1, 2, 3, 4, 10], [3.5, 1.25, 9, 2, 2, 7], [0.1, 0.2]],
 "welch": [[[1, 2, 3, 4, 5], [2, 4, 6, 8, 10, 12]],
           [[1, 1, 1], [2, 3, 4]],
           [[1, 2], [3, 5]],
           [[9.1, 8.7, 10.2, 7.9, 9.5, 11.0, 8.8], [4.6, 5.1, 4.9, 4.2, 5.5, 4.8, 5.0, 4.4, 5.3]],
           [[0.449, 0.5, 0.333, 1.0], [0.564, 0.5, 1.0, 1.0, 0.556, 0.625]]],
 "fisher": [[[3, 1], [1, 3]], [[0, 5], [5, 0]], [[10, 2], [3, 15]], [[157, 69], [22, 38]],
            [[1, 0], [0, 0]], [[0, 0], [4, 6]], [[2, 7], [8, 2]], [[12, 5], [29, 61]]],
 "chi2": [[[10, 20, 30], [6, 9, 17]], [[3, 1], [0, 2], [5, 5]], [[1, 2], [0, 0], [3, 4]],
          [[236, 77, 28], [51, 17, 9]], [[8, 2], [8, 14], [4, 5], [3, 3]]],
 "herfindahl": [[1], [1, 1], [3, 1, 1, 5], [10, 0, 0]]
})";

bool Near(double got, double want) {
  if (std::isinf(want)) return got == want;
  double scale = std::max(std::fabs(got), std::fabs(want));
  return std::fabs(got - want) <= 1e-9 * scale || std::fabs(got - want) < 1e-300;
}

Json Reference() {
  std::string in = std::string(COMMONPLACE_BINARY_DIR) + "/stats_inputs.json";
  std::ofstream(in) << kInputs;
  std::string cmd = "/usr/bin/python3 tests/stats/scipy_reference.py < '" + in + "'";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  REQUIRE_MESSAGE(pclose(p) == 0, "tests/stats/scipy_reference.py failed: is python3-scipy installed?");
  return Json::parse(out);
}

bool WellFormedXml(const std::string& xml) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return ok;
}

std::vector<double> Vec(const Json& j) { return j.get<std::vector<double>>(); }

}  // namespace

TEST_CASE("statistics agree with NumPy and SciPy to 1e-9") {
  Json in = Json::parse(kInputs);
  Json ref = Reference();

  for (size_t i = 0; i < in["summaries"].size(); ++i) {
    CAPTURE(i);
    Summary s = Summarise(Vec(in["summaries"][i]));
    const Json& r = ref["summaries"][i];
    CHECK(Near(*s.mean, r["mean"]));
    CHECK(Near(*s.median, r["median"]));
    if (r["sd"].is_null()) {
      CHECK_FALSE(s.sd.has_value());  // n = 1
    } else {
      CHECK(Near(*s.sd, r["sd"]));
    }
  }
  for (size_t i = 0; i < in["welch"].size(); ++i) {
    CAPTURE(i);
    TestResult t = WelchT(Vec(in["welch"][i][0]), Vec(in["welch"][i][1]));
    const Json& r = ref["welch"][i];
    REQUIRE(t.ok);
    CHECK(Near(t.statistic, r["t"]));
    CHECK(Near(t.df, r["df"]));
    CHECK(Near(t.p, r["p"]));
  }
  for (size_t i = 0; i < in["fisher"].size(); ++i) {
    CAPTURE(i);
    const Json& t = in["fisher"][i];
    TestResult f = FisherExact(t[0][0], t[0][1], t[1][0], t[1][1]);
    REQUIRE(f.ok);
    CHECK(Near(f.p, ref["fisher"][i]["p"]));
  }
  for (size_t i = 0; i < in["chi2"].size(); ++i) {
    CAPTURE(i);
    std::vector<std::vector<double>> table = in["chi2"][i];
    ChiSquareResult c = ChiSquare(table);
    const Json& r = ref["chi2"][i];
    REQUIRE(c.ok);
    CHECK(Near(c.statistic, r["chi2"]));
    CHECK(Near(c.df, r["df"]));
    CHECK(Near(c.p, r["p"]));
    CHECK(Near(c.min_expected, r["min_expected"]));
  }
  for (size_t i = 0; i < in["herfindahl"].size(); ++i) {
    CAPTURE(i);
    CHECK(Near(*Herfindahl(Vec(in["herfindahl"][i])), ref["herfindahl"][i]));
  }
}

TEST_CASE("edge cases are reported, not computed") {
  CHECK_FALSE(Summarise({}).mean.has_value());
  CHECK_FALSE(WelchT({1}, {2, 3}).ok);          // n = 1 in a group
  TestResult flat = WelchT({3, 3}, {3, 3, 3});  // no variance anywhere
  CHECK_FALSE(flat.ok);
  CHECK(flat.reason.find("variation") != std::string::npos);
  CHECK_FALSE(ChiSquare({{1, 2}, {0, 0}}).ok);  // one non-empty row
  CHECK_FALSE(Herfindahl({0, 0}).has_value());
  CHECK(FisherExact(0, 0, 0, 0).p == 1);
  // The expected-count rule: 2×2 with tiny counts fails it.
  ChiSquareResult small = ChiSquare({{1, 2}, {3, 1}});
  REQUIRE(small.ok);
  CHECK_FALSE(small.expected_rule_met);
  ChiSquareResult big = ChiSquare({{40, 60}, {55, 45}});
  CHECK(big.expected_rule_met);
}

TEST_CASE("numbers are formatted for people") {
  CHECK(FormatP(0.0004) == "< 0.001");
  CHECK(FormatP(0.04567) == "0.0457");
  CHECK(FormatPClause(0.0004) == "p < 0.001");  // never "p = < 0.001"
  CHECK(FormatPClause(0.023) == "p = 0.023");
  CHECK(FormatNumber(-0.0001, 2) == "0.00");
  CHECK(FormatPercent(3, 35) == "8.6%");
  CHECK(FormatPercent(1, 0) == "n/a");
}

TEST_CASE("charts are well-formed, labelled and deterministic") {
  ChartLabel l{"c1", "Cases & <terms>", "A chart of \"things\""};
  std::vector<Bar> bars = {{"Museums, galleries and collections — a very long label indeed", 236},
                           {"Libraries", 77},
                           {"Zero", 0}};
  std::vector<std::string> charts = {
      BarChartSvg(l, bars),
      StackedBarChartSvg(l, {"A", "B"}, {"Uni", "Community"}, {{8, 2}, {0, 1}}),
      HistogramSvg(l, bars, "x", "y"),
      HeatMapSvg(l, {"r1", "r2"}, {"c1", "c2"}, {{0, 3}, {1, 0}}),
      BarChartSvg(l, {})};
  for (const auto& svg : charts) {
    CAPTURE(svg);
    CHECK(WellFormedXml(svg));
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("aria-labelledby=\"c1-title c1-desc\"") != std::string::npos);
    CHECK(svg.find("<title id=\"c1-title\">Cases &amp; &lt;terms&gt;</title>") != std::string::npos);
    CHECK(svg.find("nan") == std::string::npos);
  }
  CHECK(BarChartSvg(l, bars) == charts[0]);
  // An image holds no controls: the table beside a chart carries the links.
  for (const auto& svg : charts) CHECK(svg.find("<a ") == std::string::npos);
  // Empty heat-map cells are drawn as gaps.
  CHECK(charts[3].find("chart-gap") != std::string::npos);
  // Labels in another language than the page's carry it; the rest do not.
  std::string marked = StackedBarChartSvg(l, {"A", "B"}, {"Uni", "Cymuned"}, {{8, 2}, {0, 1}},
                                          {"", "en"}, {"cy", ""});
  CHECK(WellFormedXml(marked));
  CHECK(marked.find("text-anchor=\"end\" lang=\"en\">B</text>") != std::string::npos);
  CHECK(marked.find("text-anchor=\"start\" lang=\"cy\">Uni</text>") != std::string::npos);
  CHECK(marked.find("lang=\"en\">A<") == std::string::npos);
  CHECK(marked.find("lang=\"cy\">Cymuned<") == std::string::npos);
}

TEST_CASE("CSV downloads cannot run as spreadsheet formulas") {
  CHECK(CsvField("=HYPERLINK(\"x\")", false) == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(CsvField("+1", false) == "'+1");
  CHECK(CsvField("@cmd", false) == "'@cmd");
  CHECK(CsvField("-2", true) == "-2");  // a real number stays a number
  CHECK(CsvField("a,b", false) == "\"a,b\"");
  // Spreadsheets skip leading spaces before a formula, so the guard does too.
  CHECK(CsvField(" =1+1", false) == "' =1+1");
  CHECK(CsvField("   @SUM(A1)", false) == "'   @SUM(A1)");
  CHECK(CsvField("  -3", false) == "'  -3");
  CHECK(CsvField("\t=1", false) == "'\t=1");
  CHECK(CsvField("\n=1", false) == "\"'\n=1\"");
  CHECK(CsvField("  plain", false) == "  plain");
  CHECK(CsvField("a = b", false) == "a = b");
  CHECK(CsvField("   ", false) == "   ");
  Table t;
  t.id = "t";
  t.header = {"Term", "n"};
  t.rows = {{Cell::Text("=1+1"), Cell::Count(3)}};
  CHECK(TableToCsv(t) == "Term,n\r\n'=1+1,3\r\n");
  Json j = Json::parse(TableToJson(t));
  CHECK(j["rows"][0]["n"] == 3);
  CHECK(j["rows"][0]["Term"] == "=1+1");  // JSON is data, not a spreadsheet
}

TEST_CASE("downloads write whole numbers as integers and infinity as null or a word") {
  Table t;
  t.id = "t";
  t.header = {"Term", "n", "Share", "Odds ratio", "SD"};
  t.rows = {{Cell::Text("a"), Cell::Count(3), Cell::Number(0.25, 2),
             Cell::Number(std::numeric_limits<double>::infinity(), 2), Cell::Missing()},
            {Cell::Text("b"), Cell::Number(40.0, 0), Cell::Number(1.0, 3), Cell::Number(2.5, 2),
             Cell::Number(0.5, 3)}};
  std::string json = TableToJson(t);
  CHECK(json.find("3.0") == std::string::npos);
  CHECK(json.find("40.0") == std::string::npos);
  CHECK(json.find("∞") == std::string::npos);
  Json j = Json::parse(json);
  CHECK(j["rows"][0]["n"].is_number_integer());
  CHECK(j["rows"][1]["n"].is_number_integer());
  CHECK(j["rows"][0]["Share"].is_number_float());
  CHECK(j["rows"][0]["Odds ratio"].is_null());
  CHECK(j["rows"][0]["SD"].is_null());
  CHECK(j["rows"][1]["Odds ratio"] == 2.5);
  CHECK(j["tests"].is_array());
  CHECK(j["tests"].empty());
  std::string csv = TableToCsv(t);
  CHECK(csv == "Term,n,Share,Odds ratio,SD\r\na,3,0.25,infinity,n/a\r\nb,40,1,2.5,0.5\r\n");
  CHECK(Cell::Number(std::numeric_limits<double>::infinity(), 2).text == "∞");  // the page
}

TEST_CASE("tests travel with their table's downloads") {
  Table t;
  t.id = "t";
  t.header = {"Type", "With", "Without"};
  t.rows = {{Cell::Text("A"), Cell::Count(3), Cell::Count(4)}};
  t.notes = {"Caution: small."};
  t.tests.push_back({"Pearson's chi-square test of independence", "the whole table", "chi-square",
                     1.5, 2.0, 0.0004, 35, ""});
  t.tests.push_back({"Fisher's exact test (two-sided)", "Health", "odds ratio",
                     std::numeric_limits<double>::infinity(), std::nullopt, 0.5, 35, "infinite"});
  Json j = Json::parse(TableToJson(t));
  REQUIRE(j["tests"].size() == 2);
  CHECK(j["tests"][0]["test"] == "Pearson's chi-square test of independence");
  CHECK(j["tests"][0]["statistic"] == 1.5);
  CHECK(j["tests"][0]["df"].is_number_integer());
  CHECK(j["tests"][0]["df"] == 2);
  CHECK(j["tests"][0]["p"] == 0.0004);
  CHECK(j["tests"][0]["n"] == 35);
  CHECK(j["tests"][1]["statistic"].is_null());
  CHECK(j["tests"][1]["df"].is_null());
  CHECK(j["tests"][1]["note"] == "infinite");
  CHECK(TableToCsv(t) ==
        "Type,With,Without\r\nA,3,4\r\n"
        "\r\nTest,Pearson's chi-square test of independence\r\nApplies to,the whole table\r\n"
        "chi-square,1.5\r\ndf,2\r\np,0.00040000000000000002\r\nn,35\r\n"
        "\r\nTest,Fisher's exact test (two-sided)\r\nApplies to,Health\r\n"
        "odds ratio,infinity\r\np,0.5\r\nn,35\r\nNote,infinite\r\n"
        "\r\nNote,Caution: small.\r\n");
}

TEST_CASE("a CSV download's test lines are in the words it is given") {
  Table t;
  t.header = {"A"};
  t.rows = {{Cell::Text("x")}};
  t.tests.push_back({"Prawf t", "y tabl cyfan", "", 1.5, std::nullopt, std::nullopt, std::nullopt, "nodyn"});
  t.notes = {"Rhybudd"};
  CHECK(TableToCsv(t, CsvWords{"Prawf", "Yn berthnasol i", "Ystadegyn", "Nodyn"}) ==
        "A\r\nx\r\n\r\nPrawf,Prawf t\r\nYn berthnasol i,y tabl cyfan\r\nYstadegyn,1.5\r\n"
        "Nodyn,nodyn\r\n\r\nNodyn,Rhybudd\r\n");
}

TEST_CASE("the statistics' figures follow the messages' number format") {
  Messages m;
  Diagnostics d;
  REQUIRE(m.LoadText("format:\n  thousands: \".\"\n  decimal: \",\"\nstats:\n  not_available: \"amh.\"\n",
                     "test.yaml", "cy", d));
  CHECK(LocalNumber(m, 1234.5678, 2) == "1.234,57");
  CHECK(LocalNumber(m, -0.5, 1) == "-0,5");
  CHECK(LocalNumber(m, std::nan(""), 2) == "amh.");
  CHECK(LocalPercent(m, 1, 3) == "33,3%");
  CHECK(LocalPercent(m, 1, 0) == "amh.");
  CHECK(LocalP(m, 0.0004) == "< 0,001");
  CHECK(LocalP(m, 0.0231) == "0,0231");
  CHECK(LocalCountCell(m, 1200).text == "1.200");
  CHECK(LocalCountCell(m, 1200).number == 1200.0);  // the downloads keep the value
  CHECK(LocalNumberCell(m, 2.5, 3).text == "2,500");
  CHECK(m.Missing().empty());
}

TEST_CASE("every comparison's download holds its tests") {
  Library lib;
  Diagnostics d;
  LoadLibrary(".", &lib, d, 1, nullptr);
  REQUIRE_MESSAGE(!d.HasErrors(), "the shipped content does not load");
  auto blocks = ComparisonBlocks(lib, English());
  REQUIRE(blocks.size() == 3);
  for (const auto& b : blocks) {
    CAPTURE(b.table.id);
    Json j = Json::parse(TableToJson(b.table));
    REQUIRE(!j["tests"].empty());
    for (const auto& t : j["tests"]) {
      CHECK(t["n"].is_number_integer());
      CHECK((t["p"].is_number() || !t["note"].get<std::string>().empty()));
    }
    CHECK(TableToCsv(b.table).find("\r\nTest,") != std::string::npos);
    CHECK(b.lead.find("p = <") == std::string::npos);
  }
  // Welch: one test per measure; Fisher: one per impact-area row; chi-square:
  // one for the whole table, with the figures the page prints.
  CHECK(blocks[0].table.tests.size() == blocks[0].table.rows.size());
  CHECK(blocks[1].table.tests.size() == blocks[1].table.rows.size());
  REQUIRE(blocks[2].table.tests.size() == 1);
  const TestRecord& chi = blocks[2].table.tests[0];
  CHECK(chi.statistic_name == "chi-square");
  REQUIRE(chi.statistic.has_value());
  CHECK(blocks[2].lead.find("χ² = " + FormatNumber(*chi.statistic, 3)) == 0);
  CHECK(blocks[2].lead.find(FormatPClause(*chi.p)) != std::string::npos);
  CHECK(*chi.n == static_cast<long>(lib.case_studies.size()));
}

TEST_CASE("the datasets add up to what the sources print") {
  Library lib;
  Diagnostics d;
  LoadLibrary(".", &lib, d, 1, nullptr);
  REQUIRE_MESSAGE(!d.HasErrors(), "the shipped content does not load");
  auto find = [&](const std::string& id) -> const Dataset& {
    for (const auto& ds : lib.datasets) {
      if (ds.id == id) return ds;
    }
    FAIL("no dataset " << id);
    throw 0;
  };
  const Dataset& people = find("hei-ci-participants");
  CHECK(SumWhere(people, {}) == 40);
  CHECK(SumWhere(people, {{"category", "HEI"}}) == 20);
  CHECK(SumWhere(people, {{"category", "CI"}}) == 20);

  // §3.1.3 of the report: 409 distinct institutions in five categories.
  const Dataset& ref = find("ref-ci-categories");
  CHECK(SumWhere(ref, {}) == 409);
  const std::vector<std::tuple<std::string, std::string, double>> categories = {
      {"Cultural heritage", "Museums, galleries and collections", 236},
      {"Cultural heritage", "Libraries and archives", 77},
      {"Cultural heritage", "Historic buildings (for example cathedrals, castles, heritage sites)", 28},
      {"Performing arts", "Theatres, cinemas, opera houses, concert halls and performance venues", 51},
      {"Natural sciences", "Botanic gardens, natural parks, zoos and observatories", 17}};
  CHECK(ref.rows.size() == categories.size());  // no category beyond these five
  double sum = 0;
  for (const auto& [group, category, n] : categories) {
    CAPTURE(category);
    CHECK(SumWhere(ref, {{"category", category}}) == n);
    CHECK(SumWhere(ref, {{"group", group}, {"category", category}}) == n);
    sum += n;
  }
  CHECK(sum == 409);
  CHECK(SumWhere(ref, {{"group", "Cultural heritage"}}) == 236 + 77 + 28);
  CHECK(SumWhere(ref, {{"group", "Performing arts"}}) == 51);
  CHECK(SumWhere(ref, {{"group", "Natural sciences"}}) == 17);
  for (const auto& c : CheckTotals(ref)) CHECK_MESSAGE(c.agrees, c.label);

  const Dataset& cases = find("ref-ci-cases-by-count");
  CHECK(SumWhere(cases, {}) == 286);
  CHECK(SumWhere(cases, {{"cultural_institutions", "1"}}) == 157);
  CHECK(SumWhere(cases, {{"cultural_institutions", "2"}}) == 69);
  CHECK(SumWhere(cases, {{"cultural_institutions", "3"}}) == 22);
  CHECK(SumWhere(cases, {{"cultural_institutions", "More than 3"}}) == 38);

  const Dataset& cups = find("cup-partnerships");
  CHECK(SumWhere(cups, {{"characteristic", "Location"}}) == 23);
  CHECK(SumWhere(cups, {{"characteristic", "Location"}, {"category", "North West"}}) == 10);
  CHECK(SumWhere(cups, {{"characteristic", "Location"}, {"category", "South of England"}}) == 7);
  CHECK(SumWhere(cups, {{"characteristic", "Location"}, {"category", "West Midlands"}}) == 3);
  CHECK(SumWhere(cups, {{"characteristic", "Location"}, {"category", "Scotland"}}) == 2);
  CHECK(SumWhere(cups, {{"characteristic", "Location"}, {"category", "North East"}}) == 1);
  for (const auto& c : CheckTotals(cups)) CHECK_MESSAGE(c.agrees, c.label);

  // The CUP report's own inconsistency is reported, not hidden: the text
  // says 26 community partners; the career-stage column adds to 25.
  auto career = CheckTotals(find("cup-interviewees-career-stage"));
  REQUIRE(career.size() == 1);
  CHECK(career[0].printed == 26);
  CHECK(career[0].computed == 25);
  CHECK_FALSE(career[0].agrees);
  // The checks are a table with its own downloads, mismatch and all.
  Table checks = TotalsTable(lib, find("cup-interviewees-career-stage"), English());
  CHECK(checks.id == "cup-interviewees-career-stage-totals");
  REQUIRE(checks.rows.size() == 1);
  CHECK(checks.rows[0].back().warning);
  Json cj = Json::parse(TableToJson(checks));
  CHECK(cj["rows"][0]["Printed"] == 26);
  CHECK(cj["rows"][0]["Sum of rows"] == 25);
  CHECK(cj["rows"][0]["Difference"] == -1);
  CHECK(TableToCsv(checks).find(",26,25,-1,") != std::string::npos);
  auto experience = CheckTotals(find("cup-interviewees-experience"));
  REQUIRE(experience.size() == 1);
  CHECK(experience[0].agrees);
}

TEST_CASE("the evidence map counts case studies with both terms") {
  Library lib;
  lib.vocabularies = {{"r", "", "Rows", "", {}, {{"a", "A", "", "", {}, {}}, {"b", "B", "", "", {}, {}}}},
                      {"c", "", "Cols", "", {}, {{"x", "X", "", "", {}, {}}}}};
  lib.case_studies.resize(3);
  lib.case_studies[0].term_uses = {{"r", "enablers", "a", {}}, {"c", "impacts.area", "x", {}}};
  lib.case_studies[1].term_uses = {{"r", "enablers", "a", {}}};
  lib.case_studies[2].term_uses = {{"r", "enablers", "b", {}}, {"c", "impacts.area", "x", {}}};
  lib.Link();
  EvidenceMap map;
  REQUIRE(BuildEvidenceMap(lib, "r", "c", &map));
  CHECK(map.cases[0][0] == std::vector<size_t>{0});
  CHECK(map.cases[1][0] == std::vector<size_t>{2});
  CHECK_FALSE(BuildEvidenceMap(lib, "r", "missing", &map));
}

TEST_CASE("the evidence map links every non-empty cell, in tree order, with whole labels") {
  Library lib;
  const std::string long_label = "Enabling conditions for university–cultural institution work";
  lib.vocabularies = {{"enablers", "", "Enablers", "", {},
                       {{"kid", "Kid", "", "top", {}, {}},  // listed before its parent
                        {"top", long_label, "", "", {}, {}},
                        {"solo", "Solo", "", "", {}, {}}}},
                      {"impact-areas", "", "Impact areas", "", {}, {{"social", "Social", "", "", {}, {}}}}};
  lib.case_studies.resize(2);
  lib.case_studies[0].term_uses = {{"enablers", "enablers", "kid", {}},
                                   {"impact-areas", "impacts.area", "social", {}}};
  lib.case_studies[1].term_uses = {{"enablers", "enablers", "solo", {}}};
  lib.Link();
  EvidenceMap map;
  REQUIRE(BuildEvidenceMap(lib, "enablers", "impact-areas", &map));
  CHECK(map.row_order == std::vector<size_t>{1, 0, 2});  // the broader term first
  StatBlock b = EvidenceMapBlock(lib, map, "../../", English());
  REQUIRE(b.table.rows.size() == 3);
  CHECK(b.table.rows[0][0].text == long_label);
  CHECK(b.table.rows[0][1].number == 1.0);  // rolled up from its narrower term
  CHECK(b.table.rows[0][1].href == "../../statistics/evidence-map/top/social/");
  CHECK(b.table.rows[1][1].href == "../../statistics/evidence-map/kid/social/");
  CHECK(b.table.rows[2][1].href.empty());  // no case studies, nothing to link to
  CHECK(WellFormedXml(b.svg));
  CHECK(b.svg.find("…") == std::string::npos);  // no label is cut
  CHECK(b.svg.find(">Enabling conditions for</tspan>") != std::string::npos);
  CHECK(b.svg.find("role=\"group\"") != std::string::npos);
  CHECK(b.svg.find("<a href=\"../../statistics/evidence-map/kid/social/\" aria-label=\"1 case study: Kid × "
                   "Social\">") != std::string::npos);
  CHECK(b.svg.find("class=\"chart-broader\"") != std::string::npos);
  CHECK(b.svg.find("class=\"chart-narrower\"") != std::string::npos);
  CHECK(TermDepth(*map.rows, map.rows->terms[0]) == 1);

  Json j = Json::parse(EvidenceMapDataJson(lib, map, English()));
  CHECK(j["rows"] == "enablers");
  CHECK(j["cols"] == "impact-areas");
  CHECK(j["n"] == 2);
  REQUIRE(j["axes"].size() == 2);  // only the vocabularies this library has
  CHECK(j["axes"][0]["id"] == "enablers");
  CHECK(j["axes"][0]["param"] == "enabler");
  CHECK(j["axes"][0]["terms"][0]["id"] == "top");
  CHECK(j["axes"][0]["terms"][0]["c"] == Json::array({0}));
  CHECK(j["axes"][0]["terms"][1]["parent"] == "top");
  CHECK(j["axes"][0]["terms"][2]["c"] == Json::array({1}));
  CHECK(j["axes"][1]["param"] == "impact");
  CHECK(j["filters"].empty());  // no regions, partnership types or partner kinds here
}

TEST_CASE("a heat map without links stays an image") {
  std::string svg = HeatMapSvg({"h", "T", "D"}, {"A"}, {"B"}, {{2}});
  CHECK(WellFormedXml(svg));
  CHECK(svg.find("role=\"img\"") != std::string::npos);
  CHECK(svg.find("<a ") == std::string::npos);
}

TEST_CASE("a term page's profile counts what its case studies record") {
  Library lib;
  lib.vocabularies = {{"enablers", "", "Enablers", "", {}, {{"trust", "Trust", "", "", {}, {}},
                                                            {"money", "Money", "", "", {}, {}}}},
                      {"impact-areas", "", "Impact areas", "", {},
                       {{"health", "Health", "", "", {}, {}}, {"culture", "Culture", "", "", {}, {}},
                        {"place", "Place", "", "", {}, {}}}}};
  lib.case_studies.resize(4);
  for (size_t i = 0; i < 3; ++i) lib.case_studies[i].term_uses.push_back({"enablers", "enablers", "trust", {}});
  lib.case_studies[3].term_uses.push_back({"enablers", "enablers", "money", {}});
  lib.case_studies[0].term_uses.push_back({"impact-areas", "impacts.area", "health", {}});
  lib.case_studies[1].term_uses.push_back({"impact-areas", "impacts.area", "health", {}});
  lib.case_studies[1].term_uses.push_back({"impact-areas", "impacts.area", "culture", {}});
  lib.Link();
  const VocabField* field = nullptr;
  for (const auto& f : CaseStudyVocabFields()) {
    if (std::string(f.vocab) == "enablers") field = &f;
  }
  REQUIRE(field);
  const VocabField* other = ProfileFieldFor("enablers");
  REQUIRE(other);
  CHECK(std::string(other->vocab) == "impact-areas");
  CHECK(std::string(ProfileFieldFor("impact-areas")->vocab) == "activities");
  StatBlock b;
  REQUIRE(ProfileBlock(lib, *field, "trust", English(), *other, "../../../", &b));
  CHECK(b.table.id == "enablers--trust--impact-areas");
  REQUIRE(b.table.rows.size() == 4);  // three areas, then "Not recorded"
  CHECK(b.table.rows[0][1].number == 2.0);
  CHECK(b.table.rows[0][0].href == "../../../browse/impact-areas/health/");
  CHECK(b.table.rows[1][1].number == 1.0);
  CHECK(b.table.rows[2][1].number == 0.0);
  CHECK(b.table.rows[2][0].href.empty());  // nothing to link to
  CHECK(b.table.rows[3][0].text == "Not recorded");
  CHECK(b.table.rows[3][1].number == 1.0);
  CHECK(b.lead.find("most common is Health (2 of 3)") != std::string::npos);
  CHECK(WellFormedXml(b.svg));
  CHECK(b.svg.find("role=\"img\"") != std::string::npos);
  // Too few case studies say nothing a list does not.
  // A tie names every term that shares the largest count.
  lib.case_studies[2].term_uses.push_back({"impact-areas", "impacts.area", "culture", {}});
  lib.Link();
  REQUIRE(ProfileBlock(lib, *field, "trust", English(), *other, "", &b));
  CHECK(b.lead.find("most common are Health and Culture (2 each of 3)") != std::string::npos);
  CHECK(b.lead_html.empty());  // one language: the plain sentence is shown
  CHECK(b.table.caption_html.empty());
  // On a site in two languages, labels a translation gave in another
  // language than the page's are marked inside the sentences.
  lib.config.languages = {"en", "cy"};
  lib.vocabularies[0].terms[0].lang = "cy";  // "Trust"
  lib.vocabularies[1].terms[1].lang = "cy";  // "Culture"
  lib.vocabularies[1].terms[1].label = "Diwylliant & <celf>";
  REQUIRE(ProfileBlock(lib, *field, "trust", English(), *other, "", &b));
  CHECK(b.lead_html.find("filed under <span lang=\"cy\">Trust</span>") != std::string::npos);
  CHECK(b.lead_html.find("most common are Health and <span lang=\"cy\">Diwylliant &amp; &lt;celf&gt;</span> (2 each of 3)") !=
        std::string::npos);
  CHECK(b.table.caption_html.find("<span lang=\"cy\">Trust</span>") != std::string::npos);
  CHECK(b.table.caption_html.find("Impact areas vocabulary") != std::string::npos);  // English, unmarked
  lib.config.languages.clear();
  CHECK_FALSE(ProfileBlock(lib, *field, "money", English(), *other, "", &b));
  CHECK_FALSE(ProfileBlock(lib, *field, "missing", English(), *other, "", &b));
}

TEST_CASE("the data dictionary is a table with downloads") {
  Table t = DataDictionaryTable(English());
  CHECK(t.id == "data-dictionary");
  CHECK(t.rows.size() == CaseStudyDataColumns().size());
  CHECK(t.rows[0][0].code);
  Json j = Json::parse(TableToJson(t));
  CHECK(j["rows"][0]["Column"] == "slug");
}

// Everything the statistics pages draw, from one load of the shipped content.
static std::vector<StatBlock> AllBlocks(const Library& lib) {
  std::vector<StatBlock> blocks;
  for (const auto& f : CaseStudyVocabFields()) {
    StatBlock b;
    if (DistributionBlock(lib, f, "../../", English(), &b)) blocks.push_back(b);
    const VocabField* other = ProfileFieldFor(f.vocab);
    const Vocabulary* v = lib.FindVocabulary(f.vocab);
    for (size_t i = 0; other && v && i < v->terms.size(); ++i) {
      if (ProfileBlock(lib, f, v->terms[i].id, English(), *other, "../../../", &b)) blocks.push_back(b);
    }
  }
  blocks.push_back(PartnersPerCaseBlock(lib, English()));
  blocks.push_back(ConcentrationBlock(lib, "../../", English()));
  blocks.push_back(CulturalShareBlock(lib, English()));
  for (auto& b : ComparisonBlocks(lib, English())) blocks.push_back(std::move(b));
  blocks.push_back(CrossTabBlock(lib, CaseStudyVocabFields()[0], CaseStudyVocabFields()[1], "../../", English()));
  EvidenceMap map;
  if (BuildEvidenceMap(lib, lib.config.evidence_map_rows, lib.config.evidence_map_columns, &map)) {
    blocks.push_back(EvidenceMapBlock(lib, map, "../../", English()));
  }
  for (const auto& ds : lib.datasets) {
    for (auto& b : DatasetBlocks(lib, ds, English())) blocks.push_back(std::move(b));
  }
  return blocks;
}

TEST_CASE("the shipped statistics are byte-identical between two builds") {
  // Two separate loads (one serial, one with threads), as two builds would.
  Library a, b;
  Diagnostics da, db;
  LoadLibrary(".", &a, da, 1, nullptr);
  LoadLibrary(".", &b, db, 4, nullptr);
  REQUIRE(!da.HasErrors());
  REQUIRE(!db.HasErrors());
  std::vector<StatBlock> first = AllBlocks(a), second = AllBlocks(b);
  REQUIRE(first.size() == second.size());
  CHECK(first.size() > 30);
  size_t charts = 0;
  for (size_t i = 0; i < first.size(); ++i) {
    CAPTURE(first[i].table.id);
    CHECK(first[i].svg == second[i].svg);
    CHECK(TableToCsv(first[i].table) == TableToCsv(second[i].table));
    CHECK(TableToJson(first[i].table) == TableToJson(second[i].table));
    if (first[i].svg.empty()) continue;
    ++charts;
    CHECK(WellFormedXml(first[i].svg));
    // An image, or (the evidence map, whose cells are links) a group.
    CHECK((first[i].svg.find("role=\"img\"") != std::string::npos ||
           (first[i].table.id == "evidence-map" && first[i].svg.find("role=\"group\"") != std::string::npos)));
    CHECK(first[i].svg.find("<desc id=") != std::string::npos);
  }
  CHECK(charts > 20);
}

TEST_CASE("a distribution lists each term's narrower terms under it") {
  // As in regions.yaml: the nations first, then England's regions.
  Library lib;
  lib.vocabularies = {{"regions", "", "Regions", "", {},
                       {{"england", "England", "", "", {}, {}}, {"wales", "Wales", "", "", {}, {}},
                        {"london", "London", "", "england", {}, {}}}}};
  lib.case_studies.resize(2);
  lib.case_studies[0].term_uses.push_back({"regions", "places.region", "london", {}});
  lib.case_studies[1].term_uses.push_back({"regions", "places.region", "wales", {}});
  lib.Link();
  const VocabField* field = nullptr;
  for (const auto& f : CaseStudyVocabFields()) {
    if (std::string(f.vocab) == "regions") field = &f;
  }
  REQUIRE(field);
  StatBlock b;
  REQUIRE(DistributionBlock(lib, *field, "", English(), &b));
  REQUIRE(b.table.rows.size() == 4);
  CHECK(b.table.rows[0][0].text == "England");
  CHECK(b.table.rows[1][0].text == "England › London");
  CHECK(b.table.rows[2][0].text == "Wales");
  CHECK(b.table.rows[3][0].text == "Not recorded");
  CHECK(b.table.rows[0][1].number == 1.0);  // London counts towards England
  // The chart marks the narrower term and keeps its full path for the tooltip.
  CHECK(b.svg.find(">› London</text>") != std::string::npos);
  CHECK(b.svg.find("<title>England › London: 1</title>") != std::string::npos);
}
