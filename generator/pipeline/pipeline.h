// pipeline/: Build() runs load → validate → markdown → link the model →
// render → check internal links → write, timing each step.
#ifndef COMMONPLACE_PIPELINE_PIPELINE_H_
#define COMMONPLACE_PIPELINE_PIPELINE_H_

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/fs.h"
#include "linkcheck/internal_links.h"
#include "load/loader.h"
#include "model/model.h"
#include "render/page_cache.h"

namespace commonplace {

struct BuildOptions {
  std::string root = ".";       ///< Repository root.
  std::string out_dir = "site"; ///< Relative to the current directory.
  std::string base_url;         ///< Overrides site.yaml's base_url when set.
  bool write = true;            ///< False for `check`: load and validate only.
  int threads = 0;              ///< 0: one per core.
  /// How long to wait for another build of the same output folder.
  double lock_wait_seconds = 600;
  CaseStudyCache* cache = nullptr;  ///< Kept between builds by `serve`.
  PageCache* page_cache = nullptr;  ///< Kept between builds by `serve`.
  LinkIndex* link_cache = nullptr;  ///< Kept between builds by `serve`.
  /// When set, a successful build also writes the documents the search
  /// index was built from to this file (JSON, for other search tools).
  std::string search_docs;
  /// Called as each step finishes, with its name and milliseconds (the CLI
  /// prints progress with it on a terminal); may be empty.
  std::function<void(const std::string& step, double ms)> on_step;
};

struct BuildResult {
  bool ok = false;
  Diagnostics diags;
  Library library;
  OutputTree output;
  std::vector<std::pair<std::string, double>> timings_ms;  ///< Step → milliseconds.
  std::map<std::string, int> counts;                        ///< Kind → pages.
  /// What a setting left out of site.yaml leaves out of the site, one line
  /// each ("site.yaml sets no contact: …"); `build` prints them once.
  std::vector<std::string> notes;
};

/// Loads, validates and checks the Markdown, writing nothing (what
/// `commonplace check` runs).
bool LoadAndValidate(const BuildOptions& options, Library* lib, Diagnostics& diags);

/// Renders the whole site into `result->output` and, when options.write is
/// set, commits it to options.out_dir. On any error nothing is written and
/// the previous site is left as it was.
void Build(const BuildOptions& options, BuildResult* result);

/// Builds the site at `root` into memory for `base_url`, for the preview
/// server. On failure `errors` holds the formatted diagnostics.
bool BuildInMemory(const std::string& root, const std::string& base_url,
                   SiteFiles* files, std::string* errors,
                   CaseStudyCache* cache = nullptr, PageCache* page_cache = nullptr,
                   LinkIndex* link_cache = nullptr);
/// The same, with a copy of each file's bytes (for tests).
bool BuildInMemory(const std::string& root, const std::string& base_url,
                   std::map<std::string, std::string>* files, std::string* errors,
                   CaseStudyCache* cache = nullptr, PageCache* page_cache = nullptr,
                   LinkIndex* link_cache = nullptr);

/// Renders Markdown bodies and inline texts of the whole library. Unsafe
/// links and images from other hosts are removed from the HTML and, when
/// `diags` is given, reported as errors at their file and line. With
/// `defer_case_studies` the case studies are left for their pages to render
/// (a full build, so their HTML is not all held at once).
void RenderMarkdownBodies(Library* lib, int threads, Diagnostics* diags = nullptr,
                          bool defer_case_studies = false);

}  // namespace commonplace

#endif  // COMMONPLACE_PIPELINE_PIPELINE_H_
