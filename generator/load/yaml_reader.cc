#include "load/yaml_reader.h"

#include <cmath>
#include <set>
#include <string_view>

#include "base/strings.h"

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

bool ParseYaml(const std::string& path, const std::string& yaml, int first_line, YAML::Node* out,
               Diagnostics& diags) {
  if (!CheckNesting(path, yaml, first_line, diags)) return false;
  try {
    *out = YAML::Load(yaml);
    return true;
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

SourcePos YamlReader::Pos(const YAML::Node& node) const {
  if (!node.IsDefined() || node.Mark().is_null()) return {first_line_, 1};
  return {node.Mark().line + first_line_, node.Mark().column + 1};
}

std::string YamlReader::Join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

const std::vector<YamlReader::Field>& YamlReader::Fields(const YAML::Node& map) {
  for (auto it = recent_.begin(); it != recent_.end(); ++it) {
    if (!it->map.is(map)) continue;
    recent_.splice(recent_.begin(), recent_, it);
    return recent_.front().fields;
  }
  if (recent_.size() == kRecentMaps) recent_.pop_back();
  recent_.push_front(MapFields{map, {}});
  std::vector<Field>& fields = recent_.front().fields;
  fields.reserve(map.size());
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::detail::iterator_value& kv = *it;
    // The key's text lives in the document, which `map` keeps alive.
    const std::string* name = kv.first.IsScalar() ? &kv.first.Scalar() : nullptr;
    fields.push_back({kv.first, kv.second, name});
  }
  return fields;
}

const YamlReader::Field* YamlReader::Find(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return nullptr;
  for (const Field& f : Fields(map)) {
    if (f.name && *f.name == key) return &f;
  }
  return nullptr;
}

YAML::Node YamlReader::Get(const YAML::Node& map, const std::string& key) {
  const Field* f = Find(map, key);
  if (!f || f->value.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  return f->value;
}

void YamlReader::Error(const YAML::Node& at, const std::string& field, const std::string& message,
                       const std::string& hint) {
  diags_.Error(path_, Pos(at), field, message, hint);
}

void YamlReader::Warning(const YAML::Node& at, const std::string& field,
                         const std::string& message, const std::string& hint) {
  diags_.Warning(path_, Pos(at), field, message, hint);
}

void YamlReader::Missing(const YAML::Node& map, const std::string& field,
                         const std::string& example) {
  // A key written with no value ("title:") is empty, not missing: point at it.
  std::string key = field.substr(field.rfind('.') == std::string::npos ? 0 : field.rfind('.') + 1);
  if (const Field* f = Find(map, key)) {
    diags_.Error(path_, Pos(f->key), field, "field '" + field + "' is empty",
                 "write a value after '" + key + ":'");
    return;
  }
  diags_.Error(path_, Pos(map), field, "missing required field '" + field + "'",
               "add `" + example + "`");
}

bool YamlReader::ExpectMap(const YAML::Node& node, const std::string& field,
                           const std::vector<std::string>& known) {
  if (!node.IsMap()) {
    diags_.Error(path_, Pos(node), field,
                 field.empty() ? "expected a set of 'key: value' fields"
                               : "field '" + field + "' must be a set of 'key: value' fields");
    return false;
  }
  std::set<std::string_view> seen;
  for (const Field& f : Fields(node)) {
    if (!f.name) {
      Error(f.key, field, "keys must be plain words");
      continue;
    }
    const std::string& key = *f.name;
    std::string full = Join(field, key);
    if (!seen.insert(key).second) {
      Error(f.key, full, "duplicate field '" + full + "'",
            "remove one of the two; only one value is kept");
      continue;
    }
    bool ok = false;
    for (const auto& k : known) ok = ok || k == key;
    if (!ok) {
      std::string near = NearestMatch(key, known);
      Error(f.key, full, "unknown field '" + full + "'",
            near.empty() ? "known fields are: " + commonplace::Join(known, ", ")
                         : "did you mean '" + near + "'?");
    }
  }
  return true;
}

std::string YamlReader::String(const YAML::Node& map, const std::string& key,
                               const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YAML::Node n = Get(map, key);
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

std::optional<double> YamlReader::Number(const YAML::Node& map, const std::string& key,
                                         const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YAML::Node n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": 0");
    return std::nullopt;
  }
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0' && std::isfinite(v)) return v;
  }
  Error(n, field, "field '" + field + "' must be a number" +
                      (n.IsScalar() ? ", not '" + n.Scalar() + "'" : std::string()),
        "write digits only, without commas or currency signs, e.g. 40000");
  return std::nullopt;
}

std::optional<int> YamlReader::Int(const YAML::Node& map, const std::string& key,
                                   const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YAML::Node n = Get(map, key);
  if (!n) {
    if (required) Missing(map, field, key + ": 0");
    return std::nullopt;
  }
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (!s.empty() && end && *end == '\0' && v > -100000 && v < 100000) {
      return static_cast<int>(v);
    }
  }
  Error(n, field, "field '" + field + "' must be a whole number" +
                      (n.IsScalar() ? ", not '" + n.Scalar() + "'" : std::string()),
        "write digits only, e.g. 2021");
  return std::nullopt;
}

std::optional<bool> YamlReader::Bool(const YAML::Node& map, const std::string& key,
                                     const std::string& prefix, bool required) {
  std::string field = Join(prefix, key);
  YAML::Node n = Get(map, key);
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

std::vector<std::string> YamlReader::StringList(const YAML::Node& map, const std::string& key,
                                                const std::string& prefix, bool required,
                                                std::vector<SourcePos>* positions) {
  std::string field = Join(prefix, key);
  std::vector<std::string> out;
  YAML::Node n = Get(map, key);
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

std::vector<SourceRef> YamlReader::SourceRefs(const YAML::Node& map, const std::string& key,
                                              const std::string& prefix, bool required) {
  std::vector<SourceRef> out;
  MapList(map, key, prefix, required, [&](const YAML::Node& item, const std::string& field) {
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
