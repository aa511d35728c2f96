// Translations of YAML content files (`content/resources.cy.yaml`,
// `content/vocabularies/regions.cy.yaml`, `content/recommendations/x.cy.yaml`,
// `content/sources.cy.yaml`, `content/templates/x.cy.yaml`,
// `content/datasets/x.cy.yaml`): the original's shape, each item named by its
// id, holding only the words a reader sees. Everything else (addresses,
// kinds, sources, terms used) stays in the original, once.
#include "base/strings.h"
#include "load/front_matter.h"
#include "load/loader.h"
#include "load/yaml_reader.h"

namespace commonplace {

namespace {

// What each kind of file may translate: the file's own fields, the key of
// its item list ("" when the file is the list), and each item's fields.
struct TranslatableShape {
  std::vector<std::string> own;
  std::string list;
  std::vector<std::string> item;
  std::vector<std::string> own_lists = {};   ///< Lists of words of the file's own.
  std::vector<std::string> item_lists = {};  ///< Lists of words of each item.
  /// Words of each item by the original's words (a dataset column's values).
  std::string item_values = {};
};

const TranslatableShape* ShapeOf(TextKind kind) {
  static const TranslatableShape kVocabulary{{"title", "description"}, "terms", {"label", "description"}};
  static const TranslatableShape kRecommendations{{}, "items", {"text"}};
  static const TranslatableShape kResources{{}, "", {"title", "organisation", "description"}};
  static const TranslatableShape kSources{{}, "", {"note"}};
  static const TranslatableShape kWorksheet{{"title", "summary", "purpose", "who", "time_needed"},
                                            "sections",
                                            {"heading", "prompt", "min_label", "max_label"},
                                            {"you_need", "steps"},
                                            {"columns", "rows", "items"}};
  static const TranslatableShape kDataset{{"title", "description", "note"},
                                          "columns",
                                          {"label", "description", "blank"},
                                          {"totals"},
                                          {},
                                          "values"};
  switch (kind) {
    case TextKind::kVocabulary: return &kVocabulary;
    case TextKind::kRecommendations: return &kRecommendations;
    case TextKind::kResources: return &kResources;
    case TextKind::kSources: return &kSources;
    case TextKind::kWorksheet: return &kWorksheet;
    case TextKind::kDataset: return &kDataset;
  }
  return nullptr;
}

}  // namespace

bool LoadTextTranslation(TextKind kind, const std::string& rel, const std::string& text,
                         TextTranslation* out, Diagnostics& diags) {
  int before = diags.ErrorCount();
  out->path = rel;
  const TranslatableShape& shape = *ShapeOf(kind);
  if (Trim(text).empty()) {
    diags.Error(rel, {1, 1}, "", "the translation is empty",
                "give each item's id and its translated words, or delete the file");
    return false;
  }
  YamlDocument doc;
  if (!ParseYaml(rel, text, 1, &doc, diags)) return false;
  YamlNode root = doc.root();
  YamlReader r(rel, 1, diags);
  // A list of words the translation gives (kept only when it has any).
  auto read_list = [&](const YamlNode& node, const std::string& key, const std::string& field,
                       std::map<std::string, std::vector<std::string>>* lists,
                       std::map<std::string, SourcePos>* where) {
    std::vector<SourcePos> positions;
    std::vector<std::string> words = r.StringList(node, key, field, false, &positions);
    if (words.empty()) return;
    for (auto& w : words) w = Trim(w);
    (*where)[key] = positions.empty() ? r.Pos(node) : positions.front();
    (*lists)[key] = std::move(words);
  };
  // `values: {Original words: translated words}`.
  auto read_values = [&](const YamlNode& node, const std::string& key, const std::string& field,
                         TextTranslation::Item* item) {
    YamlNode map = YamlReader::Get(node, key);
    if (!map || map.IsNull()) return;
    if (!map.IsMap()) {
      r.Error(map, field + "." + key, "'" + key + "' must map each value to its translation",
              "write it as '" + key + ": {Original words: translated words}'");
      return;
    }
    for (const auto& [k, v] : map.pairs()) {
      if (!k.IsScalar() || !v.IsScalar() || Trim(v.Scalar()).empty()) {
        r.Error(v ? v : k, field + "." + key, "each of '" + key + "' must be words: the value as the CSV has it, then its translation",
                "write it as 'Original words: translated words'");
        continue;
      }
      item->values[k.Scalar()] = Trim(v.Scalar());
      item->value_pos[k.Scalar()] = r.Pos(k);
    }
  };
  auto read_item = [&](const YamlNode& node, const std::string& field) {
    std::vector<std::string> known = {"id"};
    known.insert(known.end(), shape.item.begin(), shape.item.end());
    known.insert(known.end(), shape.item_lists.begin(), shape.item_lists.end());
    if (!shape.item_values.empty()) known.push_back(shape.item_values);
    if (!r.ExpectMap(node, field, known)) return;
    TextTranslation::Item item;
    item.id = r.String(node, "id", field, true);
    item.pos = r.Pos(node);
    for (const auto& key : shape.item) {
      std::string value = Trim(r.String(node, key, field, false));
      if (!value.empty()) item.fields[key] = value;
    }
    for (const auto& key : shape.item_lists) read_list(node, key, field, &item.lists, &item.list_pos);
    if (!shape.item_values.empty()) read_values(node, shape.item_values, field, &item);
    if (!item.id.empty()) out->items.push_back(std::move(item));
  };
  if (shape.list.empty()) {
    if (!root.IsSequence()) {
      diags.Error(rel, {1, 1}, "", "a translation of a list must be a list",
                  "start each item with '- id: …' and give the fields it translates (" +
                      Join(shape.item, ", ") + ")");
      return false;
    }
    for (size_t i = 0; i < root.size(); ++i) read_item(root[i], "[" + std::to_string(i) + "]");
  } else {
    std::vector<std::string> known = shape.own;
    known.insert(known.end(), shape.own_lists.begin(), shape.own_lists.end());
    known.push_back(shape.list);
    // The original's identifier may be repeated, to say which file this is.
    if (kind == TextKind::kVocabulary) known.push_back("id");
    if (kind == TextKind::kRecommendations) known.push_back("audience");
    if (kind == TextKind::kWorksheet || kind == TextKind::kDataset) known.push_back("id");
    if (!r.ExpectMap(root, "", known)) return false;
    for (const auto& key : shape.own) {
      std::string value = Trim(r.String(root, key, "", false));
      if (!value.empty()) out->fields[key] = value;
    }
    for (const auto& key : shape.own_lists) read_list(root, key, "", &out->lists, &out->list_pos);
    r.MapList(root, shape.list, "", false, read_item);
  }
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
