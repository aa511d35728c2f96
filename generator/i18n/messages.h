// i18n/: every interface string the generator writes comes from one
// message file per language (themes/default/i18n/en.yaml, cy.yaml, …);
// this room reads it, looks strings up, fills placeholders, chooses plural
// forms and formats numbers and dates the way the language writes them.
#ifndef COMMONPLACE_I18N_MESSAGES_H_
#define COMMONPLACE_I18N_MESSAGES_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic.h"

namespace commonplace {

/// CLDR plural categories, for the languages the theme ships ("en", "cy")
/// and a safe default (one/other) for the rest.
enum class PluralCategory { kZero, kOne, kTwo, kFew, kMany, kOther };
PluralCategory PluralFor(const std::string& lang, long long n);
const char* PluralName(PluralCategory c);

/// Named values for a message's `{name}` placeholders.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;
/// `text` with each `{name}` replaced by its value in `args`.
std::string FillPlaceholders(const std::string& text, const MessageArgs& args);

class Messages {
 public:
  Messages() = default;
  /// A copy has its own lock and the keys its original had missed so far.
  Messages(const Messages& other) { *this = other; }
  Messages& operator=(const Messages& other) {
    if (this == &other) return *this;
    lang_ = other.lang_;
    path_ = other.path_;
    text_ = other.text_;
    plural_ = other.plural_;
    months_ = other.months_;
    std::lock_guard<std::mutex> lock(*other.missing_mu_);
    missing_ = other.missing_;
    return *this;
  }
  /// Reads `path` (shown in diagnostics as `shown_path`) for language
  /// `lang`. Nested maps become dotted keys ("layout.search"); a map whose
  /// keys are all plural categories (one, other, …) is one plural message.
  bool LoadFile(const std::string& path, const std::string& shown_path, const std::string& lang,
                Diagnostics& diags);
  /// The same from text (tests, and theme files already read).
  bool LoadText(const std::string& text, const std::string& shown_path, const std::string& lang,
                Diagnostics& diags);
  /// Adds every message of `fallback` this file lacks (a host's partial
  /// override file over the theme's own).
  void MergeMissing(const Messages& fallback);

  const std::string& lang() const { return lang_; }
  const std::string& path() const { return path_; }
  bool Has(const std::string& key) const;
  /// Every key, sorted (plural messages once, under their own key).
  std::vector<std::string> Keys() const;
  /// The message, placeholders left as written; "" and `missing` noted
  /// when the key is unknown. For a plural message, its "other" form.
  std::string Raw(const std::string& key) const;
  /// A plural message's forms (category name → text); empty if not plural.
  const std::map<std::string, std::string>& Forms(const std::string& key) const;
  /// The message with each `{name}` replaced by its value in `args`.
  std::string Get(const std::string& key, const MessageArgs& args = {}) const;
  /// The plural form of `key` for `n`, with `{n}` (formatted) and `args`.
  std::string Plural(const std::string& key, long long n, const MessageArgs& args = {}) const;
  /// Get and Plural as HTML (see FillPlaceholdersHtml): `html_args` are
  /// HTML already, so a value may carry its own language.
  std::string GetHtml(const std::string& key, const MessageArgs& html_args) const;
  std::string PluralHtml(const std::string& key, long long n, const MessageArgs& html_args) const;
  /// `{"lang":…,"messages":{…}}` with every message under each of
  /// `prefixes` ("js.search."), keyed without the leading "js.", plural
  /// messages as objects of their forms: what a page script reads. Safe
  /// inside a <script> element (<, > and & are \u-escaped).
  std::string ScriptJson(const std::vector<std::string>& prefixes) const;
  /// Keys asked for that the file does not have (so tests can fail on them).
  std::vector<std::string> Missing() const;

  /// 40000 → "40,000" with the file's format.thousands separator; a number
  /// written with decimals keeps them, with format.decimal as the point.
  std::string Number(long long n) const;
  std::string Number(const std::string& written) const;
  /// "2024-05-01" → the file's format.date pattern ({iso}, {d}, {dd},
  /// {month}, {mm}, {yyyy}), month names from format.months. A value that
  /// is not a full ISO date is returned as it is.
  std::string Date(const std::string& iso) const;
  /// format.months: January … December in the language (empty if unset).
  const std::vector<std::string>& months() const { return months_; }

 private:
  bool Walk(const void* node, const std::string& prefix, Diagnostics& diags);

  std::string lang_;
  std::string path_;
  std::map<std::string, std::string> text_;
  std::map<std::string, std::map<std::string, std::string>> plural_;
  std::vector<std::string> months_;
  mutable std::unique_ptr<std::mutex> missing_mu_ = std::make_unique<std::mutex>();
  mutable std::vector<std::string> missing_;
};

/// Fills `{name}` placeholders of `text` from `args`; unknown names stay.
std::string FillPlaceholders(const std::string& text, const MessageArgs& args);

/// The same as HTML: the message's own text escaped, each value of
/// `html_args` put in as it is (already HTML, such as MarkLanguage's).
std::string FillPlaceholdersHtml(const std::string& text, const MessageArgs& html_args);

/// `text` escaped for HTML, inside `<span lang="…">` when `lang` is not
/// empty: a value in another language than the message around it.
std::string MarkLanguage(const std::string& text, const std::string& lang);

/// Template text: replaces each `{{t key}}` marker (in element text) and
/// `{{ta key}}` (in an attribute value) with the message, HTML-escaped for
/// that place, its `{name}` placeholders turned into Mustache `{{name}}`
/// tags. An unknown key is an error at `file`'s line and column.
std::string ExpandTemplateMessages(const std::string& text, const Messages& messages,
                                   const std::string& file, Diagnostics& diags);

}  // namespace commonplace

#endif  // COMMONPLACE_I18N_MESSAGES_H_
