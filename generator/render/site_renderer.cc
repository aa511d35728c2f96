// The layout, the page wrapper and shared view helpers.
#include "render/site_renderer.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "base/parallel.h"
#include "base/strings.h"

namespace commonplace {

std::string SiteRenderer::RootFor(const std::string& url) {
  std::string root;
  for (char c : url) {
    if (c == '/') root += "../";
  }
  return root.empty() ? "./" : root;  // "./", not "": an empty href is no link
}

std::string SiteRenderer::TermUrl(const std::string& vocab, const std::string& term) {
  return "browse/" + vocab + "/" + term + "/";
}

std::string FormatThousands(const std::string& number) {
  size_t dot = number.find('.');
  std::string whole = number.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : number.substr(dot);
  bool neg = !whole.empty() && whole[0] == '-';
  if (neg) whole.erase(0, 1);
  std::string out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return (neg ? "-" : "") + out + frac;
}

std::string PrefixRelativeLinks(const std::string& html, const std::string& root) {
  if (root.empty()) return html;
  std::string out;
  size_t pos = 0;
  const std::string attr = "href=\"";
  for (;;) {
    size_t at = html.find(attr, pos);
    if (at == std::string::npos) break;
    size_t value = at + attr.size();
    out.append(html, pos, value - pos);
    size_t end = html.find('"', value);
    std::string url = html.substr(value, end == std::string::npos ? std::string::npos : end - value);
    bool relative = url.find(':') == std::string::npos && !StartsWith(url, "/") &&
                    !StartsWith(url, "#");
    if (relative) out += root;
    pos = value;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

std::string JsonForScript(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SiteRenderer::EditUrl(const std::string& path) const {
  return EditUrlFor(lib_.config, path);
}

std::string EditUrlFor(const SiteConfig& c, const std::string& path) {
  if (path.empty()) return "";
  // An explicit pattern (GitLab, Gitea, …) wins; {path} and {branch} are
  // filled in.
  if (!c.repository_edit_url.empty()) {
    std::string url = c.repository_edit_url;
    auto fill = [&](const std::string& key, const std::string& value) {
      for (size_t at = url.find(key); at != std::string::npos; at = url.find(key, at + value.size())) {
        url.replace(at, key.size(), value);
      }
    };
    fill("{branch}", c.repository_branch);
    fill("{path}", path);
    return url;
  }
  if (c.repository_url.empty()) return "";
  std::string repo = c.repository_url;
  if (repo.back() == '/') repo.pop_back();
  return repo + "/edit/" + c.repository_branch + "/" + path;  // GitHub's form
}

std::string SiteRenderer::PageLanguage() const {
  return lib_.config.languages.empty() ? lib_.config.language : messages().lang();
}

std::string SiteRenderer::LanguageIfOther(const std::string& lang) const {
  if (lib_.config.languages.empty()) return "";
  const std::string& written = lang.empty() ? lib_.config.content_language : lang;
  return written == messages().lang() ? "" : written;
}

std::string SiteRenderer::ContentLanguageIfOther(const Document& d) const {
  return LanguageIfOther(d.lang);
}

std::string SiteRenderer::TermLanguageIfOther(const std::string& vocab,
                                              const std::string& term) const {
  if (lib_.config.languages.empty()) return "";
  if (const Vocabulary* v = lib_.FindVocabulary(vocab)) {
    for (const auto& t : v->terms) {
      if (t.id == term) return LanguageIfOther(t.lang);
    }
  }
  return "";
}

void SiteRenderer::MarkLanguage(const Document& d, mstch::map* view) const {
  std::string lang = ContentLanguageIfOther(d);
  if (lang.empty()) return;
  (*view)["content_lang"] = lang;
  (*view)["untranslated"] = T("language.untranslated." + lang);
}

mstch::array SiteRenderer::NavItems(const std::string& current) const {
  mstch::array items;
  std::vector<NavItem> nav = lib_.config.navigation;
  if (nav.empty()) {
    // A site.yaml without navigation gets the main sections.
    for (const char* section : {"casestudies", "browse", "principles", "recommendations",
                                "worksheets", "resources", "statistics"}) {
      nav.push_back({T(std::string("nav.") + section), std::string(section) + "/", {}});
    }
    for (const auto& p : lib_.pages) {
      if (p.slug == "about") nav.push_back({p.title, "about/"});
    }
  }
  for (const auto& n : nav) {
    // A section the host turned off drops out of the navigation too.
    std::string first = n.url.substr(0, n.url.find('/'));
    if (!lib_.config.ShowSection(first)) continue;
    // Sections that only exist when there is something in them.
    if ((first == "worksheets" || first == "statistics") && !built_sections_.count(first)) continue;
    bool external = StartsWith(n.url, "http://") || StartsWith(n.url, "https://");
    std::string section = n.url.substr(0, n.url.find('/'));
    // A title for the page language from `titles:`, else the one title.
    auto own = n.titles.find(messages().lang());
    items.push_back(mstch::map{{"title", own != n.titles.end() ? own->second : n.title},
                               {"url", n.url},
                               {"external", external},
                               {"current", !current.empty() && section == current}});
  }
  return items;
}

PageKey RecordDigest(const PageRecord& r) {
  PageKeyBuilder kb;
  for (const std::string* s : {&r.title, &r.kind, &r.url, &r.summary, &r.body_text, &r.themes,
                               &r.places, &r.partners, &r.lang}) {
    kb.Add(std::string_view(*s));
  }
  kb.Mix(r.headings.size());
  for (const auto& [id, text] : r.headings) {
    kb.Add(std::string_view(id));
    kb.Add(std::string_view(text));
  }
  return kb.key();
}

void SiteRenderer::AddPage(const std::string& template_name, mstch::map view,
                           const PageMeta& meta) {
  const SiteConfig& c = lib_.config;
  // 404.html is served at any depth, so it links from the base path.
  std::string root = meta.url == "404" ? c.BasePath() : RootFor(meta.url);
  view["root"] = root;
  view["site_title"] = c.title;

  mstch::array scripts, styles;
  std::vector<std::string> script_messages;
  // i18n.js first: the page's scripts read their words through it.
  if (!meta.scripts.empty()) scripts.push_back(mstch::map{{"src", std::string("assets/js/i18n.js")}});
  for (const auto& s : meta.scripts) {
    scripts.push_back(mstch::map{{"src", s}});
    // assets/js/evidence-map.js reads the messages under js.evidence_map.
    std::string name = s.substr(s.rfind('/') + 1);
    name = name.substr(0, name.find('.'));
    std::replace(name.begin(), name.end(), '-', '_');
    script_messages.push_back("js." + name + ".");
  }
  for (const auto& s : meta.styles) styles.push_back(mstch::map{{"href", s}});
  bool has_licence_page = std::any_of(lib_.pages.begin(), lib_.pages.end(),
                                      [](const Page& p) { return p.slug == "licence"; });
  bool has_accessibility_page = std::any_of(lib_.pages.begin(), lib_.pages.end(),
                                            [](const Page& p) { return p.slug == "accessibility"; });
  std::string full_title = meta.url.empty() ? c.title : meta.title + " · " + c.title;
  mstch::map layout{
      {"lang", PageLanguage()},
      {"root", root},
      {"base_path", c.BasePath()},
      {"site_title", c.title},
      {"tagline", c.tagline},
      {"logo", c.logo},
      {"has_logo", !c.logo.empty()},
      {"page_title", meta.title},
      {"full_title", full_title},
      {"description", meta.description.empty() ? c.description : meta.description},
      {"canonical", Canonical(meta.url == "404" ? "404.html" : meta.url)},
      {"og_type", meta.og_type},
      {"jsonld", meta.jsonld},
      {"has_jsonld", !meta.jsonld.empty()},
      {"nav", NavItems(meta.nav_section)},
      {"footer_html", PrefixRelativeLinks(footer_html_, root)},
      {"has_licence_page", has_licence_page},
      {"has_accessibility_page", has_accessibility_page},
      {"has_feed", c.HasBaseUrl()},  // a feed needs absolute addresses
      {"organisation", c.organisation_name},
      {"organisation_url", c.organisation_url},
      {"licence_name", c.licence_name},
      {"licence_url", c.licence_url},
      {"edit_url", EditUrl(meta.edit_path)},
      {"scripts", scripts},
      {"messages_json", script_messages.empty() ? std::string()
                                                : messages().ScriptJson(script_messages)},
      {"styles", styles},
      {"chrome", meta.chrome},
      {"noindex", meta.noindex},
      {"show_search", c.ShowSection("search")},
      {"has_colours", !c.colours.empty()},
  };
  mstch::array citation_meta;
  for (const auto& [name, content] : meta.citation_meta) {
    citation_meta.push_back(mstch::map{{"name", name}, {"content", content}});
  }
  layout["citation_meta"] = std::move(citation_meta);
  if (languages_.size() > 1 && meta.url != "404") {
    // The same page in every language: its address is the same under each
    // language's prefix. Relative links climb out of this language's folder.
    std::string to_site_root = (root == "./" ? "" : root) +
                               (languages_[current_language_].prefix.empty() ? "" : "../");
    mstch::array alternates;
    for (size_t i = 0; i < languages_.size(); ++i) {
      const SiteLanguage& l = languages_[i];
      std::string relative = i == current_language_ ? root + meta.url
                                                    : to_site_root + l.prefix + meta.url;
      if (relative.empty()) relative = "./";
      alternates.push_back(mstch::map{
          {"code", l.code},
          {"name", l.name},
          {"link", relative},
          {"href", l.base_url.empty() ? relative : l.base_url + meta.url},
          {"current", i == current_language_}});
    }
    layout["alternates"] = alternates;
    layout["has_languages"] = true;
  }
  std::string path = meta.url == "404" ? "404.html" : meta.url + "index.html";
  if (meta.noindex) {
    std::lock_guard<std::mutex> lock(noindex_mu_);
    noindex_.insert(path);
  }
  // The page is a function of the theme, its template, its view and the
  // layout's other values: when all are as last time, reuse the page.
  PageKey key;
  bool cacheable = false;
  // A deferred value whose key stands for it waits for a page to render.
  std::vector<const DeferredValue*> waiting;
  for (const DeferredValue& d : meta.deferred) {
    if (page_cache_ && d.keyed) {
      waiting.push_back(&d);
    } else {
      view[d.name] = d.make();
    }
  }
  if (page_cache_) {
    PageKeyBuilder kb;
    kb.Add(theme_.fingerprint());
    kb.Add(std::string_view(template_name));
    cacheable = kb.Add(view) && kb.Add(layout);
    kb.Mix(waiting.size());
    for (const DeferredValue* d : waiting) {
      kb.Add(std::string_view(d->name));
      kb.Add(d->key);
    }
    key = kb.key();
    SharedBytes html;
    size_t hash = 0;
    if (cacheable && page_cache_->Find(CachePath(path), key, &html, &hash)) {
      out_->Add(path, std::move(html), hash);
      return;
    }
  }
  for (const DeferredValue* d : waiting) view[d->name] = d->make();
  layout["content"] = theme_.Render(template_name, view);
  auto html = std::make_shared<const std::string>(theme_.Render("layout", layout));
  if (cacheable) {
    size_t hash = page_cache_->Store(CachePath(path), key, html);
    out_->Add(path, std::move(html), hash);
    return;
  }
  out_->Add(path, std::move(html));
}

mstch::map SiteRenderer::CiteView(const cite::Record& r, const std::string& what,
                                  const std::string& file, PageMeta* meta,
                                  const std::string& lang) const {
  struct Download {
    const char* label;
    const char* use;
    const char* mime;
    const char* extension;
    std::string text;
  };
  const Download downloads[] = {
      {"RIS", "cite.use.ris", "application/x-research-info-systems", ".ris", cite::Ris(r)},
      {"BibTeX", "cite.use.bibtex", "application/x-bibtex", ".bib", cite::Bibtex(r)},
      {"CSL-JSON", "cite.use.csl_json", "application/vnd.citationstyles.csl+json", ".json",
       cite::CslJson(r)},
  };
  mstch::array links;
  for (const Download& d : downloads) {
    links.push_back(mstch::map{{"label", std::string(d.label)},
                               {"use", T(d.use)},
                               {"file", file + d.extension},
                               {"href", cite::DataUrl(d.mime, d.text)}});
  }
  meta->citation_meta = cite::HighwireTags(r);
  // The citation's own words in the page's language, its title marked when
  // it is in another.
  cite::Words words;
  words.no_date = T("cite.no_date");
  words.no_date_harvard = T("cite.no_date_harvard");
  words.available_at = T("cite.available_at");
  words.apa_date = T("cite.apa_date");
  words.months = messages().months();
  cite::Record shown = r;
  shown.title_lang = LanguageIfOther(lang);
  // `what` names a kind of page ("case study"), in the page's language.
  return mstch::map{{"what", T("cite.what." + what)},
                    {"apa", cite::Apa(shown, words)},
                    {"harvard", cite::Harvard(shown, words)},
                    {"downloads", std::move(links)},
                    {"has_url", !r.url.empty()}};
}

mstch::map SiteRenderer::TermLink(const std::string& vocab, const std::string& term) const {
  return mstch::map{{"label", lib_.TermLabel(vocab, term)},
                    {"url", TermUrl(vocab, term)},
                    {"lang", TermLanguageIfOther(vocab, term)}};
}

mstch::array SiteRenderer::SourceList(const std::vector<SourceRef>& refs) const {
  mstch::array out;
  for (const auto& r : refs) {
    const Source* s = lib_.FindSource(r.source);
    // A source's title and the locator in it are in the content's language:
    // only a source's note is translated.
    out.push_back(mstch::map{{"title", s ? s->title : r.source},
                             {"lang", LanguageIfOther("")},
                             {"url", "sources/" + r.source + "/"},
                             {"locator", r.locator},
                             {"has_locator", !r.locator.empty()}});
  }
  return out;
}

mstch::map SiteRenderer::CaseCard(const CaseStudy& cs) const {
  std::vector<std::string> places;
  for (const auto& p : cs.places) places.push_back(p.name);
  std::string years;
  if (cs.year_start) years = std::to_string(*cs.year_start);
  if (cs.year_end) years += (years.empty() ? "" : "–") + std::to_string(*cs.year_end);
  return mstch::map{{"title", cs.title},
                    {"url", "casestudies/" + cs.slug + "/"},
                    {"summary", cs.summary},
                    {"lang", ContentLanguageIfOther(cs)},
                    {"type", lib_.TermLabel("partnership-types", cs.partnership_type)},
                    {"type_lang", TermLanguageIfOther("partnership-types", cs.partnership_type)},
                    {"places", Join(places, "; ")},
                    {"has_places", !places.empty()},
                    {"years", years},
                    {"anonymised", cs.anonymised}};
}

const std::vector<SharedBytes>& SiteRenderer::Cards(const std::string& root) {
  std::lock_guard<std::mutex> lock(cards_mu_);
  auto& cards = card_cache_[root];
  if (cards.size() != lib_.case_studies.size()) {
    cards.resize(lib_.case_studies.size());
    // A card is a function of the common inputs (theme, content files,
    // site.yaml, sections), its root and its case study's card fields: under
    // `serve`, cards whose inputs are as last build are kept, not rendered.
    // The kept cards are updated in place: after one edit, one changes.
    struct KeptCards {
      std::unordered_map<std::string, std::pair<PageKey, SharedBytes>> by_slug;
    };
    const bool keyed = page_cache_ && have_common_inputs_;
    std::shared_ptr<void>* slot = keyed ? &page_cache_->Slot(CachePath("cards " + root)) : nullptr;
    if (slot && !*slot) *slot = std::make_shared<KeptCards>();
    KeptCards* kept = slot ? static_cast<KeptCards*>(slot->get()) : nullptr;
    // A card's key does not depend on its root: made once a build, for
    // every root.
    std::vector<PageKey>& keys = card_keys_;
    if (keyed && keys.size() != cards.size()) {
      keys.resize(cards.size());
      ParallelFor(keys.size(), threads_, [&](size_t i) {
        const CaseStudy& cs = lib_.case_studies[i];
        PageKeyBuilder kb;
        kb.Add(common_inputs_);
        kb.Add(std::string_view(cs.slug));
        kb.Add(std::string_view(cs.title));
        kb.Add(std::string_view(cs.summary));
        kb.Add(std::string_view(cs.lang));
        kb.Add(std::string_view(cs.partnership_type));
        kb.Mix(cs.places.size());
        for (const auto& p : cs.places) kb.Add(std::string_view(p.name));
        kb.Mix(cs.year_start ? 1 + static_cast<uint64_t>(*cs.year_start) : 0);
        kb.Mix(cs.year_end ? 1 + static_cast<uint64_t>(*cs.year_end) : 0);
        kb.Mix(cs.anonymised);
        keys[i] = kb.key();
      });
    }
    std::vector<char> fresh(cards.size(), 0);
    ParallelFor(cards.size(), threads_, [&](size_t i) {
      const CaseStudy& cs = lib_.case_studies[i];
      if (keyed) {
        auto it = kept->by_slug.find(cs.slug);  // read only while the cards are made
        if (it != kept->by_slug.end() && it->second.first == keys[i]) {
          cards[i] = it->second.second;
          return;
        }
      }
      mstch::map card = CaseCard(cs);
      card["root"] = root;
      cards[i] = std::make_shared<const std::string>(theme_.Render("case_card", card));
      fresh[i] = 1;
    });
    if (kept) {
      for (size_t i = 0; i < cards.size(); ++i) {
        if (!fresh[i]) continue;
        kept->by_slug.insert_or_assign(lib_.case_studies[i].slug, std::make_pair(keys[i], cards[i]));
      }
      // Case studies gone (or renamed) since: their cards go too.
      if (kept->by_slug.size() > cards.size()) {
        std::unordered_set<std::string_view> slugs;
        for (const auto& cs : lib_.case_studies) slugs.insert(cs.slug);
        std::erase_if(kept->by_slug, [&](const auto& e) { return !slugs.count(e.first); });
      }
    }
  }
  return cards;
}

DeferredValue SiteRenderer::CaseCards(const std::vector<size_t>& indexes, const std::string& root,
                                      std::string name) {
  std::vector<size_t> sorted = indexes;
  std::sort(sorted.begin(), sorted.end(),
            [&](size_t a, size_t b) { return title_rank_[a] < title_rank_[b]; });
  const std::vector<SharedBytes>& cards = Cards(root);
  DeferredValue value;
  value.name = std::move(name);
  {
    std::lock_guard<std::mutex> lock(cards_mu_);
    const std::vector<PageKey>& keys = card_keys_;
    if (page_cache_ && have_common_inputs_ && keys.size() == cards.size()) {
      // Each card's key stands for its bytes: the list is keyed on 16 bytes
      // a card, not on the cards' HTML (67 MiB of term pages at 10,000).
      PageKeyBuilder kb;
      kb.Add(std::string_view(root));
      kb.Mix(sorted.size());
      for (size_t i : sorted) kb.Add(keys[i]);
      value.keyed = true;
      value.key = kb.key();
    }
  }
  value.make = [&cards, sorted = std::move(sorted)] {
    size_t bytes = 0;
    for (size_t i : sorted) bytes += cards[i]->size();
    std::string out;
    out.reserve(bytes);
    for (size_t i : sorted) out += *cards[i];
    return out;
  };
  return value;
}

void SiteRenderer::RenderAll() {
  // Lists show case studies by title (then slug); ranking them once spares
  // every list its own string comparisons.
  if (page_cache_) {
    // The last build's order, checked rather than sorted again.
    auto& kept = page_cache_->Slot(CachePath("title-order"));
    auto last = std::static_pointer_cast<std::vector<size_t>>(kept);
    title_order_ = TitleOrder(lib_, last.get());
    kept = std::make_shared<std::vector<size_t>>(title_order_);
  } else {
    title_order_ = TitleOrder(lib_);
  }
  title_rank_.assign(title_order_.size(), 0);
  for (size_t r = 0; r < title_order_.size(); ++r) title_rank_[title_order_[r]] = r;
  // Written relative to the root, like a page at the root.
  footer_html_ = UnlinkOffSections(lib_.config.footer_html, "", "site.yaml");
  // Every page's menu links to the sections that will exist, so they are
  // known before the first page is made (the worksheet pages, made first,
  // once lacked "Statistics").
  if (!lib_.worksheets.empty() && lib_.config.ShowSection("worksheets")) AddSection("worksheets");
  if (!lib_.case_studies.empty() && lib_.config.ShowSection("statistics")) AddSection("statistics");
  if (page_cache_ && !lib_.content_fingerprint.empty()) {
    PageKeyBuilder kb;
    kb.Add(theme_.fingerprint());
    kb.Add(std::string_view(lib_.content_fingerprint));
    kb.Add(std::string_view(lib_.config.base_url));
    for (const auto& s : built_sections_) kb.Add(std::string_view(s));
    common_inputs_ = kb.key();
    have_common_inputs_ = true;
  }
  RenderAssets();
  RenderWorksheets();
  RenderStatistics();
  RenderHome();
  if (lib_.config.ShowSection("casestudies")) RenderCaseStudies();
  RenderBrowse();
  if (lib_.config.ShowSection("findings")) RenderFindings();
  if (lib_.config.ShowSection("principles")) RenderPrinciples();
  if (lib_.config.ShowSection("recommendations")) RenderRecommendations();
  if (lib_.config.ShowSection("resources")) RenderResources();
  RenderSources();
  RenderPages();
  if (lib_.config.ShowSection("search")) RenderSearchPage();
  if (lib_.config.ShowSection("casestudies")) RenderContributeForm();
}

}  // namespace commonplace
