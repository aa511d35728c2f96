#include "validate/validate.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>

#include "base/parallel.h"
#include "base/strings.h"

namespace commonplace {

// By case study path: what it was checked as (its text, and whether it
// failed to load) and what was found. Valid while the other files are as
// `fingerprint` says.
struct ValidationCache::Entries {
  struct Entry {
    uint64_t text_hash = 0;
    bool load_error = false;
    Diagnostics found;
    uint64_t build = 0;  // the last build that had this case study
  };
  std::string fingerprint;
  std::unordered_map<std::string, Entry> by_path;
  uint64_t build = 0;
};

ValidationCache::ValidationCache() : entries_(std::make_unique<Entries>()) {}
ValidationCache::~ValidationCache() = default;

namespace {

// Top-level output folders a page slug may not take.
const std::set<std::string> kReservedSlugs = {
    "assets",   "browse",  "casestudies", "data",       "datasets", "principles",
    "recommendations", "resources", "schema", "search", "sources", "statistics",
    "worksheets", "evidence-map", "feed", "findings"};

class Validator {
 public:
  Validator(const Library& lib, Diagnostics& diags, ValidationCache::Entries* cache = nullptr,
            size_t* reused = nullptr)
      : lib_(lib), diags_(diags), cache_(cache), reused_(reused),
        own_(std::make_shared<Shared>(lib.vocabularies)), shared_(*own_) {
    // Files that failed to load get no warnings: what was read of them is
    // incomplete, so "no impacts" and the like would only be noise.
    for (const auto& d : diags.items()) {
      if (d.severity == Severity::kError) own_->load_errors.insert(d.path);
    }
    for (const auto& s : lib.sources) own_->source_ids.push_back(s.id);
    for (const auto& p : lib.principles) own_->principle_ids.push_back(p.id);
  }

  void Run() {
    Sources();
    Vocabularies();
    // Each case study on any core, into its own list; the lists are then
    // taken in file order, so the report is the same as one at a time.
    std::vector<Diagnostics> found(lib_.case_studies.size());
    std::vector<char> kept(found.size(), 0);
    // The loader fingerprints every file but the case studies only when it
    // keeps a cache, and only then do case studies carry their text's hash.
    ValidationCache::Entries* cache =
        cache_ && !lib_.content_fingerprint.empty() ? cache_ : nullptr;
    if (reused_) *reused_ = 0;
    if (cache) {
      ++cache->build;
      if (cache->fingerprint != lib_.content_fingerprint) {
        cache->by_path.clear();
        cache->fingerprint = lib_.content_fingerprint;
      }
    }
    auto load_error = [&](const commonplace::CaseStudy& cs) {
      return load_errors_.count(cs.path) > 0;
    };
    ParallelFor(found.size(), ThreadCount(0), [&](size_t i) {
      const commonplace::CaseStudy& cs = lib_.case_studies[i];
      if (cache && cs.text_hash != 0) {
        // Looked up only while nothing is added; each entry is one case
        // study's, so marking it touches no other thread's.
        auto it = cache->by_path.find(cs.path);
        if (it != cache->by_path.end() && it->second.text_hash == cs.text_hash &&
            it->second.load_error == load_error(cs)) {
          found[i] = it->second.found;
          it->second.build = cache->build;
          kept[i] = 1;
          return;
        }
      }
      Validator(lib_, found[i], shared_).CaseStudy(cs);
    });
    if (cache) {
      size_t reused = 0;
      for (size_t i = 0; i < found.size(); ++i) {
        const commonplace::CaseStudy& cs = lib_.case_studies[i];
        if (kept[i]) {
          ++reused;
        } else if (cs.text_hash != 0) {
          cache->by_path[cs.path] = {cs.text_hash, load_error(cs), found[i], cache->build};
        }
      }
      // Case studies gone since the last build are forgotten.
      if (cache->by_path.size() > found.size()) {
        std::erase_if(cache->by_path,
                      [&](const auto& e) { return e.second.build != cache->build; });
      }
      *reused_ = reused;
    }
    // The case studies come in file order, which for a folder of files is
    // slug order: slugs that strictly increase are all different, and the
    // 10,000 need no table.
    bool increasing = true;
    for (size_t i = 1; i < found.size() && increasing; ++i) {
      increasing = lib_.case_studies[i - 1].slug < lib_.case_studies[i].slug;
    }
    std::unordered_map<std::string_view, const std::string*> slugs;
    for (size_t i = 0; i < found.size(); ++i) {
      const auto& cs = lib_.case_studies[i];
      if (!increasing) {
        auto [it, fresh] = slugs.emplace(cs.slug, &cs.path);
        if (!fresh) {
          // At the title when there is one, else the top of the file.
          SourcePos at = FieldPos(cs, "title");
          if (at.line <= 0) at = {1, 1};
          Error(cs.path, at, "", "duplicate slug '" + cs.slug + "': " + *it->second +
                                     " has the same file name",
                "rename one of the two files; the file name is the page's address");
        }
      }
      diags_.Append(found[i]);
    }
    Principles();
    Findings();
    Recommendations();
    Resources();
    Pages();
    Worksheets();
    Datasets();
  }

