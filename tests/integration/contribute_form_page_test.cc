// contribute/new/ as built from the shipped content: the web form asks for
// every field of the case-study schema, offers exactly the terms each
// vocabulary allows (with their descriptions), runs no inline script, and
// knows which file names are taken.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <string>

#include "base/strings.h"
#include "model/model.h"
#include "pipeline/pipeline.h"
#include "schema/json_schema.h"
#include "test_site.h"

using namespace commonplace;
using commonplace::testing::kBaseSite;
using commonplace::testing::TestSite;

namespace {

const BuildResult& Shipped() { return commonplace::testing::ShippedBuild(); }

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the web form asks for every field of the case-study schema, with its help") {
  const BuildResult& r = Shipped();
  REQUIRE(r.ok);
  const auto& files = r.output.files();
  REQUIRE(files.count("contribute/new/index.html"));
  const std::string& page = files.at("contribute/new/index.html");
  nlohmann::json schema = nlohmann::json::parse(CaseStudyJsonSchema(r.library));
  for (const auto& [name, prop] : schema.at("properties").items()) {
    INFO("field " << name);
    CHECK(Contains(page, "data-name=\"" + name + "\""));
    CHECK(Contains(page, HtmlEscape(prop.at("title").get<std::string>())));
    // A repeatable group's item, or the years, asks for each key inside it.
    const nlohmann::json* object = prop.contains("items") && prop["items"].contains("properties")
                                       ? &prop["items"]
                                       : prop.contains("properties") ? &prop : nullptr;
    if (!object) continue;
    for (const auto& [sub, sp] : object->at("properties").items()) {
      INFO("key " << sub);
      CHECK(Contains(page, "data-name=\"" + sub + "\""));
      // Its help: the description's first sentence (the rest names the file of allowed values).
      std::string help = sp.at("description").get<std::string>();
      CHECK(Contains(page, HtmlEscape(help.substr(0, help.find(". ")))));
    }
    if (prop.value("type", "") == "array" && object == &prop["items"]) {
      CHECK(Contains(page, "<template id=\"f-" + name + "-template\">"));
    }
  }
  // The file name, and a box under each of the body's headings.
  CHECK(Contains(page, "data-kind=\"slug\""));
  CHECK(Count(page, "data-kind=\"body\"") == 4);
  // No inline script or style: the page works under default-src 'self'. The
  // one script element without src is the script's words, a JSON data block
  // (never executed, so no policy stops it).
  CHECK(Count(page, "<script") == 3);
  CHECK(Count(page, "<script src=") == 2);
  CHECK(Count(page, "<script type=\"application/json\" id=\"cp-messages\">") == 1);
  CHECK(Contains(page, "<script src=\"../../assets/js/i18n.js\" defer></script>"));
  CHECK(Contains(page, "<script src=\"../../assets/js/contribute-form.js\" defer></script>"));
  CHECK_FALSE(Contains(page, " style=\""));
  CHECK(files.count("assets/js/contribute-form.js"));
  CHECK(files.count("assets/css/contribute-form.css"));
  // Without JavaScript: the Word form.
  CHECK(Contains(page, "href=\"../../worksheets/case-study-submission-form/\""));
}

TEST_CASE("the web form offers exactly each vocabulary's terms, with their descriptions") {
  const BuildResult& r = Shipped();
  REQUIRE(r.ok);
  const std::string page = *r.output.Get("contribute/new/index.html");
  nlohmann::json schema = nlohmann::json::parse(CaseStudyJsonSchema(r.library));
  for (const std::string field : {"partnership_type", "activities", "drivers", "enablers", "formality"}) {
    const nlohmann::json& prop = schema["properties"][field];
    const Vocabulary* v = r.library.FindVocabulary(prop.at("x-vocabulary").get<std::string>());
    REQUIRE(v != nullptr);
    INFO(field);
    CHECK(Count(page, "name=\"f-" + field + "\" id=\"f-" + field + "-") ==
          v->terms.size() + (field == "formality" ? 1 : 0));  // an optional choice has "Not known"
    for (const auto& t : v->terms) {
      INFO(t.id);
      CHECK(Contains(page, "id=\"f-" + field + "-" + t.id + "\" value=\"" + t.id + "\""));
      CHECK(Contains(page, "<span class=\"cf-desc\" id=\"f-" + field + "-" + t.id + "-d\">" +
                               HtmlEscape(t.description) + "</span>"));
    }
  }
  // Partner kinds inside the partners' item template, as options.
  for (const auto& t : r.library.FindVocabulary("partner-kinds")->terms) {
    CHECK(Contains(page, "<option value=\"" + t.id + "\">" + HtmlEscape(t.label) + "</option>"));
  }
}

TEST_CASE("the web form knows every file name already taken") {
  const BuildResult& r = Shipped();
  REQUIRE(r.ok);
  nlohmann::json taken = nlohmann::json::parse(r.output.files().at("contribute/new/slugs.json"));
  REQUIRE(taken.size() == r.library.case_studies.size());
  for (const auto& cs : r.library.case_studies) {
    CHECK(std::find(taken.begin(), taken.end(), cs.slug) != taken.end());
  }
  CHECK(std::is_sorted(taken.begin(), taken.end()));
}

TEST_CASE("the web form opens the new-file page of the host site.yaml names, and none without") {
  const std::string yaml =
      "title: Test Evidence\nbase_url: https://example.org/\n"
      "navigation:\n  - {title: Case studies, url: casestudies/}\n";
  TestSite site(kBaseSite);
  site.Write("site.yaml", yaml);
  REQUIRE(site.Build().ok);
  std::string page = site.Output("contribute/new/index.html");
  CHECK(Contains(page, "data-host=\"\" data-host-base=\"\""));
  CHECK_FALSE(Contains(page, "id=\"cf-open\""));
  // No worksheets here: the way without JavaScript names the form without a link.
  CHECK(Contains(page, "Download the case-study submission form as a Word document"));

  site.Write("site.yaml", yaml + "repository:\n  url: https://github.com/o/r\n  branch: trunk\n");
  REQUIRE(site.Build().ok);
  page = site.Output("contribute/new/index.html");
  CHECK(Contains(page, "data-host=\"GitHub\" data-host-base=\"https://github.com/o/r/new/trunk\""));
  CHECK(Contains(page, "<a id=\"cf-open\" class=\"cf-button\" href=\"https://github.com/o/r/new/trunk\">Open it as a new file on GitHub</a>"));

  site.Write("site.yaml", yaml + "repository:\n  url: https://gitlab.com/g/r\n  branch: main\n");
  REQUIRE(site.Build().ok);
  page = site.Output("contribute/new/index.html");
  CHECK(Contains(page, "data-host=\"GitLab\" data-host-base=\"https://gitlab.com/g/r/-/new/main\""));
}
