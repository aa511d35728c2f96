// Principles, recommendations, resources, sources, content pages and the
// search page.
#include <algorithm>
#include <map>

#include "base/strings.h"
#include "render/site_renderer.h"

namespace commonplace {

void SiteRenderer::RenderPrinciples() {
  mstch::array groups;
  std::string current_group;
  mstch::array items;
  auto flush = [&]() {
    if (current_group.empty()) return;
    const Vocabulary* v = lib_.FindVocabulary("principle-groups");
    const Term* t = v ? v->Find(current_group) : nullptr;
    groups.push_back(mstch::map{{"title", lib_.TermLabel("principle-groups", current_group)},
                                {"title_lang", TermLanguageIfOther("principle-groups", current_group)},
                                {"id", current_group},
                                {"description", t ? t->description : std::string()},
                                {"principles", items}});
    items = mstch::array();
  };
  for (const auto& p : lib_.principles) {
    if (p.group != current_group) {
      flush();
      current_group = p.group;
    }
    auto it = lib_.cases_by_principle.find(p.id);
    int n = it == lib_.cases_by_principle.end() ? 0 : static_cast<int>(it->second.size());
    items.push_back(mstch::map{{"title", p.title},
                               {"summary", p.summary},
                               {"lang", ContentLanguageIfOther(p)},
                               {"url", "principles/" + p.id + "/"},
                               {"count", n}});

    std::vector<size_t> cases = it == lib_.cases_by_principle.end() ? std::vector<size_t>{}
                                                                     : it->second;
    std::string url = "principles/" + p.id + "/";
    mstch::map view{{"title", p.title},
                    {"summary", p.summary},
                    {"group", TermLink("principle-groups", p.group)},
                    {"body_html", UnlinkOffSections(p.body_html, url, p.path)},
                    {"count", static_cast<int>(cases.size())},
                    {"sources", SourceList(p.sources)}};
    MarkLanguage(p, &view);
    PageMeta meta;
    meta.url = url;
    meta.title = p.title;
    meta.description = p.summary;
    meta.edit_path = p.path;
    meta.nav_section = "principles";
    meta.deferred.push_back(CaseCards(cases, RootFor(url)));
    view["updated"] = messages().Date(p.updated);
    view["cite"] = CiteView(PageCitation(p.id, p.title, p.updated, url), "principle", p.id, &meta,
                            p.lang);
    AddPage("principle", view, meta);
    AddRecord({url, "principle", p.title, p.summary, p.body_text,
               lib_.TermLabel("principle-groups", p.group), "", "", "", {}, p.updated, p.headings,
               ContentLanguageIfOther(p)});
  }
  flush();
  mstch::map view{{"title", T("principles_page.title")}, {"groups", groups}};
  PageMeta meta;
  meta.url = "principles/";
  meta.title = T("principles_page.title");
  meta.description = T("principles_page.description");
  meta.nav_section = "principles";
  AddPage("principles", view, meta);
}

void SiteRenderer::RenderRecommendations() {
  std::map<std::string, std::vector<const Recommendation*>> by_audience;
  for (const auto& r : lib_.recommendations) by_audience[r.audience].push_back(&r);
  const Vocabulary* audiences = lib_.FindVocabulary("audiences");
  mstch::array sections;
  auto item_view = [&](const Recommendation* r) {
    mstch::array themes;
    for (const auto& t : r->themes) themes.push_back(TermLink("topics", t));
    mstch::array findings, cases;
    if (lib_.config.ShowSection("findings")) {
      for (const auto& id : r->findings) {
        if (const Finding* f = lib_.FindFinding(id)) {
          findings.push_back(mstch::map{{"title", f->title},
                                        {"url", "findings/" + f->id + "/"},
                                        {"lang", ContentLanguageIfOther(*f)}});
        }
      }
    }
    for (const auto& slug : r->case_studies) {
      if (const CaseStudy* cs = lib_.FindCaseStudy(slug)) {
        cases.push_back(mstch::map{{"title", cs->title},
                                   {"url", "casestudies/" + cs->slug + "/"},
                                   {"lang", ContentLanguageIfOther(*cs)}});
      }
    }
    return mstch::map{{"id", r->id},
                      {"lang", LanguageIfOther(r->lang)},
                      {"text_html", UnlinkOffSections(r->text_html, "recommendations/x/", r->path)},
                      {"themes", themes},
                      {"has_themes", !themes.empty()},
                      {"findings", findings},
                      {"has_findings", !findings.empty()},
                      {"cases", cases},
                      {"has_cases", !cases.empty()},
                      {"has_evidence", !findings.empty() || !cases.empty()},
                      {"sources", SourceList(r->sources)}};
  };
  if (audiences) {
    for (const auto& t : audiences->terms) {
      auto it = by_audience.find(t.id);
      if (it == by_audience.end()) continue;
      mstch::array items;
      for (const Recommendation* r : it->second) items.push_back(item_view(r));
      std::string url = "recommendations/" + t.id + "/";
      // An audience not translated into the page's language: its label is
      // marked where a sentence names it ("For {title}").
      const std::string audience_lang = LanguageIfOther(t.lang);
      sections.push_back(mstch::map{{"title", t.label},
                                    {"title_lang", audience_lang},
                                    {"id", t.id},
                                    {"url", url},
                                    {"count", static_cast<int>(items.size())},
                                    {"description", t.description},
                                    {"lang", audience_lang}});
      mstch::map view{{"title", T("recommendations_page.for", {{"audience", t.label}})},
                      {"audience", t.label},
                      {"audience_lang", audience_lang},
                      {"description", t.description},
                      {"items", items},
                      {"count", static_cast<int>(items.size())}};
      PageMeta meta;
      meta.url = url;
      meta.title = T("recommendations_page.for", {{"audience", t.label}});
      meta.description = T("recommendations_page.for_description", {{"audience", t.label}});
      meta.edit_path = "content/recommendations/" + t.id + ".yaml";
      meta.nav_section = "recommendations";
      AddPage("recommendations_audience", view, meta);
      for (const Recommendation* r : it->second) {
        AddRecord({url + "#" + r->id, "recommendation", TruncateWords(r->text, 90), r->text, "",
                   "", "", "", "", {}, ""});
      }
    }
  }
  mstch::map view{{"title", T("recommendations_page.title")},
                  {"audiences", sections},
                  {"count", static_cast<int>(lib_.recommendations.size())}};
  PageMeta meta;
  meta.url = "recommendations/";
  meta.title = T("recommendations_page.title");
  meta.description = T("recommendations_page.description");
  meta.nav_section = "recommendations";
  AddPage("recommendations", view, meta);
}

void SiteRenderer::RenderResources() {
  const Vocabulary* kinds = lib_.FindVocabulary("resource-kinds");
  mstch::array groups;
  std::vector<std::string> kind_order;
  if (kinds) {
    for (const auto& t : kinds->terms) kind_order.push_back(t.id);
  }
  for (const auto& kind : kind_order) {
    mstch::array items;
    std::vector<const Resource*> sorted;
    for (const auto& r : lib_.resources) {
      if (r.kind == kind) sorted.push_back(&r);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const Resource* a, const Resource* b) { return a->title < b->title; });
    for (const Resource* r : sorted) {
      mstch::array topics;
      for (const auto& t : r->topics) topics.push_back(TermLink("topics", t));
      items.push_back(mstch::map{{"id", r->id},
                                 {"lang", LanguageIfOther(r->lang)},
                                 {"title", r->title},
                                 {"organisation", r->organisation},
                                 {"url", IsSafeUrl(r->url) ? r->url : std::string()},
                                 {"url_printed", r->url_printed},
                                 {"url_note", r->url_note},
                                 {"has_correction", !r->url_printed.empty()},
                                 {"description", r->description},
                                 {"topics", topics},
                                 {"has_topics", !topics.empty()},
                                 {"sources", SourceList(r->sources)}});
      AddRecord({"resources/#" + r->id, "resource", r->title, r->description, r->organisation,
                 "", "", "", "", {}, "", {}, LanguageIfOther(r->lang)});
    }
    if (items.empty()) continue;
    groups.push_back(mstch::map{{"title", lib_.TermLabel("resource-kinds", kind)},
                                {"title_lang", TermLanguageIfOther("resource-kinds", kind)},
                                {"id", kind},
                                {"resources", items}});
  }
  mstch::map view{{"title", T("resources_page.title")},
                  {"groups", groups},
                  {"count", static_cast<int>(lib_.resources.size())}};
  PageMeta meta;
  meta.url = "resources/";
  meta.title = T("resources_page.title");
  meta.description = T("resources_page.description");
  meta.edit_path = "content/resources.yaml";
  meta.nav_section = "resources";
  AddPage("resources", view, meta);
}