 private:
  void Error(const std::string& path, SourcePos pos, const std::string& field,
             const std::string& msg, const std::string& hint = "") {
    diags_.Error(path, pos, field, msg, hint);
  }

  void Slug(const std::string& path, SourcePos pos, const std::string& field,
            const std::string& what, const std::string& id) {
    if (id.empty() || IsValidSlug(id)) return;
    if (IsReservedDeviceName(id)) {
      Error(path, pos, field,
            what + " '" + id + "' is a name Windows reserves for a device (con, prn, aux, nul, "
                "com1-com9, lpt1-lpt9)",
            "choose another name, e.g. '" + id + "-project': a file or folder called '" + id +
                "' cannot be created on Windows, so the site could not be checked out or built "
                "there");
      return;
    }
    Error(path, pos, field, what + " '" + id + "' is not a valid id",
          "use lowercase letters, digits and single hyphens, e.g. 'barton-hill-micro-campus'");
  }

  void SourceRefs(const std::string& path, const std::string& field,
                  const std::vector<SourceRef>& refs) {
    for (size_t i = 0; i < refs.size(); ++i) {
      const auto& ref = refs[i];
      std::string f = field + "[" + std::to_string(i) + "].source";
      if (ref.source.empty()) continue;  // already reported as missing
      if (!lib_.FindSource(ref.source)) {
        std::string near = NearestMatch(ref.source, source_ids_);
        Error(path, ref.pos, f, "unknown source '" + ref.source + "'",
              near.empty() ? "add it to content/sources.yaml" : "did you mean '" + near + "'?");
      }
    }
  }

  void Term(const std::string& path, const TermUse& use) {
    const TermTable::Entry* known = terms_.Find(use.vocab);
    const Vocabulary* v = known ? known->vocabulary : nullptr;
    if (!v) {
      Error(path, use.pos, use.field, "vocabulary '" + use.vocab + "' does not exist",
            "add content/vocabularies/" + use.vocab + ".yaml");
      return;
    }
    // An empty value is reported once, by the loader, as "field '…' is
    // empty"; looking it up would only add a confusing "unknown term ''".
    if (TermTable::FindTerm(*known, use.term)) return;
    if (Trim(use.term).empty()) return;
    std::vector<std::string> ids;
    for (const auto& t : v->terms) ids.push_back(t.id);
    std::string near = NearestMatch(use.term, ids);
    Error(path, use.pos, use.field,
          "unknown term '" + use.term + "' in field '" + use.field + "' (vocabulary " + use.vocab +
              ")",
          near.empty() ? "see content/vocabularies/" + use.vocab + ".yaml for the allowed terms"
                       : "did you mean '" + near + "'?");
  }

