// The shipped worksheets as built: every print page has every field, with
// the writing space its definition asks for, and the case-study submission
// form still asks for every field of the case-study schema.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "model/model.h"
#include "pipeline/pipeline.h"
#include "schema/json_schema.h"
#include "test_site.h"

namespace fs = std::filesystem;
using namespace commonplace;

namespace {

// The shipped site, built once in memory for every test case here.
const BuildResult& Shipped() { return commonplace::testing::ShippedBuild(); }

std::string Errors(const BuildResult& r) {
  std::string s;
  for (const auto& d : r.diags.items()) {
    if (d.severity == Severity::kError) s += FormatHeadline(d) + "\n";
  }
  return s;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The text between `open` and the next `close` (from `from`), or "".
std::string Between(const std::string& s, const std::string& open, const std::string& close,
                    size_t from = 0) {
  size_t a = s.find(open, from);
  if (a == std::string::npos) return "";
  a += open.size();
  size_t b = s.find(close, a);
  return b == std::string::npos ? "" : s.substr(a, b - a);
}

// Each <tr>…</tr> of an HTML fragment.
std::vector<std::string> Rows(const std::string& html) {
  std::vector<std::string> rows;
  for (size_t p = html.find("<tr>"); p != std::string::npos; p = html.find("<tr>", p + 1)) {
    size_t e = html.find("</tr>", p);
    if (e == std::string::npos) break;
    rows.push_back(html.substr(p, e - p));
  }
  return rows;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A term's label without an editorial note in brackets at its end
// ("South of England (as reported)" → "South of England").
std::string PlainLabel(const std::string& label) {
  if (!label.empty() && label.back() == ')') {
    size_t open = label.rfind(" (");
    if (open != std::string::npos) return label.substr(0, open);
  }
  return label;
}

}  // namespace

TEST_CASE("the print page of every shipped worksheet has every field") {
  const BuildResult& r = Shipped();
  INFO(Errors(r));
  REQUIRE(r.ok);
  const auto& files = r.output.files();
  size_t templates = 0;
  for (const auto& e : fs::directory_iterator(fs::path(COMMONPLACE_SOURCE_DIR) / "content/templates")) {
    if (e.path().extension() == ".yaml") ++templates;
  }
  REQUIRE(templates >= 5);
  REQUIRE(r.library.worksheets.size() == templates);

  for (const Worksheet& ws : r.library.worksheets) {
    auto it = files.find("worksheets/" + ws.id + "/print/index.html");
    REQUIRE_MESSAGE(it != files.end(), ws.id << ": no print page");
    const std::string& page = it->second;
    // No navigation chrome, and the print stylesheet.
    CHECK_FALSE(Contains(page, "<nav"));
    CHECK(Contains(page, "print-worksheet.css"));

    // What the worksheet is for, before the fields.
    CHECK_MESSAGE(Contains(page, "<h1>" + HtmlEscape(ws.title) + "</h1>"), ws.id);
    CHECK_MESSAGE(Contains(page, "<strong>Purpose:</strong> " + HtmlEscape(ws.purpose)), ws.id);
    if (!ws.who.empty()) CHECK_MESSAGE(Contains(page, "<strong>Who:</strong> " + HtmlEscape(ws.who)), ws.id);
    if (!ws.time_needed.empty()) {
      CHECK_MESSAGE(Contains(page, "<strong>Time needed:</strong> " + HtmlEscape(ws.time_needed)), ws.id);
    }
    if (!ws.you_need.empty()) {
      std::string list = Between(page, "<h2>What you need</h2>", "</ul>");
      REQUIRE_MESSAGE(!list.empty(), ws.id << ": no 'What you need' list");
      CHECK(Count(list, "<li>") == ws.you_need.size());
      for (const auto& n : ws.you_need) CHECK_MESSAGE(Contains(list, "</span> " + HtmlEscape(n) + "</li>"), n);
    }
    if (!ws.steps.empty()) {
      std::string list = Between(page, "<h2>Steps</h2>", "</ol>");
      REQUIRE_MESSAGE(!list.empty(), ws.id << ": no steps");
      CHECK(Count(list, "<li>") == ws.steps.size());
      for (const auto& st : ws.steps) CHECK_MESSAGE(Contains(list, "<li>" + HtmlEscape(st) + "</li>"), st);
    }

    CHECK(Count(page, "<section class=\"ws-section\"") == ws.sections.size());
    for (const WorksheetSection& s : ws.sections) {
      INFO(ws.id << " section " << s.id << " (" << s.kind << ")");
      std::string sec = Between(page, "<section class=\"ws-section\" aria-labelledby=\"ws-" + s.id + "\">",
                                "</section>");
      REQUIRE_MESSAGE(!sec.empty(), "section missing");
      CHECK(Contains(sec, "<h2 id=\"ws-" + s.id + "\">" + HtmlEscape(s.heading) + "</h2>"));
      if (!s.prompt.empty()) CHECK(Contains(sec, "<p class=\"ws-prompt\">" + HtmlEscape(s.prompt) + "</p>"));

      if (s.kind == "text") {
        CHECK(Count(sec, "<div class=\"ws-line\">") == static_cast<size_t>(s.lines));
      } else if (s.kind == "checklist") {
        CHECK(Count(sec, "<li><span class=\"ws-box\"") == s.items.size());
        for (const auto& item : s.items) CHECK_MESSAGE(Contains(sec, "</span> " + HtmlEscape(item) + "</li>"), item);
      } else if (s.kind == "table") {
        std::string head = Between(sec, "<thead>", "</thead>");
        std::string body = Between(sec, "<tbody>", "</tbody>");
        size_t label_column = s.rows.empty() ? 0 : 1;
        CHECK(Count(head, "<th scope=\"col\">") == s.columns.size() + label_column);
        for (const auto& c : s.columns) CHECK_MESSAGE(Contains(head, ">" + HtmlEscape(c) + "</th>"), c);
        auto rows = Rows(body);
        CHECK(rows.size() == s.rows.size() + static_cast<size_t>(s.empty_rows));
        for (size_t i = 0; i < rows.size(); ++i) {
          CHECK_MESSAGE(Count(rows[i], "<td></td>") == s.columns.size(), "row " << i);
          if (i < s.rows.size()) {
            CHECK(Contains(rows[i], "<th scope=\"row\">" + HtmlEscape(s.rows[i]) + "</th>"));
          } else {
            CHECK_FALSE(Contains(rows[i], "<th"));
          }
        }
      } else if (s.kind == "scale") {
        std::string head = Between(sec, "<thead>", "</thead>");
        std::string body = Between(sec, "<tbody>", "</tbody>");
        size_t points = static_cast<size_t>(s.scale_max - s.scale_min + 1);
        for (int v = s.scale_min; v <= s.scale_max; ++v) {
          CHECK(Contains(head, "<th scope=\"col\">" + std::to_string(v) + "</th>"));
        }
        CHECK(Count(head, "<th scope=\"col\">") == points + 1);
        auto rows = Rows(body);
        REQUIRE(rows.size() == s.items.size());
        for (size_t i = 0; i < rows.size(); ++i) {
          CHECK(Contains(rows[i], "<th scope=\"row\">" + HtmlEscape(s.items[i]) + "</th>"));
          CHECK(Count(rows[i], "<td><span class=\"ws-box\"") == points);
        }
        if (!s.min_label.empty()) CHECK(Contains(sec, "Lowest: " + HtmlEscape(s.min_label) + "."));
        if (!s.max_label.empty()) CHECK(Contains(sec, "Highest: " + HtmlEscape(s.max_label) + "."));
      } else {
        FAIL("unknown section kind");
      }
    }
  }
}

TEST_CASE("the HTML page of every shipped worksheet says what it is for and links its downloads") {
  const BuildResult& r = Shipped();
  REQUIRE(r.ok);
  const auto& files = r.output.files();
  for (const Worksheet& ws : r.library.worksheets) {
    INFO(ws.id);
    std::string base = "worksheets/" + ws.id + "/";
    REQUIRE(files.count(base + "index.html"));
    const std::string& page = files.at(base + "index.html");
    for (const std::string& text : {ws.purpose, ws.who, ws.time_needed}) CHECK(Contains(page, HtmlEscape(text)));
    for (const auto& n : ws.you_need) CHECK(Contains(page, "<li>" + HtmlEscape(n) + "</li>"));
    for (const auto& st : ws.steps) CHECK(Contains(page, "<li>" + HtmlEscape(st) + "</li>"));
    for (const char* suffix : {".docx", ".md"}) {
      CHECK(files.count(base + ws.id + suffix));
      CHECK(Contains(page, "href=\"../../" + base + ws.id + suffix + "\""));
    }
    CHECK(Contains(page, "href=\"../../" + base + "print/\""));
  }
}

TEST_CASE("the case-study submission form asks for every field of the case-study schema") {
  const BuildResult& r = Shipped();
  INFO(Errors(r));
  REQUIRE(r.ok);
  nlohmann::json schema = nlohmann::json::parse(CaseStudyJsonSchema(r.library));
  const nlohmann::json& props = schema.at("properties");
  REQUIRE(props.size() >= 20);

  // The sections of the form and the fields each names, from the file.
  const std::string rel = "content/templates/case-study-submission-form.yaml";
  YAML::Node form = YAML::LoadFile(std::string(COMMONPLACE_SOURCE_DIR) + "/" + rel);
  const Worksheet* ws = nullptr;
  for (const auto& w : r.library.worksheets) {
    if (w.id == "case-study-submission-form") ws = &w;
  }
  REQUIRE(ws != nullptr);
  std::map<std::string, const WorksheetSection*> by_field;  // field → the section asking for it
  for (const auto& node : form["sections"]) {
    std::string id = node["id"].as<std::string>();
    const WorksheetSection* section = nullptr;
    for (const auto& s : ws->sections) {
      if (s.id == id) section = &s;
    }
    REQUIRE(section != nullptr);
    if (!node["fields"]) continue;
    for (const auto& f : node["fields"]) {
      std::string field = f.as<std::string>();
      INFO(rel << ": section " << id << " names field '" << field << "'");
      CHECK_MESSAGE(by_field.emplace(field, section).second, "asked for twice");
      if (field == "body") continue;  // the Markdown body
      // A field of the schema, or a key inside one of its lists or objects.
      size_t dot = field.find('.');
      std::string top = field.substr(0, dot);
      REQUIRE_MESSAGE(props.contains(top), "not a case-study field");
      if (dot != std::string::npos) {
        const nlohmann::json& p = props.at(top);
        const nlohmann::json& inner = p.contains("items") ? p.at("items") : p;
        bool known = inner.contains("properties") && inner.at("properties").contains(field.substr(dot + 1));
        CHECK_MESSAGE(known, "no such key inside '" << top << "'");
      }
    }
  }
  CHECK_MESSAGE(by_field.count("body"), "nothing asks for the story (the Markdown body)");

  // Every top-level property is asked for, whole or key by key.
  // editor_note is the maintainers' own (a partner has nothing to put there).
  for (const auto& [name, p] : props.items()) {
    if (by_field.count(name) || name == "editor_note") continue;
    const nlohmann::json& inner = p.contains("items") ? p.at("items") : p;
    bool some = false;
    for (const auto& [field, s] : by_field) some = some || field.rfind(name + ".", 0) == 0;
    CHECK_MESSAGE(some, "the submission form does not ask for '" << name << "'");
    if (some && inner.contains("properties")) {
      for (const auto& [key, unused] : inner.at("properties").items()) {
        CHECK_MESSAGE(by_field.count(name + "." + key),
                      "the submission form does not ask for '" << name << "." << key << "'");
      }
    }
  }

  // Fields drawn from a vocabulary offer its terms: a checklist lists
  // exactly their labels; any other section names each in its prompt.
  for (const VocabField& vf : CaseStudyVocabFields()) {
    std::string field = vf.field;
    INFO("field " << field << " (vocabulary " << vf.vocab << ")");
    const WorksheetSection* s = nullptr;
    if (by_field.count(field)) s = by_field.at(field);
    else if (by_field.count(field.substr(0, field.find('.')))) s = by_field.at(field.substr(0, field.find('.')));
    REQUIRE_MESSAGE(s != nullptr, "no section asks for it");
    const Vocabulary* vocab = r.library.FindVocabulary(vf.vocab);
    REQUIRE(vocab != nullptr);
    std::set<std::string> labels;
    for (const Term& t : vocab->terms) labels.insert(Lower(PlainLabel(t.label)));
    if (s->kind == "checklist") {
      std::set<std::string> items;
      for (const auto& item : s->items) items.insert(Lower(item));
      for (const auto& l : labels) CHECK_MESSAGE(items.count(l), "section " << s->id << " lacks '" << l << "'");
      for (const auto& i : items) {
        CHECK_MESSAGE(labels.count(i), "section " << s->id << ": '" << i << "' is not a term's label");
      }
    } else {
      for (const auto& l : labels) {
        CHECK_MESSAGE(Contains(Lower(s->prompt), l), "the prompt of section " << s->id << " does not name '" << l << "'");
      }
    }
  }
}

TEST_CASE("every page of the shipped site has the home page's menu") {
  // The worksheet pages, made before the statistics, once lacked "Statistics".
  const BuildResult& r = Shipped();
  REQUIRE(r.ok);
  auto menu = [](const std::string& page) {
    std::string nav = Between(page, "<nav class=\"site-nav\" aria-label=\"Main\">", "</nav>");
    std::vector<std::string> titles;
    for (size_t a = nav.find("<a "); a != std::string::npos; a = nav.find("<a ", a + 1)) {
      size_t p = nav.find('>', a), e = nav.find("</a>", a);
      if (p == std::string::npos || e == std::string::npos) break;
      titles.push_back(nav.substr(p + 1, e - p - 1));
    }
    return Join(titles, " | ");
  };
  const auto& files = r.output.files();
  const std::string home = menu(files.at("index.html"));
  CHECK(Contains(home, "Worksheets | Resources | Statistics"));
  size_t pages = 0, worksheet_pages = 0;
  for (const auto& [path, html] : files) {
    if (!EndsWith(path, ".html") || !Contains(html, "class=\"site-nav\"")) continue;
    INFO(path);
    CHECK(menu(html) == home);
    ++pages;
    if (StartsWith(path, "worksheets/")) ++worksheet_pages;
  }
  CHECK(pages > 300);
  CHECK(worksheet_pages >= 6);
}

TEST_CASE("every page of the shipped site with a footer links to the accessibility statement") {
  const BuildResult& r = Shipped();
  REQUIRE(r.ok);
  const auto& files = r.output.files();
  REQUIRE(files.count("accessibility/index.html"));
  CHECK(Contains(files.at("accessibility/index.html"), "<h1>Accessibility statement</h1>"));
  size_t pages = 0;
  for (const auto& [path, html] : files) {
    if (!EndsWith(path, ".html") || !Contains(html, "<footer class=\"site-footer\">")) continue;
    INFO(path);
    // From the page's own depth (404.html links from the site's base path).
    std::string root;
    for (char c : path) root += c == '/' ? "../" : "";
    if (path == "404.html") root = r.library.config.BasePath();
    if (root.empty()) root = "./";
    CHECK(Contains(Between(html, "<footer class=\"site-footer\">", "</footer>"),
                   "<a href=\"" + root + "accessibility/\">Accessibility</a>"));
    ++pages;
  }
  CHECK(pages > 300);
}
