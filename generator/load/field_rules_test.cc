// The rules every field of the content follows wherever it is read: one URL
// rule for every URL field, no control characters in any value (after YAML
// unescapes it) or CSV cell, and one number rule for YAML and CSV.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "load/csv.h"
#include "load/loader.h"
#include "load/numbers.h"

using namespace commonplace;

namespace {

std::string Headlines(const Diagnostics& d) {
  std::string s;
  for (const auto& i : d.items()) s += FormatHeadline(i) + "\n";
  return s;
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const char* kSite = "title: X\nbase_url: https://example.org/\n";

}  // namespace

TEST_CASE("one URL rule for every URL field of site.yaml, at the field") {
  struct Case {
    std::string yaml;
    std::string expected;  // headline
  };
  std::vector<Case> cases = {
      {"licence:\n  name: CC BY\n  url: javascript:alert(1)\n",
       "site.yaml:5:8: error: unsafe URL 'javascript:alert(1)' in field 'licence.url' (only "
       "http(s), mailto and relative links are allowed)"},
      {"licence:\n  name: CC BY\n  url: \" JaVaScRiPt:alert(1)\"\n",
       "site.yaml:5:8: error: unsafe URL ' JaVaScRiPt:alert(1)' in field 'licence.url'"},
      {"licence: {name: CC BY, url: \"data:text/html,x\"}\n",
       "site.yaml:3:29: error: unsafe URL 'data:text/html,x' in field 'licence.url'"},
      {"repository:\n  url: javascript:alert(1)\n",
       "site.yaml:4:8: error: 'repository.url' must start with http:// or https://, not "
       "'javascript:alert(1)' (an unsafe URL)"},
      {"repository:\n  edit_url: \"javascript:alert('{path}')\"\n",
       "site.yaml:4:13: error: 'repository.edit_url' must start with http:// or https://"},
      // A pattern without a scheme: {branch} could supply one.
      {"repository:\n  url: https://example.org/r\n  branch: \"javascript:x//\"\n  edit_url: "
       "\"{branch}{path}\"\n",
       "site.yaml:6:13: error: 'repository.edit_url' must start with http:// or https://"},
      {"navigation:\n  - {title: X, url: \"vbscript:x\"}\n",
       "site.yaml:4:21: error: unsafe URL 'vbscript:x' in field 'navigation[0].url'"},
      {"logo: //evil.example/x.png\n",
       "site.yaml:3:7: error: 'logo' must be a file of the site, not '//evil.example/x.png'"},
      {"logo: https://evil.example/x.png\n", "site.yaml:3:7: error: 'logo' must be a file of the site"},
      {"logo: /assets/x.png\n", "site.yaml:3:7: error: 'logo' must be a file of the site"},
      {"logo: ../x.png\n", "site.yaml:3:7: error: 'logo' must be a file of the site"},
      {"base_url: javascript:alert(1)//\n",
       "site.yaml:2:11: error: 'base_url' must start with http:// or https://"},
  };
  for (const auto& c : cases) {
    Diagnostics d;
    SiteConfig config;
    CHECK_FALSE(LoadSiteConfig("site.yaml", c.yaml.rfind("base_url", 0) == 0 ? "title: X\n" + c.yaml : kSite + c.yaml, &config, d));
    CAPTURE(c.yaml);
    CHECK_MESSAGE(Has(Headlines(d), c.expected), Headlines(d));
    REQUIRE(!d.items().empty());
    CHECK(!d.items()[0].hint.empty());
    // Nothing unsafe is kept for the pages.
    CHECK(config.licence_url.find(':') == std::string::npos);
    CHECK(config.repository_edit_url.find("javascript") == std::string::npos);
    CHECK(config.repository_url.find("javascript") == std::string::npos);
    CHECK(config.logo.find("//") == std::string::npos);
    for (const auto& n : config.navigation) CHECK(n.url.find("vbscript") == std::string::npos);
  }

  // What the rules allow.
  Diagnostics d;
  SiteConfig config;
  CHECK(LoadSiteConfig("site.yaml",
                       std::string(kSite) +
                           "licence: {name: CC BY, url: \"https://creativecommons.org/licenses/by/4.0/\"}\n"
                           "repository:\n  url: https://github.com/o/r\n"
                           "  edit_url: \"https://gitlab.com/o/r/-/edit/{branch}/{path}\"\n"
                           "logo: assets/img/logo.svg\n"
                           "navigation:\n  - {title: A, url: about/}\n  - {title: M, url: \"mailto:a@b.org\"}\n",
                       &config, d));
  CHECK(Headlines(d).empty());
  CHECK(config.logo == "assets/img/logo.svg");
  CHECK(config.navigation.size() == 2);
}

TEST_CASE("source and resource URLs are checked where they are written") {
  Diagnostics d;
  std::vector<Source> sources;
  CHECK_FALSE(LoadSources("content/sources.yaml",
                          "- id: s\n  kind: report\n  title: T\n  url: \"javascript:alert(1)\"\n",
                          &sources, d));
  CHECK(Has(Headlines(d), "content/sources.yaml:4:8: error: unsafe URL 'javascript:alert(1)' in "
                          "field '[0].url'"));
  REQUIRE(sources.size() == 1);
  CHECK(sources[0].url.empty());

  Diagnostics d2;
  std::vector<Resource> resources;
  CHECK_FALSE(LoadResources("content/resources.yaml",
                            "- id: r\n  title: T\n  kind: toolkit\n  description: D.\n"
                            "  url: about/\n  sources: [{source: s}]\n",
                            &resources, d2));
  CHECK(Has(Headlines(d2), "content/resources.yaml:5:8: error: '[0].url' must start with http:// "
                           "or https://"));
}

TEST_CASE("control characters made by YAML escapes are refused at the field") {
  auto load = [](const std::string& yaml) {
    Diagnostics d;
    SiteConfig c;
    LoadSiteConfig("site.yaml", yaml, &c, d);
    return Headlines(d);
  };
  // The file is plain ASCII; the escape makes U+0001 only once parsed.
  CHECK(Has(load("title: \"T\\x01\"\n"),
            "site.yaml:1:8: error: field 'title' holds the control character U+0001"));
  CHECK(Has(load("title: \"T\\u0000\"\n"), "field 'title' holds the control character U+0000"));
  CHECK(Has(load("title: \"T\\a\"\n"), "holds the control character U+0007"));
  CHECK(Has(load("title: \"T\\x7f\"\n"), "holds the control character U+007F"));
  CHECK(Has(load("title: \"T\\x85\"\n"), "holds the control character U+0085"));  // C1
  // yaml-cpp turns "\N" (U+0085) into a lone byte 0x85, not UTF-8 at all.
  CHECK(Has(load("title: \"T\\N\"\n"), "field 'title' holds a byte that is not UTF-8"));
  CHECK(Has(load("title: \"T\\uFFFE\"\n"), "holds the noncharacter U+FFFE"));
  CHECK(Has(load("title: \"T\\uffff\"\n"), "holds the noncharacter U+FFFF"));
  CHECK(Has(load("title: X\nnavigation:\n  - {title: \"a\\eb\", url: about/}\n"),
            "site.yaml:3:13: error: field 'navigation[0].title' holds the control character U+001B"));
  CHECK(Has(load("title: X\n\"k\\x02\": v\n"), "a key in the document holds the control character U+0002"));
  // A lone surrogate: yaml-cpp refuses the escape itself, at its position.
  CHECK(Has(load("title: \"T\\uD800\"\n"), "site.yaml:1:16: error: invalid YAML: invalid unicode"));
  // Raw control bytes in the file too (valid UTF-8, so the file check passes them).
  CHECK(Has(load("title: \"T\x01\"\n"), "holds the control character U+0001"));
  // Tab, line feed and carriage return are text.
  CHECK(load("title: \"a\\tb\\nc\\rd\"\n").empty());
  CHECK(load("title: \"caf\\u00e9 \\U0001F600\"\n").empty());

  // In a case study's front matter, on the file's own lines.
  Diagnostics d;
  CaseStudy cs;
  LoadCaseStudy("casestudies/x.md", "---\ntitle: Ok\nsummary: \"S\\x01\"\n---\nBody\n", &cs, d);
  CHECK(Has(Headlines(d), "casestudies/x.md:3:10: error: field 'summary' holds the control character U+0001"));
  REQUIRE(!d.items().empty());
  CHECK(Has(d.items()[0].hint, "\\x01"));
}

TEST_CASE("CSV cells may not hold control characters") {
  CsvTable t;
  Diagnostics d;
  CHECK_FALSE(ParseCsv("d.csv", "kind,n\nab\x01,1\n", &t, d));
  CHECK(Headlines(d) == "d.csv:2:3: error: a value in column 'kind' holds the control character U+0001\n");
  Diagnostics d2;
  CHECK_FALSE(ParseCsv("d.csv", "kind,n\na,\"1\xC2\x9B\"\n", &t, d2));
  CHECK(Headlines(d2) == "d.csv:2:5: error: a value in column 'n' holds the control character U+009B\n");
  Diagnostics d3;
  CHECK_FALSE(ParseCsv("d.csv", "ki\x7fnd,n\n", &t, d3));
  CHECK(Has(Headlines(d3), "d.csv:1:3: error: a value in the header holds the control character U+007F"));
  Diagnostics d4;
  CHECK(ParseCsv("d.csv", "kind,n\n\"tab\there\",\"caf\xC3\xA9 \xF0\x9F\x98\x80\"\n", &t, d4));
}

TEST_CASE("numbers: one rule for YAML fields and CSV cells") {
  for (const char* ok : {"0", "12", "-3", "+4", "3.5", "-0.25", ".5", "5.", "1e6", "2.5E-3", "40000"}) {
    CHECK_MESSAGE(ParseNumber(ok).has_value(), ok);
  }
  for (const char* bad : {"", " 1", "1 ", "nan", "NaN", "-nan", "-nan(0x1)", "inf", "-inf", "infinity",
                          "0x10", "1,000", "1_000", "£5", "1e", "1e+", ".", "-", "+-1", "1e999", "--1",
                          "1.2.3", "\t1"}) {
    CHECK_MESSAGE(!ParseNumber(bad).has_value(), bad);
  }
  CHECK(*ParseNumber("2.5e1") == 25);
  CHECK(*ParseWholeNumber("-42") == -42);
  CHECK(*ParseWholeNumber("+7") == 7);
  CHECK(*ParseWholeNumber("9223372036854775807") == 9223372036854775807LL);
  CHECK(ParseWholeNumber("-9223372036854775808").has_value());
  for (const char* bad : {"", " 1", "1.0", "1e3", "0x1", "9223372036854775808", "-", "nan", "1 "}) {
    CHECK_MESSAGE(!ParseWholeNumber(bad).has_value(), bad);
  }

  // YAML fields refuse what CSV refuses.
  Diagnostics d;
  SiteConfig c;
  LoadSiteConfig("site.yaml", "title: X\nsearch:\n  fields:\n    - {name: title, boost: .nan}\n", &c, d);
  CHECK(Has(Headlines(d), "field 'search.fields[0].boost' must be a number, not '.nan'"));

  // A dataset's number columns follow the same rule: no nan, inf or spaces.
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("cp_numbers_test_" + std::to_string(::getpid()));
  fs::create_directories(root / "content/datasets");
  const std::string yaml =
      "id: d\ntitle: T\ndescription: D.\nsources: [{source: s, locator: \"p.1\"}]\n"
      "columns:\n  - {id: kind, label: Kind, type: category}\n  - {id: x, label: X, type: number}\n"
      "  - {id: n, label: N, type: integer}\n";
  std::ofstream(root / "content/datasets/d.csv")
      << "kind,x,n\na,nan,1\nb,inf,2\nc,-nan(0x1),3\nd, 4,4\ne,1e999,5\nf,2.5, 6\ng,1.5,1.0\nh,1e3,+8\n";
  Dataset ds;
  Diagnostics d2;
  CHECK_FALSE(LoadDataset(root.string(), "content/datasets/d.yaml", yaml, &ds, d2));
  std::string e = Headlines(d2);
  CHECK(Has(e, "content/datasets/d.csv:2:1: error: 'nan' in column 'x' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:3:1: error: 'inf' in column 'x' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:4:1: error: '-nan(0x1)' in column 'x' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:5:1: error: ' 4' in column 'x' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:6:1: error: '1e999' in column 'x' is not a number"));
  CHECK(Has(e, "content/datasets/d.csv:7:1: error: ' 6' in column 'n' is not a whole number"));
  CHECK(Has(e, "content/datasets/d.csv:8:1: error: '1.0' in column 'n' is not a whole number"));
  CHECK_FALSE(Has(e, "d.csv:9:"));
  CHECK(d2.ErrorCount() == 7);
  fs::remove_all(root);
}

TEST_CASE("a worksheet section id may not be a Windows device name") {
  Diagnostics d;
  Worksheet w;
  LoadWorksheet("content/templates/w.yaml",
                "id: w\ntitle: T\nsummary: S\npurpose: P\nwho: W\ntime_needed: 1 h\n"
                "sources: [{source: s, locator: p.1}]\n"
                "sections:\n  - {id: con, heading: H, kind: text}\n",
                &w, d);
  CAPTURE(Headlines(d));
  CHECK(Has(Headlines(d), "content/templates/w.yaml:9:10: error: section id 'con' is not a valid id "
                          "(Windows reserves it for a device)"));
}
