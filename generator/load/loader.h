// load/: walks casestudies/ and content/, splits front matter and maps
// YAML into the model. Reports every problem it can find in one pass.
#ifndef COMMONPLACE_LOAD_LOADER_H_
#define COMMONPLACE_LOAD_LOADER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "base/diagnostic.h"
#include "model/model.h"

namespace commonplace {

/// Files larger than this are refused before parsing.
constexpr size_t kMaxContentFileBytes = 8 * 1024 * 1024;

/// Parsed case studies kept between builds by `serve`. A file whose size,
/// modification time and inode are as last time is not read again (unless
/// its time is too recent to tell two writes apart, as Git does); a file
/// that is read again is parsed (and its Markdown rendered) only when its
/// text's hash changed.
struct CaseStudyCache {
  struct Entry {
    uint64_t text_hash = 0;  ///< Of the normalised text.
    size_t text_size = 0;
    // What lstat said when the text was read.
    uint64_t file_size = 0;
    int64_t mtime_ns = 0;
    uint64_t inode = 0;
    uint64_t device = 0;
    /// Shared with the library of every build that reuses it (not copied):
    /// the pipeline's changes to it (its rendered body, its date) are kept.
    std::shared_ptr<CaseStudy> case_study;
    /// Its own `updated:` field, which a build replaces with the file's
    /// last commit date when Git has one.
    std::string updated_field;
    Diagnostics diags;
  };
  std::map<std::string, Entry> entries;  ///< Repository path → entry.
  /// site.yaml's Markdown options the entries were rendered with; entries
  /// rendered with others are dropped.
  std::string markdown_key;
  int reused = 0;      ///< Entries reused by the last load.
  int not_read = 0;    ///< Of those, files not even read (stat unchanged).
};

/// Loads the whole repository at `root` into `lib`. Returns false when any
/// error was reported (the library is still filled as far as possible, so
/// validation can report more problems in the same run).
bool LoadLibrary(const std::string& root, Library* lib, Diagnostics& diags, int threads = 1,
                 CaseStudyCache* cache = nullptr);

/// Reads a file as normalised text (BOM, CRLF, UTF-8 and size checks).
bool ReadContentFile(const std::string& root, const std::string& rel, std::string* text,
                     Diagnostics& diags);

/// Entity loaders, exposed for tests: `rel` is the repository-relative path
/// used in diagnostics and `text` the file's (normalised) content.
bool LoadSiteConfig(const std::string& rel, const std::string& text, SiteConfig* out,
                    Diagnostics& diags);
bool LoadCaseStudy(const std::string& rel, const std::string& text, CaseStudy* out,
                   Diagnostics& diags);
bool LoadPrinciple(const std::string& rel, const std::string& text, Principle* out,
                   Diagnostics& diags);
bool LoadFinding(const std::string& rel, const std::string& text, Finding* out,
                 Diagnostics& diags);
/// The kinds a finding may have: driver, barrier, enabler, impact.
const std::vector<std::string>& FindingKinds();
bool LoadPage(const std::string& rel, const std::string& text, Page* out, Diagnostics& diags);
bool LoadVocabulary(const std::string& rel, const std::string& text, Vocabulary* out,
                    Diagnostics& diags);
bool LoadSources(const std::string& rel, const std::string& text, std::vector<Source>* out,
                 Diagnostics& diags);
bool LoadRecommendations(const std::string& rel, const std::string& text,
                         std::vector<Recommendation>* out, Diagnostics& diags);
bool LoadWorksheet(const std::string& rel, const std::string& text, Worksheet* out,
                   Diagnostics& diags);
/// Reads the descriptor `rel` and the CSV beside it (under `root`).
bool LoadDataset(const std::string& root, const std::string& rel, const std::string& text,
                 Dataset* out, Diagnostics& diags);
bool LoadResources(const std::string& rel, const std::string& text, std::vector<Resource>* out,
                   Diagnostics& diags);

/// The case study the file `rel` under casestudies/ is: its slug, and for
/// one written in another of the site's languages only (`x.cy.md`, slug x)
/// that language ("" for a file in the content's language).
void CaseStudyFileName(const SiteConfig& config, const std::string& rel, std::string* slug,
                       std::string* lang);

/// The YAML content files a translation (`x.cy.yaml`) may stand beside.
enum class TextKind { kVocabulary, kRecommendations, kResources, kSources, kWorksheet, kDataset };
/// Reads a translation of a YAML content file: the original's shape, each
/// item by id with only the words it translates (a vocabulary's title and
/// description and its terms' labels and descriptions; a recommendation's
/// text; a resource's title, organisation and description; a source's note;
/// a worksheet's title, summary, purpose, who, time_needed, you_need and
/// steps, and each section's heading, prompt, scale labels, columns, rows
/// and items; a dataset's title, description, note and totals' labels, and
/// each column's label, description, blank and values).
bool LoadTextTranslation(TextKind kind, const std::string& rel, const std::string& text,
                         TextTranslation* out, Diagnostics& diags);

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_LOADER_H_
