#include "load/text_check.h"

#include <unordered_set>
#include <utility>
#include <vector>

#include "base/strings.h"

namespace commonplace {

const char* const kForbiddenCharHint =
    "delete it (in quoted YAML text, an escape such as \\x01, \\u0000 or \\a writes one); "
    "pages, the feed, charts and downloads cannot carry control characters";

std::string DescribeForbiddenChar(char32_t cp) {
  if (cp == kNotUtf8) return DescribeCodePoint(cp);
  if (cp == 0xFFFE || cp == 0xFFFF) return "the noncharacter " + DescribeCodePoint(cp);
  return "the control character " + DescribeCodePoint(cp);
}

bool CheckYamlText(const std::string& path, int first_line, const YamlNode& root,
                   Diagnostics& diags) {
  bool ok = true;
  auto pos = [&](const YamlNode& n) -> SourcePos {
    if (n.Mark().is_null()) return {first_line, 1};
    return {n.Mark().line + first_line, n.Mark().column + 1};
  };
  auto check = [&](const YamlNode& n, const std::string& field, bool is_key) {
    char32_t cp = 0;
    if (!n.IsScalar() || FindForbiddenChar(n.Scalar(), &cp) == std::string_view::npos) return;
    ok = false;
    std::string where = field.empty() ? std::string("the document")
                                      : "field '" + field + "'";
    diags.Error(path, pos(n), field,
                (is_key ? "a key in " + where : where) + " holds " + DescribeForbiddenChar(cp),
                kForbiddenCharHint);
  };
  // An explicit stack, as nesting needs no recursion. Each node is walked
  // once even where aliases share it (a node's identity is the address of
  // its own data, which YamlNode returns by reference): an alias bomb would
  // otherwise cost as much here as it was built to.
  std::unordered_set<const void*> seen;
  std::vector<std::pair<YamlNode, std::string>> stack = {{root, ""}};
  while (!stack.empty()) {
    auto [node, field] = std::move(stack.back());
    stack.pop_back();
    const void* identity = node.IsSequence() ? static_cast<const void*>(&node.items())
                           : node.IsMap()    ? static_cast<const void*>(&node.pairs())
                                             : static_cast<const void*>(&node.Scalar());
    if (node.IsDefined() && !node.IsNull() && !seen.insert(identity).second) continue;
    if (node.IsScalar()) {
      check(node, field, false);
    } else if (node.IsSequence()) {
      for (size_t i = node.size(); i-- > 0;) {
        stack.emplace_back(node[i], field + "[" + std::to_string(i) + "]");
      }
    } else if (node.IsMap()) {
      const auto& pairs = node.pairs();
      for (size_t i = pairs.size(); i-- > 0;) {
        const auto& [k, v] = pairs[i];
        check(k, field, true);
        std::string key = k.IsScalar() ? k.Scalar() : "?";
        // A key is named as written unless it holds the bad character itself.
        if (FindForbiddenChar(key) != std::string_view::npos) key = "?";
        stack.emplace_back(v, field.empty() ? key : field + "." + key);
      }
    }
  }
  return ok;
}

}  // namespace commonplace
