#include "stats/collection.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "base/strings.h"
#include "stats/statistics.h"
#include "stats/svg_chart.h"

namespace commonplace {

namespace {

// Samples smaller than this get a visible caution next to their test.
constexpr size_t kSmallGroup = 10;

std::string TermUrl(const std::string& root, const std::string& vocab, const std::string& term) {
  return root + "browse/" + vocab + "/" + term + "/";
}

// "England › North West" for a child term, so a flat table keeps the tree.
std::string PathLabel(const Vocabulary& v, const Term& t) {
  std::string label = t.label;
  const Term* p = v.Find(t.parent);
  for (int depth = 0; p && depth < 16; ++depth, p = v.Find(p->parent)) label = p->label + " › " + label;
  return label;
}

// The language of a term's label when it is not the page's (a vocabulary
// not translated into it), else "".
std::string TermLang(const Library& lib, const Messages& words, const Term& t) {
  return LabelLanguage(lib, words, t.lang);
}

// A row's first cell naming a term, marked with the label's language.
Cell TermCell(const Library& lib, const Messages& words, const Term& t, std::string label,
              std::string href = "") {
  Cell c = Cell::Text(std::move(label), std::move(href));
  c.lang = TermLang(lib, words, t);
  return c;
}

// A bar's label: the term's own label, marked "› " once per level below the
// top, since the bars follow the tree and a full path would be cut short.
std::string BarLabel(const Vocabulary& v, const Term& t) {
  std::string mark;
  const Term* p = v.Find(t.parent);
  for (int depth = 0; p && depth < 16; ++depth, p = v.Find(p->parent)) mark += "› ";
  return mark + t.label;
}

// "A", "A and B", "A, B and C" (`and` is the language's " and ").
std::string JoinAnd(const std::vector<std::string>& items, const std::string& and_word = " and ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? and_word : ", ";
    out += items[i];
  }
  return out;
}

// "Impact areas" → "impact areas", for the middle of a sentence (ASCII only).
std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::vector<double> PartnerCounts(const Library& lib, const std::vector<size_t>& cases) {
  std::vector<double> v;
  for (size_t i : cases) v.push_back(static_cast<double>(lib.case_studies[i].partners.size()));
  return v;
}

std::optional<double> KindConcentration(const CaseStudy& cs) {
  std::map<std::string, double> kinds;
  for (const auto& p : cs.partners) kinds[p.kind] += 1;
  std::vector<double> counts;
  for (const auto& [k, n] : kinds) counts.push_back(n);
  return Herfindahl(counts);
}

std::string SmallSampleNote(const Messages& words, size_t a, size_t b) {
  if (a >= kSmallGroup && b >= kSmallGroup) return "";
  return words.Get("stats.comparison.small_sample",
                   {{"min", LocalCount(words, kSmallGroup)}});
}

// Why a test has no result, in the page's language.
std::string Reason(const Messages& words, const TestResult& r) {
  return r.why.empty() ? r.reason : words.Get("stats.comparison.reasons." + r.why);
}

// "p < 0.001" or "p = 0.0231", for running text.
std::string LocalPClause(const Messages& words, double p) {
  return (p < 0.001 ? "p " : "p = ") + LocalP(words, p);
}

}  // namespace

std::string LabelLanguage(const Library& lib, const Messages& words, const std::string& lang) {
  if (lib.config.languages.empty()) return "";
  const std::string& written = lang.empty() ? lib.config.content_language : lang;
  return written == words.lang() ? "" : written;
}

std::string LocalNumber(const Messages& words, double v, int decimals) {
  if (std::isnan(v)) return words.Get("stats.not_available");
  return words.Number(FormatNumber(v, decimals));
}

Cell LocalNumberCell(const Messages& words, double v, int decimals) {
  return {LocalNumber(words, v, decimals), v, ""};
}

std::string LocalCount(const Messages& words, long long n) { return words.Number(n); }

Cell LocalCountCell(const Messages& words, long long n, std::string href) {
  return {words.Number(n), static_cast<double>(n), std::move(href)};
}

std::string LocalPercent(const Messages& words, double numerator, double denominator) {
  if (denominator <= 0) return words.Get("stats.not_available");
  return words.Number(FormatNumber(100.0 * numerator / denominator, 1)) + "%";
}

