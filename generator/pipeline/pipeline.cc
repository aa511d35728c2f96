#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "base/parallel.h"
#include "base/strings.h"
#include "docx/case_study_form.h"
#include "facets/facets.h"
#include "history/history.h"
#include "linkcheck/external_links.h"
#include "linkcheck/internal_links.h"
#include "load/loader.h"
#include "markdown/markdown.h"
#include "render/site_renderer.h"
#include "pipeline/link_health_page.h"
#include "pipeline/search_output.h"
#include "pipeline/translations.h"
#include "render/theme.h"
#include "schema/json_schema.h"
#include "validate/validate.h"

namespace commonplace {

namespace {

class StepTimer {
 public:
  StepTimer(BuildResult* r, const BuildOptions& o)
      : result_(r), on_step_(o.on_step), start_(std::chrono::steady_clock::now()) {}
  void Step(const std::string& name) {
    auto now = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - start_).count();
    result_->timings_ms.emplace_back(name, ms);
    if (on_step_) on_step_(name, ms);
    start_ = now;
  }

 private:
  BuildResult* result_;
  const std::function<void(const std::string&, double)>& on_step_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

namespace {

// `on_loaded` (when set) is called once the library is read, before it is
// validated.
bool LoadAndValidateOnly(const BuildOptions& options, Library* lib, Diagnostics& diags,
                         const std::function<void()>& on_loaded = {}) {
  bool loaded = LoadLibrary(options.root, lib, diags, ThreadCount(options.threads), options.cache);
  if (!options.base_url.empty()) {
    lib->config.base_url = options.base_url;
    if (lib->config.base_url.back() != '/') lib->config.base_url += '/';
  }
  if (on_loaded) on_loaded();
  ValidationCache* validation_cache =
      options.page_cache ? &options.page_cache->Kept<ValidationCache>("validation") : nullptr;
  bool valid = ValidateLibrary(*lib, diags, validation_cache);
  // A page's "last updated" is the last commit that changed its file; a
  // case study's `updated:` field only where Git has no answer (no
  // repository, or a file not committed yet). Never the build's date.
  std::vector<Document*> docs;
  for (auto& d : lib->case_studies) docs.push_back(&d);
  for (auto& d : lib->findings) docs.push_back(&d);
  for (auto& d : lib->principles) docs.push_back(&d);
  for (auto& d : lib->pages) docs.push_back(&d);
  // The same commit gives the same dates: serve reuses them until HEAD moves
  // or the set of files changes. Kept by place, in the order of `docs`
  // (which the key holds), "" where Git has no answer.
  using Dates = std::vector<std::string>;
  std::shared_ptr<const Dates> dates;
  PageKey dates_key;
  if (options.page_cache) {
    PageKeyBuilder kb;
    kb.Add(std::string_view(options.root));
    kb.Add(std::string_view(HeadCommitId(options.root)));
    for (const Document* d : docs) kb.Add(std::string_view(d->path));
    dates_key = kb.key();
    dates = std::static_pointer_cast<const Dates>(options.page_cache->Memo("git-dates", dates_key));
  }
  if (!dates) {
    std::vector<std::string> paths;
    for (const Document* d : docs) paths.push_back(d->path);
    const std::map<std::string, std::string> by_path = LastChangedDates(options.root, paths);
    auto made = std::make_shared<Dates>(docs.size());
    for (size_t i = 0; i < docs.size(); ++i) {
      if (auto it = by_path.find(docs[i]->path); it != by_path.end()) (*made)[i] = it->second;
    }
    dates = made;
    if (options.page_cache) options.page_cache->SetMemo("git-dates", dates_key, dates);
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!(*dates)[i].empty()) docs[i]->updated = (*dates)[i];
  }
  return loaded && valid;
}

// What site.yaml leaves unset, and what the site leaves out for it.
void AddSettingNotes(const Library& lib, BuildResult* result) {
  const SiteConfig& c = lib.config;
  if (!c.HasBaseUrl()) {
    result->notes.push_back(
        "site.yaml sets no base_url, so pages link relatively and have no canonical link or "
        "og:url, citations give no address, and there is no sitemap.xml or feed.xml: set base_url (or pass --base-url) "
        "to the address the site is served from to add them");
  }
  if (c.contact_email.empty() && c.contact_url.empty()) {
    std::vector<std::string> pages;
    for (const auto& p : lib.pages) {
      if (!p.contact_heading.empty()) pages.push_back(p.slug + "/");
    }
    std::sort(pages.begin(), pages.end());
    for (const auto& ws : lib.worksheets) {
      if (ws.id == kSubmissionFormId) pages.push_back("the case-study submission form");
    }
    if (!pages.empty()) {
      std::string last = pages.back();
      pages.pop_back();
      std::string named = pages.empty() ? last : Join(pages, ", ") + " and " + last;
      result->notes.push_back("site.yaml sets no contact, so " + named +
                              (pages.empty() ? " gives" : " give") +
                              " no way to reach you: add contact.email or contact.url");
    }
  }
}

}  // namespace

bool LoadAndValidate(const BuildOptions& options, Library* lib, Diagnostics& diags) {
  bool ok = LoadAndValidateOnly(options, lib, diags);
  // The Markdown is checked too (unsafe links, images from other hosts), so
  // `check` reports everything a build would refuse.
  RenderMarkdownBodies(lib, ThreadCount(options.threads), &diags);
  diags.Sort();
  return ok && !diags.HasErrors();
}

namespace {

MarkdownOptions BodyOptions(const SiteConfig& config) {
  MarkdownOptions mo;
  mo.allow_raw_html = config.allow_raw_html;
  return mo;
}

// A case study's source is read again by nothing but the link checks,
// which need only its addresses: it is freed (50 MiB at 10,000). Pages
// keep theirs for `check --publish`.
void RenderBody(Document& d, const MarkdownOptions& mo, bool free_source) {
  if (d.rendered) return;
  d.rendered = true;
  MarkdownResult r = RenderMarkdown(d.body_md, mo);
  d.body_html = std::move(r.html);
  d.body_text = std::move(r.text);
  d.headings = std::move(r.headings);
  d.markdown_problems.clear();
  for (const auto& p : r.problems) {
    SourcePos pos;
    if (p.line > 0) pos = {d.body_line + p.line - 1, p.col};
    d.markdown_problems.push_back({Severity::kError, d.path, pos, "", p.message, p.hint});
  }
  d.body_urls = UrlsInText(d.body_md);
  if (free_source) std::string().swap(d.body_md);
}

}  // namespace

void RenderMarkdownBodies(Library* lib, int threads, Diagnostics* diags, bool defer_case_studies) {
  const MarkdownOptions mo = BodyOptions(lib->config);
  auto render = [&](Document& d, bool free_source = false) { RenderBody(d, mo, free_source); };
  if (!defer_case_studies) {
    ParallelFor(lib->case_studies.size(), threads,
                [&](size_t i) { render(lib->case_studies[i], true); });
  }
  for (auto& p : lib->principles) render(p);
  for (auto& f : lib->findings) render(f);
  for (auto& p : lib->pages) render(p);
  for (auto& c : lib->case_translations) render(c, true);
  for (auto& p : lib->page_translations) render(p);
  for (auto& p : lib->principle_translations) render(p);
  for (auto& f : lib->finding_translations) render(f);
  std::vector<MarkdownProblem> problems;
  for (auto& r : lib->recommendations) {
    problems.clear();
    r.text_html = RenderInlineMarkdown(r.text, mo, &problems);
    // The text is a YAML value: point at its item, not inside it.
    for (const auto& p : problems) {
      if (diags) diags->Error(r.path, r.pos, "text", p.message, p.hint);
    }
  }
  // A translated recommendation's text is checked the same way.
  for (const auto& t : lib->text_translations) {
    for (const auto& item : t.items) {
      auto text = item.fields.find("text");
      if (text == item.fields.end()) continue;
      problems.clear();
      RenderInlineMarkdown(text->second, mo, &problems);
      for (const auto& p : problems) {
        if (diags) diags->Error(t.path, item.pos, "text", p.message, p.hint);
      }
    }
  }
  problems.clear();
  lib->config.footer_html = RenderInlineMarkdown(lib->config.footer_md, mo, &problems);
  for (const auto& p : problems) {
    if (diags) diags->Error("site.yaml", lib->config.footer_pos, "footer", p.message, p.hint);
  }
  if (!diags) return;
  auto report = [&](const Document& d) {
    for (const auto& p : d.markdown_problems) diags->Add(p);
  };
  for (const auto& c : lib->case_studies) report(c);
  for (const auto& p : lib->principles) report(p);
  for (const auto& f : lib->findings) report(f);
  for (const auto& p : lib->pages) report(p);
  for (const auto& c : lib->case_translations) report(c);
  for (const auto& p : lib->page_translations) report(p);
  for (const auto& p : lib->principle_translations) report(p);
  for (const auto& f : lib->finding_translations) report(f);
}

namespace {

// The finder's group legends and its status and named options in the page
// language (facets.<group>, facets.options.<option>); term labels are content.
std::vector<FacetGroup> InLanguage(std::vector<FacetGroup> groups, const Messages& words,
                                   const SiteConfig& config) {
  for (auto& g : groups) {
    if (words.Has("facets." + g.id)) g.legend = words.Get("facets." + g.id);
    if (!g.vocab.empty()) {
      // A term label not in the page's language says which it is in.
      for (auto& o : g.options) {
        std::string lang = o.lang.empty() ? config.content_language : o.lang;
        o.lang = config.languages.empty() || lang == words.lang() ? "" : lang;
      }
      continue;
    }
    for (auto& o : g.options) {
      if (words.Has("facets.options." + o.id)) o.label = words.Get("facets.options." + o.id);
    }
  }
  return groups;
}

}  // namespace

void RenderLanguage(Library& lib, const Theme& theme, const std::vector<SiteLanguage>& languages,
                    size_t current, const BuildOptions& options, int threads, bool free_bodies,
                    bool make_bodies, BuildResult* result, std::string* search_docs_out);

void Build(const BuildOptions& options, BuildResult* result) {
  StepTimer timer(result, options);
  int threads = ThreadCount(options.threads);
  Library& lib = result->library;
  // Pages are read for links as they are made, so the whole site need
  // not be held for the check.
  LinkIndex own_links;
  LinkIndex& links = options.link_cache ? *options.link_cache : own_links;
  links.StartBuild();
  result->output.set_observer(
      [&links](const std::string& path, const std::string& data, size_t hash) {
        links.Add(path, data, hash);
      });
  // However the build ends, the observer goes with `links`, and a failed
  // build's staged pages go too.
  struct Cleanup {
    BuildResult* result;
    ~Cleanup() {
      result->output.set_observer(nullptr);
      if (!result->ok) result->output.Discard();
    }
  } cleanup{result};
  // The library's cross-links (by term, by source) are made from what was
  // read alone, and validation, dates and the Markdown neither read nor
  // change them: they are made on a thread of their own meanwhile.
  std::future<void> linked;
  bool valid = LoadAndValidateOnly(options, &lib, result->diags, [&] {
    linked = std::async(threads > 1 ? std::launch::async : std::launch::deferred,
                        [&lib] { lib.Link(); });
  });
  timer.Step("load and validate");
  // A build that keeps nothing for the next and shows each case study in
  // one language makes each case study's body when its page is made, and
  // frees it then: the HTML of 10,000 pages not yet made is never held.
  // (serve's cache keeps the bodies; a translated site copies them.)
  const bool bodies_at_pages = options.cache == nullptr && lib.config.languages.size() <= 1 &&
                               !HasTranslations(lib);
  RenderMarkdownBodies(&lib, threads, &result->diags, bodies_at_pages);
  result->diags.Sort();
  if (!valid || result->diags.HasErrors()) return;
  // With a cache, the bodies rendered now are kept for the next build: the
  // cache holds the same case studies as the library (the loader drops every
  // entry when site.yaml's Markdown options change).
  timer.Step("markdown");
  linked.get();
  // Each language's interface, loaded before anything is written. With no
  // languages in site.yaml the site is English, as it always was.
  std::vector<std::string> codes = lib.config.languages;
  if (codes.empty()) codes = {"en"};
  std::vector<std::unique_ptr<Theme>> themes;
  for (const auto& code : codes) {
    themes.push_back(std::make_unique<Theme>());
    if (!themes.back()->Load(options.root, lib.config.theme_dir, code, result->diags,
                             options.page_cache)) {
      return;
    }
  }
  auto output_error = [&](const std::string& err, const std::string& hint) {
    result->diags.Error(options.out_dir, {}, "", err, hint);
  };
  if (options.write) {
    // Each page goes to disk as it is made, into a staging folder that only
    // replaces the site once everything has passed. The output may never be
    // (or hold, or sit in) what the site is made from.
    namespace fs = std::filesystem;
    fs::path root(options.root);
    std::vector<OutputInput> inputs = {{root, true},
                                       {root / "casestudies", false},
                                       {root / "content", false},
                                       {root / "themes", false},
                                       {root / ".git", false}};
    if (!lib.config.theme_dir.empty()) inputs.push_back({root / lib.config.theme_dir, false});
    result->output.set_inputs(std::move(inputs));
    result->output.set_lock_wait_seconds(options.lock_wait_seconds);
    std::string err, hint;
    if (!result->output.StreamTo(options.out_dir, &err, &hint)) return output_error(err, hint);
  }
  // The first language is written at the root, each other one under its
  // own prefix ("en/"), as Hugo and Zola do by default. Every language is
  // rendered as a whole site of its own, so relative links work inside it.
  std::vector<SiteLanguage> site_languages;
  for (size_t i = 0; i < codes.size(); ++i) {
    std::string prefix = i == 0 ? "" : codes[i] + "/";
    site_languages.push_back({codes[i], prefix, themes[i]->messages().Get("format.language_name"),
                              lib.config.HasBaseUrl() ? lib.config.base_url + prefix : ""});
  }
  // A rebuild makes about as many files as the last build.
  size_t* last_size = nullptr;
  if (options.page_cache) {
    options.page_cache->StartBuild();
    last_size = &options.page_cache->Kept<size_t>("output-files");
    result->output.Reserve(*last_size);
  }
  std::string search_docs;
  for (size_t i = 0; i < codes.size(); ++i) {
    Library translated;
    bool own_library = !lib.config.languages.empty() && (i > 0 || HasTranslations(lib));
    if (own_library) {
      translated = lib;
      UseLanguage(codes[i], &translated);
      translated.config.base_url = site_languages[i].base_url;
      translated.Link();
    }
    result->output.set_prefix(site_languages[i].prefix);
    // The case studies' HTML may be freed after their pages are made unless
    // a later language still copies them from `lib`, or the cache keeps them
    // (it holds the same case studies as `lib`).
    bool last_use = (own_library || i + 1 == codes.size()) &&
                    (own_library || options.cache == nullptr);
    RenderLanguage(own_library ? translated : lib, *themes[i], site_languages, i, options, threads,
                   last_use, bodies_at_pages && !own_library, result,
                   i == 0 && !options.search_docs.empty() ? &search_docs : nullptr);
  }
  result->output.set_prefix("");
  if (last_size) *last_size = result->output.size();
  if (options.page_cache) options.page_cache->Prune();
  timer.Step("render");
  if (bodies_at_pages) {
    // What the case studies' Markdown reported as their pages were made
    // (those left without a page, as when their section is hidden, are
    // rendered here). A page whose unsafe link was removed is not checked
    // for the hole it left.
    const int before = result->diags.ErrorCount();
    const MarkdownOptions mo = BodyOptions(lib.config);
    for (auto& cs : lib.case_studies) {
      RenderBody(cs, mo, true);
      std::string().swap(cs.body_html);
      for (const auto& p : cs.markdown_problems) result->diags.Add(p);
    }
    result->diags.Sort();
    if (result->diags.ErrorCount() > before) return;
  }
  for (const auto& path : result->output.conflicts()) {
    result->diags.Error(path, {}, "", "two pages claim the same output path '" + path + "'",
                        "rename one of the files so their slugs differ");
  }
  // A broken internal link is a bug in content or theme: fail before writing.
  for (const auto& b : links.Check(lib.config.BasePath())) {
    result->diags.Error(b.page, {}, "", "broken link '" + b.href + "': " + b.reason,
                        "fix the link in the content or template that produces this page");
  }
  timer.Step("check links");
  if (result->diags.HasErrors()) return;
  if (options.write) {
    std::string err, hint;
    if (!result->output.Commit(options.out_dir, &err, &hint)) return output_error(err, hint);
    if (!options.search_docs.empty() && !WriteFileAtomic(options.search_docs, search_docs, &err)) {
      result->diags.Error(options.search_docs, {}, "", err, "check the path and its permissions");
      return;
    }
    timer.Step("write");
  }
  AddSettingNotes(lib, result);
  result->ok = true;
}

// One language of the site, as a whole site (its pages reach the link
// index through the output's observer).
void RenderLanguage(Library& lib, const Theme& theme, const std::vector<SiteLanguage>& languages,
                    size_t current, const BuildOptions& options, int threads, bool free_bodies,
                    bool make_bodies, BuildResult* result, std::string* search_docs_out) {
  SiteRenderer renderer(lib, theme, &result->output);
  renderer.set_threads(threads);
  renderer.set_languages(languages, current);
  if (options.page_cache) renderer.set_page_cache(options.page_cache);
  if (free_bodies) renderer.set_take_bodies(&lib);
  if (make_bodies) {
    const MarkdownOptions mo = BodyOptions(lib.config);
    renderer.set_body_maker([mo](CaseStudy& cs) { RenderBody(cs, mo, true); });
  }
  renderer.RenderAll();
  // Each case study's HTML is on its page now and nothing later shows it:
  // free it before the search index, the largest structure, is built.
  if (free_bodies) {
    for (auto& cs : lib.case_studies) std::string().swap(cs.body_html);
  }
  // The search index, the largest single step, is made on a thread of its
  // own while the finder's data, the site files and the search page's two
  // lists are made on this one. Both search the pages made so far (the
  // link health page and the site files come later and are not searched),
  // and add only files under search/, which nothing made meanwhile reads;
  // the output and the cache take their own locks. Only for `serve`'s
  // rebuilds: in a full build the two threads' allocations at once raised
  // the peak memory by 18 MiB at 10,000 case studies (277 MiB against 259),
  // past a quarter of Hugo's.
  const PageRecords searched = renderer.records();  // outlives the thread
  std::future<void> search;
  if (lib.config.ShowSection("search")) {
    auto write_search = [&lib, &theme, &result, search_docs_out, &options, threads,
                         &records = searched] {
      WriteSearchIndex(lib, theme.messages(), records, &result->output, search_docs_out,
                       options.page_cache, threads);
    };
    const bool beside = threads > 1 && options.page_cache != nullptr;
    search = std::async(beside ? std::launch::async : std::launch::deferred, write_search);
  }
  result->output.Add("schema/case-study.schema.json", CaseStudyJsonSchema(lib));
  if (lib.config.ShowSection("casestudies")) {
    // The finder's data; case numbers follow the index's title order.
    const std::vector<size_t>& order = renderer.title_order();
    result->output.Add("casestudies/facets.json",
                       FacetsJson(InLanguage(BuildFacets(lib, order), theme.messages(), lib.config),
                                  static_cast<int>(order.size()),
                                  EvidenceAmounts(lib, order)));
    CardsJsonCache* kept_cards = nullptr;
    if (options.page_cache) {
      kept_cards =
          &options.page_cache->Kept<CardsJsonCache>("cards-json-" + theme.messages().lang());
      kept_cards->StartBuild();
    }
    for (size_t first = 0, file = 0; first < order.size(); first += kCardsPerFile, ++file) {
      result->output.Add("casestudies/cards/" + std::to_string(file) + ".json",
                         CardsJson(lib, order, first, kCardsPerFile, theme.messages().lang(),
                                   threads, kept_cards));
    }
    if (kept_cards) kept_cards->Prune();
  }
  std::string link_error;
  if (!RenderLinkHealthPage(options.root, &renderer, &link_error) && current == 0) {
    result->diags.Warning(LinkCachePath(options.root), {}, "", link_error);
  }
  renderer.RenderSiteFiles();
  if (search.valid()) {
    WriteSearchLists(theme.messages(), searched, &result->output, options.page_cache);
    search.get();  // rethrows what the thread threw
  }
  for (auto& w : renderer.TakeWarnings()) result->diags.Add(std::move(w));
  // The counts `build` prints are of the first language's pages.
  if (current == 0) {
    for (const auto& r : renderer.records()) result->counts[r->kind]++;
  }
}

bool BuildInMemory(const std::string& root, const std::string& base_url,
                   std::map<std::string, std::string>* files, std::string* errors,
                   CaseStudyCache* cache, PageCache* page_cache, LinkIndex* link_cache) {
  SiteFiles shared;
  if (!BuildInMemory(root, base_url, &shared, errors, cache, page_cache, link_cache)) return false;
  files->clear();
  for (auto& [path, bytes] : shared) files->emplace(path, *bytes);
  return true;
}

bool BuildInMemory(const std::string& root, const std::string& base_url,
                   SiteFiles* files, std::string* errors,
                   CaseStudyCache* cache, PageCache* page_cache, LinkIndex* link_cache) {
  BuildOptions o;
  o.cache = cache;
  o.page_cache = page_cache;
  o.link_cache = link_cache;
  o.root = root;
  o.base_url = base_url;
  o.write = false;
  BuildResult r;
  Build(o, &r);
  if (!r.ok) {
    errors->clear();
    for (const auto& d : r.diags.items()) {
      if (d.severity == Severity::kError) *errors += FormatHeadline(d) + "\n";
    }
    return false;
  }
  *files = r.output.TakeFiles();
  return true;
}

}  // namespace commonplace
