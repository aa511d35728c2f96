// The content model: plain structs filled by load/, checked by validate/,
// cross-linked by Library::Link and read (never changed) by the renderers.
#ifndef COMMONPLACE_MODEL_MODEL_H_
#define COMMONPLACE_MODEL_MODEL_H_

#include <cstddef>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"

namespace commonplace {

/// A citation of one source, with where in it the evidence is.
struct SourceRef {
  std::string source;
  std::string locator;
  SourcePos pos;
};

/// One use of a controlled term, remembered with its position so validation
/// can point at it: `vocab` is the vocabulary id, `field` the dotted field.
struct TermUse {
  std::string vocab;
  std::string field;
  std::string term;
  SourcePos pos;
};

struct Place {
  std::string name;
  std::string region;
};

struct Partner {
  std::string name;
  std::string kind;
  std::string ci_category;
  std::string role;
};

struct Funding {
  std::string funder;
  std::string programme;
  std::optional<double> amount_gbp;
  std::string note;
};

struct Impact {
  std::string area;
  std::string level;
  std::string note;
};

/// A number the source reports; `value` is kept as written.
struct Figure {
  std::string label;
  std::string value;
  std::string unit;
  std::string printed;  ///< How the source prints it when not in digits ("twelve"); for checks only.
  std::string source;
  std::string locator;
};

/// Fields every Markdown-bodied entity shares.
struct Document {
  std::string path;       ///< Repository-relative file path.
  /// The Markdown source. The markdown pass renders it and frees a case
  /// study's, keeping only the addresses written in it (body_urls).
  std::string body_md;
  int body_line = 1;      ///< Line of the file where the body starts.
  std::string body_html;  ///< Filled by the markdown pass.
  std::string body_text;  ///< Plain text, for search and descriptions.
  std::vector<std::pair<std::string, std::string>> headings;  ///< (anchor, text) of h2s.
  /// YYYY-MM-DD: the last commit that changed the file, else a case study's
  /// `updated:` field, else "" (never the build's date).
  std::string updated;
  bool rendered = false;  ///< body_html and body_text are filled.
  /// The http(s) addresses written in the body, each with its line in the
  /// body (0 for the first), kept by the markdown pass for the link checks.
  std::vector<std::pair<std::string, int>> body_urls;
  /// The language the text is written in, when it is a translation
  /// (`slug.cy.md`); "" for the site's content_language.
  std::string lang;
  /// Unsafe links and images from other hosts the markdown pass removed,
  /// positioned in this file; kept with the rendered body so a cached
  /// document reports them again on every build.
  std::vector<Diagnostic> markdown_problems;
};

struct CaseStudy : Document {
  /// Hash of the file's normalised text when the loader is given a cache
  /// (`serve`), else 0: with the path it stands for every parsed field.
  uint64_t text_hash = 0;
  /// A digest of its term uses (vocabulary and term, in order), never 0 once
  /// the loader has set it: with the slug and title, what the related case
  /// studies are computed from, so a rebuild need not read 300,000 terms to
  /// know they are the same.
  uint64_t terms_digest = 0;
  std::string slug;
  std::string title;
  std::string summary;
  std::string partnership_type;
  std::string status;
  std::optional<int> year_start;
  std::optional<int> year_end;
  std::vector<Place> places;
  std::vector<Partner> partners;
  std::vector<std::string> activities;
  std::vector<Funding> funding;
  std::string formality;
  std::string partnership_model;
  std::vector<std::string> emergence;
  std::vector<std::string> drivers;
  std::vector<std::string> barriers;
  std::vector<std::string> enablers;
  std::vector<std::string> strategies;
  std::vector<std::string> learning;
  std::vector<Impact> impacts;
  std::vector<std::string> principles;
  std::vector<SourcePos> principle_pos;
  std::vector<Figure> figures;
  std::vector<SourceRef> sources;
  bool anonymised = false;
  std::string editor_note;  ///< For editors only: shown under "About this evidence".
  std::vector<TermUse> term_uses;
  std::map<std::string, SourcePos> field_pos;  ///< Top-level key → position of its value.
};

struct Term {
  std::string id;
  std::string label;
  std::string description;
  std::string parent;
  std::vector<SourceRef> sources;
  std::string editor_note;
  SourcePos pos;
  std::string lang;  ///< Set when a translation gave the label (`x.cy.yaml`); "" otherwise.
};

struct Vocabulary {
  std::string id;
  std::string path;
  std::string title;
  std::string description;
  std::vector<SourceRef> sources;
  std::vector<Term> terms;
  const Term* Find(const std::string& term_id) const;
  std::string lang;  ///< Set when a translation gave the title; "" otherwise.
};

struct Principle : Document {
  std::string id;
  std::string title;
  std::string group;
  int order = 0;
  std::string summary;
  std::vector<SourceRef> sources;
  std::string editor_note;
  std::vector<TermUse> term_uses;
};

struct Recommendation {
  std::string id;
  std::string audience;
  std::string text;
  std::string text_html;
  std::vector<std::string> themes;
  std::vector<SourceRef> sources;
  /// The findings and case studies that support it, by id and slug.
  std::vector<std::string> findings;
  std::vector<SourcePos> finding_pos;
  std::vector<std::string> case_studies;
  std::vector<SourcePos> case_study_pos;
  std::string editor_note;
  std::string path;
  SourcePos pos;
  std::string lang;  ///< Set when a translation gave the text; "" otherwise.
};

struct Resource {
  std::string id;
  std::string title;
  std::string organisation;
  std::string kind;
  std::string url;
  std::string url_printed;
  std::string url_note;
  std::string description;
  std::vector<std::string> topics;
  std::vector<SourceRef> sources;
  std::string editor_note;
  std::string path;
  SourcePos pos;
  std::string lang;  ///< Set when a translation gave the words; "" otherwise.
};

struct Source {
  std::string id;
  std::string kind;
  std::vector<std::string> authors;
  std::string title;
  std::string publisher;
  std::string year;
  std::string url;
  std::string licence;
  std::string note;
  std::string editor_note;
  std::string path;
  SourcePos pos;
  std::string note_lang;  ///< Set when a translation gave the note; "" otherwise.
};

/// Words a participant said, as the source prints them.
struct Quotation {
  std::string text;
  std::string by;       ///< The report's participant code ("R29-CI"), or the speaker as described.
  std::string locator;
  SourcePos pos;
};

/// One claim a source makes about what drives, blocks, enables or results
/// from a partnership: content/findings/<id>.md.
struct Finding : Document {
  std::string id;
  std::string title;
  std::string summary;
  std::string kind;  ///< driver, barrier, enabler or impact
  std::vector<std::string> case_studies;
  std::vector<SourcePos> case_study_pos;
  std::vector<std::string> participants;  ///< Interview participant codes the source cites.
  std::vector<Quotation> quotations;
  std::vector<SourceRef> sources;
  std::string editor_note;
  std::vector<TermUse> term_uses;  ///< drivers, barriers, enablers, impact_areas, topics
  SourcePos pos;
  /// The terms it bears on in one vocabulary.
  std::vector<std::string> Terms(const std::string& vocab) const;
};

struct Page : Document {
  std::string slug;
  std::string title;
  std::string summary;
  int order = 0;
  /// `contact: <heading>`: the page ends with a section under this heading
  /// giving site.yaml's contact (none when contact is unset).
  std::string contact_heading;
};

/// One part of a worksheet that people fill in.
struct WorksheetSection {
  std::string id;
  std::string heading;
  std::string kind;  ///< text, table, checklist or scale
  std::string prompt;
  int lines = 4;                     ///< text: lines of writing space
  std::vector<std::string> columns;  ///< table: column headings
  std::vector<std::string> rows;     ///< table: row labels (may be empty)
  int empty_rows = 0;                ///< table: unlabelled rows to fill in
  std::vector<std::string> items;    ///< checklist and scale: the items
  int scale_min = 1, scale_max = 5;  ///< scale
  std::string min_label, max_label;  ///< scale
  std::string lang;                  ///< Set when a translation gave its words; "" otherwise.
};

/// A downloadable worksheet, defined once in content/templates/<id>.yaml.
struct Worksheet {
  std::string id;
  std::string path;
  std::string title;
  std::string summary;
  std::string purpose;
  std::string who;
  std::string time_needed;
  std::vector<std::string> you_need;
  std::vector<std::string> steps;
  std::vector<WorksheetSection> sections;
  std::vector<SourceRef> sources;
  std::vector<std::string> topics;  ///< Terms of the topics vocabulary.
  std::vector<TermUse> term_uses;
  int order = 100;
  SourcePos pos;
  std::string lang;  ///< Set when a translation gave its words (`<id>.cy.yaml`); "" otherwise.
};

struct DatasetColumn {
  std::string id;
  std::string label;
  std::string type;  ///< category, integer, number or text
  std::string description;
  std::string blank = "(blank)";  ///< How an empty value is shown.
  /// The language of its label, description and blank when a translation
  /// gave them; "" for the content's own.
  std::string lang{};
  /// Values as a translation shows them (`Age of CUP` → `Oed y bartneriaeth`),
  /// in the dataset's `lang`; a value not here is shown as the CSV has it.
  /// The rows themselves are never changed, so filters and downloads agree.
  std::map<std::string, std::string> shown{};
};

/// A total the source prints, which the rows should add up to.
struct DatasetTotal {
  std::string label;
  std::vector<std::pair<std::string, std::string>> where;  ///< column = value filters
  double value = 0;
  std::string locator;
  SourcePos pos;
};

/// A published table: content/datasets/<id>.csv described by <id>.yaml.
struct Dataset {
  std::string id;
  std::string path;      ///< The descriptor (.yaml).
  std::string csv_path;  ///< The rows (.csv).
  std::string title;
  std::string description;
  std::string note;      ///< Anything a reader must know (anonymisation, errors in the source).
  std::vector<SourceRef> sources;
  std::string weight;    ///< Column holding a count per row, or "" (each row counts 1).
  std::string group_by;  ///< Column whose values split the frequency tables, or "".
  std::vector<DatasetColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> summaries;  ///< Columns to tabulate.
  std::vector<std::pair<std::string, std::string>> crosstabs;
  std::vector<DatasetTotal> totals;
  SourcePos pos;
  /// The language of its title, description, note and translated values
  /// when a translation (`<id>.cy.yaml`) gave them; "" for the content's own.
  std::string lang{};
  std::string totals_lang{};  ///< The same for the totals' labels.
  int Column(const std::string& id) const;  ///< Index, or -1.
};

struct NavItem {
  std::string title;
  std::string url;  ///< Site-relative ("casestudies/") or absolute http(s).
  /// The title in other languages (`titles: {cy: Astudiaethau achos}`).
  std::map<std::string, std::string> titles;
};

/// Everything a host changes: read from site.yaml.
struct SiteConfig {
  std::string title = "Commonplace";
  std::string tagline;
  std::string description;
  /// The address the site is served from; always ends with '/'. Empty when
  /// site.yaml sets none: pages link relatively and the site has no
  /// canonical links, og:url, sitemap or feed, which need an absolute address.
  std::string base_url;
  std::string language = "en-GB";
  /// site.yaml `languages: [cy, en]`: the languages the site is published
  /// in, the first the default. Empty means one language, English, with the
  /// page language from `language`.
  std::vector<std::string> languages;
  /// The language of content files without a language suffix (`x.md`);
  /// `x.cy.md` beside it is its Welsh translation.
  std::string content_language = "en";
  /// site.yaml `translations: {cy: {title: …, tagline: …, description: …}}`:
  /// the site's own words in another of its languages.
  struct Words {
    std::string title, tagline, description;
  };
  std::map<std::string, Words> translations;
  std::string author;
  std::string licence_name;
  std::string licence_url;
  std::string repository_url;
  std::string repository_branch = "main";
  /// "Edit this page" pattern with {path} (and {branch}), e.g.
  /// https://gitlab.com/org/repo/-/edit/main/{path}; "" uses GitHub's form.
  std::string repository_edit_url;
  /// Who runs this copy of the site: named in the footer and the
  /// accessibility statement (left out when unset).
  std::string organisation_name;
  std::string organisation_url;
  /// How readers reach the people who run the site: an email address and/or
  /// an http(s) address (an issue tracker, a contact form). Shown on pages
  /// whose front matter asks for it (`contact: <heading>`); hidden when unset.
  std::string contact_email;
  std::string contact_url;
  std::string logo;  ///< Site-relative path of an image in the theme's static folder.
  std::map<std::string, std::string> colours;  ///< CSS custom property → value.
  std::vector<NavItem> navigation;
  std::string footer_md;
  SourcePos footer_pos;  ///< Where `footer` is in site.yaml.
  std::string footer_html;
  bool allow_raw_html = false;
  std::string theme_dir;  ///< Optional host theme folder overriding themes/default.
  std::map<std::string, bool> sections;  ///< e.g. statistics: false hides a section.
  std::vector<std::pair<std::string, double>> search_fields;
  /// search.synonyms: a word readers type → the words the content uses
  /// ("welsh" → "wales"). A page that uses one of the latter also gets the
  /// former, in the search field "also"; the index stays a plain Lunr index.
  std::vector<std::pair<std::string, std::vector<std::string>>> search_synonyms;
  int feed_limit = 20;
  int recent_limit = 6;
  std::string evidence_map_rows = "enablers";
  std::string evidence_map_columns = "impact-areas";

