#include "stats/evidence_map.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "stats/collection.h"
#include "stats/svg_chart.h"

namespace commonplace {

namespace {

const std::vector<size_t>& CasesOf(const Library& lib, const std::string& vocab, const std::string& term) {
  static const std::vector<size_t> kNone;
  auto v = lib.cases_by_term.find(vocab);
  if (v == lib.cases_by_term.end()) return kNone;
  auto t = v->second.find(term);
  return t == v->second.end() ? kNone : t->second;
}

std::vector<size_t> TreeIndexes(const Vocabulary& v) {
  std::vector<size_t> out;
  for (const Term* t : TreeOrder(v)) out.push_back(static_cast<size_t>(t - v.terms.data()));
  return out;
}

bool HasNarrower(const Vocabulary& v, const Term& t) {
  return std::any_of(v.terms.begin(), v.terms.end(), [&](const Term& o) { return o.parent == t.id; });
}

}  // namespace

int TermDepth(const Vocabulary& v, const Term& t) {
  int depth = 0;
  for (const Term* p = v.Find(t.parent); p && depth < 16; p = v.Find(p->parent)) ++depth;
  return depth;
}

std::string EvidenceMap::CellUrl(const std::string& row_term, const std::string& col_term) {
  return "statistics/evidence-map/" + row_term + "/" + col_term + "/";
}

bool BuildEvidenceMap(const Library& lib, const std::string& rows_vocab,
                      const std::string& cols_vocab, EvidenceMap* out) {
  out->rows = lib.FindVocabulary(rows_vocab);
  out->cols = lib.FindVocabulary(cols_vocab);
  if (!out->rows || !out->cols) {
    *out = EvidenceMap{};
    return false;
  }
  out->cases.assign(out->rows->terms.size(),
                    std::vector<std::vector<size_t>>(out->cols->terms.size()));
  for (size_t i = 0; i < out->rows->terms.size(); ++i) {
    const auto& rc = CasesOf(lib, rows_vocab, out->rows->terms[i].id);
    for (size_t j = 0; j < out->cols->terms.size(); ++j) {
      const auto& cc = CasesOf(lib, cols_vocab, out->cols->terms[j].id);
      std::set_intersection(rc.begin(), rc.end(), cc.begin(), cc.end(),
                            std::back_inserter(out->cases[i][j]));
    }
  }
  out->row_order = TreeIndexes(*out->rows);
  out->col_order = TreeIndexes(*out->cols);
  return true;
}

StatBlock EvidenceMapBlock(const Library& lib, const EvidenceMap& map, const std::string& root,
                           const Messages& words) {
  StatBlock b;
  const MessageArgs axes{{"rows", map.rows->title}, {"columns", map.cols->title}};
  b.heading = words.Get("js.evidence_map.title", axes);
  b.table.id = "evidence-map";
  b.table.title = b.heading;
  b.table.caption = words.Get("stats.evidence_map.caption",
                              {{"rows", map.rows->title}, {"columns", map.cols->title},
                               {"n", LocalCount(words, lib.case_studies.size())}});
  b.table.header = {map.rows->title};
  std::vector<std::string> rows, cols;
  for (size_t j : map.col_order) {
    b.table.header.push_back(map.cols->terms[j].label);
    cols.push_back(map.cols->terms[j].label);
  }
  std::vector<std::vector<long>> counts;
  HeatMapLinks links;
  size_t gaps = 0;
  for (size_t i : map.row_order) {
    const Term& r = map.rows->terms[i];
    rows.push_back(r.label);
    links.row_depth.push_back(TermDepth(*map.rows, r));
    links.row_broader.push_back(HasNarrower(*map.rows, r));
    std::vector<Cell> row{Cell::Text(r.label, root + "browse/" + map.rows->id + "/" + r.id + "/")};
    counts.emplace_back();
    links.hrefs.emplace_back();
    links.names.emplace_back();
    links.tips.emplace_back();
    for (size_t j : map.col_order) {
      long n = static_cast<long>(map.cases[i][j].size());
      std::string href = n ? root + EvidenceMap::CellUrl(r.id, map.cols->terms[j].id) : "";
      row.push_back(LocalCountCell(words, n, href));
      counts.back().push_back(n);
      links.hrefs.back().push_back(href);
      const MessageArgs where{{"row", r.label}, {"column", map.cols->terms[j].label}};
      links.names.back().push_back(words.Plural("js.evidence_map.cell", n, where));
      links.tips.back().push_back(words.Plural("stats.evidence_map.cell_tip", n, where));
      gaps += n == 0 ? 1 : 0;
    }
    b.table.rows.push_back(std::move(row));
  }
  size_t cells = map.rows->terms.size() * map.cols->terms.size();
  b.lead = words.Get("stats.evidence_map.lead", {{"filled", LocalCount(words, cells - gaps)},
                                                 {"cells", LocalCount(words, cells)},
                                                 {"gaps", LocalCount(words, gaps)}});
  b.svg = HeatMapSvg({"chart-evidence-map", b.heading,
                      words.Get("stats.evidence_map.chart_description", axes)},
                     rows, cols, counts, links);
  return b;
}

const std::vector<MapAxis>& EvidenceMapAxes() {
  // Only vocabularies the case-study finder can filter by, so every cell
  // can link to the case studies behind it.
  static const std::vector<MapAxis> kAxes = {
      {"enablers", "enabler"},           {"barriers", "barrier"},
      {"drivers", "driver"},             {"impact-areas", "impact"},
      {"impact-levels", "level"},        {"activities", "activity"},
      {"partnership-types", "type"},     {"partnership-models", "model"},
      {"partner-kinds", "partner"},      {"ci-categories", "ci"},
      {"regions", "region"},             {"formality", "formality"},
  };
  return kAxes;
}

std::string EvidenceMapDataJson(const Library& lib, const EvidenceMap& map, const Messages& words) {
  using Json = nlohmann::ordered_json;
  Json axes = Json::array();
  for (const MapAxis& a : EvidenceMapAxes()) {
    const Vocabulary* v = lib.FindVocabulary(a.vocab);
    if (!v) continue;
    Json terms = Json::array();
    for (const Term* t : TreeOrder(*v)) {
      Json term = {{"id", t->id},
                   {"label", t->label},
                   {"parent", v->Find(t->parent) ? t->parent : ""},
                   {"c", CasesOf(lib, v->id, t->id)}};
      // Only a label not in the page's language carries one, so a site
      // with one language writes what it always did.
      std::string lang = LabelLanguage(lib, words, t->lang);
      if (!lang.empty()) term["lang"] = lang;
      terms.push_back(std::move(term));
    }
    Json axis = {{"id", v->id}, {"title", v->title}, {"param", a.param}, {"terms", std::move(terms)}};
    std::string lang = LabelLanguage(lib, words, v->lang);
    if (!lang.empty()) axis["lang"] = lang;
    axes.push_back(std::move(axis));
  }
  Json filters = Json::array();
  const struct { const char *id, *vocab; bool top; } kFilters[] = {
      {"nation", "regions", true},
      {"type", "partnership-types", false},
      {"partner", "partner-kinds", false},
  };
  for (const auto& f : kFilters) {
    if (!lib.FindVocabulary(f.vocab)) continue;
    filters.push_back({{"id", f.id},
                       {"legend", words.Get(std::string("stats.evidence_map.filters.") + f.id)},
                       {"vocab", f.vocab},
                       {"top", f.top}});
  }
  Json out = {{"v", 1},
              {"n", lib.case_studies.size()},
              {"rows", map.rows ? map.rows->id : ""},
              {"cols", map.cols ? map.cols->id : ""},
              {"axes", std::move(axes)},
              {"filters", std::move(filters)}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace commonplace
