// A theme: Mustache templates, partials and static files, read from
// themes/default/ with any file of the same name in the host's theme folder
// taking precedence.
#ifndef COMMONPLACE_RENDER_THEME_H_
#define COMMONPLACE_RENDER_THEME_H_

#include <map>
#include <memory>
#include <mstch/mstch.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "i18n/messages.h"
#include "render/mustache.h"
#include "render/page_cache.h"

namespace commonplace {

class Theme {
 public:
  /// Loads `<root>/themes/default` and then `<root>/<override_dir>` (when
  /// set), with the interface strings of language `lang` (i18n/<lang>.yaml,
  /// the host's file over the default's) written into the templates.
  /// Reports a missing template folder, message file or message.
  /// With `cache` (kept by `serve`), a theme whose files are byte for byte
  /// those of the last load for `lang` is copied from it instead of being
  /// parsed and compiled again.
  bool Load(const std::string& root, const std::string& override_dir, const std::string& lang,
            Diagnostics& diags, PageCache* cache = nullptr);

  /// Renders template `name` (without ".mustache") with `context`.
  /// Partials are available as {{> name}}.
  std::string Render(const std::string& name, const mstch::node& context) const;
  bool Has(const std::string& name) const { return templates_.count(name) > 0; }

  /// A digest of every template and partial: pages rendered with another
  /// theme are never reused (see PageCache).
  const PageKey& fingerprint() const { return fingerprint_; }

  /// The interface strings the templates were filled from.
  const Messages& messages() const { return messages_; }

  /// Static files: site-relative output path → bytes.
  const std::map<std::string, std::string>& static_files() const { return static_files_; }

 private:
  void LoadDir(const std::string& dir);
  void ResolvePartials();
  bool LoadMessages(const std::string& base, const std::string& override_dir,
                    const std::string& lang, Diagnostics& diags);

  std::map<std::string, std::string> templates_;
  std::map<std::string, std::string> partials_;
  std::map<std::string, std::string> shown_paths_;  ///< Template or partial → its file, for errors.
  Messages messages_;
  /// Template → the partials it can reach (what mstch is given for it).
  std::map<std::string, std::map<std::string, std::string>> used_partials_;
  /// The same templates compiled once; mstch renders only views it cannot
  /// (those holding lambdas).
  std::shared_ptr<const mustache::TemplateSet> compiled_;  ///< Shared by copies.
  std::map<std::string, std::string> static_files_;
  PageKey fingerprint_;
};

}  // namespace commonplace

#endif  // COMMONPLACE_RENDER_THEME_H_
