// Parsed YAML (read by yaml-cpp's parser into plain nodes) and typed,
// position-aware access to it. Every problem becomes a Diagnostic with the
// file's own line and column; nothing throws out.
#ifndef COMMONPLACE_LOAD_YAML_READER_H_
#define COMMONPLACE_LOAD_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <deque>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/model.h"

namespace commonplace {

struct YamlData;

/// A node of a parsed document: a handle, cheap to copy, valid while its
/// YamlDocument lives. A default-constructed node is undefined (a missing
/// key). The accessors mirror YAML::Node's, and answer as it would.
class YamlNode {
 public:
  YamlNode() = default;
  explicit YamlNode(const YamlData* data) : data_(data) {}

  bool IsDefined() const { return data_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  bool operator!() const { return !IsDefined(); }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  /// The text of a scalar; empty for any other node.
  const std::string& Scalar() const;
  /// Where the node starts (0-based); a null mark when undefined.
  YAML::Mark Mark() const;
  /// Items of a sequence or pairs of a map; 0 for any other node.
  size_t size() const;
  /// Item `i` of a sequence; undefined when there is none.
  YamlNode operator[](size_t i) const;
  /// The items of a sequence (empty for any other node).
  const std::vector<YamlNode>& items() const;
  /// The key-value pairs of a map in file order, duplicates included
  /// (empty for any other node).
  const std::vector<std::pair<YamlNode, YamlNode>>& pairs() const;

 private:
  const YamlData* data_ = nullptr;
};

struct YamlData {
  enum class Type { kNull, kScalar, kSequence, kMap };
  Type type = Type::kNull;
  YAML::Mark mark = YAML::Mark::null_mark();
  std::string scalar;
  std::vector<YamlNode> items;
  std::vector<std::pair<YamlNode, YamlNode>> pairs;
};

/// A parsed YAML document. yaml-cpp's parser reads it, but the nodes are
/// built here in plain vectors: yaml-cpp's own nodes (each a shared,
/// reference-counted allocation, and a map found by walking it) cost a third
/// of a case study's parse and most of the time the loaders spend reading it.
class YamlDocument {
 public:
  YamlDocument() = default;
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;

  /// The document's root; null (as yaml-cpp's) when the text holds none.
  YamlNode root() const { return root_; }

 private:
  friend class YamlDocumentBuilder;
  std::deque<YamlData> nodes_;  // a deque: nodes never move as it grows
  YamlNode root_;
};

/// Parses `yaml` (which starts at file line `first_line`). Returns false and
/// reports a syntax error (with its position) when it cannot be parsed.
bool ParseYaml(const std::string& path, const std::string& yaml, int first_line,
               YamlDocument* out, Diagnostics& diags);

class YamlReader {
 public:
  YamlReader(std::string path, int first_line, Diagnostics& diags)
      : path_(std::move(path)), first_line_(first_line), diags_(diags) {}

  const std::string& path() const { return path_; }
  Diagnostics& diags() { return diags_; }

  /// The file position of a node (yaml-cpp marks are 0-based).
  SourcePos Pos(const YamlNode& node) const;

  /// Checks that `node` is a map whose keys are all in `known`, reporting
  /// unknown keys (with the nearest known one) and duplicate keys.
  bool ExpectMap(const YamlNode& node, const std::string& field,
                 const std::vector<std::string>& known);

  /// Scalar getters: report a wrong type or, when `required`, a missing key.
  std::string String(const YamlNode& map, const std::string& key, const std::string& prefix,
                     bool required);
  std::optional<int> Int(const YamlNode& map, const std::string& key, const std::string& prefix,
                         bool required);
  std::optional<double> Number(const YamlNode& map, const std::string& key,
                               const std::string& prefix, bool required);
  std::optional<bool> Bool(const YamlNode& map, const std::string& key, const std::string& prefix,
                           bool required);
  /// A list of strings (a single string is also accepted as a one-item list).
  std::vector<std::string> StringList(const YamlNode& map, const std::string& key,
                                      const std::string& prefix, bool required,
                                      std::vector<SourcePos>* positions = nullptr);
  /// A list of maps; calls `each(item, field)` for every map item.
  template <typename F>
  void MapList(const YamlNode& map, const std::string& key, const std::string& prefix,
               bool required, F each);
  std::vector<SourceRef> SourceRefs(const YamlNode& map, const std::string& key,
                                    const std::string& prefix, bool required);

  void Error(const YamlNode& at, const std::string& field, const std::string& message,
             const std::string& hint = "");
  void Warning(const YamlNode& at, const std::string& field, const std::string& message,
               const std::string& hint = "");
  /// Reports a missing required key at the position of its map.
  void Missing(const YamlNode& map, const std::string& field, const std::string& example);

  /// `map[key]` when present and not null, else an undefined node. With
  /// duplicate keys, the first one counts.
  static YamlNode Get(const YamlNode& map, const std::string& key);

 private:
  /// The first pair of `map` whose key is the scalar `key`, or null.
  static const std::pair<YamlNode, YamlNode>* Find(const YamlNode& map, const std::string& key);
  static std::string Join(const std::string& prefix, const std::string& key);

  std::string path_;
  int first_line_;
  Diagnostics& diags_;
};

template <typename F>
void YamlReader::MapList(const YamlNode& map, const std::string& key, const std::string& prefix,
                         bool required, F each) {
  std::string field = Join(prefix, key);
  YamlNode list = Get(map, key);
  if (!list) {
    if (required) Missing(map, field, key + ":\n  - …");
    return;
  }
  if (!list.IsSequence()) {
    Error(list, field, "field '" + field + "' must be a list",
          "write each item on its own line starting with '- '");
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const YamlNode& item = list.items()[i];
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
