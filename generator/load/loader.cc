#include "load/loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <filesystem>
#include <mutex>
#include <set>

#include "base/fs.h"
#include "base/parallel.h"
#include "base/strings.h"
#include "load/front_matter.h"

namespace fs = std::filesystem;

namespace commonplace {

namespace {

// True when `p` is `root` or lies below it (both canonical).
bool IsWithin(const fs::path& p, const fs::path& root) {
  auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return r == root.end();
}

// The repository root, and whether each folder content is read from lies
// inside it. Resolving a path costs a system call per folder on it, and a
// build reads thousands of files from a handful of folders, so the root and
// each folder are resolved once, and files are looked at from the root's
// folder, not from the file system's root. Safe to use from several threads.
class ContentRoot {
 public:
  explicit ContentRoot(const std::string& root)
      : root_(root), fd_(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    canon_root_ = fs::canonical(root, root_error_);
  }
  ~ContentRoot() {
    if (fd_ >= 0) ::close(fd_);
  }
  ContentRoot(const ContentRoot&) = delete;
  ContentRoot& operator=(const ContentRoot&) = delete;

  const std::string& path() const { return root_; }

  /// lstat of `rel`, a path under the root: at 10,000 case studies a
  /// rebuild stats 10,000 files.
  bool Lstat(const std::string& rel, struct stat* st) const {
    return (fd_ >= 0 ? ::fstatat(fd_, rel.c_str(), st, AT_SYMLINK_NOFOLLOW)
                     : ::lstat((fs::path(root_) / rel).c_str(), st)) == 0;
  }

  struct Folder {
    bool resolved = false;  ///< fs::canonical succeeded.
    bool outside = false;   ///< Resolved, and not inside the (resolved) root.
  };
  Folder Resolve(const fs::path& folder) {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, fresh] = folders_.try_emplace(folder.native());
    if (fresh) {
      std::error_code ec;
      fs::path canon = fs::canonical(folder, ec);
      it->second.resolved = !ec;
      it->second.outside = !ec && !root_error_ && !IsWithin(canon, canon_root_);
    }
    return it->second;
  }