  /// Where each setting is in site.yaml ("repository.url" → line and
  /// column), for messages about a value that is valid but not yet the host's.
  std::map<std::string, SourcePos> positions;

  /// The path part of base_url ("/" or "/evidence/"); "/" when none is set.
  std::string BasePath() const;
  bool HasBaseUrl() const { return !base_url.empty(); }
  bool ShowSection(const std::string& name) const;
};

/// Which vocabulary each case-study field draws from, in display order.
struct VocabField {
  const char* field;       ///< Front-matter key.
  const char* vocab;       ///< Vocabulary id.
  const char* label;       ///< Heading on the case-study page.
};
const std::vector<VocabField>& CaseStudyVocabFields();

/// A translation of a YAML content file's words: the same shape as the
/// original, each item named by its id with only the fields it translates.
struct TextTranslation {
  std::string path;      ///< The translation (`content/resources.cy.yaml`).
  std::string original;  ///< The file it translates (`content/resources.yaml`).
  std::string lang;
  std::map<std::string, std::string> fields;  ///< The file's own fields (a vocabulary's title).
  /// The file's own lists of words (a worksheet's steps), each as long as the original's.
  std::map<std::string, std::vector<std::string>> lists;
  struct Item {
    std::string id;
    SourcePos pos;
    std::map<std::string, std::string> fields;
    std::map<std::string, std::vector<std::string>> lists;  ///< A worksheet section's rows, items, …
    std::map<std::string, SourcePos> list_pos;               ///< Where each list is, for errors.
    /// Words by the original's words (a dataset column's `values`), and where each is.
    std::map<std::string, std::string> values;
    std::map<std::string, SourcePos> value_pos;
  };
  std::map<std::string, SourcePos> list_pos;  ///< Where each of the file's own lists is.
  std::vector<Item> items;
};

/// The case studies of a library. It reads like a std::vector<CaseStudy>,
/// but holds each case study by shared ownership, so `serve`'s cache
/// (load/'s CaseStudyCache) and the library hold an unchanged case study
/// once: a rebuild neither copies it out of the cache nor frees the copy.
/// Copying a list copies every case study (a translated library changes
/// its copies, never the originals); Share() adds one without copying.
class CaseStudyList {
  using Ptrs = std::vector<std::shared_ptr<CaseStudy>>;