std::string LocalP(const Messages& words, double p) {
  if (std::isnan(p)) return words.Get("stats.not_available");
  if (p < 0.001) return "< " + words.Number(std::string("0.001"));
  return words.Number(FormatP(p));
}

CsvWords CsvWordsFor(const Messages& words) {
  CsvWords w;
  w.test = words.Get("stats.download.test");
  w.applies_to = words.Get("stats.download.applies_to");
  w.statistic = words.Get("stats.download.statistic");
  w.note = words.Get("stats.download.note");
  return w;
}

// The terms parent first, each followed by its narrower terms (siblings in
// file order), so a chart's "› " marks sit under their parent. Terms whose
// parent is missing count as top-level.
std::vector<const Term*> TreeOrder(const Vocabulary& v) {
  std::map<std::string, std::vector<const Term*>> children;
  for (const auto& t : v.terms) children[v.Find(t.parent) ? t.parent : ""].push_back(&t);
  std::vector<const Term*> out;
  std::set<std::string> seen;  // guards against a cycle in bad content
  std::function<void(const std::string&)> walk = [&](const std::string& parent) {
    for (const Term* t : children[parent]) {
      if (!seen.insert(t->id).second) continue;
      out.push_back(t);
      walk(t->id);
    }
  };
  walk("");
  for (const auto& t : v.terms) {  // any term a cycle kept out
    if (seen.insert(t.id).second) out.push_back(&t);
  }
  return out;
}

bool HasCulturalPartner(const CaseStudy& cs) {
  return std::any_of(cs.partners.begin(), cs.partners.end(),
                     [](const Partner& p) { return p.kind == kCulturalInstitutionKind; });
}

std::vector<std::string> CaseTerms(const Library& lib, const CaseStudy& cs, const VocabField& field) {
  std::set<std::string> terms;
  const Vocabulary* v = lib.FindVocabulary(field.vocab);
  for (const auto& use : cs.term_uses) {
    if (use.vocab != field.vocab) continue;
    std::string term = use.term;
    for (int depth = 0; depth < 16 && !term.empty(); ++depth) {
      terms.insert(term);
      const Term* t = v ? v->Find(term) : nullptr;
      term = t ? t->parent : "";
    }
  }
  return {terms.begin(), terms.end()};
}

std::string FieldLabel(const Messages& words, const VocabField& field) {
  std::string key = "stats.fields." + std::string(field.vocab);
  return words.Has(key) ? words.Get(key) : std::string(field.label);
}

bool DistributionBlock(const Library& lib, const VocabField& field, const std::string& root,
                       const Messages& words, StatBlock* out) {
  const Vocabulary* v = lib.FindVocabulary(field.vocab);
  if (!v || lib.case_studies.empty()) return false;
  // A vocabulary no case study uses still gets its table: all gaps.
  static const std::map<std::string, std::vector<size_t>> kNone;
  auto found = lib.cases_by_term.find(field.vocab);
  const auto& by_term = found == lib.cases_by_term.end() ? kNone : found->second;
  size_t total = lib.case_studies.size();
  size_t unrecorded = 0;
  for (const auto& cs : lib.case_studies) {
    if (CaseTerms(lib, cs, field).empty()) ++unrecorded;
  }
  StatBlock b;
  const std::string label = FieldLabel(words, field);
  b.heading = label;
  b.table.id = std::string(field.vocab);
  b.table.title = words.Get("stats.distribution.title", {{"field", label}});
  b.table.caption = words.Get("stats.distribution.caption",
                              {{"vocabulary", v->title}, {"total", LocalCount(words, total)}});
  b.table.header = {words.Get("stats.distribution.term"), words.Get("stats.case_studies"),
                    words.Get("stats.distribution.share")};
  std::vector<Bar> bars;
  for (const Term* tp : TreeOrder(*v)) {
    const Term& t = *tp;
    auto it = by_term.find(t.id);
    size_t n = it == by_term.end() ? 0 : it->second.size();
    std::string label = PathLabel(*v, t);
    std::string href = TermUrl(root, field.vocab, t.id);
    Cell term = Cell::Text(label, n ? href : "");
    term.lang = TermLang(lib, words, t);
    b.table.rows.push_back({term, LocalCountCell(words, n),
                            Cell{LocalPercent(words, static_cast<double>(n), static_cast<double>(total)),
                                 static_cast<double>(n) / static_cast<double>(total), ""}});
    bars.push_back({BarLabel(*v, t), static_cast<double>(n), label, term.lang});
  }
  const std::string not_recorded = words.Get("stats.not_recorded");
  b.table.rows.push_back({Cell::Text(not_recorded), LocalCountCell(words, unrecorded),
                          Cell{LocalPercent(words, static_cast<double>(unrecorded),
                                            static_cast<double>(total)),
                               static_cast<double>(unrecorded) / static_cast<double>(total), ""}});
  bars.push_back({not_recorded, static_cast<double>(unrecorded)});
  b.table.notes.push_back(words.Get("stats.several_terms_note"));
  b.lead = words.Get("stats.distribution.lead", {{"recorded", LocalCount(words, total - unrecorded)},
                                                 {"total", LocalCount(words, total)}});
  b.svg = BarChartSvg({"chart-" + std::string(field.vocab), b.table.title,
                       words.Get("stats.distribution.chart_description")},
                      bars);
  *out = std::move(b);
  return true;
}

