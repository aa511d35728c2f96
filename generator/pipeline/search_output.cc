#include "pipeline/search_output.h"

#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "search/lunr_index.h"

namespace commonplace {

namespace {

const std::map<std::string, std::string>& KindLabels() {
  static const std::map<std::string, std::string> kLabels = {
      {"case-study", "Case study"}, {"principle", "Principle"},
      {"recommendation", "Recommendation"}, {"resource", "Resource"},
      {"worksheet", "Worksheet"}, {"page", "Page"}, {"term", "Topic"},
      {"dataset", "Dataset"}, {"statistics", "Statistics"}};
  return kLabels;
}

std::string FieldValue(const PageRecord& r, const std::string& field) {
  if (field == "title") return r.title;
  if (field == "summary") return r.summary;
  if (field == "body") return r.body_text;
  if (field == "themes") return r.themes;
  if (field == "places") return r.places;
  if (field == "partners") return r.partners;
  return "";
}

}  // namespace

void WriteSearchFiles(const Library& lib, const std::vector<PageRecord>& records,
                      OutputTree* out, std::string* documents) {
  std::vector<search::Field> fields;
  for (const auto& [name, boost] : lib.config.search_fields) fields.push_back({name, boost});
  std::vector<search::Document> docs;
  // Refs are short numbers: the store maps them to pages, and the index
  // repeats every ref once per term, so short refs keep it small.
  // The store is written a document at a time: nlohmann's ordered object
  // looks for an existing key on every insert, which made it quadratic
  // (seconds at 50,000 documents). Refs are digits, so need no escaping.
  std::string store = "{\"docs\":{";
  int n = 0;
  for (const auto& r : records) {
    std::string ref = std::to_string(n++);
    search::Document d;
    d.ref = ref;
    for (const auto& f : fields) d.values.push_back(FieldValue(r, f.name));
    docs.push_back(std::move(d));
    auto label = KindLabels().find(r.kind);
    nlohmann::ordered_json entry = {
        {"title", r.title},
        {"kind", r.kind},
        {"kindLabel", label == KindLabels().end() ? r.kind : label->second},
        {"url", r.url},
        {"summary", TruncateWords(r.summary, 300)},
        {"type", r.type},
        {"nations", r.nations}};
    if (n > 1) store += ',';
    store += '"' + ref + "\":";
    // Invalid UTF-8 is replaced rather than thrown on.
    store += entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out->Add("search/index.json", search::BuildLunrIndexJson(fields, docs));
  if (documents) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& d : docs) {
      nlohmann::ordered_json o = {{"id", d.ref}};
      for (size_t f = 0; f < fields.size(); ++f) o[fields[f].name] = d.values[f];
      all.push_back(std::move(o));
    }
    *documents = all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  store += "}}";
  out->Add("search/store.json", std::move(store));
}

}  // namespace commonplace
