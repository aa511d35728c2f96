// Maps a finding's front matter (content/findings/<id>.md) into
// model::Finding.
#include <algorithm>

#include "base/strings.h"
#include "load/parse_document.h"
#include "load/loader.h"
#include "load/yaml_reader.h"

namespace commonplace {

namespace {

// The vocabularies a finding may bear on, by front-matter key.
const std::vector<std::pair<const char*, const char*>> kFindingVocabs = {
    {"drivers", "drivers"},
    {"barriers", "barriers"},
    {"enablers", "enablers"},
    {"impact_areas", "impact-areas"},
    {"topics", "topics"}};

constexpr size_t kMaxQuotations = 3;
constexpr size_t kMaxQuotationWords = 40;

size_t WordCount(const std::string& s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

}  // namespace

const std::vector<std::string>& FindingKinds() {
  static const std::vector<std::string> kKinds = {"driver", "barrier", "enabler", "impact"};
  return kKinds;
}

bool LoadFinding(const std::string& rel, const std::string& text, Finding* f, Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument fm_doc;
  int first_line = 2;
  if (!ParseDocument(rel, text, f, &fm_doc, &first_line, diags,
                     "see docs/content-schema.md or run `commonplace new finding <id>`")) {
    return false;
  }
  YamlNode fm = fm_doc.root();
  YamlReader r(rel, first_line, diags);
  std::vector<std::string> keys = {"title",  "summary",   "kind",       "case_studies",
                                   "participants", "quotations", "sources", "editor_note"};
  for (const auto& [key, vocab] : kFindingVocabs) keys.push_back(key);
  r.ExpectMap(fm, "", keys);
  f->id = SlugOf(rel);
  f->pos = {first_line, 1};
  f->title = Trim(r.String(fm, "title", "", true));
  f->summary = Trim(r.String(fm, "summary", "", true));
  f->kind = r.String(fm, "kind", "", true);
  if (!f->kind.empty()) {
    const auto& kinds = FindingKinds();
    if (std::find(kinds.begin(), kinds.end(), f->kind) == kinds.end()) {
      r.Error(r.Get(fm, "kind"), "kind", "unknown finding kind '" + f->kind + "'",
              "use one of: driver, barrier, enabler, impact");
    }
  }
  bool any_term = false;
  for (const auto& [key, vocab] : kFindingVocabs) {
    std::vector<SourcePos> pos;
    auto terms = r.StringList(fm, key, "", false, &pos);
    for (size_t i = 0; i < terms.size(); ++i) {
      f->term_uses.push_back({vocab, std::string(key) + "[" + std::to_string(i) + "]", terms[i], pos[i]});
      any_term = any_term || std::string(key) != "topics";
    }
  }
  if (!any_term) {
    diags.Error(rel, {first_line, 1}, "",
                "a finding must bear on at least one driver, barrier, enabler or impact area",
                "add e.g. 'barriers: [time-capacity]' with terms from content/vocabularies/");
  }
  f->case_studies = r.StringList(fm, "case_studies", "", false, &f->case_study_pos);
  f->participants = r.StringList(fm, "participants", "", false);
  r.MapList(fm, "quotations", "", false, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field, {"text", "by", "locator"});
    Quotation q;
    q.text = Trim(r.String(item, "text", field, true));
    q.by = Trim(r.String(item, "by", field, true));
    q.locator = r.String(item, "locator", field, false);
    q.pos = r.Pos(r.Get(item, "text"));
    if (WordCount(q.text) > kMaxQuotationWords) {
      r.Error(r.Get(item, "text"), field + ".text",
              "a quotation may be at most " + std::to_string(kMaxQuotationWords) + " words (this one has " +
                  std::to_string(WordCount(q.text)) + ")",
              "quote the shortest passage that carries the point, and say the rest in your own words");
    }
    f->quotations.push_back(std::move(q));
  });
  if (f->quotations.size() > kMaxQuotations) {
    r.Error(r.Get(fm, "quotations"), "quotations",
            "a finding may carry at most " + std::to_string(kMaxQuotations) + " quotations",
            "keep the three that say most; the others can support findings of their own");
  }
  f->sources = r.SourceRefs(fm, "sources", "", true);
  f->editor_note = Trim(r.String(fm, "editor_note", "", false));
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
