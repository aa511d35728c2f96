// Maps content/templates/<id>.yaml into model::Worksheet.
#include <algorithm>
#include <regex>

#include "base/strings.h"
#include "load/loader.h"
#include "load/yaml_reader.h"

namespace commonplace {

namespace {

const std::vector<std::string> kKinds = {"text", "table", "checklist", "scale"};

}  // namespace

bool LoadWorksheet(const std::string& rel, const std::string& text, Worksheet* ws,
                   Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument root_doc;
  if (Trim(text).empty()) {
    diags.Error(rel, {1, 1}, "", "the file is empty");
    return false;
  }
  if (!ParseYaml(rel, text, 1, &root_doc, diags)) return false;
  YamlNode root = root_doc.root();
  YamlReader r(rel, 1, diags);
  if (!r.ExpectMap(root, "",
                   {"id", "title", "summary", "purpose", "who", "time_needed", "you_need", "steps",
                    "sections", "sources", "order", "topics"})) {
    return false;
  }
  ws->path = rel;
  ws->pos = r.Pos(root);
  ws->id = r.String(root, "id", "", true);
  std::string stem = rel.substr(rel.rfind('/') + 1);
  stem = stem.substr(0, stem.rfind('.'));
  if (!ws->id.empty() && ws->id != stem) {
    r.Error(r.Get(root, "id"), "id",
            "worksheet id '" + ws->id + "' does not match the file name '" + stem + "'",
            "rename the file or change the id so they agree");
  }
  ws->title = r.String(root, "title", "", true);
  ws->summary = Trim(r.String(root, "summary", "", true));
  ws->purpose = Trim(r.String(root, "purpose", "", true));
  ws->who = Trim(r.String(root, "who", "", false));
  ws->time_needed = r.String(root, "time_needed", "", false);
  ws->you_need = r.StringList(root, "you_need", "", false);
  {
    std::vector<SourcePos> pos;
    ws->topics = r.StringList(root, "topics", "", false, &pos);
    for (size_t i = 0; i < ws->topics.size(); ++i) {
      ws->term_uses.push_back({"topics", "topics[" + std::to_string(i) + "]", ws->topics[i], pos[i]});
    }
  }
  ws->steps = r.StringList(root, "steps", "", false);
  ws->order = r.Int(root, "order", "", false).value_or(100);
  r.MapList(root, "sections", "", true, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field,
                {"id", "heading", "kind", "prompt", "lines", "columns", "rows", "empty_rows",
                 "items", "scale", "fields"});
    WorksheetSection s;
    s.id = r.String(item, "id", field, true);
    s.heading = r.String(item, "heading", field, true);
    s.kind = r.String(item, "kind", field, true);
    s.prompt = Trim(r.String(item, "prompt", field, false));
    if (!s.kind.empty() && std::find(kKinds.begin(), kKinds.end(), s.kind) == kKinds.end()) {
      std::string near = NearestMatch(s.kind, kKinds);
      r.Error(r.Get(item, "kind"), field + ".kind", "unknown section kind '" + s.kind + "'",
              (near.empty() ? "" : "did you mean '" + near + "'? ") +
                  "Use one of: text, table, checklist, scale");
    }
    if (!s.id.empty() && !IsValidSlug(s.id)) {
      r.Error(r.Get(item, "id"), field + ".id",
              "section id '" + s.id + "' is not a valid id" +
                  (IsReservedDeviceName(s.id) ? " (Windows reserves it for a device)" : ""),
              "use lowercase letters, digits and single hyphens, other than con, prn, aux, nul, "
              "com1-com9 and lpt1-lpt9");
    }
    s.lines = r.Int(item, "lines", field, false).value_or(4);
    s.columns = r.StringList(item, "columns", field, s.kind == "table");
    s.rows = r.StringList(item, "rows", field, false);
    s.empty_rows = r.Int(item, "empty_rows", field, false).value_or(s.rows.empty() ? 4 : 0);
    s.items = r.StringList(item, "items", field, s.kind == "checklist" || s.kind == "scale");
    if (YamlNode scale = r.Get(item, "scale")) {
      if (r.ExpectMap(scale, field + ".scale", {"min", "max", "min_label", "max_label"})) {
        s.scale_min = r.Int(scale, "min", field + ".scale", false).value_or(1);
        s.scale_max = r.Int(scale, "max", field + ".scale", false).value_or(5);
        s.min_label = r.String(scale, "min_label", field + ".scale", false);
        s.max_label = r.String(scale, "max_label", field + ".scale", false);
      }
    }
    // `fields` names the case-study front-matter properties a section of a
    // submission form gathers ("partners.kind", or "body" for the Markdown
    // body). Nothing renders it: it is for the maintainers who turn a form
    // into a page, and for the test that the form still mirrors the schema
    // (tests/integration/worksheet_test.cc), which reads the file itself.
    static const std::regex kFieldName("[a-z_]+(\\.[a-z_]+)?");
    std::vector<std::string> fields = r.StringList(item, "fields", field, false);
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!std::regex_match(fields[i], kFieldName)) {
        YamlNode list = r.Get(item, "fields");  // a single string is a one-item list
        r.Error(list.IsSequence() ? list[i] : list, field + ".fields",
                "'" + fields[i] + "' is not a case-study field name",
                "write a front-matter key such as 'drivers', or 'partners.kind' for a key inside a list");
      }
    }
    if (s.lines < 1 || s.lines > 40) {
      r.Error(r.Get(item, "lines"), field + ".lines", "'lines' must be between 1 and 40");
    }
    if (s.scale_max <= s.scale_min || s.scale_max - s.scale_min > 10) {
      r.Error(r.Get(item, "scale"), field + ".scale",
              "a scale needs max greater than min, with at most 11 points");
    }
    ws->sections.push_back(std::move(s));
  });
  ws->sources = r.SourceRefs(root, "sources", "", true);
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