void SiteRenderer::RenderSources() {
  mstch::array list;
  for (const auto& s : lib_.sources) {
    auto it = lib_.citations_by_source.find(s.id);
    static const std::vector<Library::Citation> kNone;
    const std::vector<Library::Citation>& cited =
        it != lib_.citations_by_source.end() ? it->second : kNone;
    // A source page lists every page citing it (at 10,000 case studies,
    // 10,000 entries): it is keyed on those citations and the common
    // inputs (site.yaml, content files, theme, sections), so an unchanged
    // page is found without building its view.
    const bool keyed = page_cache_ && have_common_inputs_;
    PageKeyBuilder kb;
    int total = 0;
    if (keyed) {
      kb.Add(common_inputs_);
      kb.Add(std::string_view(s.id));
    }
    for (const auto& c : cited) {
      if (!Linkable(c.url)) continue;  // a section the host turned off
      ++total;
      if (!keyed) continue;
      kb.Add(std::string_view(c.kind));
      kb.Add(std::string_view(c.title));
      kb.Add(std::string_view(c.url));
      kb.Add(std::string_view(c.locator));
      kb.Add(std::string_view(c.lang));
    }
    std::string url = "sources/" + s.id + "/";
    // A kind the theme names is in the page's language; any other is shown
    // as sources.yaml writes it, in the content's.
    const std::string kind_key = "source.kinds." + s.kind;
    const bool named_kind = messages().Has(kind_key);
    mstch::map entry{{"id", s.id},
                     {"title", s.title},
                     {"authors", Join(s.authors, "; ")},
                     {"authors_sentence", EndSentence(Join(s.authors, "; "))},
                     {"has_authors", !s.authors.empty()},
                     {"publisher", s.publisher},
                     {"year", s.year},
                     {"ext_url", IsSafeUrl(s.url) ? s.url : std::string()},
                     {"licence", s.licence},
                     {"note", s.note},
                     {"note_lang", LanguageIfOther(s.note_lang)},
                     // A source keeps its own title: only its note is translated.
                     {"title_lang", LanguageIfOther("")},
                     {"kind", named_kind ? T(kind_key) : s.kind},
                     {"kind_lang", named_kind ? "" : LanguageIfOther("")},
                     {"url", url},
                     {"count", total}};
    list.push_back(entry);
    AddRecord({url, "page", s.title, s.note, Join(s.authors, " ") + " " + s.publisher, "", "", "",
               "", {}, ""});
    const PageKey inputs = kb.key();
    if (keyed) {
      SharedBytes html;
      size_t hash = 0;
      if (page_cache_->FindByInputs(CachePath(url + "index.html"), inputs, &html, &hash)) {
        out_->Add(url + "index.html", std::move(html), hash);
        continue;
      }
    }
    std::map<std::string, mstch::array> by_kind;
    for (const auto& c : cited) {
      if (!Linkable(c.url)) continue;
      by_kind[c.kind].push_back(mstch::map{{"title", TruncateWords(c.title, 120)},
                                           {"url", c.url},
                                           {"locator", c.locator},
                                           {"lang", LanguageIfOther(c.lang)}});
    }
    mstch::array kinds;
    for (auto& [kind, items] : by_kind) {
      kinds.push_back(mstch::map{{"kind", T("source.cited_by." + kind)}, {"items", std::move(items)}});
    }
    mstch::map view = entry;
    view["cited_by"] = std::move(kinds);
    PageMeta meta;
    meta.url = url;
    meta.title = s.title;
    meta.description = s.year.empty()
                           ? T("sources_page.source", {{"title", s.title}})
                           : T("sources_page.source_year", {{"title", s.title}, {"year", s.year}});
    meta.edit_path = "content/sources.yaml";
    meta.nav_section = "sources";
    view["cite"] = CiteView(cite::ForSource(s, Canonical(url)), "source", s.id, &meta, "");
    AddPage("source", std::move(view), meta);
    if (keyed) page_cache_->SetInputs(CachePath(url + "index.html"), inputs);
  }
  mstch::map view{{"title", T("sources_page.title")}, {"sources", std::move(list)}};
  PageMeta meta;
  meta.url = "sources/";
  meta.title = T("sources_page.title");
  meta.description = T("sources_page.description");
  meta.edit_path = "content/sources.yaml";
  meta.nav_section = "sources";
  AddPage("sources", view, meta);
}

