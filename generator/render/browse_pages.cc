// Browse pages: one index of vocabularies, one page per vocabulary (its
// term tree with counts) and one page per term (what is filed under it).
#include <algorithm>
#include <map>
#include <set>

#include "base/parallel.h"
#include "base/strings.h"
#include "render/site_renderer.h"
#include "synthesis/synthesis.h"

namespace commonplace {

namespace {

// Vocabulary ids whose terms classify case studies (shown first on /browse/).
const VocabField* CaseField(const std::string& vocab) {
  for (const auto& f : CaseStudyVocabFields()) {
    if (vocab == f.vocab) return &f;
  }
  return nullptr;
}

bool ClassifiesCases(const std::string& vocab) { return CaseField(vocab) != nullptr; }

}  // namespace

void SiteRenderer::RenderBrowse() {
  // Every term page lists cards from the same depth: render them all once,
  // before the pages are made in parallel.
  Cards(RootFor(TermUrl("vocabulary", "term")));
  mstch::array case_vocabs, other_vocabs;
  for (const auto& v : lib_.vocabularies) {
    auto by_term = lib_.cases_by_term.find(v.id);
    mstch::map entry{{"title", v.title},
                     {"description", v.description},
                     {"lang", LanguageIfOther(v.lang)},
                     {"url", "browse/" + v.id + "/"},
                     {"term_count", static_cast<int>(v.terms.size())}};
    (ClassifiesCases(v.id) ? case_vocabs : other_vocabs).push_back(entry);

    // Children by parent, in file order, for the tree.
    std::map<std::string, std::vector<const Term*>> children;
    for (const auto& t : v.terms) children[t.parent].push_back(&t);
    auto count = [&](const std::string& term) {
      if (by_term == lib_.cases_by_term.end()) return 0;
      auto it = by_term->second.find(term);
      return it == by_term->second.end() ? 0 : static_cast<int>(it->second.size());
    };
    std::function<mstch::array(const std::string&, int)> tree = [&](const std::string& parent,
                                                                     int depth) {
      mstch::array items;
      if (depth > 8) return items;
      for (const Term* t : children[parent]) {
        mstch::array kids = tree(t->id, depth + 1);
        items.push_back(mstch::map{{"label", t->label},
                                   {"lang", LanguageIfOther(t->lang)},
                                   {"url", TermUrl(v.id, t->id)},
                                   {"description", t->description},
                                   {"count", count(t->id)},
                                   {"classifies", ClassifiesCases(v.id)},
                                   {"children", kids},
                                   {"has_children", !kids.empty()}});
      }
      return items;
    };
    std::string url = "browse/" + v.id + "/";
    mstch::map view{{"title", v.title},
                    {"description", v.description},
                    {"content_lang", LanguageIfOther(v.lang)},
                    {"title_lang", LanguageIfOther(v.lang)},  // "{title} in the statistics"
                    {"children", tree("", 0)},
                    {"classifies", ClassifiesCases(v.id)},
                    {"sources", SourceList(v.sources)},
                    {"has_sources", !v.sources.empty()}};
    // Charts come from the statistics code, and only when it is built: the
    // same table as statistics/<vocabulary>/, so the same downloads.
    const VocabField* field = CaseField(v.id);
    const bool charts = field && HasSection("statistics");
    StatBlock distribution;
    if (charts && DistributionBlock(lib_, *field, RootFor(url), messages(), &distribution)) {
      distribution.heading = T("browse_page.per_term");
      view["distribution"] = StatBlockView(distribution, RootFor(url));
      view["statistics_url"] = "statistics/" + v.id + "/";
    }
    PageMeta meta;
    meta.url = url;
    meta.title = v.title;
    meta.description = v.description.empty() ? T("browse_page.by", {{"vocabulary", v.title}}) : v.description;
    meta.edit_path = v.path;
    meta.nav_section = "browse";
    AddPage("vocabulary", std::move(view), meta);
    AddRecord({url, "term", v.title, v.description, "", "", "", "", "", {}, "", {}, LanguageIfOther(v.lang)});

    // Term pages on every core; their records keep file order.
    auto term_page = [&](const Term& t) -> PageRecord {
      std::vector<size_t> cases;
      if (by_term != lib_.cases_by_term.end()) {
        auto it = by_term->second.find(t.id);
        if (it != by_term->second.end()) cases = it->second;
      }
      mstch::array kids;
      if (auto it = children.find(t.id); it != children.end()) {
        for (const Term* c : it->second) kids.push_back(TermLink(v.id, c->id));
      }
      DeferredValue cards = CaseCards(cases, RootFor(TermUrl(v.id, t.id)));
      mstch::map tv{{"title", t.label},
                    {"content_lang", LanguageIfOther(t.lang)},
                    {"title_lang", LanguageIfOther(t.lang)},  // "Recommendations for {title}"
                    {"vocabulary", v.title},
                    {"vocabulary_lang", LanguageIfOther(v.lang)},
                    {"vocabulary_url", url},
                    {"description", t.description},
                    {"count", static_cast<int>(cases.size())},
                    {"classifies", ClassifiesCases(v.id)},
                    {"children", kids},
                    {"has_children", !kids.empty()},
                    {"has_parent", !t.parent.empty()},
                    {"sources", SourceList(t.sources)},
                    {"has_sources", !t.sources.empty()}};
      if (!t.parent.empty()) tv["parent"] = TermLink(v.id, t.parent);
      // What else these case studies record, when there are enough of them.
      const VocabField* other = charts ? ProfileFieldFor(v.id) : nullptr;
      StatBlock profile;
      if (other && ProfileBlock(lib_, *field, t.id, messages(), *other, RootFor(TermUrl(v.id, t.id)), &profile)) {
        tv["profile"] = StatBlockView(profile, RootFor(TermUrl(v.id, t.id)));
      }
      // A driver, barrier, enabler or impact area gathers its evidence.
      if (IsThemeVocabulary(v.id) && lib_.config.ShowSection("findings")) {
        tv["theme"] = ThemeView(v.id, t.id);
      }
      // A topic lists its findings and the case studies they and the
      // topic's recommendations point to.
      if (v.id == "topics" && lib_.config.ShowSection("findings")) {
        auto fit = lib_.findings_by_term.find("topics");
        std::vector<size_t> found;
        if (fit != lib_.findings_by_term.end()) {
          if (auto it = fit->second.find(t.id); it != fit->second.end()) found = it->second;
        }
        std::set<size_t> topic_cases;
        auto add_case = [&](const std::string& slug) {
          if (auto i = lib_.CaseStudyIndex(slug)) topic_cases.insert(*i);
        };
        for (size_t i : found) {
          for (const auto& slug : lib_.findings[i].case_studies) add_case(slug);
        }
        for (const auto& r : lib_.recommendations) {
          if (std::find(r.themes.begin(), r.themes.end(), t.id) == r.themes.end()) continue;
          for (const auto& slug : r.case_studies) add_case(slug);
        }
        // Principles and worksheets filed under the topic or a narrower one.
        auto under = [&](const std::map<std::string, std::map<std::string, std::vector<size_t>>>& by) {
          auto v = by.find("topics");
          if (v == by.end()) return std::vector<size_t>{};
          auto it = v->second.find(t.id);
          return it == v->second.end() ? std::vector<size_t>{} : it->second;
        };
        mstch::array topic_principles, topic_worksheets;
        if (Linkable("principles/")) {
          for (size_t i : under(lib_.principles_by_term)) {
            const Principle& p = lib_.principles[i];
            topic_principles.push_back(mstch::map{{"title", p.title},
                                                  {"url", "principles/" + p.id + "/"},
                                                  {"lang", ContentLanguageIfOther(p)}});
          }
        }
        if (Linkable("worksheets/")) {
          for (size_t i : under(lib_.worksheets_by_term)) {
            const Worksheet& w = lib_.worksheets[i];
            topic_worksheets.push_back(mstch::map{{"title", w.title}, {"url", "worksheets/" + w.id + "/"},
                                                  {"lang", LanguageIfOther(w.lang)}});
          }
        }
        tv["topic_principles"] = topic_principles;
        tv["has_topic_principles"] = !topic_principles.empty();
        tv["topic_worksheets"] = topic_worksheets;
        tv["has_topic_worksheets"] = !topic_worksheets.empty();
        if (!found.empty() || !topic_cases.empty()) {
          tv["has_topic_findings"] = true;
          tv["topic_findings"] = mstch::map{{"findings", FindingCards(found)}};
          std::vector<size_t> cases(topic_cases.begin(), topic_cases.end());
          cards = CaseCards(cases, RootFor(TermUrl(v.id, t.id)));
          tv["topic_case_count"] = static_cast<int>(cases.size());
        }
      }
      // Topics also file recommendations and resources; principle groups
      // file principles; audiences lead to their recommendations.
      mstch::array recs, res, prins;
      if (v.id == "topics") {
        for (const auto& r : lib_.recommendations) {
          if (std::find(r.themes.begin(), r.themes.end(), t.id) == r.themes.end()) continue;
          recs.push_back(mstch::map{{"text", r.text},
                                    {"url", "recommendations/" + r.audience + "/#" + r.id},
                                    {"audience", lib_.TermLabel("audiences", r.audience)}});
        }
        for (const auto& r : lib_.resources) {
          if (std::find(r.topics.begin(), r.topics.end(), t.id) == r.topics.end()) continue;
          res.push_back(mstch::map{{"title", r.title},
                                   {"url", "resources/#" + r.id},
                                   {"lang", LanguageIfOther(r.lang)}});
        }
      }
      if (v.id == "principle-groups") {
        for (const auto& p : lib_.principles) {
          if (p.group == t.id) {
            prins.push_back(mstch::map{{"title", p.title},
                                       {"url", "principles/" + p.id + "/"},
                                       {"lang", ContentLanguageIfOther(p)}});
          }
        }
      }
      if (v.id == "audiences" && lib_.config.ShowSection("recommendations") &&
          std::any_of(lib_.recommendations.begin(), lib_.recommendations.end(),
                      [&](const Recommendation& r) { return r.audience == t.id; })) {
        tv["audience_url"] = "recommendations/" + t.id + "/";
      }
      if (!lib_.config.ShowSection("recommendations")) recs.clear();
      if (!lib_.config.ShowSection("resources")) res.clear();
      tv["recommendations"] = recs;
      tv["has_recommendations"] = !recs.empty();
      tv["resources"] = res;
      tv["has_resources"] = !res.empty();
      tv["principles"] = prins;
      tv["has_contribute"] = std::any_of(lib_.pages.begin(), lib_.pages.end(),
                                         [](const Page& p) { return p.slug == "contribute"; });
      tv["has_principles"] = !prins.empty();
      std::string turl = TermUrl(v.id, t.id);
      PageMeta tm;
      tm.url = turl;
      tm.title = t.label;
      tm.description = t.description.empty() ? v.title + ": " + t.label : t.description;
      tm.edit_path = v.path;
      tm.nav_section = "browse";
      tm.deferred.push_back(std::move(cards));
      AddPage("term", std::move(tv), tm);
      return {turl, "term", t.label, t.description, "", v.title, "", "", "", {}, "", {},
              LanguageIfOther(t.lang)};
    };
    std::vector<PageRecord> records(v.terms.size());
    ParallelFor(v.terms.size(), threads_, [&](size_t i) { records[i] = term_page(v.terms[i]); });
    for (auto& r : records) AddRecord(std::move(r));
  }
  mstch::map view{{"title", T("browse_page.title")},
                  {"case_vocabularies", case_vocabs},
                  {"other_vocabularies", other_vocabs}};
  PageMeta meta;
  meta.url = "browse/";
  meta.title = T("browse_page.title");
  meta.description = T("browse_page.description");
  meta.nav_section = "browse";
  AddPage("browse", view, meta);
}

}  // namespace commonplace
