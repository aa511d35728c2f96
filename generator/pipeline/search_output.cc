#include "pipeline/search_output.h"

#include <algorithm>
#include <map>
#include <set>
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
      {"dataset", "Dataset"}, {"statistics", "Statistics"}, {"finding", "Finding"}};
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

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// True when `phrase` occurs in `text` (both lower case) as whole words.
bool HasPhrase(const std::string& text, const std::string& phrase) {
  for (size_t at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
    bool starts = at == 0 || !IsWordChar(text[at - 1]);
    size_t end = at + phrase.size();
    if (starts && (end == text.size() || !IsWordChar(text[end]))) return true;
  }
  return false;
}

}  // namespace

std::string SearchAlsoWords(const std::string& page_text,
                            const std::vector<std::pair<std::string, std::vector<std::string>>>& synonyms) {
  std::string text;
  text.reserve(page_text.size());
  for (char c : page_text) text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  std::set<std::string> also;
  // A hyphenated word is also found written as one: lunr splits
  // "co-production" into "co" and "production", so "coproduction" alone
  // would match nothing.
  for (size_t i = 0; i < text.size();) {
    if (!IsWordChar(text[i]) || (i > 0 && IsWordChar(text[i - 1]))) {
      ++i;
      continue;
    }
    size_t j = i;
    std::string joined;
    int parts = 0;
    while (j < text.size() && IsWordChar(text[j])) {
      size_t k = j;
      while (k < text.size() && IsWordChar(text[k])) ++k;
      joined += text.substr(j, k - j);
      ++parts;
      if (k + 1 < text.size() && text[k] == '-' && IsWordChar(text[k + 1])) {
        j = k + 1;
      } else {
        j = k;
        break;
      }
    }
    if (parts > 1) also.insert(joined);
    i = std::max(j, i + 1);
  }
  for (const auto& [typed, used] : synonyms) {
    for (const auto& u : used) {
      std::string phrase;
      for (char c : u) phrase += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      if (!phrase.empty() && HasPhrase(text, phrase)) {
        also.insert(typed);
        break;
      }
    }
  }
  std::string out;
  for (const auto& w : also) out += (out.empty() ? "" : " ") + w;
  return out;
}

void WriteSearchFiles(const Library& lib, const std::vector<PageRecord>& records,
                      OutputTree* out, std::string* documents) {
  std::vector<search::Field> fields;
  for (const auto& [name, boost] : lib.config.search_fields) fields.push_back({name, boost});
  // Synonyms and joined hyphenated words go in a field of their own, so
  // they add words to a page without changing any other field's text.
  fields.push_back({kAlsoField, 1});
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
    for (const auto& f : fields) {
      if (f.name != kAlsoField) d.values.push_back(FieldValue(r, f.name));
    }
    d.values.push_back(SearchAlsoWords(r.title + "\n" + r.summary + "\n" + r.themes + "\n" +
                                           r.places + "\n" + r.partners + "\n" + r.body_text,
                                       lib.config.search_synonyms));
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
