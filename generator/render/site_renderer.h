// render/: turns the cross-linked Library into the site's files. Views are
// built here; templates only format them. Every output is added to an
// OutputTree, which the pipeline commits in one step.
#ifndef COMMONPLACE_RENDER_SITE_RENDERER_H_
#define COMMONPLACE_RENDER_SITE_RENDERER_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <mstch/mstch.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/fs.h"
#include "cite/cite.h"
#include "facets/facets.h"
#include "model/model.h"
#include "render/page_cache.h"
#include "render/theme.h"
#include "stats/collection.h"
#include "stats/evidence_map.h"

namespace commonplace {

/// What a page contributes to the search index and the sitemap.
struct PageRecord {
  std::string url;    ///< Site-relative directory URL ("casestudies/x/") or file.
  std::string kind;   ///< "case-study", "principle", …
  std::string title;
  std::string summary;
  std::string body_text;
  std::string themes;  ///< Term labels, space-separated (search field "themes").
  std::string places;
  std::string partners;
  std::string type;    ///< Partnership type id (search filter).
  std::vector<std::string> nations;
  std::string lastmod;  ///< YYYY-MM-DD when known.
  /// (anchor, text) of the body's top-level headings, in order, so search
  /// can name and link the section a match is in.
  std::vector<std::pair<std::string, std::string>> headings = {};
  /// The language of its title and summary when not the page's, else "".
  std::string lang = {};
  /// Digest of url, kind, title, summary, body_text, themes, places,
  /// partners, lang and headings (what a search result file and a page's
  /// extra search words are made from); set by SiteRenderer::AddRecord.
  PageKey digest = {};
};
/// A record is kept with its page between builds and shared, not copied.
using PageRecords = std::vector<std::shared_ptr<const PageRecord>>;
/// The digest PageRecord::digest holds.
PageKey RecordDigest(const PageRecord& r);

/// One language of a multilingual site (site.yaml `languages`).
struct SiteLanguage {
  std::string code;      ///< "cy"
  std::string prefix;    ///< "" for the first language, "cy/" for the others.
  std::string name;      ///< Its own name, for the switcher ("Cymraeg").
  std::string base_url;  ///< Its absolute address, or "" without base_url.
};

/// A value of a page's view that is costly to make (the cards of every case
/// study filed under a term): the page is keyed on a digest of what it is
/// made from, and it is made only when the page is rendered, not when a
/// kept page is reused.
struct DeferredValue {
  std::string name;  ///< Its name in the view.
  bool keyed = false;  ///< False: `key` stands for nothing, so it is made at once.
  PageKey key;
  std::function<std::string()> make;
};

/// Everything a page needs besides its own view.
struct PageMeta {
  std::string url;          ///< Site-relative directory URL; "" is the home page.
  std::string title;        ///< The page's own title (h1).
  std::string description;  ///< Meta description.
  std::string og_type = "website";
  std::string jsonld;       ///< Already-escaped JSON for a ld+json block, or "".
  std::string edit_path;    ///< Repository path for "edit this page", or "".
  std::vector<std::string> scripts;  ///< Site-relative script paths.
  std::vector<std::string> styles;   ///< Extra site-relative stylesheets.
  std::string nav_section;  ///< Which navigation item is current.
  bool chrome = true;       ///< False for print pages: no header, nav or footer.
  bool noindex = false;
  /// Highwire Press `citation_*` meta tags (name, content), for the head.
  std::vector<std::pair<std::string, std::string>> citation_meta;
  /// Values the view gains when the page is rendered (see DeferredValue).
  std::vector<DeferredValue> deferred;
};

class SiteRenderer {
 public:
  SiteRenderer(const Library& lib, const Theme& theme, OutputTree* out)
      : lib_(lib), theme_(theme), out_(out) {}

  /// Renders every page of the content model. Extra sections (statistics,
  /// worksheets, search index) are added by their own renderers through
  /// AddPage and records().
  void RenderAll();

