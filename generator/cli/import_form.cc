#include "cli/import_form.h"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "base/fs.h"
#include "base/strings.h"
#include "cli/report.h"
#include "docx/case_study_form.h"
#include "docx/read_form.h"
#include "i18n/messages.h"
#include "scaffold/case_study_file.h"
#include "load/loader.h"
#include "pipeline/translations.h"
#include "validate/validate.h"

namespace commonplace {

namespace fs = std::filesystem;

namespace {

// The message file of every language the theme ships (themes/default/i18n/,
// or the program's own copy when the repository has none), each with the
// host theme's file of the same name over it: a form downloaded from the
// site in any of its languages is read by that language's words.
std::vector<std::unique_ptr<Messages>> ThemeLanguages(const std::string& root,
                                                      const std::string& theme_dir,
                                                      std::ostream& err) {
  fs::path base = fs::path(root) / "themes/default/i18n";
  std::error_code ec;
#ifdef COMMONPLACE_DEFAULT_THEME_DIR
  if (!fs::is_directory(base, ec)) base = fs::path(COMMONPLACE_DEFAULT_THEME_DIR) / "i18n";
#endif
  fs::path own = theme_dir.empty() ? fs::path() : fs::path(root) / theme_dir / "i18n";
  std::vector<fs::path> files;
  for (const fs::path& dir : {base, own}) {
    if (dir.empty() || !fs::is_directory(dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".yaml") files.push_back(e.path().filename());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::vector<std::unique_ptr<Messages>> out;
  for (const auto& name : files) {
    std::string lang = name.stem().string();
    auto m = std::make_unique<Messages>();
    Diagnostics diags;
    bool ok = true;
    bool loaded = false;
    for (const fs::path& dir : {own, base}) {
      if (dir.empty() || !fs::is_regular_file(dir / name, ec)) continue;
      if (!loaded) {
        ok = m->LoadFile((dir / name).string(), (dir / name).generic_string(), lang, diags);
        loaded = true;
      } else {
        Messages theirs;
        ok = ok && theirs.LoadFile((dir / name).string(), (dir / name).generic_string(), lang, diags);
        m->MergeMissing(theirs);
      }
    }
    if (!ok) {
      // The form may still be in another language: say which words are
      // not known, and read on.
      for (const auto& d : diags.items()) err << d.path << ": warning: " << d.message << "\n";
      continue;
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

int RunImport(const ImportOptions& o, std::ostream& out, std::ostream& err) {
  const std::string& form_path = o.form;
  std::error_code ec;
  if (!fs::is_regular_file(form_path, ec)) {
    err << form_path << ": error: no such file\n";
    return 2;
  }
  FormLimits limits;
  if (fs::file_size(form_path, ec) > limits.max_file_bytes) {
    err << form_path << ": error: too large for a filled-in form (over "
        << (limits.max_file_bytes >> 20) << " MB)\n";
    return 2;
  }
  auto bytes = ReadFile(form_path);
  if (!bytes) {
    err << form_path << ": error: cannot read the file\n";
    return 2;
  }
  // The vocabularies, principles and sources the answers name.
  Library lib;
  Diagnostics load_diags;
  LoadLibrary(o.root, &lib, load_diags);
  const Worksheet* form = nullptr;
  for (const auto& ws : lib.worksheets) {
    if (ws.id == kSubmissionFormId) form = &ws;
  }
  if (!form) {
    err << "error: " << o.root << " has no content/templates/" << kSubmissionFormId
        << ".yaml, the form this command reads\n  hint: run it in the repository, or give --root\n";
    return 2;
  }
  std::vector<std::unique_ptr<Messages>> theme_words = ThemeLanguages(o.root, lib.config.theme_dir, err);
  FormLanguages languages;
  for (const auto& m : theme_words) languages.push_back(m.get());
  // A site that translates the form (content/templates/<form>.cy.yaml)
  // offers it in each language: the form is read as whichever it is, and
  // its ticked labels against that language's vocabularies.
  std::vector<Library> translated;
  std::vector<std::string> translated_lang;
  for (const auto& t : lib.text_translations) {
    if (t.original != form->path) continue;
    translated.push_back(lib);
    translated_lang.push_back(t.lang);
    UseLanguage(t.lang, &translated.back());
  }
  const Library* read_lib = &lib;
  std::string form_lang;  // the translation's language when read by one
  FormAnswers answers;
  std::string problem;
  bool read = ReadFormDocx(*bytes, *form, languages, &answers, &problem, limits);
  for (size_t i = 0; i < translated.size() && !read; ++i) {
    const Library& other = translated[i];
    for (const auto& ws : other.worksheets) {
      if (ws.id != kSubmissionFormId) continue;
      std::string other_problem;
      FormAnswers other_answers;
      if (ReadFormDocx(*bytes, ws, languages, &other_answers, &other_problem, limits)) {
        read = true;
        read_lib = &other;
        form_lang = translated_lang[i];
        form = &ws;
        answers = std::move(other_answers);
      }
    }
  }
  if (!read) {
    err << form_path << ": error: " << problem << "\n";
    return 2;
  }
  ImportedCaseStudy imported = CaseStudyFromAnswers(*read_lib, *form, languages, answers);

  std::string rel = o.output;
  if (rel.empty()) {
    std::string slug = SlugForTitle(imported.cs.title);
    if (slug.empty()) {
      err << form_path << ": error: the form gives the partnership no name, so there is no file "
          << "name for it\n  hint: give one with -o casestudies/NAME.md\n";
      return 2;
    }
    // Its words are in the form's language: a form in another language than
    // the content's makes a case study in that language only (`x.cy.md`),
    // which must not become the translation of one already there.
    rel = "casestudies/" + slug + (form_lang.empty() ? "" : "." + form_lang) + ".md";
    if (!form_lang.empty() && fs::exists(fs::path(o.root) / "casestudies" / (slug + ".md"), ec)) {
      err << rel << ": error: casestudies/" << slug << ".md exists, so this file would be read as its "
          << "translation\n  hint: give the new case study another name with -o casestudies/NAME."
          << form_lang << ".md\n";
      return 2;
    }
  }
  fs::path target = fs::path(rel).is_absolute() ? fs::path(rel) : fs::path(o.root) / rel;
  if (fs::exists(fs::symlink_status(target, ec))) {
    err << rel << ": error: already exists; import never replaces a file\n"
        << "  hint: give another name with -o, or compare the two and merge by hand\n";
    return 2;
  }
  std::vector<std::string> comments;
  if (!imported.unplaced.empty()) {
    comments.push_back("Imported from " + fs::path(form_path).filename().string() +
                       ". Not placed in any field (move or delete, then remove these lines):");
    for (const auto& u : imported.unplaced) comments.push_back("  " + u);
  }
  std::string text = CaseStudyFile(imported.cs, comments);

  // The checks `check` makes, on this file among the rest of the content.
  // Diagnostics name the file as it was given (a path inside the
  // repository, or an absolute one).
  std::string path_in_repo = fs::path(rel).lexically_normal().generic_string();
  Diagnostics diags;
  CaseStudy loaded;
  bool ok = LoadCaseStudy(path_in_repo, text, &loaded, diags);
  if (ok) {
    // As the loader reads the name: `x.cy.md` is case study x, in Welsh.
    CaseStudyFileName(lib.config, path_in_repo, &loaded.slug, &loaded.lang);
    lib.case_studies.push_back(loaded);
    Diagnostics all;
    ValidateLibrary(lib, all);
    for (const auto& d : all.items()) {
      if (d.path == path_in_repo) diags.Add(d);
    }
  }
  std::string write_error;
  if (!WriteFileAtomic(target, text, &write_error)) {
    err << rel << ": error: " << write_error << "\n";
    return 2;
  }
  out << "wrote " << rel << "\n";
  for (const auto& n : imported.notes) out << "note: " << n << "\n";
  for (const auto& p : imported.problems) {
    err << form_path << ": " << p.where << ": " << p.message << "\n";
  }
  diags.Sort();
  PrintDiagnostics(diags, ReportFormat::kText, o.root, err);
  int errors = diags.ErrorCount() + static_cast<int>(imported.problems.size());
  if (errors) {
    err << rel << ": " << errors << " problem(s) to fix before it can be published; then run "
        << "`commonplace check`\n";
    return 1;
  }
  out << "It passes `commonplace check`. Read it through, then open a pull request.\n";
  return 0;
}

}  // namespace commonplace