 public:
  template <typename T, typename It>
  class Iter {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = CaseStudy;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = T&;
    Iter() = default;
    explicit Iter(It it) : it_(it) {}
    /// An iterator converts to a const_iterator, not the other way.
    template <typename U, typename = std::enable_if_t<std::is_const_v<T> && !std::is_const_v<U>>>
    Iter(const Iter<U, It>& o) : it_(o.base()) {}
    T& operator*() const { return **it_; }
    T* operator->() const { return it_->get(); }
    T& operator[](difference_type n) const { return *it_[n]; }
    Iter& operator++() { ++it_; return *this; }
    Iter operator++(int) { return Iter(it_++); }
    Iter& operator--() { --it_; return *this; }
    Iter operator--(int) { return Iter(it_--); }
    Iter& operator+=(difference_type n) { it_ += n; return *this; }
    Iter& operator-=(difference_type n) { it_ -= n; return *this; }
    Iter operator+(difference_type n) const { return Iter(it_ + n); }
    friend Iter operator+(difference_type n, Iter i) { return i + n; }
    Iter operator-(difference_type n) const { return Iter(it_ - n); }
    difference_type operator-(const Iter& o) const { return it_ - o.it_; }
    bool operator==(const Iter& o) const { return it_ == o.it_; }
    bool operator!=(const Iter& o) const { return it_ != o.it_; }
    bool operator<(const Iter& o) const { return it_ < o.it_; }
    bool operator>(const Iter& o) const { return it_ > o.it_; }
    bool operator<=(const Iter& o) const { return it_ <= o.it_; }
    bool operator>=(const Iter& o) const { return it_ >= o.it_; }
    It base() const { return it_; }

