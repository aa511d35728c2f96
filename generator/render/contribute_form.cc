// contribute/new/: the web form for a new case study. Every field, allowed
// term and repeatable group comes from the case-study JSON Schema
// (schema/json_schema.cc) and the vocabularies, so the form can never ask
// for a field `commonplace check` does not know, nor offer a term it would
// refuse. The words a person reads (each field's label and help, a group's
// buttons) are the message file's schema_fields.*, in the page's language;
// the schema's own titles and descriptions are its English for editors.
// The page holds no script of its own: the theme's contribute-form.js
// checks what is typed and writes the file.
#include "render/contribute_form.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "render/site_renderer.h"
#include "scaffold/scaffold.h"
#include "schema/json_schema.h"

namespace commonplace {

namespace {

using nlohmann::ordered_json;

std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  if (start == std::string::npos) return "";
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (size_t at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (size_t colon = host.find(':'); colon != std::string::npos) host = host.substr(0, colon);
  for (auto& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return host;
}

// The choices of an enum: a vocabulary's terms with their descriptions,
// sources by title, principles with their summaries, or the values as the
// message file words them (`key`.options.<value>).
mstch::array Options(const Library& lib, const Messages& words, const std::string& key,
                     const ordered_json& prop, const std::string& id, const std::string& checked) {
  mstch::array out;
  auto add = [&](const std::string& value, const std::string& label, const std::string& desc) {
    out.push_back(mstch::map{{"value", value},
                             {"label", label.empty() ? value : label},
                             {"description", desc},
                             {"oid", id + "-" + value},
                             {"checked", value == checked}});
  };
  std::string vocab = prop.value("x-vocabulary", "");
  std::string collection = prop.value("x-collection", "");
  if (const Vocabulary* v = vocab.empty() ? nullptr : lib.FindVocabulary(vocab)) {
    for (const auto& t : v->terms) add(t.id, t.label, t.description);
  } else if (collection == "sources") {
    for (const auto& s : lib.sources) add(s.id, s.title, "");
  } else if (collection == "principles") {
    for (const auto& p : lib.principles) add(p.id, p.title, p.summary);
  } else {
    for (const auto& v : prop.value("enum", ordered_json::array())) {
      add(v.get<std::string>(), words.Get(key + ".options." + v.get<std::string>()), "");
    }
  }
  return out;
}

bool IsIn(const ordered_json& list, const std::string& name) {
  for (const auto& v : list) {
    if (v == name) return true;
  }
  return false;
}

// The view of one control. `kind` is what contribute-form.js reads and
// writes: text, textarea, number, year, date, choice (radios), select,
// terms (checkboxes), bool, years, group. `key` is its messages' key
// (schema_fields.partners, schema_fields.partners.fields.name).
mstch::map Control(const Library& lib, const Messages& words, const std::string& key,
                   const std::string& name, const ordered_json& prop, bool required,
                   const std::string& id, bool in_group) {
  std::string type = prop.value("type", "string");
  std::string kind;
  mstch::array options;
  if (type == "array" && prop.contains("items") && prop["items"].contains("enum")) {
    kind = "terms";
    options = Options(lib, words, key, prop["items"], id, "");
  } else if (type == "string" && prop.contains("enum")) {
    kind = in_group ? "select" : "choice";
    options = Options(lib, words, key, prop, id, name == "status" ? "unknown" : "");
  } else if (type == "string" && prop.value("format", "") == "date") {
    kind = "date";
  } else if (type == "string") {
    kind = (name == "summary" || name == "editor_note" || name == "note" || name == "role")
               ? "textarea" : "text";
  } else if (type == "integer") {
    kind = "year";
  } else if (type == "number") {
    kind = "number";
  } else if (type == "boolean") {
    kind = "bool";
  } else if (type == "object") {
    kind = "years";
  } else {
    kind = "group";
  }
  mstch::map view{{"name", name},
                  {"id", id},
                  {"kind", kind},
                  {"label", words.Get(key + ".label")},
                  {"help", words.Get(key + ".help")},
                  {"required", required},
                  {"options", options},
                  {"optional_choice", kind == "choice" && !required},
                  {"is_text", kind == "text" || kind == "number" || kind == "year" || kind == "date"},
                  {"is_number", kind == "number" || kind == "year"},
                  {"is_textarea", kind == "textarea"},
                  {"is_choice", kind == "choice"},
                  {"is_select", kind == "select"},
                  {"is_terms", kind == "terms"},
                  {"is_bool", kind == "bool"},
                  {"is_years", kind == "years"},
                  {"is_group", kind == "group"}};
  if (prop.contains("minimum")) view["min"] = std::to_string(prop["minimum"].get<int>());
  if (prop.contains("maximum")) view["max"] = std::to_string(prop["maximum"].get<int>());
  if (kind == "years" || kind == "group") {
    const ordered_json& object = kind == "years" ? prop : prop["items"];
    const ordered_json& req = object.value("required", ordered_json::array());
    mstch::array subs;
    for (const auto& [sub, sp] : object["properties"].items()) {
      // A group's item controls are cloned from a <template>; "__i__" in
      // their ids becomes the item's number.
      std::string sid = kind == "group" ? id + "-__i__-" + sub : id + "-" + sub;
      subs.push_back(Control(lib, words, key + ".fields." + sub, sub, sp, IsIn(req, sub), sid, true));
    }
    view["subfields"] = subs;
  }
  if (kind == "group") {
    view["item_label"] = words.Get(key + ".item");
    view["add_label"] = words.Get(key + ".add");
    view["remove_label"] = words.Get(key + ".remove");
    view["min_items"] = std::to_string(prop.value("minItems", 0));
  }
  return view;
}

}  // namespace

NewFileLink NewFileLinkFor(const SiteConfig& c) {
  std::string url = c.repository_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (EndsWith(url, ".git")) url.resize(url.size() - 4);
  std::string host = HostOf(url);
  if (host.empty() || c.repository_branch.empty()) return {};
  if (host == "github.com" || host == "www.github.com") {
    return {"GitHub", url + "/new/" + c.repository_branch};
  }
  if (host == "gitlab.com" || StartsWith(host, "gitlab.") ||
      c.repository_edit_url.find("/-/edit/") != std::string::npos) {
    return {"GitLab", url + "/-/new/" + c.repository_branch};
  }
  return {};
}

void SiteRenderer::RenderContributeForm() {
  const std::string url = "contribute/new/";
  ordered_json schema = ordered_json::parse(CaseStudyJsonSchema(lib_));
  const ordered_json& required = schema["required"];
  mstch::array fields;
  for (const auto& [name, prop] : schema["properties"].items()) {
    fields.push_back(Control(lib_, messages(), "schema_fields." + name, name, prop, IsIn(required, name),
                             "f-" + name, false));
    if (name == "title") {
      // Not a field of the front matter but the file's name, so the page's address.
      fields.push_back(mstch::map{
          {"name", std::string("slug")},
          {"id", std::string("f-slug")},
          {"kind", std::string("slug")},
          {"label", T("schema_fields.slug.label")},
          {"help", T("schema_fields.slug.help")},
          {"required", true},
          {"is_text", true}});
    }
  }
  // The story's headings, in the page's language: the contributor writes
  // under them in it, and the file gets them as they read them.
  static const char* kBodyKeys[] = {"what_the_partnership_does", "how_it_works", "what_changed",
                                    "what_others_can_learn"};
  mstch::array body;
  size_t n = 0;
  for (const auto& heading : CaseStudyBodyHeadings()) {
    std::string shown = n < std::size(kBodyKeys) ? T(std::string("schema_fields.body.") + kBodyKeys[n]) : heading;
    body.push_back(mstch::map{{"heading", shown}, {"id", "f-body-" + std::to_string(n++)}});
  }
  std::string word_form;
  for (const auto& w : lib_.worksheets) {
    if (w.id == "case-study-submission-form" && HasSection("worksheets")) {
      word_form = "worksheets/" + w.id + "/";
    }
  }
  NewFileLink link = NewFileLinkFor(lib_.config);
  bool has_contribute_page = false;
  for (const auto& p : lib_.pages) has_contribute_page |= p.slug == "contribute";
  mstch::map view{{"title", T("contribute_page.title")},
                  {"fields", fields},
                  {"body", body},
                  {"word_form", word_form},
                  {"has_contribute_page", has_contribute_page},
                  {"host", link.host},
                  {"host_base", link.base},
                  // Written in the page's language: a file in another language
                  // than the content's is named for it (`x.cy.md`).
                  {"file_suffix", LanguageIfOther("").empty() ? std::string() : "." + messages().lang()},
                  {"site_title", lib_.config.title}};
  PageMeta pm;
  pm.url = url;
  pm.title = T("contribute_page.title");
  pm.description = T("contribute_page.description");
  pm.scripts = {"assets/js/contribute-form.js"};
  pm.styles = {"assets/css/contribute-form.css"};
  pm.nav_section = "contribute";
  AddPage("contribute_form", view, pm);
  // The names already taken, so the form can say so before `check` would.
  std::vector<std::string> taken;
  for (const auto& cs : lib_.case_studies) taken.push_back(cs.slug);
  std::sort(taken.begin(), taken.end());
  out_->Add(url + "slugs.json", ordered_json(taken).dump() + "\n");
}

}  // namespace commonplace
