#include "load/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>

#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "base/strings.h"
#include "load/numbers.h"
#include "load/text_check.h"

namespace commonplace {

namespace {

// yaml-cpp parses recursively; refuse pathological nesting before it can
// exhaust the stack.
constexpr int kMaxFlowDepth = 64;
constexpr size_t kMaxIndent = 256;

bool CheckNesting(const std::string& path, const std::string& yaml, int first_line,
                  Diagnostics& diags) {
  int depth = 0, line = first_line, col = 1;
  size_t indent = 0;
  bool at_line_start = true;
  for (char c : yaml) {
    if (c == '\n') {
      ++line;
      col = 1;
      indent = 0;
      at_line_start = true;
      continue;
    }
    if (at_line_start && (c == ' ' || c == '-')) {
      if (++indent > kMaxIndent) {
        diags.Error(path, {line, col}, "", "the YAML is nested too deeply",
                    "flatten the structure; fields are never more than a few levels deep");
        return false;
      }
    } else {
      at_line_start = false;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxFlowDepth) {
        diags.Error(path, {line, col}, "", "the YAML is nested too deeply",
                    "flatten the structure; fields are never more than a few levels deep");
        return false;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    ++col;
  }
  return true;
}


}  // namespace

// Builds a YamlDocument from the parser's events exactly as yaml-cpp's own
// NodeBuilder builds its nodes: same marks, an alias is its anchor's node,
// map pairs in file order with duplicates kept.
class YamlDocumentBuilder : public YAML::EventHandler {
 public:
  explicit YamlDocumentBuilder(YamlDocument* doc) : doc_(doc) {
    anchors_.push_back(nullptr);  // anchors are numbered from 1
  }

  // As YAML::Load: a null root when the text holds no document.
  void Finish() {
    if (!doc_->root_) doc_->root_ = YamlNode(&doc_->nodes_.emplace_back());
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Push(mark, anchor, YamlData::Type::kNull);
    Pop();
  }
  // Content never needs an alias, and one alias can stand for megabytes
  // (a list of `*p` each naming a 100 KB map), so the first is remembered
  // and the file refused; the node is still shared, never copied.
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (!first_alias_) first_alias_ = mark;
    Push(anchors_[anchor]);
    Pop();
  }
  const std::optional<YAML::Mark>& first_alias() const { return first_alias_; }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    Push(mark, anchor, YamlData::Type::kScalar)->scalar = value;
    Pop();
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Push(mark, anchor, YamlData::Type::kSequence);
  }
  void OnSequenceEnd() override { Pop(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Push(mark, anchor, YamlData::Type::kMap);
    ++map_depth_;
  }
  void OnMapEnd() override {
    --map_depth_;
    Pop();
  }

 private:
  YamlData* Push(const YAML::Mark& mark, YAML::anchor_t anchor, YamlData::Type type) {
    YamlData& node = doc_->nodes_.emplace_back();
    node.type = type;
    node.mark = mark;
    if (anchor) anchors_.push_back(&node);
    Push(&node);
    return &node;
  }

  void Push(YamlData* node) {
    bool needs_key = !stack_.empty() && stack_.back()->type == YamlData::Type::kMap &&
                     keys_.size() < map_depth_;
    stack_.push_back(node);
    if (needs_key) keys_.push_back({node, false});
  }

  void Pop() {
    if (stack_.size() == 1) {
      doc_->root_ = YamlNode(stack_[0]);
      stack_.pop_back();
      return;
    }
    YamlData* node = stack_.back();
    stack_.pop_back();
    YamlData* collection = stack_.back();
    if (collection->type == YamlData::Type::kSequence) {
      collection->items.emplace_back(node);
    } else if (collection->type == YamlData::Type::kMap) {
      auto& [key, has_value] = keys_.back();
      if (has_value) {
        collection->pairs.emplace_back(YamlNode(key), YamlNode(node));
        keys_.pop_back();
      } else {
        has_value = true;  // `node` is the key; its value comes next
      }
    }
  }

  YamlDocument* doc_;
  std::vector<YamlData*> stack_;
  std::vector<YamlData*> anchors_;
  std::vector<std::pair<YamlData*, bool>> keys_;  // (key, whether it has been popped)
  size_t map_depth_ = 0;
  std::optional<YAML::Mark> first_alias_;
};

bool YamlNode::IsNull() const { return data_ && data_->type == YamlData::Type::kNull; }
bool YamlNode::IsScalar() const { return data_ && data_->type == YamlData::Type::kScalar; }
bool YamlNode::IsSequence() const { return data_ && data_->type == YamlData::Type::kSequence; }
bool YamlNode::IsMap() const { return data_ && data_->type == YamlData::Type::kMap; }

const std::string& YamlNode::Scalar() const {
  static const std::string kEmpty;
  return IsScalar() ? data_->scalar : kEmpty;
}

YAML::Mark YamlNode::Mark() const { return data_ ? data_->mark : YAML::Mark::null_mark(); }

size_t YamlNode::size() const { return items().size() + pairs().size(); }

YamlNode YamlNode::operator[](size_t i) const {
  return i < items().size() ? items()[i] : YamlNode();
}

const std::vector<YamlNode>& YamlNode::items() const {
  static const std::vector<YamlNode> kNone;
  return IsSequence() ? data_->items : kNone;
}

const std::vector<std::pair<YamlNode, YamlNode>>& YamlNode::pairs() const {
  static const std::vector<std::pair<YamlNode, YamlNode>> kNone;
  return IsMap() ? data_->pairs : kNone;
}

bool ParseYaml(const std::string& path, const std::string& yaml, int first_line,
               YamlDocument* out, Diagnostics& diags) {
  if (!CheckNesting(path, yaml, first_line, diags)) return false;
  try {
    std::stringstream stream(yaml);
    YAML::Parser parser(stream);
    YamlDocumentBuilder builder(out);
    parser.HandleNextDocument(builder);  // the first document, as YAML::Load
    builder.Finish();
    if (const auto& alias = builder.first_alias()) {
      diags.Error(path, {alias->line + first_line, alias->column + 1}, "",
                  "YAML aliases ('*name') are not allowed in content",
                  "write the value out in full where it is used; an alias can make a small file "
                  "expand to gigabytes");
      return false;
    }
    // Escapes ("\x01") can make characters the file's UTF-8 check never saw.
    return CheckYamlText(path, first_line, out->root(), diags);
  } catch (const YAML::Exception& e) {
    SourcePos pos{e.mark.line + first_line, e.mark.column + 1};
    if (e.mark.is_null()) pos = {first_line, 1};
    std::string hint = "check the indentation (spaces, not tabs) and that every 'key: value' "
                       "pair has a space after the colon";
    if (yaml.find('\t') != std::string::npos) {
      hint = "YAML does not allow tab characters for indentation: use spaces";
    }
    diags.Error(path, pos, "", "invalid YAML: " + e.msg, hint);
    return false;
  }
}

SourcePos YamlReader::Pos(const YamlNode& node) const {
  if (!node.IsDefined() || node.Mark().is_null()) return {first_line_, 1};
  return {node.Mark().line + first_line_, node.Mark().column + 1};
}

std::string YamlReader::Join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

const std::pair<YamlNode, YamlNode>* YamlReader::Find(const YamlNode& map,
                                                      const std::string& key) {
  for (const auto& kv : map.pairs()) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return &kv;
  }
  return nullptr;
}