   private:
    It it_{};
  };
  using iterator = Iter<CaseStudy, Ptrs::const_iterator>;
  using const_iterator = Iter<const CaseStudy, Ptrs::const_iterator>;
  using value_type = CaseStudy;
  using size_type = size_t;

  CaseStudyList() = default;
  CaseStudyList(const CaseStudyList& o) { *this = o; }
  CaseStudyList& operator=(const CaseStudyList& o) {
    if (this == &o) return *this;
    Ptrs copies;
    copies.reserve(o.items_.size());
    for (const auto& p : o.items_) copies.push_back(std::make_shared<CaseStudy>(*p));
    items_ = std::move(copies);
    return *this;
  }
  CaseStudyList(CaseStudyList&&) noexcept = default;
  CaseStudyList& operator=(CaseStudyList&&) noexcept = default;

  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  CaseStudy& operator[](size_t i) { return *items_[i]; }
  const CaseStudy& operator[](size_t i) const { return *items_[i]; }
  CaseStudy& front() { return *items_.front(); }
  const CaseStudy& front() const { return *items_.front(); }
  CaseStudy& back() { return *items_.back(); }
  const CaseStudy& back() const { return *items_.back(); }
  iterator begin() { return iterator(items_.cbegin()); }
  iterator end() { return iterator(items_.cend()); }
  const_iterator begin() const { return const_iterator(items_.cbegin()); }
  const_iterator end() const { return const_iterator(items_.cend()); }

