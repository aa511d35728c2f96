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

const char* KindHeading(const std::string& kind) {
  if (kind == "driver") return "Drivers: why partners work together";
  if (kind == "barrier") return "Barriers: what gets in the way";
  if (kind == "enabler") return "Enablers: what helps";
  return "Impacts: what partnerships change";
}

// "Strong" → "strong", "None yet" → "none": a CSS class for the label.
std::string StrengthClass(const std::string& label) {
  std::string out;
  for (char c : label.substr(0, label.find(' '))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string CountText(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

mstch::map SiteRenderer::FindingCard(const Finding& f) const {
  return mstch::map{{"title", f.title},
                    {"url", "findings/" + f.id + "/"},
                    {"summary", f.summary},
                    {"kind", f.kind},
                    {"quotations", static_cast<int>(f.quotations.size())}};
}

mstch::array SiteRenderer::FindingCards(const std::vector<size_t>& indexes) const {
  mstch::array out;
  for (size_t i : indexes) out.push_back(FindingCard(lib_.findings[i]));
  return out;
}

mstch::map SiteRenderer::StrengthRulesView() const {
  mstch::array rules;
  for (const auto& r : StrengthRules()) {
    rules.push_back(mstch::map{{"label", std::string(r.label)},
                               {"explanation", std::string(r.explanation)}});
  }
  return mstch::map{{"rules", rules}, {"none_label", std::string(kNoEvidenceLabel)}};
}

mstch::map SiteRenderer::ThemeView(const std::string& vocab, const std::string& term) const {
  ThemeEvidence e = SynthesiseTheme(lib_, vocab, term);
  mstch::array recs;
  for (size_t i : e.recommendations) {
    const Recommendation& r = lib_.recommendations[i];
    if (!Linkable("recommendations/")) break;
    recs.push_back(mstch::map{{"text", r.text},
                              {"url", "recommendations/" + r.audience + "/#" + r.id},
                              {"audience", lib_.TermLabel("audiences", r.audience)}});
  }
  mstch::array sources;
  for (const auto& id : e.sources) {
    const Source* s = lib_.FindSource(id);
    sources.push_back(mstch::map{{"title", s ? s->title : id}, {"url", "sources/" + id + "/"}});
  }
  mstch::array worksheets;
  if (Linkable("worksheets/")) {
    for (size_t i : e.worksheets) {
      const Worksheet& w = lib_.worksheets[i];
      worksheets.push_back(mstch::map{{"title", w.title}, {"url", "worksheets/" + w.id + "/"}, {"summary", w.summary}});
    }
  }
  mstch::array gaps;
  for (const auto& g : e.gaps) gaps.push_back(g);
  return mstch::map{{"findings", FindingCards(e.findings)},
                    {"has_findings", !e.findings.empty()},
                    {"finding_count", static_cast<int>(e.findings.size())},
                    {"case_count", static_cast<int>(e.case_studies.size())},
                    {"source_count", static_cast<int>(e.sources.size())},
                    {"participant_count", static_cast<int>(e.participants.size())},
                    {"participants", Join(e.participants, ", ")},
                    {"quotation_count", e.quotations},
                    {"strength", e.strength},
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
      if (const CaseStudy* cs = lib_.FindCaseStudy(slug)) cases.push_back(cs - lib_.case_studies.data());
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
                    {"kind_heading", std::string(KindHeading(f.kind))},
                    {"body_html", UnlinkOffSections(f.body_html, url, f.path)},
                    {"terms", terms},
                    {"quotations", quotes},
                    {"has_quotations", !quotes.empty()},
                    {"cards_html", CaseCardsHtml(cases, RootFor(url))},
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
    view["updated"] = f.updated;
    view["cite"] = CiteView(PageCitation(f.id, f.title, f.updated, url), "finding", f.id, &meta);
    AddPage("finding", view, meta);
    std::vector<std::string> labels;
    for (const auto& use : f.term_uses) labels.push_back(lib_.TermLabel(use.vocab, use.term));
    AddRecord({url, "finding", f.title, f.summary, f.body_text, Join(labels, " "), "", "", "", {},
               f.updated, f.headings});
  }
  mstch::array groups;
  for (const auto& kind : {"driver", "barrier", "enabler", "impact"}) {
    auto it = by_kind.find(kind);
    if (it == by_kind.end()) continue;
    groups.push_back(mstch::map{{"heading", std::string(KindHeading(kind))},
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
                                {"strength", e.strength},
                                {"findings", static_cast<int>(e.findings.size())},
                                {"cases", static_cast<int>(e.case_studies.size())},
                                {"sources", static_cast<int>(e.sources.size())},
                                {"participants", static_cast<int>(e.participants.size())}});
    }
    themes.push_back(mstch::map{{"title", v->title}, {"rows", rows}});
  }
  int quotations = 0;
  for (const auto& f : lib_.findings) quotations += static_cast<int>(f.quotations.size());
  mstch::map view{{"title", std::string("Findings")},
                  {"count", static_cast<int>(lib_.findings.size())},
                  {"quotation_count", quotations},
                  {"groups", groups},
                  {"themes", themes},
                  {"strength_rules", StrengthRulesView()}};
  PageMeta meta;
  meta.url = "findings/";
  meta.title = "Findings";
  meta.description = "What the reports found drives, blocks, enables and results from "
                     "partnerships, each finding with its source, and how strong the evidence is "
                     "for each theme.";
  meta.nav_section = "findings";
  AddPage("findings", view, meta);
  AddRecord({"findings/", "finding", "Findings",
             CountText(lib_.findings.size(), "finding", "findings") +
                 " on what drives, blocks, enables and results from partnerships",
             "", "", "", "", "", {}, ""});
}

}  // namespace commonplace