const VocabField* ProfileFieldFor(const std::string& vocab) {
  const std::string wanted = vocab == "impact-areas" ? "activities" : "impact-areas";
  for (const auto& f : CaseStudyVocabFields()) {
    if (wanted == f.vocab) return &f;
  }
  return nullptr;
}

bool ProfileBlock(const Library& lib, const VocabField& field, const std::string& term,
                  const Messages& words, const VocabField& other, const std::string& root, StatBlock* out) {
  const Vocabulary* v = lib.FindVocabulary(field.vocab);
  const Vocabulary* ov = lib.FindVocabulary(other.vocab);
  const Term* t = v ? v->Find(term) : nullptr;
  if (!t || !ov || std::string(field.vocab) == other.vocab) return false;
  auto vit = lib.cases_by_term.find(field.vocab);
  if (vit == lib.cases_by_term.end()) return false;
  auto tit = vit->second.find(term);
  if (tit == vit->second.end() || tit->second.size() < kMinCasesForProfile) return false;
  const std::vector<size_t>& cases = tit->second;
  const size_t total = cases.size();
  std::map<std::string, size_t> counts;
  size_t unrecorded = 0;
  for (size_t i : cases) {
    std::vector<std::string> terms = CaseTerms(lib, lib.case_studies[i], other);
    if (terms.empty()) ++unrecorded;
    for (const auto& x : terms) ++counts[x];
  }
  if (counts.empty()) return false;

  StatBlock b;
  const long long n_cases = static_cast<long long>(total);
  const std::string other_label = FieldLabel(words, other);
  const std::string these = words.Plural("stats.profile.these", n_cases, {{"term", t->label}});
  b.heading = words.Get("stats.profile.heading", {{"field", other_label}});
  b.table.id = std::string(field.vocab) + "--" + term + "--" + other.vocab;
  b.table.title = words.Get("stats.profile.title", {{"field", other_label}, {"term", t->label}});
  b.table.caption = words.Get("stats.profile.caption", {{"these", these}, {"vocabulary", ov->title}});
  b.table.header = {other_label, words.Get("stats.case_studies"), words.Get("stats.profile.share")};
  auto share = [&](size_t n) {
    return Cell{LocalPercent(words, static_cast<double>(n), static_cast<double>(total)),
                static_cast<double>(n) / static_cast<double>(total), ""};
  };
  std::vector<Bar> bars;
  size_t used = 0, top_n = 0;
  std::vector<std::string> top;  // every term sharing the largest count
  std::vector<const Term*> top_terms;
  for (const Term* otp : TreeOrder(*ov)) {
    const Term& ot = *otp;
    auto it = counts.find(ot.id);
    size_t n = it == counts.end() ? 0 : it->second;
    std::string label = PathLabel(*ov, ot);
    Cell term_cell = TermCell(lib, words, ot, label, n ? TermUrl(root, other.vocab, ot.id) : "");
    const std::string lang = term_cell.lang;
    b.table.rows.push_back({std::move(term_cell), LocalCountCell(words, n), share(n)});
    bars.push_back({BarLabel(*ov, ot), static_cast<double>(n), label, lang});
    used += n ? 1 : 0;
    if (n > top_n) {
      top_n = n;
      top.clear();
      top_terms.clear();
    }
    if (n == top_n && n > 0) {
      top.push_back(ot.label);
      top_terms.push_back(&ot);
    }
  }
  if (unrecorded) {
    const std::string not_recorded = words.Get("stats.not_recorded");
    b.table.rows.push_back({Cell::Text(not_recorded), LocalCountCell(words, unrecorded),
                            share(unrecorded)});
    bars.push_back({not_recorded, static_cast<double>(unrecorded)});
  }
  const MessageArgs lead_args{{"these", these},
                              {"used", LocalCount(words, used)},
                              {"terms", LocalCount(words, ov->terms.size())},
                              {"field", Lower(other_label)},
                              {"top", top.size() == 1 ? top[0] : JoinAnd(top, words.Get("stats.and"))},
                              {"top_n", LocalCount(words, top_n)},
                              {"total", LocalCount(words, total)}};
  const char* lead_key = top.size() == 1 ? "stats.profile.lead_one" : "stats.profile.lead_several";
  b.lead = words.Get(lead_key, lead_args);
  if (!lib.config.languages.empty()) {
    // On a site in several languages a term may be untranslated: the
    // sentences mark its label (and the vocabulary's title) with its own.
    const std::string these_html = words.PluralHtml(
        "stats.profile.these", n_cases, {{"term", MarkLanguage(t->label, TermLang(lib, words, *t))}});
    b.table.caption_html = words.GetHtml(
        "stats.profile.caption",
        {{"these", these_html}, {"vocabulary", MarkLanguage(ov->title, LabelLanguage(lib, words, ov->lang))}});
    std::vector<std::string> top_html;
    for (const Term* tt : top_terms) top_html.push_back(MarkLanguage(tt->label, TermLang(lib, words, *tt)));
    const std::string top_joined =
        top_html.size() == 1 ? top_html[0] : JoinAnd(top_html, HtmlEscape(words.Get("stats.and")));
    MessageArgs html_args;
    for (const auto& [name, value] : lead_args) {
      html_args.emplace_back(name, name == "these" ? these_html : name == "top" ? top_joined : HtmlEscape(value));
    }
    b.lead_html = words.GetHtml(lead_key, html_args);
  }
  b.table.notes.push_back(words.Get("stats.several_terms_note"));
  if (total < kSmallGroup) {
    b.table.notes.push_back(words.Get("stats.profile.few", {{"total", LocalCount(words, total)}}));
  }
  b.svg = BarChartSvg({"chart-" + b.table.id, b.table.title,
                       words.Get("stats.profile.chart_description",
                                 {{"these", these}, {"field", Lower(other_label)}})},
                      bars);
  *out = std::move(b);
  return true;
}

