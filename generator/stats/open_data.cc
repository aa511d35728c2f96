#include "stats/open_data.h"

#include <nlohmann/json.hpp>
#include <set>

#include "stats/collection.h"
#include "stats/table.h"

namespace commonplace {

namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> Unique(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& s : v) {
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}

// One case study as (column → value), in CaseStudyDataColumns order.
Json Row(const Library& lib, const CaseStudy& cs) {
  Json j;
  j["slug"] = cs.slug;
  j["title"] = cs.title;
  // Relative to the site's root when site.yaml sets no base_url.
  j["url"] = lib.config.base_url + "casestudies/" + cs.slug + "/";
  j["summary"] = cs.summary;
  j["anonymised"] = cs.anonymised;
  j["partnership_type"] = cs.partnership_type;
  j["status"] = cs.status;
  j["year_start"] = cs.year_start ? Json(*cs.year_start) : Json(nullptr);
  j["year_end"] = cs.year_end ? Json(*cs.year_end) : Json(nullptr);
  std::vector<std::string> places, regions, partners, kinds;
  for (const auto& p : cs.places) {
    places.push_back(p.name);
    regions.push_back(p.region);
  }
  for (const auto& p : cs.partners) {
    partners.push_back(p.name);
    kinds.push_back(p.kind);
  }
  j["places"] = Unique(places);
  j["regions"] = Unique(regions);
  j["partners"] = partners;
  j["partner_kinds"] = Unique(kinds);
  j["partner_count"] = cs.partners.size();
  j["has_cultural_institution"] = HasCulturalPartner(cs);
  j["activities"] = cs.activities;
  j["drivers"] = cs.drivers;
  j["barriers"] = cs.barriers;
  j["enablers"] = cs.enablers;
  std::vector<std::string> areas;
  for (const auto& i : cs.impacts) areas.push_back(i.area);
  j["impact_areas"] = Unique(areas);
  j["principles"] = cs.principles;
  std::vector<std::string> sources;
  for (const auto& s : cs.sources) sources.push_back(s.locator.empty() ? s.source : s.source + " " + s.locator);
  j["sources"] = sources;
  j["updated"] = cs.updated;
  return j;
}

}  // namespace

const std::vector<DataColumn>& CaseStudyDataColumns() {
  static const std::vector<DataColumn> kColumns = {
      {"slug", "string"},
      {"title", "string"},
      {"url", "string"},
      {"summary", "string"},
      {"anonymised", "boolean"},
      {"partnership_type", "string"},
      {"status", "string"},
      {"year_start", "integer"},
      {"year_end", "integer"},
      {"places", "list"},
      {"regions", "list"},
      {"partners", "list"},
      {"partner_kinds", "list"},
      {"partner_count", "integer"},
      {"has_cultural_institution", "boolean"},
      {"activities", "list"},
      {"drivers", "list"},
      {"barriers", "list"},
      {"enablers", "list"},
      {"impact_areas", "list"},
      {"principles", "list"},
      {"sources", "list"},
      {"updated", "string"},
  };
  return kColumns;
}

Table DataDictionaryTable(const Messages& words) {
  Table t;
  t.id = "data-dictionary";
  t.title = words.Get("stats.dictionary.title");
  t.caption = words.Get("stats.dictionary.caption");
  t.header = {words.Get("stats.dictionary.column"), words.Get("stats.dictionary.type"),
              words.Get("stats.dictionary.meaning")};
  for (const auto& c : CaseStudyDataColumns()) {
    t.rows.push_back({Cell::Code(c.name), Cell::Text(words.Get("stats.dictionary.types." + c.type)),
                      Cell::Text(words.Get("stats.dictionary.columns." + c.name))});
  }
  return t;
}

std::string CaseStudiesCsv(const Library& lib) {
  const auto& cols = CaseStudyDataColumns();
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i].name;
  out += "\r\n";
  for (const auto& cs : lib.case_studies) {
    Json row = Row(lib, cs);
    for (size_t i = 0; i < cols.size(); ++i) {
      const Json& v = row[cols[i].name];
      std::string text;
      bool numeric = false;
      if (v.is_array()) {
        for (size_t k = 0; k < v.size(); ++k) text += (k ? "; " : "") + v[k].get<std::string>();
      } else if (v.is_string()) {
        text = v.get<std::string>();
      } else if (v.is_boolean()) {
        text = v.get<bool>() ? "true" : "false";
      } else if (v.is_number()) {
        text = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        numeric = true;
      }
      out += (i ? "," : "") + CsvField(text, numeric);
    }
    out += "\r\n";
  }
  return out;
}

std::string CaseStudiesJson(const Library& lib) {
  Json all = Json::array();
  for (const auto& cs : lib.case_studies) all.push_back(Row(lib, cs));
  return all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string CaseStudiesDataSchema(const Library& lib, const Messages& words) {
  Json props = Json::object();
  for (const auto& c : CaseStudyDataColumns()) {
    Json p;
    p["description"] = words.Get("stats.dictionary.columns." + c.name);
    if (c.type == "list") {
      p["type"] = "array";
      p["items"] = {{"type", "string"}};
    } else if (c.type == "integer") {
      p["type"] = c.name == "partner_count" ? Json("integer") : Json::array({"integer", "null"});
    } else {
      p["type"] = c.type;
    }
    props[c.name] = p;
  }
  std::vector<std::string> names;
  for (const auto& c : CaseStudyDataColumns()) names.push_back(c.name);
  Json s;
  s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  if (!lib.config.base_url.empty()) s["$id"] = lib.config.base_url + "data/casestudies.schema.json";
  s["title"] = words.Get("stats.dictionary.schema_title", {{"site", lib.config.title}});
  s["description"] = words.Get(
      "stats.dictionary.schema_description",
      {{"where", lib.config.base_url.empty() ? words.Get("stats.dictionary.schema_this_site")
                                             : lib.config.base_url + "data/"}});
  s["type"] = "array";
  s["items"] = {{"type", "object"}, {"additionalProperties", false}, {"required", names},
                {"properties", props}};
  return s.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace commonplace
