#include "i18n/messages.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "base/json_string.h"
#include "base/strings.h"

namespace commonplace {

namespace {

const std::set<std::string>& PluralNames() {
  static const std::set<std::string> names{"zero", "one", "two", "few", "many", "other"};
  return names;
}

std::string Primary(const std::string& lang) {
  std::string p = lang.substr(0, lang.find_first_of("-_"));
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
  return p;
}

}  // namespace

PluralCategory PluralFor(const std::string& lang, long long n) {
  std::string p = Primary(lang);
  if (n < 0) n = -n;
  if (p == "cy") {
    // CLDR for Welsh: 0 zero, 1 one, 2 two, 3 few, 6 many, the rest other.
    switch (n) {
      case 0: return PluralCategory::kZero;
      case 1: return PluralCategory::kOne;
      case 2: return PluralCategory::kTwo;
      case 3: return PluralCategory::kFew;
      case 6: return PluralCategory::kMany;
      default: return PluralCategory::kOther;
    }
  }
  return n == 1 ? PluralCategory::kOne : PluralCategory::kOther;
}

const char* PluralName(PluralCategory c) {
  switch (c) {
    case PluralCategory::kZero: return "zero";
    case PluralCategory::kOne: return "one";
    case PluralCategory::kTwo: return "two";
    case PluralCategory::kFew: return "few";
    case PluralCategory::kMany: return "many";
    case PluralCategory::kOther: return "other";
  }
  return "other";
}

std::string FillPlaceholders(const std::string& text, const MessageArgs& args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      size_t end = text.find('}', i + 1);
      if (end != std::string::npos) {
        std::string name = text.substr(i + 1, end - i - 1);
        auto it = std::find_if(args.begin(), args.end(),
                               [&](const auto& a) { return a.first == name; });
        if (it != args.end()) {
          out += it->second;
          i = end + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string FillPlaceholdersHtml(const std::string& text, const MessageArgs& html_args) {
  // Each value stands in as a marker no message holds, the whole is
  // escaped, and the markers become the values.
  MessageArgs markers;
  for (size_t i = 0; i < html_args.size(); ++i) {
    markers.emplace_back(html_args[i].first, "\x01" + std::to_string(i) + "\x02");
  }
  std::string escaped = HtmlEscape(FillPlaceholders(text, markers));
  std::string out;
  out.reserve(escaped.size() + 32);
  for (size_t i = 0; i < escaped.size();) {
    size_t end = escaped[i] == '\x01' ? escaped.find('\x02', i) : std::string::npos;
    if (end == std::string::npos) {
      out += escaped[i++];
      continue;
    }
    out += html_args[std::stoul(escaped.substr(i + 1, end - i - 1))].second;
    i = end + 1;
  }
  return out;
}

std::string MarkLanguage(const std::string& text, const std::string& lang) {
  if (lang.empty()) return HtmlEscape(text);
  return "<span lang=\"" + HtmlEscape(lang) + "\">" + HtmlEscape(text) + "</span>";
}

bool Messages::Walk(const void* raw, const std::string& prefix, Diagnostics& diags) {
  const YAML::Node& node = *static_cast<const YAML::Node*>(raw);
  auto pos = [&](const YAML::Node& n) {
    return SourcePos{n.Mark().line + 1, n.Mark().column + 1};
  };
  if (!node.IsMap()) {
    diags.Error(path_, pos(node), prefix, "expected a map of messages",
                "write `key: text` pairs, nested by page");
    return false;
  }
  bool all_plural = node.size() > 0;
  for (const auto& kv : node) {
    if (!PluralNames().count(kv.first.as<std::string>()) || !kv.second.IsScalar()) all_plural = false;
  }
  if (all_plural && !prefix.empty()) {
    auto& forms = plural_[prefix];
    for (const auto& kv : node) forms[kv.first.as<std::string>()] = kv.second.as<std::string>();
    if (!forms.count("other")) {
      diags.Error(path_, pos(node), prefix, "plural message '" + prefix + "' has no 'other' form",
                  "add `other:`, the form used for any number without its own");
      return false;
    }
    return true;
  }
  bool ok = true;
  for (const auto& kv : node) {
    std::string key = prefix.empty() ? kv.first.as<std::string>()
                                     : prefix + "." + kv.first.as<std::string>();
    if (key == "format.months") {
      if (!kv.second.IsSequence() || kv.second.size() != 12) {
        diags.Error(path_, pos(kv.second), key, "format.months must list twelve month names",
                    "write them in order, January first");
        ok = false;
        continue;
      }
      months_.clear();
      for (const auto& m : kv.second) months_.push_back(m.as<std::string>());
      continue;
    }
    if (kv.second.IsMap()) {
      ok = Walk(&kv.second, key, diags) && ok;
    } else if (kv.second.IsScalar()) {
      text_[key] = kv.second.as<std::string>();
    } else {
      diags.Error(path_, pos(kv.second), key, "message '" + key + "' is not text",
                  "write it as a quoted string");
      ok = false;
    }
  }
  return ok;
}

bool Messages::LoadText(const std::string& text, const std::string& shown_path,
                        const std::string& lang, Diagnostics& diags) {
  lang_ = lang;
  path_ = shown_path;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    diags.Error(shown_path, {e.mark.line + 1, e.mark.column + 1}, "",
                "cannot read the message file: " + e.msg, "check the YAML syntax");
    return false;
  }
  if (root.IsNull()) return true;
  return Walk(&root, "", diags);
}

bool Messages::LoadFile(const std::string& path, const std::string& shown_path,
                        const std::string& lang, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error(shown_path, {}, "", "no interface messages for language '" + lang + "'",
                "add " + shown_path + " (copy en.yaml and translate it), or remove '" + lang +
                    "' from site.yaml's languages");
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return LoadText(ss.str(), shown_path, lang, diags);
}

void Messages::MergeMissing(const Messages& fallback) {
  for (const auto& [k, v] : fallback.text_) text_.emplace(k, v);
  for (const auto& [k, v] : fallback.plural_) plural_.emplace(k, v);
  if (months_.empty()) months_ = fallback.months_;
}

bool Messages::Has(const std::string& key) const {
  return text_.count(key) > 0 || plural_.count(key) > 0;
}

std::vector<std::string> Messages::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, v] : text_) keys.push_back(k);
  for (const auto& [k, v] : plural_) keys.push_back(k);
  if (!months_.empty()) keys.push_back("format.months");
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string Messages::Raw(const std::string& key) const {
  if (auto it = text_.find(key); it != text_.end()) return it->second;
  if (auto it = plural_.find(key); it != plural_.end()) return it->second.at("other");
  if (key == "format.months" && !months_.empty()) {
    std::string all;
    for (const auto& m : months_) all += (all.empty() ? "" : ", ") + m;
    return all;
  }
  std::lock_guard<std::mutex> lock(*missing_mu_);
  missing_.push_back(key);
  return key;
}

const std::map<std::string, std::string>& Messages::Forms(const std::string& key) const {
  static const std::map<std::string, std::string> none;
  auto it = plural_.find(key);
  return it == plural_.end() ? none : it->second;
}

std::string Messages::Get(const std::string& key, const MessageArgs& args) const {
  return FillPlaceholders(Raw(key), args);
}

std::string Messages::Plural(const std::string& key, long long n, const MessageArgs& args) const {
  MessageArgs all = args;
  all.emplace_back("n", Number(n));
  auto it = plural_.find(key);
  if (it == plural_.end()) return FillPlaceholders(Raw(key), all);
  auto form = it->second.find(PluralName(PluralFor(lang_, n)));
  // A form the file leaves out falls back to "other" (English has no "two").
  const std::string& text = form != it->second.end() ? form->second : it->second.at("other");
  return FillPlaceholders(text, all);
}

std::string Messages::GetHtml(const std::string& key, const MessageArgs& html_args) const {
  return FillPlaceholdersHtml(Raw(key), html_args);
}

std::string Messages::PluralHtml(const std::string& key, long long n, const MessageArgs& html_args) const {
  // The plural form's text with the values still as markers, then as HTML.
  MessageArgs markers;
  for (const auto& [name, value] : html_args) markers.emplace_back(name, "{" + name + "}");
  MessageArgs all = html_args;
  all.emplace_back("n", HtmlEscape(Number(n)));
  return FillPlaceholdersHtml(Plural(key, n, markers), all);
}

std::vector<std::string> Messages::Missing() const {
  std::lock_guard<std::mutex> lock(*missing_mu_);
  std::vector<std::string> m = missing_;
  std::sort(m.begin(), m.end());
  m.erase(std::unique(m.begin(), m.end()), m.end());
  return m;
}

std::string Messages::ScriptJson(const std::vector<std::string>& prefixes) const {
  std::map<std::string, std::string> members;  // key → JSON value, sorted
  auto name = [](const std::string& key) {
    return key.compare(0, 3, "js.") == 0 ? key.substr(3) : key;
  };
  for (const auto& prefix : prefixes) {
    for (auto it = text_.lower_bound(prefix); it != text_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      members[name(it->first)] = JsonString(it->second);
    }
    for (auto it = plural_.lower_bound(prefix); it != plural_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      std::string forms;
      for (const auto& [form, text] : it->second) {
        forms += (forms.empty() ? "" : ",") + JsonString(form) + ":" + JsonString(text);
      }
      members[name(it->first)] = "{" + forms + "}";
    }
  }
  std::string out = "{\"lang\":" + JsonString(lang_) + ",\"messages\":{";
  bool first = true;
  for (const auto& [k, v] : members) {
    out += (first ? "" : ",") + JsonString(k) + ":" + v;
    first = false;
  }
  return out + "}}";
}

std::string Messages::Number(long long n) const { return Number(std::to_string(n)); }

std::string Messages::Number(const std::string& written) const {
  auto sep_it = text_.find("format.thousands");
  auto dec_it = text_.find("format.decimal");
  std::string sep = sep_it == text_.end() ? "," : sep_it->second;
  std::string dec = dec_it == text_.end() ? "." : dec_it->second;
  size_t start = (!written.empty() && (written[0] == '-' || written[0] == '+')) ? 1 : 0;
  size_t end = start;
  while (end < written.size() && std::isdigit(static_cast<unsigned char>(written[end]))) ++end;
  if (end == start) return written;
  std::string digits = written.substr(start, end - start);
  std::string grouped;
  // Four-digit numbers are grouped too ("1,200"), as the site always has.
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += sep;
    grouped += digits[i];
  }
  std::string rest = written.substr(end);
  if (!rest.empty() && rest[0] == '.') rest = dec + rest.substr(1);
  return written.substr(0, start) + grouped + rest;
}

std::string Messages::Date(const std::string& iso) const {
  auto digits = [&](size_t from, size_t n) {
    if (iso.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(iso[i]))) return false;
    }
    return true;
  };
  if (iso.size() != 10 || !digits(0, 4) || iso[4] != '-' || !digits(5, 2) || iso[7] != '-' ||
      !digits(8, 2)) {
    return iso;
  }
  int month = std::stoi(iso.substr(5, 2));
  int day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return iso;
  auto it = text_.find("format.date");
  if (it == text_.end()) return iso;
  std::string month_name = months_.size() == 12 ? months_[month - 1] : iso.substr(5, 2);
  return FillPlaceholders(it->second, {{"iso", iso},
                                       {"d", std::to_string(day)},
                                       {"dd", iso.substr(8, 2)},
                                       {"month", month_name},
                                       {"mm", iso.substr(5, 2)},
                                       {"yyyy", iso.substr(0, 4)}});
}

}  // namespace commonplace