YamlNode YamlReader::Get(const YamlNode& map, const std::string& key) {
  const auto* kv = Find(map, key);
  if (!kv || kv->second.IsNull()) return YamlNode();
  return kv->second;
}

void YamlReader::Error(const YamlNode& at, const std::string& field, const std::string& message,
                       const std::string& hint) {
  diags_.Error(path_, Pos(at), field, message, hint);
}

void YamlReader::Warning(const YamlNode& at, const std::string& field,
                         const std::string& message, const std::string& hint) {
  diags_.Warning(path_, Pos(at), field, message, hint);
}

void YamlReader::Missing(const YamlNode& map, const std::string& field,
                         const std::string& example) {
  // A key written with no value ("title:") is empty, not missing: point at it.
  std::string key = field.substr(field.rfind('.') == std::string::npos ? 0 : field.rfind('.') + 1);
  if (const auto* kv = Find(map, key)) {
    diags_.Error(path_, Pos(kv->first), field, "field '" + field + "' is empty",
                 "write a value after '" + key + ":'");
    return;
  }
  diags_.Error(path_, Pos(map), field, "missing required field '" + field + "'",
               "add `" + example + "`");
}

bool YamlReader::ExpectMap(const YamlNode& node, const std::string& field,
                           const std::vector<std::string>& known) {
  if (!node.IsMap()) {
    diags_.Error(path_, Pos(node), field,
                 field.empty() ? "expected a set of 'key: value' fields"
                               : "field '" + field + "' must be a set of 'key: value' fields");
    return false;
  }
  std::set<std::string_view> seen;
  for (const auto& [k, v] : node.pairs()) {
    if (!k.IsScalar()) {
      Error(k, field, "keys must be plain words");
      continue;
    }
    const std::string& key = k.Scalar();
    std::string full = Join(field, key);
    if (!seen.insert(key).second) {
      Error(k, full, "duplicate field '" + full + "'",
            "remove one of the two; only one value is kept");
      continue;
    }
    bool ok = false;
    for (const auto& k : known) ok = ok || k == key;
    if (!ok) {
      std::string near = NearestMatch(key, known);
      Error(k, full, "unknown field '" + full + "'",
            near.empty() ? "known fields are: " + commonplace::Join(known, ", ")
                         : "did you mean '" + near + "'?");
    }
  }
  return true;
}