  void Sources() {
    // Each url was checked as it was read (load/url_field.h), at the field.
    std::map<std::string, const Source*> seen;
    for (const auto& s : lib_.sources) {
      Slug(s.path, s.pos, "id", "source id", s.id);
      if (!s.id.empty() && !seen.emplace(s.id, &s).second) {
        Error(s.path, s.pos, "id", "duplicate source id '" + s.id + "'",
              "each source needs its own id");
      }
    }
  }

  void Vocabularies() {
    std::set<std::string> vocab_ids;
    for (const auto& v : lib_.vocabularies) {
      if (!vocab_ids.insert(v.id).second) {
        Error(v.path, {1, 1}, "id", "duplicate vocabulary id '" + v.id + "'");
      }
      SourceRefs(v.path, "sources", v.sources);
      std::set<std::string> ids;
      for (const auto& t : v.terms) {
        Slug(v.path, t.pos, "terms.id", "term id", t.id);
        if (!ids.insert(t.id).second) {
          Error(v.path, t.pos, "terms.id", "duplicate term '" + t.id + "' in vocabulary " + v.id);
        }
        SourceRefs(v.path, "terms.sources", t.sources);
      }
      for (const auto& t : v.terms) {
        if (t.parent.empty()) continue;
        if (!ids.count(t.parent)) {
          Error(v.path, t.pos, "terms.parent",
                "term '" + t.id + "' has unknown parent '" + t.parent + "'",
                "the parent must be another term of this vocabulary");
          continue;
        }
        // Walk up: a cycle would make term pages recurse forever.
        std::string cur = t.parent;
        for (size_t depth = 0; !cur.empty(); ++depth) {
          if (cur == t.id || depth > v.terms.size()) {
            Error(v.path, t.pos, "terms.parent", "term '" + t.id + "' is its own ancestor",
                  "remove the cycle in the 'parent' fields");
            break;
          }
          const commonplace::Term* p = v.Find(cur);
          cur = p ? p->parent : "";
        }
      }
    }
  }

  void CaseStudy(const commonplace::CaseStudy& cs) {
    const std::string& path = cs.path;
    Slug(path, {}, "", "file name", cs.slug);
    static const std::vector<std::string> kStatus = {"active", "ended", "unknown"};
    if (!cs.status.empty() &&
        std::find(kStatus.begin(), kStatus.end(), cs.status) == kStatus.end()) {
      std::string near = NearestMatch(cs.status, kStatus);
      Error(path, FieldPos(cs, "status"), "status", "unknown status '" + cs.status + "'",
            (near.empty() ? "" : "did you mean '" + near + "'? ") +
                "Use one of: active, ended, unknown");
    }
    if (cs.year_start && cs.year_end && *cs.year_start > *cs.year_end) {
      Error(path, FieldPos(cs, "years"), "years", "years.start (" + std::to_string(*cs.year_start) +
                                  ") is after years.end (" + std::to_string(*cs.year_end) + ")");
    }
    for (auto y : {cs.year_start, cs.year_end}) {
      if (y && (*y < 1800 || *y > 2100)) {
        Error(path, FieldPos(cs, "years"), "years", "year " + std::to_string(*y) + " is out of range",
              "write a four-digit year such as 2021");
      }
    }
    if (!cs.updated.empty() && !IsIsoDate(cs.updated)) {
      Error(path, FieldPos(cs, "updated"), "updated", "'" + cs.updated + "' is not a valid date",
            "write the date as YYYY-MM-DD, e.g. 2026-11-24");
    }
    for (const auto& use : cs.term_uses) Term(path, use);
    for (size_t i = 0; i < cs.principles.size(); ++i) {
      if (lib_.FindPrinciple(cs.principles[i])) continue;
      std::string near = NearestMatch(cs.principles[i], principle_ids_);
      Error(path, i < cs.principle_pos.size() ? cs.principle_pos[i] : SourcePos{},
            "principles[" + std::to_string(i) + "]", "unknown principle '" + cs.principles[i] + "'",
            near.empty() ? "principle ids are the file names in content/principles/"
                         : "did you mean '" + near + "'?");
    }
    SourceRefs(path, "sources", cs.sources);
    for (size_t i = 0; i < cs.figures.size(); ++i) {
      const auto& f = cs.figures[i];
      if (!f.source.empty() && !lib_.FindSource(f.source)) {
        Error(path, {}, "figures[" + std::to_string(i) + "].source",
              "unknown source '" + f.source + "'", "add it to content/sources.yaml");
      }
    }
    // Warnings: the page builds, but the evidence is weaker than it should be.
    if (load_errors_.count(path)) return;
    for (size_t i = 0; i < cs.sources.size(); ++i) {
      if (Trim(cs.sources[i].locator).empty() && !cs.sources[i].source.empty()) {
        diags_.Warning(path, cs.sources[i].pos, "sources[" + std::to_string(i) + "].locator",
                       "source '" + cs.sources[i].source + "' has no locator",
                       "add the section, page or lines, e.g. locator: \"p.38\"");
      }
    }
    if (cs.impacts.empty()) {
      diags_.Warning(path, FieldPos(cs, "title"), "impacts", "the case study lists no impacts",
                     "add at least one 'impacts' item with an area, if the source reports one");
    }
  }