void SiteRenderer::RenderPages() {
  for (const auto& p : lib_.pages) {
    std::string url = p.slug + "/";
    const SiteConfig& c = lib_.config;
    mstch::array toc;
    for (const auto& [id, text] : p.headings) toc.push_back(mstch::map{{"id", id}, {"text", text}});
    mstch::map view{{"title", p.title},
                    {"summary", p.summary},
                    {"body_html", UnlinkOffSections(p.body_html, url, p.path)}};
    MarkLanguage(p, &view);
    // `contact: <heading>` ends the page with how to reach the people who
    // run the site; with no contact in site.yaml there is nothing to show
    // (Build notes that once).
    if (!p.contact_heading.empty() && (!c.contact_email.empty() || !c.contact_url.empty())) {
      std::string label = c.contact_url;
      for (const char* scheme : {"https://", "http://"}) {
        if (StartsWith(label, scheme)) label.erase(0, std::string(scheme).size());
      }
      if (!label.empty() && label.back() == '/') label.pop_back();
      view["contact"] = mstch::map{{"heading", p.contact_heading},
                                   {"email", c.contact_email},
                                   {"url", c.contact_url},
                                   {"url_label", label},
                                   {"organisation", c.organisation_name},
                                   {"organisation_url", c.organisation_url}};
      toc.push_back(mstch::map{{"id", std::string("site-contact")}, {"text", p.contact_heading}});
    }
    view["has_toc"] = toc.size() >= 3;
    view["toc"] = toc;
    PageMeta meta;
    meta.url = url;
    meta.title = p.title;
    meta.description = p.summary;
    meta.edit_path = p.path;
    meta.nav_section = p.slug;
    view["updated"] = messages().Date(p.updated);
    view["cite"] = CiteView(PageCitation(p.slug, p.title, p.updated, url), "page", p.slug, &meta, p.lang);
    AddPage("page", view, meta);
    AddRecord({url, "page", p.title, p.summary, p.body_text, "", "", "", "", {}, p.updated,
               p.headings, ContentLanguageIfOther(p)});
  }
}

