#include "load/loader.h"

#include <algorithm>
#include <filesystem>

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

}  // namespace

bool ReadContentFile(const std::string& root, const std::string& rel, std::string* text,
                     Diagnostics& diags) {
  std::error_code ec;
  fs::path p = fs::path(root) / rel;
  // Only regular files inside the repository are content: a symlink (to a
  // file, or anywhere in the folder path) could publish any file the build
  // can read, and a FIFO or device would hang or flood the build.
  if (fs::is_symlink(fs::symlink_status(p, ec))) {
    diags.Error(rel, {1, 1}, "",
                "'" + rel + "' is a symbolic link; content files must be regular files inside the "
                "repository",
                "replace the link with a copy of the file (a link could publish a file from "
                "outside the repository)");
    return false;
  }
  std::error_code ec_root, ec_file;
  fs::path canon_root = fs::canonical(root, ec_root);
  fs::path canon = fs::canonical(p, ec_file);
  if (!ec_root && !ec_file && !IsWithin(canon, canon_root)) {
    diags.Error(rel, {1, 1}, "",
                "'" + rel + "' lies outside the repository (a folder on its path is a symbolic "
                "link)",
                "replace the linked folder with a real folder holding copies of the files");
    return false;
  }
  if (!ec_file && !fs::is_regular_file(fs::status(p, ec))) {
    diags.Error(rel, {1, 1}, "", "'" + rel + "' is not a regular file",
                "content files must be ordinary text files");
    return false;
  }
  auto size = fs::file_size(p, ec);
  if (!ec && size > kMaxContentFileBytes) {
    diags.Error(rel, {}, "",
                "the file is too large (" + std::to_string(size / (1024 * 1024)) +
                    " MiB; the limit is " + std::to_string(kMaxContentFileBytes / (1024 * 1024)) +
                    " MiB)",
                "split it, or move large data into content/datasets/");
    return false;
  }
  auto data = ReadFile(p);
  if (!data) {
    diags.Error(rel, {}, "", "cannot read the file");
    return false;
  }
  *text = std::move(*data);
  return NormaliseText(rel, text, diags);
}

namespace {

template <typename T, typename F>
void LoadEach(const std::string& root, const std::vector<std::string>& files, std::vector<T>* out,
              Diagnostics& diags, F load) {
  for (const auto& rel : files) {
    std::string text;
    if (!ReadContentFile(root, rel, &text, diags)) continue;
    T item;
    load(rel, text, &item, diags);
    out->push_back(std::move(item));
  }
}

template <typename T, typename F>
void LoadList(const std::string& root, const std::vector<std::string>& files, std::vector<T>* out,
              Diagnostics& diags, F load) {
  for (const auto& rel : files) {
    std::string text;
    if (!ReadContentFile(root, rel, &text, diags)) continue;
    load(rel, text, out, diags);
  }
}

}  // namespace

bool LoadLibrary(const std::string& root, Library* lib, Diagnostics& diags, int threads,
                 CaseStudyCache* cache) {
  int before = diags.ErrorCount();
  std::string text;
  if (fs::exists(fs::path(root) / "site.yaml")) {
    if (ReadContentFile(root, "site.yaml", &text, diags)) {
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
  // Case studies are many and independent: parse them in parallel, each
  // into its own slot with its own diagnostics, then merge in file order.
  std::vector<CaseStudy> cases(md.size());
  std::vector<Diagnostics> case_diags(md.size());
  std::vector<char> read_ok(md.size(), 0);
  std::vector<std::string> texts(cache ? md.size() : 0);
  std::vector<char> reused(md.size(), 0);
  ParallelFor(md.size(), threads, [&](size_t i) {
    std::string t;
    if (!ReadContentFile(root, md[i], &t, case_diags[i])) return;
    read_ok[i] = 1;
    if (cache) {
      auto it = cache->entries.find(md[i]);  // read-only while loading in parallel
      if (it != cache->entries.end() && it->second.text == t) {
        cases[i] = it->second.case_study;
        case_diags[i] = it->second.diags;
        reused[i] = 1;
        return;
      }
      texts[i] = t;
    }
    LoadCaseStudy(md[i], t, &cases[i], case_diags[i]);
    size_t slash = md[i].rfind('/');
    cases[i].slug = md[i].substr(slash + 1, md[i].size() - slash - 4);
  });
  if (cache) {
    std::map<std::string, CaseStudyCache::Entry> next;
    cache->reused = 0;
    for (size_t i = 0; i < md.size(); ++i) {
      if (!read_ok[i]) continue;
      auto& e = next[md[i]];
      if (reused[i]) {
        e = std::move(cache->entries[md[i]]);
        ++cache->reused;
      } else {
        e.text = std::move(texts[i]);
        e.case_study = cases[i];
        e.diags = case_diags[i];
      }
    }
    cache->entries = std::move(next);  // deleted files drop out
  }
  for (size_t i = 0; i < md.size(); ++i) {
    diags.Append(case_diags[i]);
    if (read_ok[i]) lib->case_studies.push_back(std::move(cases[i]));
  }
  LoadEach(root, ListFiles(root, "content/principles", ".md"), &lib->principles, diags,
           LoadPrinciple);
  LoadEach(root, ListFiles(root, "content/pages", ".md"), &lib->pages, diags, LoadPage);
  LoadEach(root, ListFiles(root, "content/templates", ".yaml"), &lib->worksheets, diags,
           LoadWorksheet);
  std::stable_sort(lib->worksheets.begin(), lib->worksheets.end(),
                   [](const Worksheet& a, const Worksheet& b) {
                     return a.order != b.order ? a.order < b.order : a.id < b.id;
                   });
  LoadEach(root, ListFiles(root, "content/datasets", ".yaml"), &lib->datasets, diags,
           [&](const std::string& rel, const std::string& text, Dataset* ds, Diagnostics& d) {
             return LoadDataset(root, rel, text, ds, d);
           });
  LoadEach(root, ListFiles(root, "content/vocabularies", ".yaml"), &lib->vocabularies, diags,
           LoadVocabulary);
  if (fs::exists(fs::path(root) / "content/sources.yaml")) {
    LoadList(root, {"content/sources.yaml"}, &lib->sources, diags, LoadSources);
  }
  LoadList(root, ListFiles(root, "content/recommendations", ".yaml"), &lib->recommendations, diags,
           LoadRecommendations);
  if (fs::exists(fs::path(root) / "content/resources.yaml")) {
    LoadList(root, {"content/resources.yaml"}, &lib->resources, diags, LoadResources);
  }
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
