#include "render/theme.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <vector>

#include "base/fs.h"
#include "base/strings.h"

namespace fs = std::filesystem;

namespace commonplace {

void Theme::LoadDir(const std::string& dir) {
  for (const auto& rel : ListFiles(dir, "templates", ".mustache")) {
    auto text = ReadFile(fs::path(dir) / rel);
    if (!text) continue;
    std::string name = fs::path(rel).stem().string();
    bool partial = rel.find("/partials/") != std::string::npos;
    (partial ? partials_ : templates_)[name] = *text;
    shown_paths_[(partial ? "partial:" : "") + name] = (fs::path(dir) / rel).string();
  }
  for (const auto& rel : ListFiles(dir, "static", "")) {
    auto data = ReadFile(fs::path(dir) / rel);
    if (data) static_files_["assets/" + rel.substr(std::string("static/").size())] = *data;
  }
}

namespace {

// A theme's static files are published like content, so a theme folder (or
// its templates/ or static/) reached through a symlink to a place outside
// the repository is refused: it could publish any file the build can read.
bool InsideRepository(const std::string& root, const std::string& rel, Diagnostics& diags) {
  std::error_code ec;
  fs::path canon_root = fs::canonical(root, ec);
  if (ec) return true;
  for (const char* sub : {"", "templates", "static"}) {
    fs::path p = fs::path(root) / rel / sub;
    fs::path canon = fs::canonical(p, ec);
    if (ec) continue;
    auto [r, q] = std::mismatch(canon_root.begin(), canon_root.end(), canon.begin(), canon.end());
    if (r != canon_root.end()) {
      std::string shown = (fs::path(rel) / sub).generic_string();
      if (!shown.empty() && shown.back() == '/') shown.pop_back();
      diags.Error(shown, {}, "",
                  "theme folder '" + shown + "' lies outside the repository (it is, or is "
                  "inside, a symbolic link)",
                  "replace the link with a real folder holding copies of the files");
      return false;
    }
  }
  return true;
}

}  // namespace

bool Theme::LoadMessages(const std::string& base, const std::string& override_dir,
                         const std::string& lang, Diagnostics& diags) {
  std::string file = "i18n/" + lang + ".yaml";
  if (!override_dir.empty()) {
    fs::path own = fs::path(override_dir) / file;
    if (fs::is_regular_file(own)) {
      if (!messages_.LoadFile(own.string(), own.generic_string(), lang, diags)) return false;
      Messages theirs;
      fs::path def = fs::path(base) / file;
      // A host's file may translate only what it changes.
      if (fs::is_regular_file(def)) {
        if (!theirs.LoadFile(def.string(), "themes/default/" + file, lang, diags)) return false;
        messages_.MergeMissing(theirs);
      }
      return true;
    }
  }
  return messages_.LoadFile((fs::path(base) / file).string(), "themes/default/" + file, lang, diags);
}

bool Theme::Load(const std::string& root, const std::string& override_dir, const std::string& lang,
                 Diagnostics& diags, PageCache* cache) {
  static const bool configured = [] {
    mstch::config::escape = [](const std::string& s) { return HtmlEscape(s); };
    return true;
  }();
  (void)configured;
  std::string base = (fs::path(root) / "themes/default").string();
  if (!InsideRepository(root, "themes/default", diags)) return false;
#ifdef COMMONPLACE_DEFAULT_THEME_DIR
  // A content repository without its own copy of the default theme (a
  // benchmark corpus, a test site) uses the one the program was built from.
  if (!fs::is_directory(fs::path(base) / "templates")) base = COMMONPLACE_DEFAULT_THEME_DIR;
#endif
  if (!fs::is_directory(fs::path(base) / "templates")) {
    diags.Error("themes/default/templates", {}, "", "the default theme is missing",
                "restore themes/default/ from the repository");
    return false;
  }
  LoadDir(base);
  if (!override_dir.empty()) {
    std::string dir = (fs::path(root) / override_dir).string();
    if (!fs::is_directory(dir)) {
      diags.Error("site.yaml", {}, "theme", "theme folder '" + override_dir + "' does not exist",
                  "create it, or remove 'theme' from site.yaml");
      return false;
    }
    if (!InsideRepository(root, override_dir, diags)) return false;
    LoadDir(dir);
  }
  const std::string own_dir = override_dir.empty() ? "" : (fs::path(root) / override_dir).string();
  // What the rest of loading is made from: the files just read and the
  // message files. A successful load reports nothing, so a copy of the
  // last one made from the same bytes is the same theme.
  const std::string slot = "theme-" + lang;
  PageKey sources;
  if (cache) {
    PageKeyBuilder kb;
    for (const std::string& s : {root, base, own_dir, lang}) kb.Add(std::string_view(s));
    for (const auto* m : {&templates_, &partials_, &static_files_}) {
      kb.Mix(m->size());
      for (const auto& [name, text] : *m) {
        kb.Add(std::string_view(name));
        kb.Add(std::string_view(text));
      }
    }
    const std::string file = "i18n/" + lang + ".yaml";
    for (const std::string& dir : {base, own_dir}) {
      auto text = dir.empty() ? std::nullopt : ReadFile(fs::path(dir) / file);
      kb.Mix(text.has_value());
      if (text) kb.Add(std::string_view(*text));
    }
    sources = kb.key();
    if (auto kept = std::static_pointer_cast<const Theme>(cache->Memo(slot, sources))) {
      *this = *kept;
      return true;
    }
  }
  if (!LoadMessages(base, own_dir, lang, diags)) return false;
  int errors = diags.ErrorCount();
  auto shown = [&](const std::string& key) {
    fs::path p = fs::path(shown_paths_[key]).lexically_relative(root);
    return p.empty() || p.begin()->string() == ".." ? shown_paths_[key] : p.generic_string();
  };
  for (auto& [name, text] : templates_) text = ExpandTemplateMessages(text, messages_, shown(name), diags);
  for (auto& [name, text] : partials_) {
    text = ExpandTemplateMessages(text, messages_, shown("partial:" + name), diags);
  }
  if (diags.ErrorCount() > errors) return false;
  ResolvePartials();
  compiled_ = std::make_shared<const mustache::TemplateSet>(templates_, partials_, &HtmlEscape);
  PageKeyBuilder kb;
  for (const auto* m : {&templates_, &partials_}) {
    for (const auto& [name, text] : *m) {
      kb.Add(std::string_view(name));
      kb.Add(std::string_view(text));
    }
  }
  // Views hold interface words too (titles, labels): a page made with other
  // messages is not the same page.
  for (const auto& key : messages_.Keys()) {
    kb.Add(std::string_view(key));
    if (messages_.Forms(key).empty()) {
      kb.Add(std::string_view(messages_.Raw(key)));
    } else {
      for (const auto& [form, text] : messages_.Forms(key)) {
        kb.Add(std::string_view(form));
        kb.Add(std::string_view(text));
      }
    }
  }
  fingerprint_ = kb.key();
  if (cache) cache->SetMemo(slot, sources, std::make_shared<const Theme>(*this));
  return true;
}

namespace {

// Names of the partials `text` includes directly ({{> name}}).
std::set<std::string> PartialNames(const std::string& text) {
  std::set<std::string> names;
  for (size_t pos = text.find("{{>"); pos != std::string::npos; pos = text.find("{{>", pos + 3)) {
    size_t end = text.find("}}", pos);
    if (end == std::string::npos) break;
    names.insert(Trim(std::string_view(text).substr(pos + 3, end - pos - 3)));
  }
  return names;
}

}  // namespace

// mstch parses every partial it is given on every render, so each template
// gets only the partials it can reach (all of them if it changes the tag
// delimiters, where a scan for "{{>" would not be reliable).
void Theme::ResolvePartials() {
  used_partials_.clear();
  for (const auto& [name, text] : templates_) {
    auto& used = used_partials_[name];
    if (text.find("{{=") != std::string::npos) {
      used = partials_;
      continue;
    }
    std::vector<std::string> todo;
    for (const auto& p : PartialNames(text)) todo.push_back(p);
    while (!todo.empty()) {
      std::string p = todo.back();
      todo.pop_back();
      auto it = partials_.find(p);
      if (it == partials_.end() || used.count(p)) continue;
      if (it->second.find("{{=") != std::string::npos) {
        used = partials_;
        break;
      }
      used.emplace(p, it->second);
      for (const auto& q : PartialNames(it->second)) todo.push_back(q);
    }
  }
}

std::string Theme::Render(const std::string& name, const mstch::node& context) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return "";
  std::string out;
  if (compiled_->Render(name, context, &out)) return out;
  return mstch::render(it->second, context, used_partials_.at(name));
}

}  // namespace commonplace