std::string YamlReader::String(const YamlNode& map, const std::string& key,
                               const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YamlNode n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": …");
    return "";
  }
  if (!n.IsScalar()) {
    Error(n, field, "field '" + field + "' must be text, not a " +
                        (n.IsSequence() ? std::string("list") : std::string("set of fields")),
          "write it on one line after '" + key + ": '");
    return "";
  }
  std::string value = n.Scalar();
  if (required && Trim(value).empty()) {
    Error(n, field, "field '" + field + "' is empty", "write a value after '" + key + ": '");
  }
  return value;
}

std::optional<double> YamlReader::Number(const YamlNode& map, const std::string& key,
                                         const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YamlNode n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": 0");
    return std::nullopt;
  }
  if (n.IsScalar()) {
    if (auto v = ParseNumber(n.Scalar())) return v;  // the rule CSV cells follow too
  }
  Error(n, field, "field '" + field + "' must be a number" +
                      (n.IsScalar() ? ", not '" + n.Scalar() + "'" : std::string()),
        "write digits only, without commas or currency signs, e.g. 40000");
  return std::nullopt;
}

std::optional<int> YamlReader::Int(const YamlNode& map, const std::string& key,
                                   const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YamlNode n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": 0");
    return std::nullopt;
  }
  if (n.IsScalar()) {
    auto v = ParseWholeNumber(n.Scalar());  // the rule CSV cells follow too
    if (v && *v > -100000 && *v < 100000) return static_cast<int>(*v);
  }
  Error(n, field, "field '" + field + "' must be a whole number" +
                      (n.IsScalar() ? ", not '" + n.Scalar() + "'" : std::string()),
        "write digits only, e.g. 2021");
  return std::nullopt;
}

std::optional<bool> YamlReader::Bool(const YamlNode& map, const std::string& key,
                                     const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YamlNode n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": false");
    return std::nullopt;
  }
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s == "true" || s == "True" || s == "yes") return true;
    if (s == "false" || s == "False" || s == "no") return false;
  }
  Error(n, field, "field '" + field + "' must be true or false" +
                      (n.IsScalar() ? ", not '" + n.Scalar() + "'" : std::string()));
  return std::nullopt;
}

std::vector<std::string> YamlReader::StringList(const YamlNode& map, const std::string& key,
                                                const std::string& prefix, bool required,
                                                std::vector<SourcePos>* positions) {
  std::string field = Join(prefix, key);
  std::vector<std::string> out;
  YamlNode n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": [" + "…]");
    return out;
  }
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    if (positions) positions->push_back(Pos(n));
    return out;
  }
  if (!n.IsSequence()) {
    Error(n, field, "field '" + field + "' must be a list", "write it as [a, b] or one '- a' per line");
    return out;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar()) {
      Error(n[i], field + "[" + std::to_string(i) + "]",
            "each item of '" + field + "' must be a single word or phrase");
      continue;
    }
    out.push_back(n[i].Scalar());
    if (positions) positions->push_back(Pos(n[i]));
  }
  return out;
}

std::vector<SourceRef> YamlReader::SourceRefs(const YamlNode& map, const std::string& key,
                                              const std::string& prefix, bool required) {
  std::vector<SourceRef> out;
  MapList(map, key, prefix, required, [&](const YamlNode& item, const std::string& field) {
    ExpectMap(item, field, {"source", "locator"});
    SourceRef ref;
    ref.source = String(item, "source", field, true);
    ref.locator = String(item, "locator", field, false);
    ref.pos = Pos(Get(item, "source"));
    out.push_back(std::move(ref));
  });
  std::string field = Join(prefix, key);
  if (required && Get(map, key) && out.empty() && Get(map, key).IsSequence()) {
    Error(Get(map, key), field, "field '" + field + "' needs at least one source",
          "cite the source this is based on, e.g. '- {source: toolkit-2025, locator: \"p.38\"}'");
  }
  return out;
}

}  // namespace commonplace