  /// Renders `template_name` with `view` inside the layout and adds it at
  /// `meta.url` + "index.html". `view` gains "root" (the relative path to
  /// the site root).
  void AddPage(const std::string& template_name, mstch::map view, const PageMeta& meta);
  void AddRecord(PageRecord r) { records_.push_back(MakeRecord(std::move(r))); }
  /// A record whose digest is set (by MakeRecord).
  void AddRecord(std::shared_ptr<const PageRecord> r) { records_.push_back(std::move(r)); }
  static std::shared_ptr<const PageRecord> MakeRecord(PageRecord r) {
    r.digest = RecordDigest(r);
    return std::make_shared<const PageRecord>(std::move(r));
  }
  /// Records that an optional section (worksheets, statistics) is built,
  /// so navigation and home-page links may point at it.
  void AddSection(const std::string& name) { built_sections_.insert(name); }
  bool HasSection(const std::string& name) const { return built_sections_.count(name) > 0; }
  /// Threads for the per-case pages (the output does not depend on it).
  void set_threads(int threads) { threads_ = threads; }
  /// The site's languages and which of them this renderer writes: pages
  /// link to their counterparts (hreflang, the switcher), and content not
  /// written in `all[current]` is marked with its own language.
  void set_languages(std::vector<SiteLanguage> all, size_t current) {
    languages_ = std::move(all);
    current_language_ = current;
  }
  /// The page language ("cy"), or site.yaml's `language` for a site that
  /// names no languages.
  std::string PageLanguage() const;
  /// Text written in `lang` ("" for the content's own language): that
  /// language when it is not the page's, for a `lang` attribute; else "".
  std::string LanguageIfOther(const std::string& lang) const;
  /// A document's own language when it is not the page language, else "".
  std::string ContentLanguageIfOther(const Document& d) const;
  /// The same for a term's label (a vocabulary's translation gives it).
  std::string TermLanguageIfOther(const std::string& vocab, const std::string& term) const;
  /// Adds "content_lang" and "untranslated" (the notice) to `view` for a
  /// document not written in the page language.
  void MarkLanguage(const Document& d, mstch::map* view) const;
  /// Pages from an earlier build to reuse where their inputs are the same.
  void set_page_cache(PageCache* cache) { page_cache_ = cache; }
  /// `lib` is the library this renderer shows, and nothing shows its case
  /// studies' bodies after their pages: each page's search record takes its
  /// case study's plain text instead of copying it, and its HTML is freed
  /// once the page is made, so a full build does not hold every body twice.
  void set_take_bodies(Library* lib) { take_bodies_ = lib; }
  /// With set_take_bodies: makes a case study's body (HTML, plain text,
  /// headings) when its page is made, for a build that did not make them
  /// all beforehand, so the HTML of pages not yet made is never held.
  void set_body_maker(std::function<void(CaseStudy&)> make) { make_body_ = std::move(make); }
  /// Where a page at `path` sits in the page cache: under its language's
  /// prefix, so the languages of one site do not evict each other's pages.
  std::string CachePath(const std::string& path) const {
    return languages_.empty() ? path : languages_[current_language_].prefix + path;
  }

  const PageRecords& records() const { return records_; }
  /// TitleOrder(library()), as RenderAll found it.
  const std::vector<size_t>& title_order() const { return title_order_; }
  const Library& library() const { return lib_; }
  const Theme& theme() const { return theme_; }
  /// An interface string in the site's language (the theme's i18n file).
  std::string T(const std::string& key, const MessageArgs& args = {}) const {
    return theme_.messages().Get(key, args);
  }
  const Messages& messages() const { return theme_.messages(); }
  OutputTree* out() { return out_; }

  /// The relative path from a page at `url` to the site root ("../../").
  static std::string RootFor(const std::string& url);
  /// Site-relative URL of a vocabulary term page.
  static std::string TermUrl(const std::string& vocab, const std::string& term);