void SiteRenderer::RenderSearchPage() {
  mstch::array kinds, types, nations;
  for (std::string id : {"case-study", "principle", "recommendation", "resource", "worksheet",
                         "page", "statistics", "term"}) {
    if (id == "statistics" && !lib_.config.ShowSection("statistics")) continue;
    kinds.push_back(mstch::map{{"id", id}, {"label", T("search_kinds." + id)}});
  }
  if (const Vocabulary* v = lib_.FindVocabulary("partnership-types")) {
    for (const auto& t : v->terms) {
      types.push_back(mstch::map{{"id", t.id}, {"label", t.label}, {"lang", LanguageIfOther(t.lang)}});
    }
  }
  if (const Vocabulary* v = lib_.FindVocabulary("regions")) {
    for (const auto& t : v->terms) {
      if (t.parent.empty()) {
        nations.push_back(mstch::map{{"id", t.id}, {"label", t.label}, {"lang", LanguageIfOther(t.lang)}});
      }
    }
  }
  mstch::map view{{"title", T("search_page.title")},
                  {"kinds", kinds},
                  {"types", types},
                  {"nations", nations}};
  PageMeta meta;
  meta.url = "search/";
  meta.title = T("search_page.title");
  meta.description = T("search_page.description");
  meta.scripts = {"assets/js/search.js"};
  meta.nav_section = "search";
  AddPage("search", view, meta);
}

}  // namespace commonplace