  void reserve(size_t n) { items_.reserve(n); }
  void clear() { items_.clear(); }
  /// Grows with default case studies or drops the last ones.
  void resize(size_t n) {
    if (n < items_.size()) items_.resize(n);
    while (items_.size() < n) items_.push_back(std::make_shared<CaseStudy>());
  }
  void push_back(const CaseStudy& cs) { items_.push_back(std::make_shared<CaseStudy>(cs)); }
  void push_back(CaseStudy&& cs) { items_.push_back(std::make_shared<CaseStudy>(std::move(cs))); }
  /// Adds `cs` itself, not a copy: whoever else holds it sees the
  /// library's changes to it (the pipeline's rendered body, its date).
  void Share(std::shared_ptr<CaseStudy> cs) { items_.push_back(std::move(cs)); }

 private:
  Ptrs items_;
};

/// The whole content of a site, cross-linked.
/// Each vocabulary's terms by id, for looking up many term uses at once
/// (FindVocabulary and Vocabulary::Find scan a list each time). The first
/// vocabulary and the first term of an id win, as those find them. Views
/// into `vocabularies`: valid while it is unchanged.
struct TermTable {
  struct Entry {
    const Vocabulary* vocabulary = nullptr;
    std::unordered_map<std::string_view, const Term*> terms;
  };
  std::unordered_map<std::string_view, Entry> by_vocabulary;