  /// Writes sitemap.xml, feed.xml, robots.txt and 404.html. Call last.
  void RenderSiteFiles();

  /// False when the site-relative `url` is in a section the host turned off
  /// in site.yaml (`sections: {resources: false}`), or in an optional
  /// section (worksheets, statistics) that is not built. Generated links to
  /// other pages go through this so a turned-off section leaves no link.
  bool Linkable(const std::string& url) const;
  /// Links written in content (Markdown bodies, the footer) to a section the
  /// host turned off: each becomes plain text, with a warning for `file`.
  /// `page_url` is the page the HTML appears on (links are relative to it).
  std::string UnlinkOffSections(const std::string& html, const std::string& page_url,
                                const std::string& file);
  /// The same, putting the warnings in `warnings` instead (for a page that
  /// keeps them, to give them again when it is reused).
  std::string UnlinkOffSections(const std::string& html, const std::string& page_url,
                                const std::string& file, std::vector<Diagnostic>* warnings) const;
  /// Warnings from rendering (links to turned-off sections), for the build.
  std::vector<Diagnostic> TakeWarnings();

 private:
  void RenderHome();
  void RenderCaseStudies();
  std::shared_ptr<const PageRecord> RenderCaseStudy(const std::vector<size_t>& order, size_t pos);
  /// What a case study gives the search index and the sitemap.
  /// `take_text`, when given, is the case study's plain text, moved into
  /// the record instead of copied.
  PageRecord CaseStudyRecord(const CaseStudy& cs, std::string* take_text = nullptr) const;
  void RenderBrowse();
  void RenderPrinciples();
  void RenderFindings();
  mstch::map FindingCard(const Finding& f) const;
  mstch::array FindingCards(const std::vector<size_t>& indexes) const;
  /// A theme term's synthesis: its findings, counts, strength and gaps.
  mstch::map ThemeView(const std::string& vocab, const std::string& term) const;
  /// synthesis/'s strength rules, for the pages that state them.
  mstch::map StrengthRulesView() const;
  /// A strength label of synthesis/ ("Strong") in the page language.
  std::string StrengthLabel(const std::string& label) const;
  void RenderRecommendations();
  void RenderResources();
  void RenderSources();
  void RenderPages();
  void RenderSearchPage();
  void RenderContributeForm();  ///< contribute/new/ (contribute_form.cc)
  void RenderWorksheets();
  void RenderStatistics();
  void RenderEvidenceMap(const EvidenceMap& map);  ///< The map page, its data and its cell pages.
  /// The view of one figure; also writes its CSV and JSON downloads.
  mstch::map StatBlockView(const StatBlock& b, const std::string& root);
  void RenderAssets();

  mstch::map CaseCard(const CaseStudy& cs) const;
  /// The <li> cards of the given case studies, sorted by title, for a page
  /// whose root is `root`, as the view's `name` (deferred: a kept page needs
  /// only the cards' keys). Each card is rendered once per root and reused:
  /// term pages list thousands of them.
  DeferredValue CaseCards(const std::vector<size_t>& indexes, const std::string& root,
                          std::string name = "cards_html");
  /// Every case study's card for pages at `root`, rendered on first use
  /// (on every core); safe to call from several threads.
  const std::vector<SharedBytes>& Cards(const std::string& root);
  std::string RootOf(const std::string& url) const { return RootFor(url); }
  mstch::array SourceList(const std::vector<SourceRef>& refs) const;
  mstch::map TermLink(const std::string& vocab, const std::string& term) const;
  mstch::array NavItems(const std::string& current) const;
  /// The page's absolute address, or "" when site.yaml sets no base_url.
  std::string Canonical(const std::string& url) const {
    return lib_.config.HasBaseUrl() ? lib_.config.base_url + url : std::string();
  }
  std::string EditUrl(const std::string& path) const;
  /// The citation of the page at site-relative `url`, last changed on `date`.
  cite::Record PageCitation(const std::string& slug, const std::string& title,
                            const std::string& date, const std::string& url) const {
    return cite::ForPage(lib_.config, slug, title, date, Canonical(url));
  }
  /// "Cite this": the view of partials/cite.mustache for `r` — APA and
  /// Harvard, and RIS, BibTeX and CSL-JSON downloads named after `file` —
  /// with its Highwire meta tags added to `meta`. `what` ends the heading
  /// ("case study"). `lang` is the language the cited item is written in
  /// ("" for the content's own), so its title is marked on other pages.
  mstch::map CiteView(const cite::Record& r, const std::string& what, const std::string& file,
                      PageMeta* meta, const std::string& lang) const;

