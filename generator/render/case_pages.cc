// The home page, the case-study index and one page per case study.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "base/parallel.h"
#include "base/strings.h"
#include "render/site_renderer.h"

namespace commonplace {

void SiteRenderer::RenderHome() {
  const SiteConfig& c = lib_.config;
  // Recent: newest `updated` first, then title, so the order is stable.
  std::vector<size_t> order(lib_.case_studies.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Only the first recent_limit are shown, so only they are put in order.
  const size_t shown = std::min(order.size(), static_cast<size_t>(std::max(0, c.recent_limit)));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](size_t a, size_t b) {
                      const auto &x = lib_.case_studies[a], &y = lib_.case_studies[b];
                      if (x.updated != y.updated) return x.updated > y.updated;
                      if (x.title != y.title) return x.title < y.title;
                      return a < b;
                    });
  mstch::array recent;
  for (size_t i = 0; i < order.size() && static_cast<int>(i) < c.recent_limit; ++i) {
    recent.push_back(CaseCard(lib_.case_studies[order[i]]));
  }
  auto term_counts = [&](const std::string& vocab) {
    mstch::array out;
    const Vocabulary* v = lib_.FindVocabulary(vocab);
    if (!v) return out;
    auto by_term = lib_.cases_by_term.find(vocab);
    for (const auto& t : v->terms) {
      size_t n = 0;
      if (by_term != lib_.cases_by_term.end()) {
        auto it = by_term->second.find(t.id);
        if (it != by_term->second.end()) n = it->second.size();
      }
      if (n == 0 || !t.parent.empty()) continue;
      out.push_back(mstch::map{{"label", t.label},
                               {"lang", LanguageIfOther(t.lang)},
                               {"url", TermUrl(vocab, t.id)},
                               {"count", static_cast<int>(n)}});
    }
    return out;
  };
  mstch::array audiences;
  if (c.ShowSection("recommendations")) {
    if (const Vocabulary* v = lib_.FindVocabulary("audiences")) {
      for (const auto& t : v->terms) {
        bool has = std::any_of(lib_.recommendations.begin(), lib_.recommendations.end(),
                               [&](const Recommendation& r) { return r.audience == t.id; });
        if (!has) continue;
        audiences.push_back(mstch::map{{"label", t.label},
                                       {"lang", LanguageIfOther(t.lang)},
                                       {"description", t.description},
                                       {"url", "recommendations/" + t.id + "/"}});
      }
    }
  }
  size_t ci_cases = 0;
  auto kinds = lib_.cases_by_term.find("partner-kinds");
  if (kinds != lib_.cases_by_term.end()) {
    auto it = kinds->second.find("cultural-institution");
    if (it != kinds->second.end()) ci_cases = it->second.size();
  }
  mstch::map view{
      {"title", c.title},
      {"tagline", c.tagline},
      {"description", c.description},
      {"case_count", static_cast<int>(lib_.case_studies.size())},
      {"principle_count", static_cast<int>(lib_.principles.size())},
      {"recommendation_count", static_cast<int>(lib_.recommendations.size())},
      {"resource_count", static_cast<int>(lib_.resources.size())},
      {"source_count", static_cast<int>(lib_.sources.size())},
      {"ci_case_count", static_cast<int>(ci_cases)},
      {"show_recommendations", c.ShowSection("recommendations")},
      {"show_resources", c.ShowSection("resources")},
      {"show_worksheets", c.ShowSection("worksheets") && HasSection("worksheets")},
      {"show_statistics", c.ShowSection("statistics") && HasSection("statistics")},
      {"show_search", c.ShowSection("search")},
      {"audiences", audiences},
      {"types", term_counts("partnership-types")},
      {"impact_areas", term_counts("impact-areas")},
      {"regions", term_counts("regions")},
      {"recent", recent},
  };
  // A glance at the impacts, drawn by the statistics code, when it is built.
  if (HasSection("statistics")) {
    for (const auto& f : CaseStudyVocabFields()) {
      StatBlock b;
      if (std::string(f.vocab) == "impact-areas" && DistributionBlock(lib_, f, "", messages(), &b)) {
        view["glance_svg"] = b.svg;
        view["glance_lead"] = b.lead;
      }
    }
  }
  for (const char* key : {"audiences", "types", "impact_areas", "regions", "recent"}) {
    view[std::string("has_") + key] = !boost::get<mstch::array>(view[key]).empty();
  }
  PageMeta meta;
  meta.url = "";
  meta.title = c.title;
  meta.description = c.description;
  nlohmann::json ld = {{"@context", "https://schema.org"},
                       {"@type", "WebSite"},
                       {"name", c.title}};
  // Without base_url there is no absolute address to give.
  if (c.HasBaseUrl()) ld["url"] = c.base_url;
  if (c.HasBaseUrl() && c.ShowSection("search")) {
    ld["potentialAction"] = {{"@type", "SearchAction"},
                             {"target", c.base_url + "search/?q={query}"},
                             {"query-input", "required name=query"}};
  }
  meta.jsonld = JsonForScript(ld.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  AddPage("home", view, meta);
  AddRecord({"", "page", c.title, c.description, c.tagline, "", "", "", "", {}, ""});
}

std::vector<size_t> PagerPages(size_t page, size_t pages) {
  std::vector<size_t> shown = {1, pages};
  for (size_t p = page > 2 ? page - 2 : 1; p <= page + 2 && p <= pages; ++p) shown.push_back(p);
  std::sort(shown.begin(), shown.end());
  shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
  std::vector<size_t> out;
  for (size_t p : shown) {
    if (!out.empty() && p == out.back() + 2) out.push_back(p - 1);
    if (!out.empty() && p > out.back() + 2) out.push_back(0);
    out.push_back(p);
  }
  return out;
}

void SiteRenderer::RenderCaseStudies() {
  std::vector<size_t> all(lib_.case_studies.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  mstch::array browse;
  for (const char* vocab : {"partnership-types", "regions", "partner-kinds", "impact-areas",
                            "activities"}) {
    if (const Vocabulary* v = lib_.FindVocabulary(vocab)) {
      browse.push_back(mstch::map{{"title", v->title},
                                  {"url", "browse/" + v->id + "/"},
                                  {"lang", LanguageIfOther(v->lang)}});
    }
  }
  // Without JavaScript the list is the whole collection, a page of
  // kCasesPerListPage at a time in title order: casestudies/, then
  // casestudies/all/2/, … (the finder replaces it where scripts run).
  const std::vector<size_t>& by_title = title_order_;
  const size_t pages = std::max<size_t>(1, (by_title.size() + kCasesPerListPage - 1) / kCasesPerListPage);
  auto list_url = [](size_t page) {
    return page == 1 ? std::string("casestudies/") : "casestudies/all/" + std::to_string(page) + "/";
  };
  for (size_t page = 1; page <= pages; ++page) {
    size_t first = (page - 1) * kCasesPerListPage;
    size_t last = std::min(by_title.size(), first + kCasesPerListPage);
    std::vector<size_t> slice(by_title.begin() + first, by_title.begin() + last);
    std::string url = list_url(page);
    mstch::array links;
    for (size_t p : pages > 1 ? PagerPages(page, pages) : std::vector<size_t>{}) {
      if (p == 0) {
        links.push_back(mstch::map{{"gap", true}});
        continue;
      }
      links.push_back(mstch::map{{"url", list_url(p)},
                                 {"label", std::to_string(p)},
                                 {"current", p == page},
                                 {"gap", false}});
    }
    mstch::map view{{"title", T("casestudies_page.title")},
                    {"count", static_cast<int>(all.size())},
                    {"browse", browse},
                    {"first_page", page == 1},
                    {"paged", pages > 1},
                    {"from", static_cast<int>(first + 1)},
                    {"to", static_cast<int>(last)},
                    {"pages", links}};
    if (page > 1) view["prev_url"] = list_url(page - 1);
    if (page < pages) view["next_url"] = list_url(page + 1);
    PageMeta meta;
    meta.url = url;
    meta.title = page == 1 ? T("casestudies_page.title")
                           : T("casestudies_page.title_page", {{"page", std::to_string(page)}});
    meta.description = T("casestudies_page.description");
    meta.nav_section = "casestudies";
    if (page == 1) meta.scripts = {"assets/js/finder.js"};
    meta.deferred.push_back(CaseCards(slice, RootFor(url)));
    AddPage("casestudies", std::move(view), meta);
  }
  // The finder's case numbers (pipeline/'s casestudies/facets.json) follow
  // this same order.
  const std::vector<size_t>& order = title_order_;
  // Related case studies depend only on every case study's slug, title and
  // terms (not on bodies): a rebuild after most edits reuses them.
  constexpr size_t kRelated = 5;
  std::shared_ptr<const std::vector<std::vector<Related>>> related;
  PageKey related_key;
  if (page_cache_) {
    // The loader's digest of each case study's terms stands for them; a
    // case study without one (made in code) has its 30 or so hashed here.
    // In blocks on every core, then the blocks' keys in order.
    const size_t n = lib_.case_studies.size();
    constexpr size_t kBlock = 256;
    std::vector<PageKey> blocks((n + kBlock - 1) / kBlock);
    ParallelFor(blocks.size(), threads_, [&](size_t b) {
      PageKeyBuilder kb;
      for (size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) {
        const CaseStudy& cs = lib_.case_studies[i];
        kb.Add(std::string_view(cs.slug));
        kb.Add(std::string_view(cs.title));
        kb.Mix(cs.term_uses.size());
        kb.Mix(cs.terms_digest);
        if (cs.terms_digest != 0) continue;
        for (const TermUse& use : cs.term_uses) {
          kb.Add(std::string_view(use.vocab));
          kb.Add(std::string_view(use.term));
        }
      }
      blocks[b] = kb.key();
    });
    PageKeyBuilder kb;
    kb.Mix(kRelated);
    kb.Mix(n);
    for (const PageKey& block : blocks) kb.Add(block);
    related_key = kb.key();
    related = std::static_pointer_cast<const std::vector<std::vector<Related>>>(
        page_cache_->Memo(CachePath("related"), related_key));
  }
  if (!related) {
    related = std::make_shared<const std::vector<std::vector<Related>>>(
        RelatedCaseStudies(lib_, kRelated, threads_));
    if (page_cache_) page_cache_->SetMemo(CachePath("related"), related_key, related);
  }
  related_ = related;
  related_digests_.clear();
  if (page_cache_) {
    related_digests_.resize(lib_.case_studies.size());
    ParallelFor(lib_.case_studies.size(), threads_, [&](size_t i) {
      const CaseStudy& other = lib_.case_studies[i];
      PageKeyBuilder kb;
      for (const std::string* s : {&other.path, &other.slug, &other.title, &other.summary, &other.lang}) {
        kb.Add(std::string_view(*s));
      }
      related_digests_[i] = kb.key();
    });
  }
  // Pages render in parallel; records keep index order so the search
  // index is the same whatever the thread count.
  std::vector<std::shared_ptr<const PageRecord>> recs(order.size());
  ParallelFor(order.size(), threads_, [&](size_t pos) { recs[pos] = RenderCaseStudy(order, pos); });
  for (auto& r : recs) AddRecord(std::move(r));
}

PageRecord SiteRenderer::CaseStudyRecord(const CaseStudy& cs, std::string* take_text) const {
  PageRecord rec;
  rec.url = "casestudies/" + cs.slug + "/";
  rec.kind = "case-study";
  rec.title = cs.title;
  rec.summary = cs.summary;
  rec.body_text = take_text ? std::move(*take_text) : cs.body_text;
  rec.headings = cs.headings;
  rec.lang = ContentLanguageIfOther(cs);
  std::vector<std::string> theme_labels, place_names, partner_names, nations;
  for (const auto& p : cs.places) {
    place_names.push_back(p.name);
    if (p.region.empty()) continue;
    // The nation is the region's top ancestor.
    std::string nation = p.region;
    if (const Vocabulary* v = lib_.FindVocabulary("regions")) {
      for (int d = 0; d < 8; ++d) {
        const Term* t = v->Find(nation);
        if (!t || t->parent.empty()) break;
        nation = t->parent;
      }
    }
    nations.push_back(nation);
  }
  for (const auto& p : cs.partners) partner_names.push_back(p.name);
  auto labels = [&](const char* vocab, const std::vector<std::string>& terms) {
    for (const auto& t : terms) theme_labels.push_back(lib_.TermLabel(vocab, t));
  };
  // The same vocabularies, in the same order, as the page's facets.
  labels("activities", cs.activities);
  if (!cs.formality.empty()) labels("formality", {cs.formality});
  if (!cs.partnership_model.empty()) labels("partnership-models", {cs.partnership_model});
  labels("emergence", cs.emergence);
  labels("drivers", cs.drivers);
  labels("barriers", cs.barriers);
  labels("enablers", cs.enablers);
  labels("strategies", cs.strategies);
  labels("learning-types", cs.learning);
  for (const auto& im : cs.impacts) theme_labels.push_back(lib_.TermLabel("impact-areas", im.area));
  rec.themes = Join(theme_labels, " ");
  rec.places = Join(place_names, " ");
  rec.partners = Join(partner_names, " ");
  rec.type = cs.partnership_type;
  std::sort(nations.begin(), nations.end());
  nations.erase(std::unique(nations.begin(), nations.end()), nations.end());
  rec.nations = nations;
  rec.lastmod = cs.updated;
  return rec;
}

namespace {

// What a case-study page keeps beside it in the page cache, made from the
// same inputs: its search record and the warnings its body gave.
struct KeptCasePage {
  std::shared_ptr<const PageRecord> record;
  std::vector<Diagnostic> warnings;
};

}  // namespace

std::shared_ptr<const PageRecord> SiteRenderer::RenderCaseStudy(const std::vector<size_t>& order,
                                                                size_t pos) {
  // Previous/next follow the index's order (by title), wrapping around.
  const CaseStudy& cs = lib_.case_studies[order[pos]];
  std::string url = "casestudies/" + cs.slug + "/";
  // The page is made from its file, its neighbours in title order, the case
  // studies shown as related, and what every page shows (the theme and the
  // other content files): when all are as last time, the page is too, and
  // its view need not be built.
  PageKey inputs;
  const bool keyed = page_cache_ && have_common_inputs_ && cs.text_hash != 0;
  if (keyed) {
    PageKeyBuilder kb;
    kb.Add(common_inputs_);
    kb.Add(std::string_view(cs.path));
    kb.Mix(cs.text_hash);
    kb.Add(std::string_view(cs.slug));
    kb.Add(std::string_view(cs.updated));
    for (const Related& r : (*related_)[order[pos]]) {
      kb.Add(related_digests_[r.index]);
      // The shared terms are this file's own term uses (its text is in the
      // key), so their places in its list stand for them.
      kb.Mix(r.shared.size());
      for (uint32_t k : r.shared) kb.Mix(k);
    }
    kb.Mix(order.size() > 1);
    if (order.size() > 1) {
      for (size_t at : {(pos + order.size() - 1) % order.size(), (pos + 1) % order.size()}) {
        kb.Add(std::string_view(lib_.case_studies[order[at]].slug));
        kb.Add(std::string_view(lib_.case_studies[order[at]].title));
      }
    }
    inputs = kb.key();
    SharedBytes html;
    size_t hash = 0;
    std::shared_ptr<const void> extra;
    if (page_cache_->FindByInputs(CachePath(url + "index.html"), inputs, &html, &hash, &extra) && extra) {
      // The page, its search record and its body's warnings are as when
      // they were made: a look-up, not a record to build or bytes to hash.
      auto kept = std::static_pointer_cast<const KeptCasePage>(extra);
      if (!kept->warnings.empty()) {
        std::lock_guard<std::mutex> lock(warnings_mu_);
        warnings_.insert(warnings_.end(), kept->warnings.begin(), kept->warnings.end());
      }
      out_->Add(url + "index.html", std::move(html), hash);
      return kept->record;
    }
  }
  // Each position is a different case study, so the threads making pages
  // never touch the same one's body; no page reads another's body.
  CaseStudy* owned = take_bodies_ ? &take_bodies_->case_studies[order[pos]] : nullptr;
  if (owned && make_body_ && !owned->rendered) make_body_(*owned);
  std::shared_ptr<const PageRecord> rec =
      MakeRecord(CaseStudyRecord(cs, owned ? &owned->body_text : nullptr));
  std::vector<Diagnostic> body_warnings;
  mstch::array places, partners, funding, impacts, principles, figures, facets;
  for (const auto& p : cs.places) {
    mstch::map m{{"name", p.name}, {"has_region", !p.region.empty()}};
    if (!p.region.empty()) m["region"] = TermLink("regions", p.region);
    places.push_back(m);
  }
  for (const auto& p : cs.partners) {
    mstch::map m{{"name", p.name},
                 {"kind", TermLink("partner-kinds", p.kind)},
                 {"role", p.role},
                 {"has_role", !p.role.empty()},
                 {"has_ci", !p.ci_category.empty()}};
    if (!p.ci_category.empty()) m["ci"] = TermLink("ci-categories", p.ci_category);
    partners.push_back(m);
  }
  for (const auto& f : cs.funding) {
    std::string amount;
    if (f.amount_gbp) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f", *f.amount_gbp);
      amount = "£" + FormatThousands(buf);
    }
    funding.push_back(mstch::map{{"funder", f.funder},
                                 {"programme", f.programme},
                                 {"amount", amount},
                                 {"note", f.note}});
  }
  for (const auto& im : cs.impacts) {
    mstch::map m{{"area", TermLink("impact-areas", im.area)},
                 {"has_level", !im.level.empty()},
                 {"note", im.note}};
    if (!im.level.empty()) m["level"] = TermLink("impact-levels", im.level);
    impacts.push_back(m);
  }
  for (const auto& id : cs.principles) {
    if (const Principle* p = lib_.FindPrinciple(id)) {
      principles.push_back(mstch::map{{"title", p->title},
                                      {"lang", ContentLanguageIfOther(*p)},
                                      {"url", "principles/" + p->id + "/"},
                                      {"group", lib_.TermLabel("principle-groups", p->group)},
                                      {"group_lang", TermLanguageIfOther("principle-groups", p->group)}});
    }
  }
  for (const auto& f : cs.figures) {
    std::string src = f.source.empty() && !cs.sources.empty() ? cs.sources[0].source : f.source;
    const Source* s = lib_.FindSource(src);
    figures.push_back(mstch::map{{"label", f.label},
                                 {"text", FigureText(f)},
                                 {"source_title", s ? s->title : src},
                                 {"source_lang", LanguageIfOther("")},
                                 {"source_url", "sources/" + src + "/"},
                                 {"locator", f.locator}});
  }
  struct ListField {
    const char* label;
    const char* vocab;
    const std::vector<std::string>* terms;
  };
  std::vector<std::string> single_formality, single_model;
  if (!cs.formality.empty()) single_formality.push_back(cs.formality);
  if (!cs.partnership_model.empty()) single_model.push_back(cs.partnership_model);
  for (const ListField& lf :
       {ListField{"case_facets.activities", "activities", &cs.activities},
        ListField{"case_facets.formality", "formality", &single_formality},
        ListField{"case_facets.partnership_model", "partnership-models", &single_model},
        ListField{"case_facets.how_it_started", "emergence", &cs.emergence},
        ListField{"case_facets.drivers", "drivers", &cs.drivers},
        ListField{"case_facets.barriers", "barriers", &cs.barriers},
        ListField{"case_facets.enablers", "enablers", &cs.enablers},
        ListField{"case_facets.strategies", "strategies", &cs.strategies},
        ListField{"case_facets.learning", "learning-types", &cs.learning}}) {
    if (lf.terms->empty()) continue;
    mstch::array terms;
    for (const auto& t : *lf.terms) terms.push_back(TermLink(lf.vocab, t));
    facets.push_back(mstch::map{{"label", T(lf.label)}, {"terms", terms}});
  }
  std::string years;
  if (cs.year_start) years = std::to_string(*cs.year_start);
  if (cs.year_end) {
    years = years.empty() ? T("casestudy_years.until", {{"end", std::to_string(*cs.year_end)}})
                          : T("casestudy_years.range", {{"start", years},
                                                         {"end", std::to_string(*cs.year_end)}});
  } else if (cs.year_start && cs.status == "active") {
    years = T("casestudy_years.onwards", {{"start", years}});
  }

  mstch::map view{
      {"title", cs.title},
      {"summary", cs.summary},
      {"type", TermLink("partnership-types", cs.partnership_type)},
      {"status", cs.status == "active" ? T("casestudy_status.active")
                 : cs.status == "ended" ? T("casestudy_status.ended")
                                        : T("casestudy_status.not_known")},
      {"years", years},
      {"has_years", !years.empty()},
      {"places", places},
      {"has_places", !places.empty()},
      {"partners", partners},
      {"funding", funding},
      {"has_funding", !funding.empty()},
      {"facets", facets},
      {"impacts", impacts},
      {"has_impacts", !impacts.empty()},
      {"principles", principles},
      {"has_principles", !principles.empty()},
      {"figures", figures},
      {"has_figures", !figures.empty()},
      {"body_html", UnlinkOffSections(cs.body_html, url, cs.path, &body_warnings)},
      {"headings", [&] {
         mstch::array a;
         for (const auto& [id, text] : cs.headings) a.push_back(mstch::map{{"id", id}, {"text", text}});
         return a;
       }()},
      {"sources", SourceList(cs.sources)},
      {"anonymised", cs.anonymised},
      {"updated", messages().Date(cs.updated)},
  };
  // The view holds the page's own copy of the HTML now.
  if (owned) std::string().swap(owned->body_html);
  view["editor_note"] = cs.editor_note;
  MarkLanguage(cs, &view);
  if (lib_.config.ShowSection("findings")) {
    if (auto it = lib_.findings_by_case.find(cs.slug); it != lib_.findings_by_case.end()) {
      view["case_findings"] = mstch::map{{"findings", FindingCards(it->second)}};
      view["has_case_findings"] = true;
    }
  }
  mstch::array related;
  for (const Related& r : (*related_)[order[pos]]) {
    const CaseStudy& other = lib_.case_studies[r.index];
    mstch::array shared;
    for (uint32_t k : r.shared) {
      mstch::map link = TermLink(cs.term_uses[k].vocab, cs.term_uses[k].term);
      link["last"] = shared.size() + 1 == r.shared.size();
      shared.push_back(std::move(link));
    }
    related.push_back(mstch::map{{"title", other.title},
                                 {"url", "casestudies/" + other.slug + "/"},
                                 {"summary", other.summary},
                                 {"lang", ContentLanguageIfOther(other)},
                                 {"shared", shared}});
  }
  view["has_related"] = !related.empty();
  view["related"] = std::move(related);
  if (order.size() > 1) {
    const CaseStudy& prev = lib_.case_studies[order[(pos + order.size() - 1) % order.size()]];
    const CaseStudy& next = lib_.case_studies[order[(pos + 1) % order.size()]];
    view["has_pager"] = true;
    view["prev"] = mstch::map{{"title", prev.title},
                              {"url", "casestudies/" + prev.slug + "/"},
                              {"lang", ContentLanguageIfOther(prev)}};
    view["next"] = mstch::map{{"title", next.title},
                              {"url", "casestudies/" + next.slug + "/"},
                              {"lang", ContentLanguageIfOther(next)}};
  }

  nlohmann::json ld = {{"@context", "https://schema.org"},
                       {"@type", "Article"},
                       {"headline", cs.title},
                       {"description", cs.summary},
                       {"dateModified", cs.updated},
                       {"inLanguage", lib_.config.language},
                       {"about", lib_.TermLabel("partnership-types", cs.partnership_type)},
                       {"publisher", {{"@type", "Organization"}, {"name", lib_.config.title}}}};
  if (lib_.config.HasBaseUrl()) ld["url"] = Canonical(url);
  nlohmann::json contributors = nlohmann::json::array();
  for (const auto& p : cs.partners) {
    contributors.push_back({{"@type", "Organization"}, {"name", p.name}});
  }
  ld["mentions"] = contributors;
  nlohmann::json spatial = nlohmann::json::array();
  for (const auto& p : cs.places) spatial.push_back({{"@type", "Place"}, {"name", p.name}});
  if (!spatial.empty()) ld["spatialCoverage"] = spatial;
  nlohmann::json based = nlohmann::json::array();
  for (const auto& r : cs.sources) {
    if (const Source* s = lib_.FindSource(r.source)) {
      nlohmann::json w = {{"@type", "CreativeWork"}, {"name", s->title}};
      if (!s->url.empty()) w["url"] = s->url;
      based.push_back(w);
    }
  }
  ld["isBasedOn"] = based;

  PageMeta meta;
  meta.url = url;
  meta.title = cs.title;
  meta.description = cs.summary;
  meta.og_type = "article";
  meta.jsonld = JsonForScript(ld.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  meta.edit_path = cs.path;
  meta.nav_section = "casestudies";
  view["cite"] = CiteView(PageCitation(cs.slug, cs.title, cs.updated, url), "case study", cs.slug,
                          &meta, cs.lang);
  AddPage("casestudy", std::move(view), meta);
  if (!body_warnings.empty()) {
    std::lock_guard<std::mutex> lock(warnings_mu_);
    warnings_.insert(warnings_.end(), body_warnings.begin(), body_warnings.end());
  }
  if (keyed) {
    page_cache_->SetInputs(CachePath(url + "index.html"), inputs,
                           std::make_shared<const KeptCasePage>(
                               KeptCasePage{rec, std::move(body_warnings)}));
  }
  return rec;
}

namespace {

// "people (over)" → {"people", "over"}: a qualifier the source gives in
// brackets after the unit, which reads before the number.
bool SplitQualifier(const std::string& unit, std::string* rest, std::string* qualifier) {
  static const char* kQualifiers[] = {"over",     "more than", "at least", "about",
                                      "around",   "almost",    "nearly",   "up to",
                                      "under",    "fewer than", "less than", "approximately",
                                      "roughly",  "some"};
  if (unit.size() < 3 || unit.back() != ')') return false;
  size_t open = unit.rfind('(');
  if (open == std::string::npos) return false;
  std::string q = unit.substr(open + 1, unit.size() - open - 2);
  for (const char* k : kQualifiers) {
    if (q == k) {
      *qualifier = q;
      *rest = unit.substr(0, open);
      while (!rest->empty() && rest->back() == ' ') rest->pop_back();
      return true;
    }
  }
  return false;
}

bool IsWholeNumber(const std::string& v) {
  return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string FigureText(const Figure& f) {
  std::string unit = f.unit, qualifier;
  SplitQualifier(f.unit, &unit, &qualifier);
  // A year: "Year the first project finished" or unit "year" (maybe with a
  // note, "year (approximate)"). Years are never written 1,911, and the
  // unit "year" says nothing the label does not.
  bool year_unit = unit == "year" || StartsWith(unit, "year ");
  bool year = IsWholeNumber(f.value) && f.value.size() == 4 &&
              (year_unit || StartsWith(f.label, "Year ") || StartsWith(f.label, "year "));
  std::string text;
  if (year) {
    text = f.value;
    if (year_unit) unit = unit.substr(4);
    while (!unit.empty() && unit[0] == ' ') unit.erase(0, 1);
  } else {
    text = FormatThousands(f.value);
  }
  if (!qualifier.empty()) text = qualifier + " " + text;
  if (!unit.empty()) text += " " + unit;
  return text;
}

}  // namespace commonplace
