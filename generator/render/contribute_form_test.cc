#include "render/contribute_form.h"

#include <doctest/doctest.h>

#include <iterator>
#include <nlohmann/json.hpp>

#include "i18n/messages.h"
#include "scaffold/scaffold.h"
#include "schema/json_schema.h"

using namespace commonplace;

namespace {

NewFileLink For(const std::string& url, const std::string& edit_url = "",
                const std::string& branch = "main") {
  SiteConfig c;
  c.repository_url = url;
  c.repository_edit_url = edit_url;
  c.repository_branch = branch;
  return NewFileLinkFor(c);
}

}  // namespace

TEST_CASE("the new-file page of a GitHub repository") {
  NewFileLink l = For("https://github.com/example/commonplace");
  CHECK(l.host == "GitHub");
  CHECK(l.base == "https://github.com/example/commonplace/new/main");
  // A trailing slash or .git, and another branch.
  CHECK(For("https://github.com/o/r.git/", "", "trunk").base == "https://github.com/o/r/new/trunk");
}

TEST_CASE("the new-file page of a GitLab repository") {
  CHECK(For("https://gitlab.com/org/repo").base == "https://gitlab.com/org/repo/-/new/main");
  CHECK(For("https://gitlab.com/org/repo").host == "GitLab");
  CHECK(For("https://gitlab.example.ac.uk/g/r").host == "GitLab");
  // A self-hosted GitLab known only by its edit_url pattern.
  NewFileLink l = For("https://code.example.org/g/r", "https://code.example.org/g/r/-/edit/main/{path}");
  CHECK(l.host == "GitLab");
  CHECK(l.base == "https://code.example.org/g/r/-/new/main");
}

TEST_CASE("no new-file page without a repository on a known host") {
  CHECK(For("").host.empty());
  CHECK(For("https://codeberg.org/o/r").host.empty());
  CHECK(For("https://notgithub.com/o/r").host.empty());
  CHECK(For("https://github.com/o/r", "", "").host.empty());
}

namespace {

Messages ThemeMessages(const std::string& lang) {
  Messages m;
  Diagnostics d;
  std::string path = std::string(COMMONPLACE_SOURCE_DIR) + "/themes/default/i18n/" + lang + ".yaml";
  REQUIRE(m.LoadFile(path, path, lang, d));
  return m;
}

// The schema's description as a person reads it: without the pointer to the
// file that holds the allowed values.
std::string PersonHelp(std::string d) {
  for (const char* tail : {" A term of content/", " An id of content/"}) {
    if (size_t at = d.find(tail); at != std::string::npos) d = d.substr(0, at);
  }
  return d;
}

// Every property of `object` (and of its groups' items) has its label and
// help in `m`, in English the schema's own title and description.
void CheckFields(const nlohmann::ordered_json& object, const std::string& prefix, const Messages& m,
                 int* checked) {
  for (const auto& [name, prop] : object["properties"].items()) {
    std::string key = prefix + name;
    INFO(key);
    CHECK(m.Get(key + ".label") == prop.value("title", ""));
    CHECK(m.Get(key + ".help") == PersonHelp(prop.value("description", "")));
    ++*checked;
    if (prop.contains("enum") && !prop.contains("x-vocabulary") && !prop.contains("x-collection")) {
      for (const auto& v : prop["enum"]) CHECK(m.Has(key + ".options." + v.get<std::string>()));
    }
    if (prop.value("type", "") == "object") CheckFields(prop, key + ".fields.", m, checked);
    if (prop.value("type", "") == "array" && prop["items"].value("type", "") == "object") {
      for (const char* k : {".item", ".add", ".remove"}) CHECK(m.Has(key + k));
      CheckFields(prop["items"], key + ".fields.", m, checked);
    }
  }
}

}  // namespace

TEST_CASE("the form's words in English are the schema's own titles and descriptions") {
  // The form takes them from the message file so a Welsh site can word
  // them; the English must say what the schema says, field for field.
  Library lib;
  nlohmann::ordered_json schema = nlohmann::ordered_json::parse(CaseStudyJsonSchema(lib));
  Messages en = ThemeMessages("en");
  int checked = 0;
  CheckFields(schema, "schema_fields.", en, &checked);
  CHECK(checked > 40);
  CHECK(en.Missing().empty());
  // The story's headings are the ones a new case-study file has.
  const char* body[] = {"what_the_partnership_does", "how_it_works", "what_changed",
                        "what_others_can_learn"};
  REQUIRE(CaseStudyBodyHeadings().size() == std::size(body));
  for (size_t i = 0; i < std::size(body); ++i) {
    CHECK(en.Get(std::string("schema_fields.body.") + body[i]) == CaseStudyBodyHeadings()[i]);
  }
}