  explicit TermTable(const std::vector<Vocabulary>& vocabularies);
  /// The vocabulary `id`, or null.
  const Entry* Find(std::string_view id) const;
  /// Term `term` of `entry`'s vocabulary, or null.
  static const Term* FindTerm(const Entry& entry, std::string_view term);
};

struct Library {
  SiteConfig config;
  /// When the loader is given a cache (`serve`): one line per content file
  /// other than a case study, "path size hash", so a rebuild can tell
  /// whether anything but the case studies changed.
  std::string content_fingerprint;
  CaseStudyList case_studies;           ///< Sorted by slug.
  std::vector<Finding> findings;         ///< Sorted by id.
  std::vector<Principle> principles;     ///< Sorted by group order, then order.
  std::vector<Recommendation> recommendations;
  std::vector<Resource> resources;
  std::vector<Source> sources;
  std::vector<Vocabulary> vocabularies;
  std::vector<Page> pages;
  std::vector<Worksheet> worksheets;
  std::vector<Dataset> datasets;  ///< Sorted by id.
  /// Translations of case studies and pages (`slug.<lang>.md`, for a
  /// language site.yaml lists), each with its `lang`; the pipeline puts
  /// them in place of the originals for that language's pages.
  std::vector<CaseStudy> case_translations;
  std::vector<Page> page_translations;
  std::vector<Principle> principle_translations;
  std::vector<Finding> finding_translations;
  /// Translations of YAML content (`resources.cy.yaml`,
  /// `vocabularies/regions.cy.yaml`, `recommendations/x.cy.yaml`): the words
  /// of items named by id, laid over the original for that language.
  std::vector<TextTranslation> text_translations;

  // Filled by Link(): reverse references (indexes into the vectors above).
  std::map<std::string, std::vector<size_t>> cases_by_principle;
  std::map<std::string, std::map<std::string, std::vector<size_t>>> cases_by_term;  ///< vocab → term → cases
  struct Citation {
    std::string kind;   ///< "case-study", "principle", … (source.cited_by.* names them)
    std::string title;
    std::string url;    ///< Site-relative.
    std::string locator;
    std::string lang;   ///< The title's language when a translation gave it; "" otherwise.
  };
  std::map<std::string, std::vector<Citation>> citations_by_source;
  std::map<std::string, std::map<std::string, std::vector<size_t>>> findings_by_term;  ///< vocab → term → findings
  std::map<std::string, std::vector<size_t>> findings_by_case;  ///< slug → findings that cite it
  std::map<std::string, std::map<std::string, std::vector<size_t>>> principles_by_term;  ///< vocab → term → principles
  std::map<std::string, std::map<std::string, std::vector<size_t>>> worksheets_by_term;  ///< vocab → term → worksheets

  const Vocabulary* FindVocabulary(const std::string& id) const;
  const Source* FindSource(const std::string& id) const;
  const Principle* FindPrinciple(const std::string& id) const;
  const Finding* FindFinding(const std::string& id) const;
  const CaseStudy* FindCaseStudy(const std::string& slug) const;
  /// The index in case_studies of the case study with this slug, if any.
  std::optional<size_t> CaseStudyIndex(const std::string& slug) const;
  std::string TermLabel(const std::string& vocab, const std::string& term) const;

  /// Computes the reverse references. Call after validation succeeded.
  void Link();
};

}  // namespace commonplace

#endif  // COMMONPLACE_MODEL_MODEL_H_