  const Library& lib_;
  const Theme& theme_;
  OutputTree* out_;
  PageRecords records_;
  int threads_ = 1;
  PageCache* page_cache_ = nullptr;
  Library* take_bodies_ = nullptr;
  std::function<void(CaseStudy&)> make_body_;
  std::vector<SiteLanguage> languages_;
  size_t current_language_ = 0;
  /// Digest of what every page may show besides its own inputs: the theme,
  /// every content file but the case studies, the base URL, the sections.
  PageKey common_inputs_;
  bool have_common_inputs_ = false;
  std::set<std::string> built_sections_;
  std::string footer_html_;  ///< site.yaml's footer, links to off sections unlinked.
  std::mutex warnings_mu_;
  std::mutex noindex_mu_;
  std::set<std::string> noindex_;  ///< Output paths of pages kept out of search engines.
  std::vector<Diagnostic> warnings_;
  std::vector<size_t> title_order_;  ///< Case studies by title (then slug), made once.
  std::vector<size_t> title_rank_;   ///< Case study → its place in title order.
  /// Case study → those most like it.
  std::shared_ptr<const std::vector<std::vector<Related>>> related_;
  /// Per case study (with a page cache): a digest of what the pages that
  /// show it as related read of it, made once per build, not once per page.
  std::vector<PageKey> related_digests_;
  std::mutex cards_mu_;
  std::map<std::string, std::vector<SharedBytes>> card_cache_;  ///< root → card per case
  /// Each case study's card key (the same at every root), with a page cache.
  std::vector<PageKey> card_keys_;
};

/// Case studies per page of the list readers without JavaScript see.
inline constexpr size_t kCasesPerListPage = 100;

/// The page numbers a pager on page `page` of `pages` links to: the first,
/// the last and the two either side of the page itself, with 0 where pages
/// are left out ("…"); a gap of a single page shows that page instead. A
/// pager of every page would make 500 pages of 500 links at 50,000 case
/// studies.
std::vector<size_t> PagerPages(size_t page, size_t pages);

/// Formats 40000 as "40,000" (and keeps decimals as written).
std::string FormatThousands(const std::string& number);

/// The "edit this page" address of repository file `path`: site.yaml's
/// repository.edit_url pattern with {path} and {branch} filled in, or
/// GitHub's <url>/edit/<branch>/<path>; "" when there is no repository.
std::string EditUrlFor(const SiteConfig& c, const std::string& path);

/// How a case-study figure reads in a sentence: "40,000 households",
/// "over 160 people" (from unit "people (over)": a trailing qualifier in
/// brackets goes before the number), "1911" (a year — a label starting
/// "Year" or a unit "year" — gets no thousands separator and no unit).
std::string FigureText(const Figure& f);

/// Rewrites relative href values in `html` (written relative to the site
/// root, as in site.yaml's footer) so they work from a page at depth `root`.
std::string PrefixRelativeLinks(const std::string& html, const std::string& root);

/// Serialises JSON for a <script type="application/ld+json"> block: `<`, `>`
/// and `&` are escaped so the text can never close the script element.
std::string JsonForScript(const std::string& json);

}  // namespace commonplace

#endif  // COMMONPLACE_RENDER_SITE_RENDERER_H_
