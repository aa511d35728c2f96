#include "i18n/messages.h"

#include <doctest/doctest.h>

#include <regex>
#include <set>

namespace commonplace {

namespace {

Messages Load(const std::string& text, const std::string& lang = "en") {
  Messages m;
  Diagnostics d;
  bool ok = m.LoadText(text, "i18n/" + lang + ".yaml", lang, d);
  std::string first = d.items().empty() ? std::string() : FormatHeadline(d.items()[0]);
  INFO(first);
  CHECK(ok);
  return m;
}

}  // namespace

TEST_CASE("nested keys become dotted keys and placeholders are filled") {
  Messages m = Load("layout:\n  search: Search\n  count: \"{n} case studies on {site}\"\n");
  CHECK(m.Get("layout.search") == "Search");
  CHECK(m.Get("layout.count", {{"n", "3"}, {"site", "Commonplace"}}) ==
        "3 case studies on Commonplace");
  // A placeholder without a value stays as written, so the gap shows.
  CHECK(m.Get("layout.count", {{"n", "3"}}) == "3 case studies on {site}");
  CHECK(m.Keys() == std::vector<std::string>{"layout.count", "layout.search"});
}

TEST_CASE("an unknown key is returned as itself and remembered") {
  Messages m = Load("a: A\n");
  CHECK(m.Get("b.c") == "b.c");
  CHECK(m.Missing() == std::vector<std::string>{"b.c"});
}

TEST_CASE("Welsh plural forms follow CLDR: zero, one, two, few, many, other") {
  CHECK(PluralFor("cy", 0) == PluralCategory::kZero);
  CHECK(PluralFor("cy", 1) == PluralCategory::kOne);
  CHECK(PluralFor("cy", 2) == PluralCategory::kTwo);
  CHECK(PluralFor("cy", 3) == PluralCategory::kFew);
  CHECK(PluralFor("cy", 6) == PluralCategory::kMany);
  CHECK(PluralFor("cy", 4) == PluralCategory::kOther);
  CHECK(PluralFor("cy-GB", 2) == PluralCategory::kTwo);
  CHECK(PluralFor("en", 1) == PluralCategory::kOne);
  CHECK(PluralFor("en-GB", 2) == PluralCategory::kOther);
  CHECK(PluralFor("en", 0) == PluralCategory::kOther);

  Messages cy = Load(
      "cases:\n  zero: \"{n} astudiaethau achos\"\n  one: \"{n} astudiaeth achos\"\n"
      "  two: \"{n} astudiaeth achos\"\n  other: \"{n} o astudiaethau achos\"\n",
      "cy");
  CHECK(cy.Plural("cases", 1) == "1 astudiaeth achos");
  CHECK(cy.Plural("cases", 2) == "2 astudiaeth achos");
  // "few" is not given, so 3 falls back to "other".
  CHECK(cy.Plural("cases", 3) == "3 o astudiaethau achos");
  CHECK(cy.Plural("cases", 1200) == "1,200 o astudiaethau achos");
  CHECK(cy.Forms("cases").size() == 4);
}

TEST_CASE("a message as HTML: its text escaped, its values as given, each in its own language") {
  Messages cy = Load(
      "for: \"Argymhellion ar gyfer {audience} & <eraill>\"\n"
      "filed:\n  one: \"{n} astudiaeth achos dan {term}\"\n  other: \"{n} o astudiaethau achos dan {term}\"\n",
      "cy");
  CHECK(cy.GetHtml("for", {{"audience", MarkLanguage("Funders & <trusts>", "en")}}) ==
        "Argymhellion ar gyfer <span lang=\"en\">Funders &amp; &lt;trusts&gt;</span> &amp; &lt;eraill&gt;");
  CHECK(cy.GetHtml("for", {{"audience", MarkLanguage("Cyllidwyr", "")}}) ==
        "Argymhellion ar gyfer Cyllidwyr &amp; &lt;eraill&gt;");
  CHECK(cy.PluralHtml("filed", 1200, {{"term", MarkLanguage("Health", "en")}}) ==
        "1,200 o astudiaethau achos dan <span lang=\"en\">Health</span>");
  CHECK(cy.PluralHtml("filed", 1, {{"term", MarkLanguage("Iechyd", "")}}) == "1 astudiaeth achos dan Iechyd");
  // A value that looks like a placeholder is not filled again.
  CHECK(FillPlaceholdersHtml("{a} {b}", {{"a", "{b}"}, {"b", "<i>x</i>"}}) == "{b} <i>x</i>");
}

TEST_CASE("a plural message without an 'other' form is an error at its line") {
  Messages m;
  Diagnostics d;
  CHECK_FALSE(m.LoadText("x:\n  cases:\n    one: a\n", "cy.yaml", "cy", d));
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "cy.yaml:3:5: error: plural message 'x.cases' has no 'other' form");
}

TEST_CASE("numbers use the file's separators") {
  Messages en = Load("a: b\n");
  CHECK(en.Number(40000) == "40,000");
  CHECK(en.Number(999) == "999");
  CHECK(en.Number(1200) == "1,200");
  CHECK(en.Number(-1234567) == "-1,234,567");
  CHECK(en.Number("1234.5") == "1,234.5");
  CHECK(en.Number("about") == "about");
  Messages de = Load("format:\n  thousands: \".\"\n  decimal: \",\"\n", "de");
  CHECK(de.Number("1234.5") == "1.234,5");
}

