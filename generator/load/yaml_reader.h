// Typed, position-aware access to yaml-cpp nodes. Every problem becomes a
// Diagnostic with the file's own line and column; nothing throws out.
#ifndef COMMONPLACE_LOAD_YAML_READER_H_
#define COMMONPLACE_LOAD_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <list>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/model.h"

namespace commonplace {

/// Parses `yaml` (which starts at file line `first_line`). Returns false and
/// reports a syntax error (with its position) when it cannot be parsed.
bool ParseYaml(const std::string& path, const std::string& yaml, int first_line, YAML::Node* out,
               Diagnostics& diags);

class YamlReader {
 public:
  YamlReader(std::string path, int first_line, Diagnostics& diags)
      : path_(std::move(path)), first_line_(first_line), diags_(diags) {}

  const std::string& path() const { return path_; }
  Diagnostics& diags() { return diags_; }

  /// The file position of a node (yaml-cpp marks are 0-based).
  SourcePos Pos(const YAML::Node& node) const;

  /// Checks that `node` is a map whose keys are all in `known`, reporting
  /// unknown keys (with the nearest known one) and duplicate keys.
  bool ExpectMap(const YAML::Node& node, const std::string& field,
                 const std::vector<std::string>& known);

  /// Scalar getters: report a wrong type or, when `required`, a missing key.
  std::string String(const YAML::Node& map, const std::string& key, const std::string& prefix,
                     bool required);
  std::optional<int> Int(const YAML::Node& map, const std::string& key, const std::string& prefix,
                         bool required);
  std::optional<double> Number(const YAML::Node& map, const std::string& key,
                               const std::string& prefix, bool required);
  std::optional<bool> Bool(const YAML::Node& map, const std::string& key, const std::string& prefix,
                           bool required);
  /// A list of strings (a single string is also accepted as a one-item list).
  std::vector<std::string> StringList(const YAML::Node& map, const std::string& key,
                                      const std::string& prefix, bool required,
                                      std::vector<SourcePos>* positions = nullptr);
  /// A list of maps; calls `each(item, field)` for every map item.
  template <typename F>
  void MapList(const YAML::Node& map, const std::string& key, const std::string& prefix,
               bool required, F each);
  std::vector<SourceRef> SourceRefs(const YAML::Node& map, const std::string& key,
                                    const std::string& prefix, bool required);

  void Error(const YAML::Node& at, const std::string& field, const std::string& message,
             const std::string& hint = "");
  void Warning(const YAML::Node& at, const std::string& field, const std::string& message,
               const std::string& hint = "");
  /// Reports a missing required key at the position of its map.
  void Missing(const YAML::Node& map, const std::string& field, const std::string& example);

  /// `map[key]` when present and not null, else an undefined node. With
  /// duplicate keys, the first one counts.
  YAML::Node Get(const YAML::Node& map, const std::string& key);

 private:
  struct Field {
    YAML::Node key;
    YAML::Node value;
    const std::string* name;  ///< The key's text; null when the key is not a scalar.
  };
  struct MapFields {
    YAML::Node map;
    std::vector<Field> fields;  ///< In file order.
  };

  /// The fields of `map` (which must be a map), in file order.
  const std::vector<Field>& Fields(const YAML::Node& map);
  /// The first field of `map` named `key`, or null.
  const Field* Find(const YAML::Node& map, const std::string& key);
  static std::string Join(const std::string& prefix, const std::string& key);

  std::string path_;
  int first_line_;
  Diagnostics& diags_;
  // yaml-cpp finds a key by walking the map and building a node pair per
  // entry, and the loaders ask a map for each of its known keys in turn, so
  // each map is listed once and kept here. Loaders read one map at a time
  // (an item, then the front matter again), so a few recent maps are enough;
  // a bound keeps a file with thousands of items from making lookups slow.
  // A list, because reordering must never assign a YAML::Node: assignment
  // rebinds the node inside the document rather than the handle.
  static constexpr size_t kRecentMaps = 4;
  std::list<MapFields> recent_;  ///< Most recently used first.
};

template <typename F>
void YamlReader::MapList(const YAML::Node& map, const std::string& key, const std::string& prefix,
                         bool required, F each) {
  std::string field = Join(prefix, key);
  YAML::Node list = Get(map, key);
  if (!list) {
    if (required) Missing(map, field, key + ":\n  - …");
    return;
  }
  if (!list.IsSequence()) {
    Error(list, field, "field '" + field + "' must be a list",
          "write each item on its own line starting with '- '");
    return;
  }
  size_t i = 0;
  for (auto it = list.begin(); it != list.end(); ++it, ++i) {
    const YAML::Node& item = *it;
    std::string item_field = field + "[" + std::to_string(i) + "]";
    if (!item.IsMap()) {
      Error(item, item_field, "each item of '" + field + "' must be a set of 'key: value' fields");
      continue;
    }
    each(item, item_field);
  }
}

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_YAML_READER_H_
