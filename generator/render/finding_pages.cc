// Findings (one page each, and the list of all of them) and the synthesis a
// theme's term page shows: what its findings say, how much evidence there
// is and how strong, from synthesis/.
#include <algorithm>
#include <cctype>
#include <map>

#include "base/strings.h"
#include "render/site_renderer.h"
#include "synthesis/synthesis.h"

namespace commonplace {

namespace {

// The message key of a kind of finding's heading.
std::string KindHeading(const std::string& kind) {
  if (kind == "driver" || kind == "barrier" || kind == "enabler") return "finding_kinds." + kind;
  return "finding_kinds.impact";
}

// "Strong" → "strong", "None yet" → "none": a CSS class for the label.
std::string StrengthClass(const std::string& label) {
  std::string out;
  for (char c : label.substr(0, label.find(' '))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

mstch::map SiteRenderer::FindingCard(const Finding& f) const {
  return mstch::map{{"title", f.title},
                    {"url", "findings/" + f.id + "/"},
                    {"summary", f.summary},
                    {"lang", ContentLanguageIfOther(f)},
                    {"kind", f.kind},
                    {"quotations", static_cast<int>(f.quotations.size())}};
}

mstch::array SiteRenderer::FindingCards(const std::vector<size_t>& indexes) const {
  mstch::array out;
  for (size_t i : indexes) out.push_back(FindingCard(lib_.findings[i]));
  return out;
}

// synthesis/ names its strength labels in English; a page shows them in its
// own language (strength.<class>), with the rule explained the same way.
std::string SiteRenderer::StrengthLabel(const std::string& label) const {
  return T("strength." + StrengthClass(label));
}

mstch::map SiteRenderer::StrengthRulesView() const {
  mstch::array rules;
  for (const auto& r : StrengthRules()) {
    std::string cls = StrengthClass(r.label);
    rules.push_back(mstch::map{{"label", StrengthLabel(r.label)},
                               {"explanation",
                                T("strength.explanation." + cls,
                                  {{"sources", std::to_string(r.min_sources)},
                                   {"findings", std::to_string(r.min_findings)},
                                   {"cases", std::to_string(r.min_case_studies_or_participants)}})}});
  }
  return mstch::map{{"rules", rules}, {"none_label", StrengthLabel(kNoEvidenceLabel)}};
}

mstch::map SiteRenderer::ThemeView(const std::string& vocab, const std::string& term) const {
  ThemeEvidence e = SynthesiseTheme(lib_, vocab, term);
  mstch::array recs;
  for (size_t i : e.recommendations) {
    const Recommendation& r = lib_.recommendations[i];
    if (!Linkable("recommendations/")) break;
    recs.push_back(mstch::map{{"text", r.text},
                              {"lang", LanguageIfOther(r.lang)},
                              {"url", "recommendations/" + r.audience + "/#" + r.id},
                              {"audience", lib_.TermLabel("audiences", r.audience)},
                              {"audience_lang", TermLanguageIfOther("audiences", r.audience)}});
  }
  mstch::array sources;
  for (const auto& id : e.sources) {
    const Source* s = lib_.FindSource(id);
    // Sources keep their own titles: only their notes are translated.
    sources.push_back(mstch::map{{"title", s ? s->title : id}, {"url", "sources/" + id + "/"},
                                 {"lang", LanguageIfOther("")}});
  }
  mstch::array worksheets;
  if (Linkable("worksheets/")) {
    for (size_t i : e.worksheets) {
      const Worksheet& w = lib_.worksheets[i];
      worksheets.push_back(mstch::map{{"title", w.title}, {"url", "worksheets/" + w.id + "/"},
                                      {"summary", w.summary}, {"lang", LanguageIfOther(w.lang)}});
    }
  }
  mstch::array gaps;
  for (const auto& g : e.gaps) gaps.push_back(T("gaps." + g.key, g.args));
  return mstch::map{{"findings", FindingCards(e.findings)},
                    {"has_findings", !e.findings.empty()},
                    {"finding_count", static_cast<int>(e.findings.size())},
                    {"case_count", static_cast<int>(e.case_studies.size())},
                    {"source_count", static_cast<int>(e.sources.size())},
                    {"participant_count", static_cast<int>(e.participants.size())},
                    {"participants", Join(e.participants, ", ")},
                    {"quotation_count", e.quotations},
                    {"strength", StrengthLabel(e.strength)},
                    {"strength_class", StrengthClass(e.strength)},
                    {"evidence_sources", sources},
                    {"has_evidence_sources", !sources.empty()},
                    {"recommendations", recs},
                    {"has_recommendations", !recs.empty()},
                    {"worksheets", worksheets},
                    {"has_worksheets", !worksheets.empty()},
                    {"gaps", gaps},
                    {"has_gaps", !gaps.empty()}};
}

void SiteRenderer::RenderFindings() {
  std::map<std::string, std::vector<size_t>> by_kind;
  for (size_t i = 0; i < lib_.findings.size(); ++i) by_kind[lib_.findings[i].kind].push_back(i);
  for (size_t i = 0; i < lib_.findings.size(); ++i) {
    const Finding& f = lib_.findings[i];
    std::string url = "findings/" + f.id + "/";
    mstch::array terms;
    for (const auto& use : f.term_uses) {
      mstch::map link = TermLink(use.vocab, use.term);
      link["vocabulary"] = lib_.FindVocabulary(use.vocab) ? lib_.FindVocabulary(use.vocab)->title
                                                           : use.vocab;
      terms.push_back(link);
    }
    mstch::array quotes;
    for (const auto& q : f.quotations) {
      quotes.push_back(mstch::map{{"text", q.text},
                                  {"by", q.by},
                                  {"locator", q.locator},
                                  {"is_code", IsParticipantCode(q.by)}});
    }
    std::vector<size_t> cases;
    for (const auto& slug : f.case_studies) {
      if (auto i = lib_.CaseStudyIndex(slug)) cases.push_back(*i);
    }
    mstch::array recs;
    for (const auto& r : lib_.recommendations) {
      if (std::find(r.findings.begin(), r.findings.end(), f.id) == r.findings.end()) continue;
      if (!Linkable("recommendations/")) break;
      recs.push_back(mstch::map{{"text", r.text},
                                {"url", "recommendations/" + r.audience + "/#" + r.id},
                                {"audience", lib_.TermLabel("audiences", r.audience)}});
    }
    mstch::map view{{"title", f.title},
                    {"summary", f.summary},
                    {"kind_heading", T(KindHeading(f.kind))},
                    {"body_html", UnlinkOffSections(f.body_html, url, f.path)},
                    {"terms", terms},
                    {"quotations", quotes},
                    {"has_quotations", !quotes.empty()},
                    {"case_count", static_cast<int>(cases.size())},
                    {"recommendations", recs},
                    {"has_recommendations", !recs.empty()},
                    {"participants", Join(f.participants, ", ")},
                    {"has_participants", !f.participants.empty()},
                    {"editor_note", f.editor_note},
                    {"sources", SourceList(f.sources)}};
    PageMeta meta;
    meta.url = url;
    meta.title = f.title;
    meta.description = f.summary;
    meta.edit_path = f.path;
    meta.nav_section = "findings";
    meta.deferred.push_back(CaseCards(cases, RootFor(url)));
    MarkLanguage(f, &view);
    view["updated"] = messages().Date(f.updated);
    view["cite"] = CiteView(PageCitation(f.id, f.title, f.updated, url), "finding", f.id, &meta,
                            f.lang);
    AddPage("finding", view, meta);
    std::vector<std::string> labels;
    for (const auto& use : f.term_uses) labels.push_back(lib_.TermLabel(use.vocab, use.term));
    AddRecord({url, "finding", f.title, f.summary, f.body_text, Join(labels, " "), "", "", "", {},
               f.updated, f.headings, ContentLanguageIfOther(f)});
  }
  mstch::array groups;
  for (const auto& kind : {"driver", "barrier", "enabler", "impact"}) {
    auto it = by_kind.find(kind);
    if (it == by_kind.end()) continue;
    groups.push_back(mstch::map{{"heading", T(KindHeading(kind))},
                                {"id", std::string(kind) + "s"},
                                {"count", static_cast<int>(it->second.size())},
                                {"findings", FindingCards(it->second)}});
  }
  // Every theme with evidence, with its label, so a reader can go from
  // "what is known" to the theme's page.
  mstch::array themes;
  for (const auto& vocab : ThemeVocabularies()) {
    const Vocabulary* v = lib_.FindVocabulary(vocab);
    if (!v) continue;
    mstch::array rows;
    for (const auto& t : v->terms) {
      ThemeEvidence e = SynthesiseTheme(lib_, vocab, t.id);
      if (!e.HasEvidence()) continue;
      rows.push_back(mstch::map{{"label", t.label},
                                {"url", TermUrl(vocab, t.id)},
                                {"strength", StrengthLabel(e.strength)},
                                {"findings", static_cast<int>(e.findings.size())},
                                {"cases", static_cast<int>(e.case_studies.size())},
                                {"sources", static_cast<int>(e.sources.size())},
                                {"participants", static_cast<int>(e.participants.size())}});
    }
    themes.push_back(mstch::map{{"title", v->title}, {"rows", rows}});
  }
  int quotations = 0;
  for (const auto& f : lib_.findings) quotations += static_cast<int>(f.quotations.size());
  mstch::map view{{"title", T("findings_page.title")},
                  {"count", static_cast<int>(lib_.findings.size())},
                  {"quotation_count", quotations},
                  {"groups", groups},
                  {"themes", themes},
                  {"strength_rules", StrengthRulesView()}};
  PageMeta meta;
  meta.url = "findings/";
  meta.title = T("findings_page.title");
  meta.description = T("findings_page.description");
  meta.nav_section = "findings";
  AddPage("findings", view, meta);
  AddRecord({"findings/", "finding", T("findings_page.title"),
             messages().Plural("findings_page.summary",
                               static_cast<long long>(lib_.findings.size())),
             "", "", "", "", "", {}, ""});
}

}  // namespace commonplace