TEST_CASE("dates follow format.date and format.months") {
  Messages en = Load("format:\n  date: \"{iso}\"\n");
  CHECK(en.Date("2024-05-01") == "2024-05-01");
  Messages cy = Load(
      "format:\n  date: \"{d} {month} {yyyy}\"\n  months: [Ionawr, Chwefror, Mawrth, Ebrill, "
      "Mai, Mehefin, Gorffennaf, Awst, Medi, Hydref, Tachwedd, Rhagfyr]\n",
      "cy");
  CHECK(cy.Date("2024-05-01") == "1 Mai 2024");
  CHECK(cy.Date("2026-12-06") == "6 Rhagfyr 2026");
  CHECK(cy.Date("2024") == "2024");
  CHECK(cy.Date("2024-13-01") == "2024-13-01");
  Diagnostics d;
  Messages bad;
  CHECK_FALSE(bad.LoadText("format:\n  months: [a, b]\n", "x.yaml", "cy", d));
}

TEST_CASE("template markers become escaped text with Mustache placeholders") {
  Messages m = Load(
      "t:\n  hi: \"Search & find <all>\"\n  q: 'Say \"{name}\"'\n  n: \"{count} of {page.total}\"\n");
  Diagnostics d;
  CHECK(ExpandTemplateMessages("<p>{{t t.hi}}</p>", m, "x.mustache", d) ==
        "<p>Search &amp; find &lt;all&gt;</p>");
  // In text a value may be marked with its own language (`name_lang` in the
  // view); in an attribute it cannot be.
  auto marked = [](const std::string& name) {
    const std::string lang = name + "_lang";
    return "{{#" + lang + "}}<span lang=\"{{" + lang + "}}\">{{/" + lang + "}}{{" + name + "}}{{#" + lang +
           "}}</span>{{/" + lang + "}}";
  };
  CHECK(ExpandTemplateMessages("<a title=\"{{ta t.q}}\">{{t t.q}}</a>", m, "x.mustache", d) ==
        "<a title=\"Say &quot;{{name}}&quot;\">Say \"" + marked("name") + "\"</a>");
  CHECK(ExpandTemplateMessages("{{t t.n}} {{title}} {{tagline}}", m, "x.mustache", d) ==
        marked("count") + " of " + marked("page.total") + " {{title}} {{tagline}}");
  CHECK(d.items().empty());
  CHECK(ExpandTemplateMessages("a\n  {{t t.nope}}", m, "themes/x.mustache", d) == "a\n  ");
  REQUIRE(d.items().size() == 1);
  CHECK(FormatHeadline(d.items()[0]) ==
        "themes/x.mustache:2:3: error: no message 't.nope' in i18n/en.yaml");
}

TEST_CASE("ScriptJson gives a page script its messages, safe inside <script>") {
  Messages m = Load(
      "js:\n  search:\n    a: \"</script> & \\\"q\\\"\"\n    n:\n      one: \"{n} hit\"\n      other: \"{n} hits\"\n"
      "  finder:\n    b: B\n");
  CHECK(m.ScriptJson({"js.search."}) ==
        "{\"lang\":\"en\",\"messages\":{\"search.a\":\"\\u003c/script\\u003e \\u0026 \\\"q\\\"\","
        "\"search.n\":{\"one\":\"{n} hit\",\"other\":\"{n} hits\"}}}");
}

// The shipped interface files: Welsh has every English key and no other,
// with the same placeholders, so no page can fall back to a key's name.
TEST_CASE("cy.yaml and en.yaml have the same keys, key for key, and the same placeholders") {
  Diagnostics d;
  Messages en, cy;
  REQUIRE(en.LoadFile("themes/default/i18n/en.yaml", "en.yaml", "en", d));
  REQUIRE(cy.LoadFile("themes/default/i18n/cy.yaml", "cy.yaml", "cy", d));
  std::vector<std::string> en_keys = en.Keys(), cy_keys = cy.Keys();
  std::vector<std::string> only_en, only_cy;
  std::set_difference(en_keys.begin(), en_keys.end(), cy_keys.begin(), cy_keys.end(),
                      std::back_inserter(only_en));
  std::set_difference(cy_keys.begin(), cy_keys.end(), en_keys.begin(), en_keys.end(),
                      std::back_inserter(only_cy));
  CHECK(only_en == std::vector<std::string>{});
  CHECK(only_cy == std::vector<std::string>{});
  CHECK(en_keys.size() > 400);
  const std::regex placeholder(R"(\{[A-Za-z_][\w.]*\})");
  auto names = [&](const Messages& m, const std::string& key) {
    std::set<std::string> out;
    std::vector<std::string> texts;
    if (m.Forms(key).empty()) {
      texts.push_back(m.Raw(key));
    } else {
      for (const auto& [form, text] : m.Forms(key)) texts.push_back(text);
    }
    for (const auto& t : texts) {
      for (auto it = std::sregex_iterator(t.begin(), t.end(), placeholder); it != std::sregex_iterator(); ++it) {
        out.insert(it->str());
      }
    }
    return out;
  };
  for (const auto& key : en_keys) {
    if (key == "format.date" || key == "format.months" || !cy.Has(key)) continue;
    // {n} may be left out of a plural form that spells the number ("Dim …").
    auto a = names(en, key), b = names(cy, key);
    a.erase("{n}");
    b.erase("{n}");
    INFO(key);
    CHECK(a == b);
  }
  CHECK(cy.Date("2024-05-01") == "1 Mai 2024");
  CHECK(en.Date("2024-05-01") == "2024-05-01");
}

}  // namespace commonplace
