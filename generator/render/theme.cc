#include "render/theme.h"

#include <filesystem>

#include "base/fs.h"
#include "base/strings.h"

namespace fs = std::filesystem;

namespace commonplace {

void Theme::LoadDir(const std::string& dir) {
  for (const auto& rel : ListFiles(dir, "templates", ".mustache")) {
    auto text = ReadFile(fs::path(dir) / rel);
    if (!text) continue;
    std::string name = fs::path(rel).stem().string();
    if (rel.find("/partials/") != std::string::npos) {
      partials_[name] = *text;
    } else {
      templates_[name] = *text;
    }
  }
  for (const auto& rel : ListFiles(dir, "static", "")) {
    auto data = ReadFile(fs::path(dir) / rel);
    if (data) static_files_["assets/" + rel.substr(std::string("static/").size())] = *data;
  }
}

bool Theme::Load(const std::string& root, const std::string& override_dir, Diagnostics& diags) {
  static const bool configured = [] {
    mstch::config::escape = [](const std::string& s) { return HtmlEscape(s); };
    return true;
  }();
  (void)configured;
  std::string base = (fs::path(root) / "themes/default").string();
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
    LoadDir(dir);
  }
  return true;
}

std::string Theme::Render(const std::string& name, const mstch::node& context) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return "";
  return mstch::render(it->second, context, partials_);
}

}  // namespace commonplace