  static SourcePos FieldPos(const commonplace::CaseStudy& cs, const std::string& field) {
    auto it = cs.field_pos.find(field);
    return it == cs.field_pos.end() ? SourcePos{} : it->second;
  }

  void Principles() {
    std::set<std::string> ids;
    for (const auto& p : lib_.principles) {
      Slug(p.path, {}, "", "file name", p.id);
      for (const auto& use : p.term_uses) Term(p.path, use);
      SourceRefs(p.path, "sources", p.sources);
    }
  }

  void Recommendations() {
    std::map<std::string, const Recommendation*> seen;
    for (const auto& r : lib_.recommendations) {
      Slug(r.path, r.pos, "id", "recommendation id", r.id);
      if (!r.id.empty()) {
        auto [it, fresh] = seen.emplace(r.id, &r);
        if (!fresh) {
          Error(r.path, r.pos, "id", "duplicate recommendation id '" + r.id + "'",
                "it is also used in " + it->second->path);
        }
      }
      if (!r.audience.empty()) Term(r.path, {"audiences", "audience", r.audience, {1, 1}});
      for (const auto& t : r.themes) Term(r.path, {"topics", "themes", t, r.pos});
      SourceRefs(r.path, "sources", r.sources);
      for (size_t i = 0; i < r.findings.size(); ++i) {
        FindingRef(r.path, r.finding_pos[i], "findings[" + std::to_string(i) + "]", r.findings[i]);
      }
      for (size_t i = 0; i < r.case_studies.size(); ++i) {
        CaseRef(r.path, r.case_study_pos[i], "case_studies[" + std::to_string(i) + "]",
                r.case_studies[i]);
      }
    }
  }

  void FindingRef(const std::string& path, SourcePos pos, const std::string& field,
                  const std::string& id) {
    if (id.empty() || lib_.FindFinding(id)) return;
    std::vector<std::string> ids;
    for (const auto& f : lib_.findings) ids.push_back(f.id);
    std::string near = NearestMatch(id, ids);
    Error(path, pos, field, "unknown finding '" + id + "'",
          near.empty() ? "findings are the files in content/findings/, named without '.md'"
                       : "did you mean '" + near + "'?");
  }

  void CaseRef(const std::string& path, SourcePos pos, const std::string& field,
               const std::string& slug) {
    if (slug.empty() || lib_.FindCaseStudy(slug)) return;
    std::vector<std::string> slugs;
    for (const auto& c : lib_.case_studies) slugs.push_back(c.slug);
    std::string near = NearestMatch(slug, slugs);
    Error(path, pos, field, "unknown case study '" + slug + "'",
          near.empty() ? "case studies are the files in casestudies/, named without '.md'"
                       : "did you mean '" + near + "'?");
  }

