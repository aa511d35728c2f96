// Languages: the Welsh interface leaves no English interface string behind,
// pages say which language they are in, and the English default is the
// shipped theme's en.yaml.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "base/strings.h"
#include "i18n/messages.h"
#include "test_site.h"

using commonplace::Diagnostics;
using commonplace::Messages;
using commonplace::testing::ReadTree;
using commonplace::testing::TestSite;

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Messages ThemeMessages(const std::string& lang) {
  Messages m;
  Diagnostics d;
  fs::path p = fs::path(COMMONPLACE_SOURCE_DIR) / "themes/default/i18n" / (lang + ".yaml");
  REQUIRE(m.LoadFile(p.string(), p.string(), lang, d));
  return m;
}

// The shipped content (every kind of page) in a test site, with `extra`
// appended to its site.yaml.
void UseShippedContent(TestSite& site, const std::string& extra) {
  fs::path src(COMMONPLACE_SOURCE_DIR);
  for (const char* dir : {"content", "casestudies"}) {
    fs::copy(src / dir, site.root() / dir,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  site.Write("site.yaml", Slurp(src / "site.yaml") + extra);
}

// The literal pieces of a message between its placeholders, as they appear
// in HTML (escaped), that are long enough to mean something: two words or
// more.
std::vector<std::string> Fragments(const std::string& text) {
  std::vector<std::string> out;
  std::string piece;
  auto flush = [&] {
    std::string t = commonplace::Trim(piece);
    while (!t.empty() && std::string(":;,.(—·").find(t.back()) != std::string::npos) t.pop_back();
    while (!t.empty() && std::string(":;,.)—· ").find(t.front()) != std::string::npos) t.erase(0, 1);
    if (t.find(' ') != std::string::npos && t.size() >= 8) out.push_back(commonplace::HtmlEscape(t));
    piece.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t end = text.find('}', i);
      if (end != std::string::npos) {
        flush();
        i = end;
        continue;
      }
    }
    piece += text[i];
  }
  flush();
  return out;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

TEST_CASE("a Welsh site has no English interface string left") {
  TestSite site("");
  UseShippedContent(site, "languages: [cy]\n");
  auto r = site.Build("https://example.org/");
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  auto tree = ReadTree(site.root() / "site");

  // What the content itself says cannot prove the interface is English.
  std::string content;
  for (const auto& [path, data] : ReadTree(site.root() / "content")) content += data + "\n";
  for (const auto& [path, data] : ReadTree(site.root() / "casestudies")) content += data + "\n";
  content += Slurp(site.root() / "site.yaml");
  content = Lower(commonplace::HtmlEscape(content));

  Messages en = ThemeMessages("en");
  Messages cy = ThemeMessages("cy");
  int checked = 0;
  std::string left;
  for (const auto& key : en.Keys()) {
    if (key.rfind("format.", 0) == 0) continue;
    std::vector<std::string> english;
    if (en.Forms(key).empty()) {
      if (en.Raw(key) == cy.Raw(key)) continue;  // the same in both (a name such as "Markdown")
      english = {en.Raw(key)};
    } else {
      for (const auto& [form, text] : en.Forms(key)) english.push_back(text);
    }
    for (const auto& text : english) {
      for (const auto& fragment : Fragments(text)) {
        if (content.find(Lower(fragment)) != std::string::npos) continue;
        ++checked;
        for (const auto& [path, data] : tree) {
          bool text_file = path.size() > 5 && (path.substr(path.size() - 5) == ".html" ||
                                               path.substr(path.size() - 5) == ".json");
          if (text_file && data.find(fragment) != std::string::npos) {
            left += key + ": \"" + fragment + "\" in " + path + "\n";
            break;
          }
        }
      }
    }
  }
  CHECK(checked > 200);  // the check looked at most of the interface
  CHECK(left == "");
  CHECK(cy.Missing().empty());

  // Every page says it is Welsh; dates are written the Welsh way.
  const std::string& home = tree["index.html"];
  CHECK(home.find("<html lang=\"cy\"") != std::string::npos);
  CHECK(home.find("Neidio i'r prif gynnwys") != std::string::npos);
  CHECK(tree["404.html"].find("<html lang=\"cy\"") != std::string::npos);
}

TEST_CASE("the English build takes its words from en.yaml and keeps the page language") {
  TestSite site("");
  UseShippedContent(site, "");
  auto r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  std::string home = site.Output("index.html");
  CHECK(home.find("<html lang=\"en-GB\"") != std::string::npos);
  CHECK(home.find(">Skip to main content</a>") != std::string::npos);
  // A host's theme may change one message and keep the rest.
  site.Write("themes/ours/i18n/en.yaml", "layout:\n  skip_to_main_content: Jump to the content\n");
  site.Write("site.yaml", Slurp(site.root() / "site.yaml") + "theme: themes/ours\n");
  r = site.Build();
  INFO(commonplace::testing::ErrorLines(r));
  REQUIRE(r.ok);
  home = site.Output("index.html");
  CHECK(home.find(">Jump to the content</a>") != std::string::npos);
  CHECK(home.find(">Search</button>") != std::string::npos);
}

TEST_CASE("a language without a message file is an error that says how to add one") {
  TestSite site("");
  UseShippedContent(site, "languages: [ga]\n");
  auto r = site.Build();
  CHECK_FALSE(r.ok);
  CHECK(commonplace::testing::ErrorLines(r).find(
            "themes/default/i18n/ga.yaml: error: no interface messages for language 'ga'") !=
        std::string::npos);
}