 private:
  std::string root_;
  int fd_;  // the root's folder, or -1
  fs::path canon_root_;
  std::error_code root_error_;
  std::mutex mu_;
  std::map<std::string, Folder> folders_;
};

// The whole file in one open and a read or two (std::ifstream copied through
// a std::ostringstream cost as much as parsing a case study's front matter).
bool ReadWhole(const fs::path& path, size_t size_hint, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string data(size_hint + 1, '\0');  // + 1: the read that finds the end needs room
  size_t used = 0;
  for (;;) {
    if (used == data.size()) data.resize(data.size() * 2);
    ssize_t n = ::read(fd, data.data() + used, data.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  data.resize(used);
  *out = std::move(data);
  return true;
}

bool ReadContentFile(ContentRoot& root, const std::string& rel, std::string* text,
                     Diagnostics& diags) {
  fs::path p = fs::path(root.path()) / rel;
  // Only regular files inside the repository are content: a symlink (to a
  // file, or anywhere in the folder path) could publish any file the build
  // can read, and a FIFO or device would hang or flood the build.
  struct stat st;
  bool exists = ::lstat(p.c_str(), &st) == 0;
  if (exists && S_ISLNK(st.st_mode)) {
    diags.Error(rel, {1, 1}, "",
                "'" + rel + "' is a symbolic link; content files must be regular files inside the "
                "repository",
                "replace the link with a copy of the file (a link could publish a file from "
                "outside the repository)");
    return false;
  }
  // The file itself is no link, so it lies where its folder does.
  ContentRoot::Folder folder = exists ? root.Resolve(p.parent_path()) : ContentRoot::Folder{};
  if (folder.outside) {
    diags.Error(rel, {1, 1}, "",
                "'" + rel + "' lies outside the repository (a folder on its path is a symbolic "
                "link)",
                "replace the linked folder with a real folder holding copies of the files");
    return false;
  }
  if (folder.resolved && !S_ISREG(st.st_mode)) {
    diags.Error(rel, {1, 1}, "", "'" + rel + "' is not a regular file",
                "content files must be ordinary text files");
    return false;
  }
  size_t size = exists && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  if (size > kMaxContentFileBytes) {
    diags.Error(rel, {}, "",
                "the file is too large (" + std::to_string(size / (1024 * 1024)) +
                    " MiB; the limit is " + std::to_string(kMaxContentFileBytes / (1024 * 1024)) +
                    " MiB)",
                "split it, or move large data into content/datasets/");
    return false;
  }
  if (!ReadWhole(p, size, text)) {
    diags.Error(rel, {}, "", "cannot read the file");
    return false;
  }
  return NormaliseText(rel, text, diags);
}

}  // namespace

bool ReadContentFile(const std::string& root, const std::string& rel, std::string* text,
                     Diagnostics& diags) {
  ContentRoot content_root(root);
  return ReadContentFile(content_root, rel, text, diags);
}

namespace {

// Adds "path size hash" of a content file to `fingerprint` (when kept).
void Fingerprint(std::string* fingerprint, const std::string& rel, const std::string& text) {
  if (!fingerprint) return;
  *fingerprint += rel + " " + std::to_string(text.size()) + " " +
                  std::to_string(std::hash<std::string>{}(text)) + "\n";
}

template <typename T, typename F>
void LoadEach(ContentRoot& root, const std::vector<std::string>& files, std::vector<T>* out,
              Diagnostics& diags, F load, std::string* fingerprint) {
  for (const auto& rel : files) {
    std::string text;
    if (!ReadContentFile(root, rel, &text, diags)) continue;
    Fingerprint(fingerprint, rel, text);
    T item;
    load(rel, text, &item, diags);
    out->push_back(std::move(item));
  }
}

// The language of a translation file (`casestudies/x.cy.md` → "cy") when
// site.yaml lists that language and it is not the content language; "".
std::string TranslationLanguage(const SiteConfig& c, const std::string& rel) {
  std::string name = rel.substr(rel.rfind('/') + 1);
  size_t ext = name.rfind('.');
  if (ext == std::string::npos) return "";
  name.resize(ext);
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string lang = name.substr(dot + 1);
  if (lang == c.content_language) return "";
  for (const auto& l : c.languages) {
    if (l == lang) return lang;
  }
  return "";
}

// Moves the translation files out of `files` and returns them.
std::vector<std::string> TakeTranslations(const SiteConfig& c, std::vector<std::string>* files) {
  std::vector<std::string> out;
  auto keep = std::stable_partition(files->begin(), files->end(), [&](const std::string& f) {
    return TranslationLanguage(c, f).empty();
  });
  out.assign(keep, files->end());
  files->erase(keep, files->end());
  return out;
}

template <typename T, typename F>
void LoadList(ContentRoot& root, const std::vector<std::string>& files, std::vector<T>* out,
              Diagnostics& diags, F load, std::string* fingerprint) {
  for (const auto& rel : files) {
    std::string text;
    if (!ReadContentFile(root, rel, &text, diags)) continue;
    Fingerprint(fingerprint, rel, text);
    load(rel, text, out, diags);
  }
}

// "casestudies/x.cy.md" → "x".
std::string TranslatedSlug(const std::string& rel) {
  std::string name = rel.substr(rel.rfind('/') + 1);
  name.resize(name.rfind('.'));
  return name.substr(0, name.rfind('.'));
}

// "content/vocabularies/x.cy.yaml" → "content/vocabularies/x.yaml".
std::string OriginalOf(const std::string& rel) {
  std::string ext = rel.substr(rel.rfind('.'));
  return rel.substr(0, rel.rfind('/') + 1) + TranslatedSlug(rel) + ext;
}

// Reports a translation whose original is not among `originals`.
bool HasOriginal(const std::string& rel, const std::string& lang,
                 const std::vector<std::string>& originals, Diagnostics& diags) {
  std::string original = OriginalOf(rel);
  if (std::find(originals.begin(), originals.end(), original) != originals.end()) return true;
  std::string ext = rel.substr(rel.rfind('.'));
  diags.Error(rel, {1, 1}, "",
              "'" + rel + "' translates '" + TranslatedSlug(rel) + "', but there is no such file in " +
                  rel.substr(0, rel.rfind('/') + 1),
              "name the translation after the original: <name>." + lang + ext);
  return false;
}

// Moves each case study written in another language only (`x.cy.md` with no
// `x.md`: what the contribution form in that language names its file) from
// `translations` into `originals`, which stay in path order. A name close to
// an original's is likely a translation misspelt, so it is warned about.
void TakeSingleLanguageCaseStudies(const SiteConfig& config, std::vector<std::string>* translations,
                                   std::vector<std::string>* originals, Diagnostics& diags) {
  std::vector<std::string> slugs;
  for (const auto& rel : *originals) {
    std::string name = rel.substr(rel.rfind('/') + 1);
    slugs.push_back(name.substr(0, name.size() - 3));
  }
  std::vector<std::string> kept;
  bool moved = false;
  for (auto& rel : *translations) {
    if (std::find(originals->begin(), originals->end(), OriginalOf(rel)) != originals->end()) {
      kept.push_back(std::move(rel));
      continue;
    }
    const std::string slug = TranslatedSlug(rel);
    const std::string lang = TranslationLanguage(config, rel);
    if (std::string near = NearestMatch(slug, slugs); !near.empty()) {
      diags.Warning(rel, {1, 1}, "",
                    "'" + rel + "' has no original, so it is published as a case study in '" + lang +
                        "' only; its name is close to '" + near + "'",
                    "to translate casestudies/" + near + ".md, name this file " + near + "." + lang +
                        ".md; if it is a case study of its own, ignore this");
    }
    originals->push_back(std::move(rel));
    moved = true;
  }
  *translations = std::move(kept);
  if (moved) std::sort(originals->begin(), originals->end());
}

void SetTranslatedKey(CaseStudy* d, const std::string& key) { d->slug = key; }
void SetTranslatedKey(Page* d, const std::string& key) { d->slug = key; }
void SetTranslatedKey(Principle* d, const std::string& key) { d->id = key; }
void SetTranslatedKey(Finding* d, const std::string& key) { d->id = key; }

// Reads `files`, translations of Markdown files among `originals`, with the
// original's loader; each takes its original's slug or id and its language.
template <typename Doc, typename F>
void LoadTranslations(ContentRoot& root, const SiteConfig& config,
                      const std::vector<std::string>& files,
                      const std::vector<std::string>& originals, std::vector<Doc>* out,
                      Diagnostics& diags, F load, std::string* fingerprint) {
  std::vector<std::string> found;
  for (const auto& rel : files) {
    if (HasOriginal(rel, TranslationLanguage(config, rel), originals, diags)) found.push_back(rel);
  }
  LoadEach(root, found, out, diags,
           [&](const std::string& rel, const std::string& text, Doc* d, Diagnostics& dg) {
             load(rel, text, d, dg);
             SetTranslatedKey(d, TranslatedSlug(rel));
             d->lang = TranslationLanguage(config, rel);
           }, fingerprint);
}

// `content/resources.cy.yaml` and the like, for each language site.yaml
// lists other than the content's own, when the file is there.
std::vector<std::string> SingleFileTranslations(const std::string& root, const SiteConfig& config,
                                                const std::string& stem) {
  std::vector<std::string> out;
  for (const auto& lang : config.languages) {
    if (lang == config.content_language) continue;
    std::string rel = stem + "." + lang + ".yaml";
    if (fs::exists(fs::path(root) / rel)) out.push_back(rel);
  }
  return out;
}

void LoadTextTranslations(ContentRoot& root, const SiteConfig& config, TextKind kind,
                          const std::vector<std::string>& files,
                          const std::vector<std::string>& originals,
                          std::vector<TextTranslation>* out, Diagnostics& diags,
                          std::string* fingerprint) {
  for (const auto& rel : files) {
    std::string lang = TranslationLanguage(config, rel);
    if (!HasOriginal(rel, lang, originals, diags)) continue;
    std::string text;
    if (!ReadContentFile(root, rel, &text, diags)) continue;
    Fingerprint(fingerprint, rel, text);
    TextTranslation t;
    LoadTextTranslation(kind, rel, text, &t, diags);
    t.lang = lang;
    t.original = OriginalOf(rel);
    out->push_back(std::move(t));
  }
}

// A translated list of words must be as long as the original's: a form's
// rows and checklist items are read back by their place.
void CheckListLength(const std::string& path, const std::string& key, const SourcePos& pos,
                     const std::vector<std::string>& words, const std::vector<std::string>& original,
                     const std::string& where, Diagnostics& diags) {
  if (words.size() == original.size()) return;
  diags.Error(path, pos, key,
              "'" + key + "'" + where + " has " + std::to_string(words.size()) + " entries, but the " +
                  "original has " + std::to_string(original.size()),
              "translate each of the original's " + std::to_string(original.size()) +
                  " entries, in the same order, and add none");
}

void CheckWorksheetLists(const TextTranslation& t, const Worksheet& w, Diagnostics& diags) {
  auto own = [&](const std::string& key, const std::vector<std::string>& original) {
    auto it = t.lists.find(key);
    if (it != t.lists.end()) CheckListLength(t.path, key, t.list_pos.at(key), it->second, original, "", diags);
  };
  own("you_need", w.you_need);
  own("steps", w.steps);
  for (const auto& item : t.items) {
    for (const auto& section : w.sections) {
      if (section.id != item.id) continue;
      for (const auto& [key, words] : item.lists) {
        const std::vector<std::string>& original =
            key == "columns" ? section.columns : key == "rows" ? section.rows : section.items;
        CheckListLength(t.path, key, item.list_pos.at(key), words, original,
                        " of section '" + item.id + "'", diags);
      }
    }
  }
}

// A dataset's translation gives its words whole: what the page shows beside
// the title is in one language; its totals are as many as the original's;
// and each value it translates is one the column has.
void CheckDatasetTranslation(const TextTranslation& t, const Dataset& ds, Diagnostics& diags) {
  auto require = [&](const std::string& key, const std::string& original, const SourcePos& pos,
                     const std::map<std::string, std::string>& fields, const std::string& where) {
    if (original.empty() || fields.count(key)) return;
    diags.Error(t.path, pos, key,
                "the translation" + where + " leaves out '" + key + "', which the original has",
                "translate '" + key + "' as well: a page shows it beside the translated words, "
                "so it would read as a mix of two languages");
  };
  require("title", ds.title, {1, 1}, t.fields, "");
  require("description", ds.description, {1, 1}, t.fields, "");
  require("note", ds.note, {1, 1}, t.fields, "");
  if (auto it = t.lists.find("totals"); it != t.lists.end()) {
    std::vector<std::string> labels;
    for (const auto& total : ds.totals) labels.push_back(total.label);
    CheckListLength(t.path, "totals", t.list_pos.at("totals"), it->second, labels, "", diags);
  }
  for (const auto& item : t.items) {
    int col = ds.Column(item.id);
    if (col < 0) continue;  // reported with the other unknown ids
    const DatasetColumn& c = ds.columns[static_cast<size_t>(col)];
    require("label", c.label, item.pos, item.fields, " of column '" + item.id + "'");
    require("description", c.description, item.pos, item.fields, " of column '" + item.id + "'");
    std::set<std::string> values;
    for (const auto& row : ds.rows) values.insert(row[static_cast<size_t>(col)]);
    for (const auto& [value, words] : item.values) {
      if (values.count(value)) continue;
      std::vector<std::string> some;
      for (const auto& v : values) {
        if (some.size() == 5) break;
        if (!v.empty()) some.push_back("'" + v + "'");
      }
      diags.Error(t.path, item.value_pos.at(value), "values",
                  "column '" + item.id + "' of " + ds.csv_path + " has no value '" + value + "'",
                  "write the value exactly as the CSV has it (" + Join(some, ", ") +
                      (values.size() > some.size() ? ", …" : "") + ")");
    }
  }
}

// Every item a YAML translation names must be in its original.
void CheckTranslatedIds(const Library& lib, Diagnostics& diags) {
  for (const auto& t : lib.text_translations) {
    std::set<std::string> ids;
    for (const auto& v : lib.vocabularies) {
      if (v.path == t.original) for (const auto& term : v.terms) ids.insert(term.id);
    }
    for (const auto& r : lib.recommendations) {
      if (r.path == t.original) ids.insert(r.id);
    }
    for (const auto& r : lib.resources) {
      if (r.path == t.original) ids.insert(r.id);
    }
    for (const auto& s : lib.sources) {
      if (s.path == t.original) ids.insert(s.id);
    }
    for (const auto& w : lib.worksheets) {
      if (w.path != t.original) continue;
      CheckWorksheetLists(t, w, diags);
      for (const auto& section : w.sections) ids.insert(section.id);
    }
    for (const auto& ds : lib.datasets) {
      if (ds.path != t.original) continue;
      CheckDatasetTranslation(t, ds, diags);
      for (const auto& c : ds.columns) ids.insert(c.id);
    }
    for (const auto& item : t.items) {
      if (ids.count(item.id)) continue;
      diags.Error(t.path, item.pos, "id",
                  "'" + t.path + "' translates '" + item.id + "', but " + t.original +
                      " has no item with that id",
                  "use an id from " + t.original + ", or remove this item");
    }
  }
}

}  // namespace

void CaseStudyFileName(const SiteConfig& config, const std::string& rel, std::string* slug,
                       std::string* lang) {
  *lang = TranslationLanguage(config, rel);
  if (!lang->empty()) {
    *slug = TranslatedSlug(rel);  // one written in another language only
    return;
  }
  std::string name = rel.substr(rel.rfind('/') + 1);
  *slug = name.substr(0, name.rfind('.'));
}

bool LoadLibrary(const std::string& root, Library* lib, Diagnostics& diags, int threads,
                 CaseStudyCache* cache) {
  int before = diags.ErrorCount();
  ContentRoot content_root(root);
  lib->content_fingerprint.clear();
  std::string* fp = cache ? &lib->content_fingerprint : nullptr;
  std::string text;
  if (fs::exists(fs::path(root) / "site.yaml")) {
    if (ReadContentFile(content_root, "site.yaml", &text, diags)) {
      Fingerprint(fp, "site.yaml", text);
      LoadSiteConfig("site.yaml", text, &lib->config, diags);
    }
  } else {
    diags.Error("site.yaml", {}, "", "site.yaml is missing",
                "run commonplace from the repository root, or create site.yaml (see README)");
  }
  std::vector<std::string> md = ListFiles(root, "casestudies", ".md");
  // README.md in casestudies/ explains the folder; it is not a case study.
  md.erase(std::remove_if(md.begin(), md.end(),
                          [](const std::string& f) { return EndsWith(f, "/README.md"); }),
           md.end());
  std::vector<std::string> case_translations = TakeTranslations(lib->config, &md);
  TakeSingleLanguageCaseStudies(lib->config, &case_translations, &md, diags);
  // Case studies are many and independent: parse them in parallel, each
  // into its own slot with its own diagnostics, then merge in file order.
  std::vector<std::shared_ptr<CaseStudy>> cases(md.size());
  std::vector<Diagnostics> case_diags(md.size());
  std::vector<char> read_ok(md.size(), 0);
  std::vector<CaseStudyCache::Entry> fresh(cache ? md.size() : 0);
  std::vector<char> reused(md.size(), 0);
  std::vector<char> was_read(md.size(), 0);
  // Each file's entry, when the cache had one.
  std::vector<CaseStudyCache::Entry*> found(cache ? md.size() : 0, nullptr);
  if (cache) {
    // Bodies rendered under other Markdown options (site.yaml) are stale, and
    // so are slugs and languages read from names under other languages
    // (`x.cy.md` is case study x in Welsh only when site.yaml lists cy).
    std::string key = std::string(lib->config.allow_raw_html ? "raw-html" : "safe") + " " +
                      lib->config.content_language + " " + Join(lib->config.languages, ",");
    if (cache->markdown_key != key) cache->entries.clear();
    cache->markdown_key = key;
  }
  // A file changed less than this long ago may change again within the
  // file system's clock tick without its time or size changing: read it.
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  constexpr int64_t kRacyNs = 2'000'000'000;
  std::atomic<int> not_read{0};
  ParallelFor(md.size(), threads, [&](size_t i) {
    std::map<std::string, CaseStudyCache::Entry>::iterator it;
    bool cached = false;
    struct stat st;
    bool stat_ok = false;
    if (cache) {
      it = cache->entries.find(md[i]);  // read-only while loading in parallel
      cached = it != cache->entries.end();
      if (cached) found[i] = &it->second;
      stat_ok = content_root.Lstat(md[i], &st) && S_ISREG(st.st_mode);
      if (cached && stat_ok) {
        const auto& e = it->second;
        int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        if (e.file_size == static_cast<uint64_t>(st.st_size) && e.mtime_ns == mtime &&
            e.inode == st.st_ino && e.device == st.st_dev && now_ns - mtime > kRacyNs) {
          read_ok[i] = 1;
          reused[i] = 1;
          cases[i] = e.case_study;
          // A build may have given it a commit date: back to its own.
          cases[i]->updated = e.updated_field;
          case_diags[i] = e.diags;
          ++not_read;
          return;
        }
      }
    }
    std::string t;
    if (!ReadContentFile(content_root, md[i], &t, case_diags[i])) return;
    read_ok[i] = 1;
    if (cache) {
      was_read[i] = 1;
      auto& f = fresh[i];
      f.text_hash = std::hash<std::string>{}(t);
      f.text_size = t.size();
      if (stat_ok) {
        f.file_size = st.st_size;
        f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        f.inode = st.st_ino;
        f.device = st.st_dev;
      }
      if (cached && it->second.text_hash == f.text_hash && it->second.text_size == f.text_size) {
        cases[i] = it->second.case_study;
        cases[i]->updated = it->second.updated_field;
        case_diags[i] = it->second.diags;
        reused[i] = 1;
        return;
      }
    }
    cases[i] = std::make_shared<CaseStudy>();
    LoadCaseStudy(md[i], t, cases[i].get(), case_diags[i]);
    CaseStudyFileName(lib->config, md[i], &cases[i]->slug, &cases[i]->lang);
    if (cache) cases[i]->text_hash = fresh[i].text_hash;
  });
  if (cache) {
    // Updated in place: an unchanged entry is neither moved nor copied.
    cache->reused = 0;
    cache->not_read = not_read;
    auto update = [&](CaseStudyCache::Entry& e, size_t i) {
      if (reused[i]) {
        if (was_read[i]) {
          // Read again, same text: remember the new stat.
          e.file_size = fresh[i].file_size;
          e.mtime_ns = fresh[i].mtime_ns;
          e.inode = fresh[i].inode;
          e.device = fresh[i].device;
        }
        ++cache->reused;
      } else {
        e = std::move(fresh[i]);
        e.case_study = cases[i];
        e.updated_field = cases[i]->updated;
        e.diags = case_diags[i];
      }
    };
    // The same files as last time (the usual rebuild): each entry where it
    // was found, without walking the cache in path order.
    size_t same = 0;
    for (size_t i = 0; i < md.size(); ++i) same += read_ok[i] && found[i];
    if (same == md.size() && cache->entries.size() == md.size()) {
      for (size_t i = 0; i < md.size(); ++i) update(*found[i], i);
    } else {
      auto kept = cache->entries.begin();
      for (size_t i = 0; i < md.size(); ++i) {
        if (!read_ok[i]) continue;
        // Both are in path order: entries before this file are gone.
        while (kept != cache->entries.end() && kept->first < md[i]) {
          kept = cache->entries.erase(kept);
        }
        if (kept == cache->entries.end() || kept->first != md[i]) {
          kept = cache->entries.emplace_hint(kept, md[i], CaseStudyCache::Entry{});
        }
        update(kept->second, i);
        ++kept;
      }
      cache->entries.erase(kept, cache->entries.end());  // deleted files drop out
    }
  }
  // One allocation: growing the vector would copy every case study so far.
  lib->case_studies.reserve(lib->case_studies.size() + md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    diags.Append(case_diags[i]);
    if (read_ok[i]) lib->case_studies.Share(std::move(cases[i]));
  }
  std::vector<std::string> principle_files = ListFiles(root, "content/principles", ".md");
  std::vector<std::string> principle_translations = TakeTranslations(lib->config, &principle_files);
  LoadEach(content_root, principle_files, &lib->principles, diags, LoadPrinciple, fp);
  std::vector<std::string> page_files = ListFiles(root, "content/pages", ".md");
  std::vector<std::string> page_translations = TakeTranslations(lib->config, &page_files);
  LoadEach(content_root, page_files, &lib->pages, diags, LoadPage, fp);
  std::vector<std::string> finding_files = ListFiles(root, "content/findings", ".md");
  std::vector<std::string> finding_translations = TakeTranslations(lib->config, &finding_files);
  LoadEach(content_root, finding_files, &lib->findings, diags, LoadFinding, fp);
  std::sort(lib->findings.begin(), lib->findings.end(),
            [](const Finding& a, const Finding& b) { return a.id < b.id; });
  // Translations of Markdown files: the same fields as the original, in
  // another language.
  LoadTranslations(content_root, lib->config, case_translations, md, &lib->case_translations,
                   diags, LoadCaseStudy, fp);
  LoadTranslations(content_root, lib->config, page_translations, page_files,
                   &lib->page_translations, diags, LoadPage, fp);
  LoadTranslations(content_root, lib->config, principle_translations, principle_files,
                   &lib->principle_translations, diags, LoadPrinciple, fp);
  LoadTranslations(content_root, lib->config, finding_translations, finding_files,
                   &lib->finding_translations, diags, LoadFinding, fp);
  std::vector<std::string> worksheet_files = ListFiles(root, "content/templates", ".yaml");
  std::vector<std::string> worksheet_translations = TakeTranslations(lib->config, &worksheet_files);
  LoadEach(content_root, worksheet_files, &lib->worksheets, diags, LoadWorksheet, fp);
  std::stable_sort(lib->worksheets.begin(), lib->worksheets.end(),
                   [](const Worksheet& a, const Worksheet& b) {
                     return a.order != b.order ? a.order < b.order : a.id < b.id;
                   });
  std::vector<std::string> dataset_files = ListFiles(root, "content/datasets", ".yaml");
  std::vector<std::string> dataset_translations = TakeTranslations(lib->config, &dataset_files);
  LoadEach(content_root, dataset_files, &lib->datasets, diags,
           [&](const std::string& rel, const std::string& text, Dataset* ds, Diagnostics& d) {
             return LoadDataset(root, rel, text, ds, d);
           }, fp);
  std::vector<std::string> vocab_files = ListFiles(root, "content/vocabularies", ".yaml");
  std::vector<std::string> vocab_translations = TakeTranslations(lib->config, &vocab_files);
  LoadEach(content_root, vocab_files, &lib->vocabularies, diags, LoadVocabulary, fp);
  std::vector<std::string> source_files, resource_files;
  if (fs::exists(fs::path(root) / "content/sources.yaml")) {
    source_files = {"content/sources.yaml"};
    LoadList(content_root, source_files, &lib->sources, diags, LoadSources, fp);
  }
  std::vector<std::string> recommendation_files = ListFiles(root, "content/recommendations", ".yaml");
  std::vector<std::string> recommendation_translations =
      TakeTranslations(lib->config, &recommendation_files);
  LoadList(content_root, recommendation_files, &lib->recommendations, diags, LoadRecommendations, fp);
  if (fs::exists(fs::path(root) / "content/resources.yaml")) {
    resource_files = {"content/resources.yaml"};
    LoadList(content_root, resource_files, &lib->resources, diags, LoadResources, fp);
  }
  // Translations of YAML files: each item's words, by id.
  LoadTextTranslations(content_root, lib->config, TextKind::kVocabulary, vocab_translations,
                       vocab_files, &lib->text_translations, diags, fp);
  LoadTextTranslations(content_root, lib->config, TextKind::kRecommendations,
                       recommendation_translations, recommendation_files, &lib->text_translations,
                       diags, fp);
  LoadTextTranslations(content_root, lib->config, TextKind::kResources,
                       SingleFileTranslations(root, lib->config, "content/resources"),
                       resource_files, &lib->text_translations, diags, fp);
  LoadTextTranslations(content_root, lib->config, TextKind::kSources,
                       SingleFileTranslations(root, lib->config, "content/sources"), source_files,
                       &lib->text_translations, diags, fp);
  LoadTextTranslations(content_root, lib->config, TextKind::kWorksheet, worksheet_translations,
                       worksheet_files, &lib->text_translations, diags, fp);
  LoadTextTranslations(content_root, lib->config, TextKind::kDataset, dataset_translations,
                       dataset_files, &lib->text_translations, diags, fp);
  CheckTranslatedIds(*lib, diags);
  // Principles read in a stable, meaningful order: by group as the
  // principle-groups vocabulary lists them, then by their own order.
  std::map<std::string, size_t> group_rank;
  for (const auto& v : lib->vocabularies) {
    if (v.id != "principle-groups") continue;
    for (size_t i = 0; i < v.terms.size(); ++i) group_rank[v.terms[i].id] = i;
  }
  std::stable_sort(lib->principles.begin(), lib->principles.end(),
                   [&](const Principle& a, const Principle& b) {
                     size_t ga = group_rank.count(a.group) ? group_rank[a.group] : 1000;
                     size_t gb = group_rank.count(b.group) ? group_rank[b.group] : 1000;
                     if (ga != gb) return ga < gb;
                     if (a.order != b.order) return a.order < b.order;
                     return a.id < b.id;
                   });
  std::stable_sort(lib->pages.begin(), lib->pages.end(), [](const Page& a, const Page& b) {
    return a.order != b.order ? a.order < b.order : a.slug < b.slug;
  });
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
