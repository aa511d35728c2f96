// The compiled renderer against mstch, which it replaces on the build's hot
// path: hand-written cases with their expected text, then thousands of
// generated templates and views where the two must agree byte for byte.
#include "render/mustache.h"

#include <doctest/doctest.h>

#include <random>

#include "base/strings.h"

using namespace commonplace;

namespace {

struct Mstch {
  Mstch() {
    mstch::config::escape = [](const std::string& s) { return HtmlEscape(s); };
  }
};

std::string Compiled(const std::string& tmpl, const mstch::node& view,
                     const std::map<std::string, std::string>& partials = {}) {
  mustache::TemplateSet set({{"t", tmpl}}, partials, &HtmlEscape);
  std::string out;
  REQUIRE(set.Render("t", view, &out));
  return out;
}

std::string Reference(const std::string& tmpl, const mstch::node& view,
                      const std::map<std::string, std::string>& partials = {}) {
  static Mstch configured;
  return mstch::render(tmpl, view, partials);
}

// Checks the expected text and that mstch renders the same.
void Expect(const std::string& tmpl, const mstch::node& view, const std::string& expected,
            const std::map<std::string, std::string>& partials = {}) {
  CAPTURE(tmpl);
  CHECK(Compiled(tmpl, view, partials) == expected);
  CHECK(Reference(tmpl, view, partials) == expected);
}

}  // namespace

TEST_CASE("interpolation escapes, triple braces and & do not") {
  mstch::map v{{"a", std::string("<b>&'\"")}, {"n", 42}, {"yes", true}, {"d", 1.5}};
  Expect("{{a}}|{{{a}}}|{{& a}}|{{ a }}", v,
         "&lt;b&gt;&amp;&#39;&quot;|<b>&'\"|<b>&'\"|&lt;b&gt;&amp;&#39;&quot;");
  Expect("{{n}} {{yes}} {{d}} [{{missing}}]", v, "42 true 1.5 []");
}

TEST_CASE("dotted names look up the first part through the stack") {
  mstch::map v{{"a", mstch::map{{"b", mstch::map{{"c", std::string("deep")}}}}},
               {"x", std::string("outer")},
               {"list", mstch::array{mstch::map{{"y", 1}}}}};
  Expect("{{a.b.c}}|{{a.z}}|{{#list}}{{x}}{{y}}{{/list}}", v, "deep||outer1");
  Expect("{{#a}}{{b.c}}{{/a}}", v, "deep");
}

TEST_CASE("sections: lists, maps, booleans, empties and inverted") {
  mstch::map v{{"items", mstch::array{std::string("x"), std::string("y")}},
               {"none", mstch::array{}},
               {"on", true},
               {"off", false},
               {"zero", 0},
               {"empty", std::string("")},
               {"m", mstch::map{{"k", std::string("v")}}}};
  Expect("{{#items}}<{{.}}>{{/items}}", v, "<x><y>");
  Expect("{{#none}}n{{/none}}{{^none}}no items{{/none}}", v, "no items");
  Expect("{{#on}}1{{/on}}{{#off}}2{{/off}}{{^off}}3{{/off}}{{#zero}}4{{/zero}}{{^empty}}5{{/empty}}",
         v, "135");
  Expect("{{#m}}{{k}}{{/m}}{{^missing}}!{{/missing}}", v, "v!");
  Expect("{{#items}}{{#items}}{{.}}{{/items}};{{/items}}", v, "xy;xy;");
}