StatBlock PartnersPerCaseBlock(const Library& lib, const Messages& words) {
  std::vector<size_t> all(lib.case_studies.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<double> counts = PartnerCounts(lib, all);
  Summary s = Summarise(counts);
  StatBlock b;
  b.heading = words.Get("stats.partners.title");
  b.table.id = "partners-per-case";
  b.table.title = b.heading;
  b.table.caption = words.Get("stats.partners.caption", {{"n", LocalCount(words, s.n)}});
  b.table.header = {words.Get("stats.partners.partners"), words.Get("stats.case_studies")};
  std::vector<long> ints;
  for (double c : counts) ints.push_back(static_cast<long>(c));
  std::vector<Bar> bins;
  for (const auto& [value, n] : IntegerHistogram(ints)) {
    b.table.rows.push_back({LocalCountCell(words, value), LocalCountCell(words, n)});
    bins.push_back({LocalCount(words, value), static_cast<double>(n)});
  }
  if (s.n) {
    b.lead = words.Plural(s.sd ? "stats.partners.lead_sd" : "stats.partners.lead",
                          static_cast<long long>(s.n),
                          {{"mean", LocalNumber(words, *s.mean, 2)},
                           {"sd", s.sd ? LocalNumber(words, *s.sd, 2) : ""},
                           {"median", LocalNumber(words, *s.median, 1)},
                           {"max", LocalNumber(words, *s.max, 0)}});
  }
  b.svg = HistogramSvg({"chart-partners", b.heading, words.Get("stats.partners.chart_description")},
                       bins, words.Get("stats.partners.axis"), words.Get("stats.case_studies"));
  return b;
}

StatBlock ConcentrationBlock(const Library& lib, const std::string& root, const Messages& words) {
  StatBlock b;
  b.heading = words.Get("stats.concentration.heading");
  b.table.id = "partner-concentration";
  b.table.title = words.Get("stats.concentration.title");
  b.table.caption = words.Get("stats.concentration.caption");
  b.table.header = {words.Get("stats.concentration.case_study"), words.Get("stats.partners.partners"),
                    words.Get("stats.concentration.kinds"), words.Get("stats.concentration.index")};
  std::vector<double> values;
  for (const auto& cs : lib.case_studies) {
    auto h = KindConcentration(cs);
    if (!h) continue;
    std::set<std::string> kinds;
    for (const auto& p : cs.partners) kinds.insert(p.kind);
    values.push_back(*h);
    b.table.rows.push_back({Cell::Text(cs.title, root + "casestudies/" + cs.slug + "/"),
                            LocalCountCell(words, cs.partners.size()),
                            LocalCountCell(words, kinds.size()), LocalNumberCell(words, *h, 3)});
  }
  Summary s = Summarise(values);
  if (s.n) {
    b.lead = words.Plural(s.sd ? "stats.concentration.lead_sd" : "stats.concentration.lead",
                          static_cast<long long>(s.n),
                          {{"mean", LocalNumber(words, *s.mean, 3)},
                           {"sd", s.sd ? LocalNumber(words, *s.sd, 3) : ""},
                           {"median", LocalNumber(words, *s.median, 3)}});
  }
  // A histogram over tenths of the index.
  std::vector<Bar> bins;
  for (int k = 0; k < 10; ++k) {
    double lo = k / 10.0, hi = (k + 1) / 10.0;
    long n = 0;
    for (double v : values) {
      if (v >= lo && (v < hi || (k == 9 && v <= 1.0))) ++n;
    }
    bins.push_back({LocalNumber(words, lo, 1) + "–" + LocalNumber(words, hi, 1), static_cast<double>(n)});
  }
  b.svg = HistogramSvg({"chart-concentration", words.Get("stats.concentration.chart_title"),
                        words.Get("stats.concentration.chart_description")},
                       bins, words.Get("stats.concentration.axis"), words.Get("stats.case_studies"));
  return b;
}

StatBlock CulturalShareBlock(const Library& lib, const Messages& words) {
  size_t with = 0, total = lib.case_studies.size();
  for (const auto& cs : lib.case_studies) with += HasCulturalPartner(cs) ? 1 : 0;
  StatBlock b;
  const std::string with_label = words.Get("stats.share.with"), without = words.Get("stats.share.without");
  b.heading = words.Get("stats.share.heading");
  b.table.id = "cultural-institution-share";
  b.table.title = words.Get("stats.share.title");
  b.table.caption = words.Get("stats.share.caption");
  b.table.header = {words.Get("stats.share.group"), words.Get("stats.case_studies"),
                    words.Get("stats.share.share")};
  b.table.rows.push_back({Cell::Text(with_label), LocalCountCell(words, with),
                          Cell{LocalPercent(words, static_cast<double>(with), static_cast<double>(total)),
                               total ? static_cast<double>(with) / static_cast<double>(total) : 0.0, ""}});
  b.table.rows.push_back({Cell::Text(without), LocalCountCell(words, total - with),
                          Cell{LocalPercent(words, static_cast<double>(total - with),
                                            static_cast<double>(total)),
                               total ? static_cast<double>(total - with) / static_cast<double>(total) : 0.0, ""}});
  b.lead = words.Get("stats.share.lead",
                     {{"with", LocalCount(words, with)},
                      {"total", LocalCount(words, total)},
                      {"percent",
                       LocalPercent(words, static_cast<double>(with), static_cast<double>(total))}});
  b.svg = BarChartSvg({"chart-ci-share", words.Get("stats.share.chart_title"),
                       words.Get("stats.share.chart_description")},
                      {{with_label, static_cast<double>(with)},
                       {without, static_cast<double>(total - with)}});
  return b;
}

std::vector<StatBlock> ComparisonBlocks(const Library& lib, const Messages& words) {
  std::vector<size_t> with, without;
  for (size_t i = 0; i < lib.case_studies.size(); ++i) {
    (HasCulturalPartner(lib.case_studies[i]) ? with : without).push_back(i);
  }
  std::vector<StatBlock> blocks;
  const std::string groups =
      words.Get("stats.comparison.groups",
                {{"with", LocalCount(words, with.size())},
                 {"without", LocalCount(words, without.size())}});

  // Means: Welch's t-test.
  {
    StatBlock b;
    b.heading = words.Get("stats.comparison.means.heading");
    b.table.id = "comparison-means";
    b.table.title = words.Get("stats.comparison.means.title");
    b.table.caption = words.Get("stats.comparison.means.caption", {{"groups", groups}});
    b.table.header = {words.Get("stats.comparison.means.measure"),
                      words.Get("stats.comparison.means.n_with"),
                      words.Get("stats.comparison.means.mean_with"),
                      words.Get("stats.comparison.means.sd_with"),
                      words.Get("stats.comparison.means.n_without"),
                      words.Get("stats.comparison.means.mean_without"),
                      words.Get("stats.comparison.means.sd_without"),
                      "t",
                      words.Get("stats.comparison.means.df"),
                      "p"};
    const std::string missing = words.Get("stats.not_available");
    auto row = [&](const std::string& measure, const std::vector<double>& a, const std::vector<double>& c) {
      Summary sa = Summarise(a), sc = Summarise(c);
      TestResult t = WelchT(a, c);
      auto opt = [&](const std::optional<double>& v, int d) {
        return v ? LocalNumberCell(words, *v, d) : Cell::Missing(missing);
      };
      b.table.rows.push_back({Cell::Text(measure), LocalCountCell(words, sa.n),
                              opt(sa.mean, 3), opt(sa.sd, 3),
                              LocalCountCell(words, sc.n), opt(sc.mean, 3),
                              opt(sc.sd, 3),
                              t.ok ? LocalNumberCell(words, t.statistic, 3) : Cell::Missing(missing),
                              t.ok ? LocalNumberCell(words, t.df, 2) : Cell::Missing(missing),
                              t.ok ? Cell{LocalP(words, t.p), t.p, ""} : Cell::Missing(missing)});
      TestRecord rec{words.Get("stats.comparison.means.test"), measure, "t", std::nullopt, std::nullopt,
                     std::nullopt, static_cast<long>(sa.n + sc.n), ""};
      if (t.ok) {
        rec.statistic = t.statistic;
        rec.df = t.df;
        rec.p = t.p;
      } else {
        const std::string reason = Reason(words, t);
        rec.note = words.Get("stats.comparison.no_test", {{"reason", reason}});
        b.table.notes.push_back(
            words.Get("stats.comparison.no_test_for", {{"measure", measure}, {"reason", reason}}));
      }
      b.table.tests.push_back(std::move(rec));
      std::string small = SmallSampleNote(words, sa.n, sc.n);
      if (!small.empty() && std::find(b.table.notes.begin(), b.table.notes.end(), small) == b.table.notes.end()) {
        b.table.notes.push_back(small);
      }
    };
    row(words.Get("stats.comparison.means.partners"), PartnerCounts(lib, with), PartnerCounts(lib, without));
    std::vector<double> hw, ho;
    for (size_t i : with) {
      if (auto h = KindConcentration(lib.case_studies[i])) hw.push_back(*h);
    }
    for (size_t i : without) {
      if (auto h = KindConcentration(lib.case_studies[i])) ho.push_back(*h);
    }
    row(words.Get("stats.comparison.means.concentration"), hw, ho);
    b.lead = words.Get("stats.comparison.means.lead");
    blocks.push_back(std::move(b));
  }

  // Proportions per impact area: Fisher's exact test on each 2×2 table.
  if (const Vocabulary* areas = lib.FindVocabulary("impact-areas")) {
    StatBlock b;
    b.heading = words.Get("stats.comparison.impact_areas.heading");
    b.table.id = "comparison-impact-areas";
    b.table.title = words.Get("stats.comparison.impact_areas.title");
    b.table.caption = words.Get("stats.comparison.impact_areas.caption", {{"groups", groups}});
    b.table.header = {words.Get("stats.comparison.impact_areas.impact_area"),
                      words.Get("stats.comparison.impact_areas.with_reporting"),
                      words.Get("stats.comparison.impact_areas.with_share"),
                      words.Get("stats.comparison.impact_areas.without_reporting"),
                      words.Get("stats.comparison.impact_areas.without_share"),
                      words.Get("stats.comparison.impact_areas.odds_ratio"),
                      "p"};
    VocabField field{"impacts.area", "impact-areas", "Impact areas"};
    std::vector<std::vector<std::string>> case_areas;
    for (const auto& cs : lib.case_studies) case_areas.push_back(CaseTerms(lib, cs, field));
    auto reports = [&](size_t i, const std::string& id) {
      return std::binary_search(case_areas[i].begin(), case_areas[i].end(), id) ? 1L : 0L;
    };
    const std::string test_name = words.Get("stats.comparison.impact_areas.test");
    const std::string statistic_name = words.Get("stats.comparison.impact_areas.statistic");
    bool infinite = false;
    for (const auto& t : areas->terms) {
      long a = 0, c = 0;
      for (size_t i : with) a += reports(i, t.id);
      for (size_t i : without) c += reports(i, t.id);
      if (a + c == 0) continue;
      long nb = static_cast<long>(with.size()) - a, nd = static_cast<long>(without.size()) - c;
      TestResult f = FisherExact(a, nb, c, nd);
      TestRecord rec{test_name, t.label, statistic_name, f.statistic, std::nullopt, f.p, a + nb + c + nd, ""};
      if (std::isinf(f.statistic)) {
        infinite = true;
        rec.note = words.Get("stats.comparison.impact_areas.infinite");
      } else if (std::isnan(f.statistic)) {
        rec.note = words.Get("stats.comparison.impact_areas.undefined");
      }
      b.table.tests.push_back(std::move(rec));
      b.table.rows.push_back(
          {TermCell(lib, words, t, t.label), LocalCountCell(words, a),
           Cell{LocalPercent(words, static_cast<double>(a), static_cast<double>(with.size())),
                with.empty() ? 0.0 : static_cast<double>(a) / static_cast<double>(with.size()), ""},
           LocalCountCell(words, c),
           Cell{LocalPercent(words, static_cast<double>(c), static_cast<double>(without.size())),
                without.empty() ? 0.0 : static_cast<double>(c) / static_cast<double>(without.size()), ""},
           LocalNumberCell(words, f.statistic, 2),
           Cell{LocalP(words, f.p), f.p, ""}});
    }
    std::string small = SmallSampleNote(words, with.size(), without.size());
    if (!small.empty()) b.table.notes.push_back(small);
    if (infinite) b.table.notes.push_back(words.Get("stats.comparison.impact_areas.infinite_note"));
    b.table.notes.push_back(words.Get("stats.comparison.impact_areas.unadjusted"));
    b.lead = words.Get("stats.comparison.impact_areas.lead");
    blocks.push_back(std::move(b));
  }

  // Partnership type: chi-square with the expected-count rule.
  if (const Vocabulary* types = lib.FindVocabulary("partnership-types")) {
    StatBlock b;
    b.heading = words.Get("stats.comparison.partnership_type.heading");
    b.table.id = "comparison-partnership-type";
    b.table.title = words.Get("stats.comparison.partnership_type.title");
    b.table.caption = words.Get("stats.comparison.partnership_type.caption", {{"groups", groups}});
    b.table.header = {words.Get("stats.comparison.partnership_type.type"),
                      words.Get("stats.comparison.partnership_type.with"),
                      words.Get("stats.comparison.partnership_type.without")};
    std::vector<std::vector<double>> counts;
    for (const auto& t : types->terms) {
      double a = 0, c = 0;
      for (size_t i : with) a += lib.case_studies[i].partnership_type == t.id ? 1 : 0;
      for (size_t i : without) c += lib.case_studies[i].partnership_type == t.id ? 1 : 0;
      if (a + c == 0) continue;
      counts.push_back({a, c});
      b.table.rows.push_back({TermCell(lib, words, t, t.label), LocalCountCell(words, a),
                              LocalCountCell(words, c)});
    }
    ChiSquareResult x = ChiSquare(counts);
    long n = 0;
    for (const auto& r : counts) n += static_cast<long>(r[0] + r[1]);
    TestRecord rec{words.Get("stats.comparison.partnership_type.test"),
                   words.Get("stats.comparison.partnership_type.whole_table"),
                   words.Get("stats.comparison.partnership_type.statistic"),
                   std::nullopt, std::nullopt, std::nullopt, n, ""};
    if (x.ok) {
      b.lead = words.Get("stats.comparison.partnership_type.lead",
                         {{"chi", LocalNumber(words, x.statistic, 3)},
                          {"df", LocalNumber(words, x.df, 0)},
                          {"p", LocalPClause(words, x.p)},
                          {"n", LocalCount(words, n)}});
      rec.statistic = x.statistic;
      rec.df = x.df;
      rec.p = x.p;
      if (!x.expected_rule_met) {
        std::string caution = words.Get("stats.comparison.partnership_type.caution",
                                        {{"percent", LocalPercent(words, x.share_expected_below_5, 1)},
                                         {"min", LocalNumber(words, x.min_expected, 2)}});
        b.table.notes.push_back(caution);
        rec.note = caution;
      }
    } else {
      const std::string reason = Reason(words, x);
      b.lead = words.Get("stats.comparison.partnership_type.no_test_lead", {{"reason", reason}});
      rec.note = words.Get("stats.comparison.partnership_type.no_test", {{"reason", reason}});
    }
    b.table.tests.push_back(std::move(rec));
    blocks.push_back(std::move(b));
  }
  return blocks;
}

StatBlock CrossTabBlock(const Library& lib, const VocabField& rows, const VocabField& cols,
                        const std::string& root, const Messages& words) {
  (void)root;
  const Vocabulary* rv = lib.FindVocabulary(rows.vocab);
  const Vocabulary* cv = lib.FindVocabulary(cols.vocab);
  const std::string row_label = FieldLabel(words, rows), col_label = FieldLabel(words, cols);
  StatBlock b;
  b.heading = words.Get("stats.crosstab.heading", {{"rows", row_label}, {"columns", col_label}});
  b.table.id = "crosstab-" + std::string(rows.vocab) + "-" + cols.vocab;
  b.table.title = b.heading;
  b.table.caption = words.Get("stats.crosstab.caption");
  if (!rv || !cv) return b;
  // Only top-level column terms keep the table narrow (nations, not regions).
  std::vector<const Term*> col_terms, row_terms;
  for (const auto& t : cv->terms) {
    if (t.parent.empty()) col_terms.push_back(&t);
  }
  for (const auto& t : rv->terms) {
    if (t.parent.empty()) row_terms.push_back(&t);
  }
  b.table.header = {row_label};
  b.table.header_lang = {""};
  for (const Term* t : col_terms) {
    b.table.header.push_back(t->label);
    b.table.header_lang.push_back(TermLang(lib, words, *t));
  }
  std::vector<std::string> categories, series, category_lang, series_lang;
  for (const Term* t : col_terms) {
    series.push_back(t->label);
    series_lang.push_back(TermLang(lib, words, *t));
  }
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::string>> case_rows, case_cols;
  for (const auto& cs : lib.case_studies) {
    case_rows.push_back(CaseTerms(lib, cs, rows));
    case_cols.push_back(CaseTerms(lib, cs, cols));
  }
  for (const Term* r : row_terms) {
    std::vector<Cell> row{TermCell(lib, words, *r, r->label)};
    std::vector<double> vals;
    double sum = 0;
    for (const Term* c : col_terms) {
      long n = 0;
      for (size_t i = 0; i < lib.case_studies.size(); ++i) {
        if (std::binary_search(case_rows[i].begin(), case_rows[i].end(), r->id) &&
            std::binary_search(case_cols[i].begin(), case_cols[i].end(), c->id)) {
          ++n;
        }
      }
      row.push_back(LocalCountCell(words, n));
      vals.push_back(static_cast<double>(n));
      sum += static_cast<double>(n);
    }
    if (sum == 0) continue;
    b.table.rows.push_back(std::move(row));
    categories.push_back(r->label);
    category_lang.push_back(TermLang(lib, words, *r));
    values.push_back(std::move(vals));
  }
  b.svg = StackedBarChartSvg({"chart-" + b.table.id, b.heading,
                              words.Get("stats.crosstab.chart_description",
                                        {{"rows", row_label}, {"columns", col_label}})},
                             categories, series, values, category_lang, series_lang);
  return b;
}

}  // namespace commonplace
