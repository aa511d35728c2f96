// Statistics: the overview, a page per vocabulary distribution, partners,
// comparisons, the evidence map (with a page per non-empty cell), a page
// per dataset, and the open-data page. Every table is offered as CSV and
// JSON under statistics/data/.
#include <algorithm>

#include "base/strings.h"
#include "render/site_renderer.h"
#include "stats/collection.h"
#include "stats/dataset_summary.h"
#include "stats/evidence_map.h"
#include "stats/open_data.h"
#include "stats/statistics.h"

namespace commonplace {

namespace {

mstch::map TableView(const Table& t) {
  mstch::array header, rows, notes;
  for (size_t i = 0; i < t.header.size(); ++i) {
    header.push_back(mstch::map{{"text", t.header[i]},
                                {"lang", i < t.header_lang.size() ? t.header_lang[i] : ""}});
  }
  for (const auto& r : t.rows) {
    mstch::array cells;
    for (size_t i = 0; i < r.size(); ++i) {
      // Every key is set, so a missing one never falls back to the page's view.
      cells.push_back(mstch::map{{"text", r[i].text},
                                 {"href", r[i].href},
                                 {"first", i == 0},
                                 {"numeric", r[i].number.has_value()},
                                 {"code", r[i].code},
                                 {"warning", r[i].warning},
                                 {"lang", r[i].lang}});
    }
    rows.push_back(mstch::map{{"cells", cells}});
  }
  for (const auto& n : t.notes) notes.push_back(mstch::map{{"text", n}});
  return mstch::map{{"caption", t.caption}, {"caption_html", t.caption_html}, {"header", header}, {"rows", rows},
                    {"notes", notes}, {"has_notes", !t.notes.empty()}};
}

}  // namespace

mstch::map SiteRenderer::StatBlockView(const StatBlock& b, const std::string& root) {
  std::string data = "statistics/data/" + b.table.id;
  out_->Add(data + ".csv", TableToCsv(b.table, CsvWordsFor(messages())));
  out_->Add(data + ".json", TableToJson(b.table));
  mstch::map v = TableView(b.table);
  v["heading"] = b.heading;
  v["heading_html"] = b.heading_html;
  v["anchor"] = b.table.id;
  v["lead"] = b.lead;
  v["lead_html"] = b.lead_html;
  v["svg"] = b.svg;
  v["csv"] = root + data + ".csv";
  v["json"] = root + data + ".json";
  return v;
}

void SiteRenderer::RenderEvidenceMap(const EvidenceMap& map) {
  const std::string url = "statistics/evidence-map/";
  const std::string root = RootFor(url);
  StatBlock block = EvidenceMapBlock(lib_, map, root, messages());
  mstch::map v = StatBlockView(block, root);
  // The table and the phone list, in tree order: each row says which broader
  // term it sits under, so the explorer can fold narrower rows away.
  mstch::array columns, rows;
  for (size_t j : map.col_order) {
    const Term& c = map.cols->terms[j];
    columns.push_back(mstch::map{{"label", c.label}, {"url", TermUrl(map.cols->id, c.id)},
                                 {"depth", TermDepth(*map.cols, c)},
                                 {"lang", LanguageIfOther(c.lang)}});
  }
  for (size_t i : map.row_order) {
    const Term& r = map.rows->terms[i];
    mstch::array cells, nonzero;
    for (size_t j : map.col_order) {
      const Term& c = map.cols->terms[j];
      int n = static_cast<int>(map.cases[i][j].size());
      std::string href = n ? EvidenceMap::CellUrl(r.id, c.id) : "";
      cells.push_back(mstch::map{
          {"n", n},
          {"href", href},
          {"name", messages().Plural("js.evidence_map.cell", n,
                                     {{"row", r.label}, {"column", c.label}})}});
      if (n) {
        nonzero.push_back(mstch::map{{"sep", std::string(nonzero.empty() ? "" : ", ")},
                                     {"col", c.label}, {"n", n}, {"href", href},
                                     {"lang", LanguageIfOther(c.lang)}});
      }
    }
    const Term* parent = map.rows->Find(r.parent);
    rows.push_back(mstch::map{{"id", r.id},
                              {"label", r.label},
                              {"lang", LanguageIfOther(r.lang)},
                              {"url", TermUrl(map.rows->id, r.id)},
                              {"parent", parent ? parent->id : std::string()},
                              {"depth", TermDepth(*map.rows, r)},
                              {"broader", std::any_of(map.rows->terms.begin(), map.rows->terms.end(),
                                                      [&](const Term& t) { return t.parent == r.id; })},
                              {"cells", cells},
                              {"nonzero", nonzero},
                              {"has_nonzero", !nonzero.empty()}});
  }
  v["title"] = T("evidence_map_page.title");
  const std::string intro = T("evidence_map_page.intro",
                              {{"rows", map.rows->title}, {"columns", map.cols->title}});
  v["intro"] = intro;
  v["rows_title"] = map.rows->title;
  v["rows_title_lang"] = LanguageIfOther(map.rows->lang);
  v["columns"] = columns;
  v["map_rows"] = rows;
  v["data"] = root + url + "data.json";
  out_->Add(url + "data.json", EvidenceMapDataJson(lib_, map, messages()));
  PageMeta meta;
  meta.url = url;
  meta.title = T("evidence_map_page.title");
  meta.description = intro;
  meta.nav_section = "statistics";
  meta.scripts = {"assets/js/evidence-map.js"};
  meta.styles = {"assets/css/evidence-map.css"};
  AddPage("evidence_map", v, meta);
  AddRecord({url, "statistics", meta.title, meta.description, "", "", "", "", "", {}, ""});

  for (size_t i = 0; i < map.rows->terms.size(); ++i) {
    for (size_t j = 0; j < map.cols->terms.size(); ++j) {
      const auto& cases = map.cases[i][j];
      if (cases.empty()) continue;
      const Term& r = map.rows->terms[i];
      const Term& c = map.cols->terms[j];
      std::string cell = EvidenceMap::CellUrl(r.id, c.id);
      PageMeta cm;
      cm.url = cell;
      const long long n = static_cast<long long>(cases.size());
      cm.title = T("evidence_cell_page.title", {{"row", r.label}, {"column", c.label}});
      cm.description = messages().Plural("evidence_cell_page.description", n,
                                         {{"row", r.label}, {"column", c.label}});
      cm.nav_section = "statistics";
      cm.noindex = true;
      cm.deferred.push_back(CaseCards(cases, RootFor(cell)));
      AddPage("evidence_cell",
              mstch::map{{"title", cm.title},
                         {"row_vocab", map.rows->title},
                         {"col_vocab", map.cols->title},
                         {"row_url", TermUrl(map.rows->id, r.id)},
                         {"col_url", TermUrl(map.cols->id, c.id)},
                         {"row_label", r.label},
                         {"col_label", c.label},
                         {"row", r.label},
                         {"column", c.label},
                         {"row_lang", LanguageIfOther(r.lang)},
                         {"col_lang", LanguageIfOther(c.lang)},
                         {"column_lang", LanguageIfOther(c.lang)},
                         {"col_vocab_lang", LanguageIfOther(map.cols->lang)},
                         {"count", static_cast<int>(cases.size())},
                         {"noun", messages().Plural("evidence_cell_page.noun", n)}},
              cm);
    }
  }
}

void SiteRenderer::RenderStatistics() {
  if (!HasSection("statistics")) return;
  const std::string kStats = "statistics/";
  const std::string page_root = RootFor("statistics/x/");

  // `lang`: the title's and intro's language when not the page's (an
  // untranslated dataset's), for the search result.
  auto add_blocks_page = [&](const std::string& url, const std::string& title, const std::string& intro,
                             const std::vector<StatBlock>& blocks, mstch::map extra = {},
                             const std::string& lang = "") {
    std::string root = RootFor(url);
    mstch::array views;
    for (const auto& b : blocks) views.push_back(StatBlockView(b, root));
    extra["title"] = title;
    extra["intro"] = intro;
    extra["blocks"] = views;
    extra["has_toc"] = blocks.size() > 1;
    PageMeta meta;
    meta.url = url;
    meta.title = title;
    meta.description = intro;
    meta.nav_section = "statistics";
    AddPage("statistics_page", extra, meta);
    PageRecord rec{url, "statistics", title, intro, "", "", "", "", "", {}, ""};
    rec.lang = lang;
    AddRecord(std::move(rec));
  };

  // One page per case-study field that any case study records.
  mstch::array distributions;
  for (const auto& f : CaseStudyVocabFields()) {
    StatBlock b;
    if (!DistributionBlock(lib_, f, page_root, messages(), &b)) continue;
    std::string url = kStats + f.vocab + "/";
    distributions.push_back(mstch::map{{"title", FieldLabel(messages(), f)}, {"url", url}, {"lead", b.lead}});
    add_blocks_page(url, T("statistics_pages.field_title", {{"field", FieldLabel(messages(), f)}}),
                    T("statistics_pages.field_description"),
                    {b});
  }

  StatBlock partners = PartnersPerCaseBlock(lib_, messages());
  StatBlock share = CulturalShareBlock(lib_, messages());
  add_blocks_page(kStats + "partners/", T("statistics_pages.partners_title"),
                  T("statistics_pages.partners_description"),
                  {partners, ConcentrationBlock(lib_, page_root, messages()), share});

  add_blocks_page(kStats + "comparisons/", T("statistics_pages.comparisons_title"),
                  T("statistics_pages.comparisons_description"),
                  ComparisonBlocks(lib_, messages()));

  const VocabField* type_field = nullptr;
  const VocabField* place_field = nullptr;
  for (const auto& f : CaseStudyVocabFields()) {
    if (std::string(f.vocab) == "partnership-types") type_field = &f;
    if (std::string(f.vocab) == "regions") place_field = &f;
  }
  if (type_field && place_field) {
    add_blocks_page(kStats + "cross-tabulations/", T("statistics_pages.crosstab_title"),
                    T("statistics_pages.crosstab_description"),
                    {CrossTabBlock(lib_, *type_field, *place_field, page_root, messages())});
  }

  // The evidence map, and a list page behind each non-empty cell.
  EvidenceMap map;
  bool has_map = BuildEvidenceMap(lib_, lib_.config.evidence_map_rows,
                                  lib_.config.evidence_map_columns, &map);
  if (has_map) RenderEvidenceMap(map);

  // Datasets.
  mstch::array datasets;
  for (const auto& ds : lib_.datasets) {
    std::string url = kStats + "datasets/" + ds.id + "/";
    std::string root = RootFor(url);
    bool all_agree = true;
    for (const auto& c : CheckTotals(ds)) all_agree = all_agree && c.agrees;
    StatBlock totals;
    totals.heading = T("statistics_pages.totals_heading");
    totals.lead = T("statistics_pages.totals_lead");
    totals.table = TotalsTable(lib_, ds, messages());
    const bool has_checks = !totals.table.rows.empty();
    Table rows = DatasetRowsTable(ds);
    out_->Add("statistics/data/" + ds.id + ".csv", TableToCsv(rows));
    out_->Add("statistics/data/" + ds.id + ".json", TableToJson(rows));
    mstch::array columns;
    for (const auto& c : ds.columns) {
      columns.push_back(mstch::map{{"id", c.id}, {"label", c.label},
                                   {"type", T("statistics_page.column_type." + c.type)},
                                   {"description", c.description},
                                   {"lang", LanguageIfOther(c.lang)}});
    }
    datasets.push_back(mstch::map{{"title", ds.title}, {"lang", LanguageIfOther(ds.lang)}, {"url", url},
                                  {"all_agree", all_agree},
                                  {"has_checks", has_checks}});
    mstch::map totals_view;
    if (has_checks) {
      totals_view = StatBlockView(totals, root);
      totals_view["anchor"] = std::string("totals");
    }
    add_blocks_page(url, ds.title, ds.description, DatasetBlocks(lib_, ds, messages()),
                    mstch::map{{"dataset", true},
                               // Its title, description and note, in the
                               // translation's language or the content's.
                               {"content_lang", LanguageIfOther(ds.lang)},
                               {"note", ds.note},
                               {"sources", SourceList(ds.sources)},
                               {"totals", totals_view},
                               {"has_checks", has_checks},
                               {"columns", columns},
                               {"rows_csv", root + "statistics/data/" + ds.id + ".csv"},
                               {"rows_json", root + "statistics/data/" + ds.id + ".json"},
                               {"row_count", static_cast<int>(ds.rows.size())}},
                    LanguageIfOther(ds.lang));
  }

  // Open data: the collection, its schema and the data dictionary.
  out_->Add("data/casestudies.csv", CaseStudiesCsv(lib_));
  out_->Add("data/casestudies.json", CaseStudiesJson(lib_));
  out_->Add("data/casestudies.schema.json", CaseStudiesDataSchema(lib_, messages()));
  {
    StatBlock dictionary;
    dictionary.heading = T("statistics_pages.dictionary_heading");
    dictionary.table = DataDictionaryTable(messages());
    mstch::map dictionary_view = StatBlockView(dictionary, RootFor("data/"));
    dictionary_view["anchor"] = std::string("dictionary");
    PageMeta meta;
    meta.url = "data/";
    meta.title = T("statistics_pages.open_data_title");
    meta.description = T("statistics_pages.open_data_description");
    meta.nav_section = "statistics";
    AddPage("data", mstch::map{{"title", meta.title}, {"dictionary", dictionary_view},
                               {"count", static_cast<int>(lib_.case_studies.size())}},
            meta);
    AddRecord({meta.url, "statistics", meta.title, meta.description, "", "", "", "", "", {}, ""});
  }

  // The overview.
  {
    PageMeta meta;
    meta.url = kStats;
    meta.title = T("statistics_pages.title");
    meta.description = T("statistics_pages.description");
    meta.nav_section = "statistics";
    mstch::map v{{"title", meta.title},
                 {"intro", meta.description},
                 {"cases", static_cast<int>(lib_.case_studies.size())},
                 {"partners", StatBlockView(partners, RootFor(kStats))},
                 {"share", StatBlockView(share, RootFor(kStats))},
                 {"distributions", distributions},
                 {"has_map", has_map},
                 {"has_crosstab", type_field && place_field},
                 {"datasets", datasets},
                 {"has_datasets", !datasets.empty()}};
    AddPage("statistics", v, meta);
    AddRecord({meta.url, "statistics", meta.title, meta.description, "", "", "", "", "", {}, ""});
  }
}

}  // namespace commonplace