  void Findings() {
    for (const auto& f : lib_.findings) {
      Slug(f.path, f.pos, "", "file name", f.id);
      for (const auto& use : f.term_uses) Term(f.path, use);
      for (size_t i = 0; i < f.case_studies.size(); ++i) {
        CaseRef(f.path, f.case_study_pos[i], "case_studies[" + std::to_string(i) + "]",
                f.case_studies[i]);
      }
      SourceRefs(f.path, "sources", f.sources);
      if (f.sources.empty() && !load_errors_.count(f.path)) {
        Error(f.path, f.pos, "sources", "a finding must cite its source",
              "add 'sources: [{source: hei-ci-2026, locator: \"§4.3\"}]'");
      }
    }
  }

  void Resources() {
    std::set<std::string> ids;
    for (const auto& r : lib_.resources) {
      Slug(r.path, r.pos, "id", "resource id", r.id);
      if (!r.id.empty() && !ids.insert(r.id).second) {
        Error(r.path, r.pos, "id", "duplicate resource id '" + r.id + "'");
      }
      if (!r.kind.empty()) Term(r.path, {"resource-kinds", "kind", r.kind, r.pos});
      for (const auto& t : r.topics) Term(r.path, {"topics", "topics", t, r.pos});
      // Its url was checked as it was read (load/url_field.h), at the field;
      // url_printed is shown as text, never linked.
      SourceRefs(r.path, "sources", r.sources);
    }
  }

  void Worksheets() {
    for (const auto& w : lib_.worksheets) {
      Slug(w.path, w.pos, "id", "worksheet id", w.id);
      SourceRefs(w.path, "sources", w.sources);
      for (const auto& use : w.term_uses) Term(w.path, use);
    }
  }

  void Datasets() {
    for (const auto& d : lib_.datasets) {
      Slug(d.path, d.pos, "id", "dataset id", d.id);
      SourceRefs(d.path, "sources", d.sources);
    }
  }

  void Pages() {
    for (const auto& p : lib_.pages) {
      Slug(p.path, {}, "", "file name", p.slug);
      if (kReservedSlugs.count(p.slug)) {
        Error(p.path, {}, "", "the page name '" + p.slug + "' is used by a section of the site",
              "rename the file");
      }
    }
  }

  // What every check reads, made once and shared by the validators that
  // check case studies on other cores.
  struct Shared {
    explicit Shared(const std::vector<Vocabulary>& vocabularies) : terms(vocabularies) {}
    std::vector<std::string> source_ids;
    std::vector<std::string> principle_ids;
    const TermTable terms;  // for the 300,000 term uses of 10,000 case studies
    std::set<std::string> load_errors;
  };
  // One case study's validator, reporting into its own list.
  Validator(const Library& lib, Diagnostics& diags, const Shared& shared)
      : lib_(lib), diags_(diags), shared_(shared) {}

  const Library& lib_;
  Diagnostics& diags_;
  ValidationCache::Entries* cache_ = nullptr;  // the whole library's validator only
  size_t* reused_ = nullptr;
  std::shared_ptr<Shared> own_;  // null in a case study's validator
  const Shared& shared_;
  const std::vector<std::string>& source_ids_ = shared_.source_ids;
  const std::vector<std::string>& principle_ids_ = shared_.principle_ids;
  const TermTable& terms_ = shared_.terms;
  const std::set<std::string>& load_errors_ = shared_.load_errors;
};

}  // namespace

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
  return d <= max;
}

bool ValidateLibrary(const Library& lib, Diagnostics& diags, ValidationCache* cache) {
  int before = diags.ErrorCount();
  Validator(lib, diags, cache ? cache->entries_.get() : nullptr, cache ? &cache->reused_ : nullptr)
      .Run();
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