TEST_CASE("standalone lines vanish; partials keep the indentation before them") {
  mstch::map v{{"items", mstch::array{std::string("a"), std::string("b")}}};
  Expect("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n", v,
         "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
  Expect("x\n  {{! a comment }}\ny", v, "x\ny");
  Expect("<div>\n    {{>p}}\n</div>", v, "<div>\n    one\n    two\n</div>",
         {{"p", "one\ntwo\n"}});
  // Not standalone: an interpolation or text shares the line.
  Expect("  {{#items}}{{.}}{{/items}} \n", v, "  ab \n");
}

TEST_CASE("a partial can include itself") {
  mstch::map leaf{{"label", std::string("leaf")}, {"children", mstch::array{}}};
  mstch::map v{{"label", std::string("root")},
               {"children", mstch::array{mstch::map{{"label", std::string("mid")},
                                                    {"children", mstch::array{leaf}}}}}};
  Expect("{{>tree}}", v, "root(mid(leaf()))",
         {{"tree", "{{label}}({{#children}}{{>tree}}{{/children}})"}});
}

TEST_CASE("delimiters can change") {
  mstch::map v{{"a", std::string("A")}};
  Expect("{{=<% %>=}}<% a %>{{a}}", v, "A{{a}}");
}

TEST_CASE("unclosed sections and stray closing tags behave as in mstch") {
  mstch::map v{{"on", true}};
  Expect("a{{#on}}b", v, "a");
  Expect("a{{/on}}b", v, "ab");
  Expect("{{#on}}x{{/other}}y{{/on}}z", v, "");
}

TEST_CASE("a view holding a lambda is left to mstch") {
  mstch::map v{{"f", mstch::lambda{[](const std::string&) -> mstch::node { return 1; }}}};
  mustache::TemplateSet set({{"t", "{{#f}}x{{/f}}"}}, {}, &HtmlEscape);
  std::string out;
  CHECK_FALSE(set.Render("t", v, &out));
}

namespace {

// Random templates over a few names, with the whitespace and line breaks
// that exercise the standalone rules, and random views of every node type.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string Template(int depth = 0) {
    std::string out;
    int parts = Pick(8);
    for (int i = 0; i < parts; ++i) {
      switch (Pick(depth < 3 ? 12 : 9)) {
        case 0: out += Pick({"a", "text", "<&>", "x y"}); break;
        case 1: out += "\n"; break;
        case 2: out += Pick({" ", "  ", "\t", " \n"}); break;
        case 3: out += "{{" + Name() + "}}"; break;
        case 4: out += "{{{" + Name() + "}}}"; break;
        case 5: out += "{{& " + Name() + " }}"; break;
        case 6: out += "{{! note }}"; break;
        case 7: out += Pick({"{{>p}}", "  {{>p}}\n", "{{>q}}", "{{>missing}}"}); break;
        case 8: out += Pick({"{{/a}}", "{{/b}}"}); break;
        default: {
          std::string name = Pick({"a", "b", "list", "m", "a.b"});
          std::string open = Pick({"{{#", "{{^", "{{# "});
          std::string nl = Pick({"", "\n", " \n", "\n  "});
          out += open + name + "}}" + nl + Template(depth + 1) + nl + "{{/" + name + "}}" +
                 Pick({"", "\n"});
        }
      }
    }
    return out;
  }

  mstch::node View(int depth = 0) {
    mstch::map m;
    for (const char* name : {"a", "b", "list", "m", "s"}) {
      if (Pick(3) == 0) continue;
      m[name] = Value(depth);
    }
    return m;
  }

 private:
  mstch::node Value(int depth) {
    switch (Pick(depth < 2 ? 9 : 7)) {
      case 0: return std::string(Pick({"", "v", "<i>"}));
      case 1: return Pick(3) - 1;
      case 2: return Pick(2) == 0;
      case 3: return 0.25 * Pick(5);
      case 4: return mstch::node();
      case 5: return std::string("w");
      case 6: return mstch::array{};
      case 7: {
        mstch::array a;
        for (int i = Pick(4); i > 0; --i) a.push_back(Pick(2) ? Value(depth + 1) : View(depth + 1));
        return a;
      }
      default: return View(depth + 1);
    }
  }
  std::string Name() { return Pick({"a", "b", "s", ".", "m.a", "a.b", "list", "nothing"}); }
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  template <size_t N>
  std::string Pick(const char* const (&options)[N]) { return options[Pick(static_cast<int>(N))]; }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("a partial leaving a section open is left to mstch") {
  // mstch keeps the section open after the partial and closes it in the
  // template that included it.
  mstch::map v{{"on", true}};
  std::map<std::string, std::string> partials{{"p", "{{#on}}in"}};
  CHECK(Reference("{{>p}} still{{/on}} after", v, partials) == "in still after");
  mustache::TemplateSet set({{"t", "{{>p}} still{{/on}} after"}}, partials, &HtmlEscape);
  std::string out;
  CHECK_FALSE(set.Render("t", v, &out));
}

TEST_CASE("generated templates and views render as mstch renders them") {
  Generator g(20261125);
  int compared = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string tmpl = g.Template();
    std::map<std::string, std::string> partials{{"p", g.Template(2)},
                                                {"q", "[{{s}}]\n{{#m}}{{s}}{{/m}}"}};
    // A partial that recurses without bound would never end in either.
    if (partials["p"].find("{{>p}}") != std::string::npos) partials["p"] = "P{{s}}\n";
    mstch::node view = g.View();
    CAPTURE(tmpl);
    CAPTURE(partials["p"]);
    mustache::TemplateSet set({{"t", tmpl}}, partials, &HtmlEscape);
    std::string out;
    if (!set.Render("t", view, &out)) continue;  // left to mstch, as above
    CHECK(out == Reference(tmpl, view, partials));
    ++compared;
  }
  // Most cases must go through the compiled renderer for this to mean much.
  CHECK(compared > 4000);
  MESSAGE(compared << " of 5000 generated cases rendered by the compiled renderer");
}
