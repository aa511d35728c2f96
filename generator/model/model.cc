#include "model/model.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace commonplace {

const Term* Vocabulary::Find(const std::string& term_id) const {
  for (const auto& t : terms) {
    if (t.id == term_id) return &t;
  }
  return nullptr;
}

std::string SiteConfig::BasePath() const {
  // base_url is "scheme://host[:port]/path/"; the path part is what links
  // under a prefix need.
  size_t scheme = base_url.find("://");
  if (scheme == std::string::npos) return base_url.empty() || base_url[0] != '/' ? "/" : base_url;
  size_t slash = base_url.find('/', scheme + 3);
  if (slash == std::string::npos) return "/";
  std::string path = base_url.substr(slash);
  if (path.back() != '/') path += '/';
  return path;
}

bool SiteConfig::ShowSection(const std::string& name) const {
  auto it = sections.find(name);
  return it == sections.end() || it->second;
}

const std::vector<VocabField>& CaseStudyVocabFields() {
  static const std::vector<VocabField> kFields = {
      {"partnership_type", "partnership-types", "Partnership type"},
      {"places.region", "regions", "Places"},
      {"partners.kind", "partner-kinds", "Partner kinds"},
      {"partners.ci_category", "ci-categories", "Cultural-institution categories"},
      {"formality", "formality", "Formality"},
      {"partnership_model", "partnership-models", "Partnership model"},
      {"activities", "activities", "Activities"},
      {"emergence", "emergence", "How it started"},
      {"drivers", "drivers", "Drivers"},
      {"barriers", "barriers", "Barriers"},
      {"enablers", "enablers", "Enablers"},
      {"strategies", "strategies", "Strategies"},
      {"learning", "learning-types", "Learning"},
      {"impacts.area", "impact-areas", "Impact areas"},
      {"impacts.level", "impact-levels", "Impact levels"},
  };
  return kFields;
}

int Dataset::Column(const std::string& column_id) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].id == column_id) return static_cast<int>(i);
  }
  return -1;
}

const Vocabulary* Library::FindVocabulary(const std::string& id) const {
  for (const auto& v : vocabularies) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

const Source* Library::FindSource(const std::string& id) const {
  for (const auto& s : sources) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Principle* Library::FindPrinciple(const std::string& id) const {
  for (const auto& p : principles) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Finding* Library::FindFinding(const std::string& id) const {
  auto it = std::lower_bound(findings.begin(), findings.end(), id,
                             [](const Finding& f, const std::string& key) { return f.id < key; });
  return it != findings.end() && it->id == id ? &*it : nullptr;
}

std::optional<size_t> Library::CaseStudyIndex(const std::string& slug) const {
  auto it = std::lower_bound(case_studies.begin(), case_studies.end(), slug,
                             [](const CaseStudy& c, const std::string& key) { return c.slug < key; });
  if (it == case_studies.end() || it->slug != slug) return std::nullopt;
  return static_cast<size_t>(it - case_studies.begin());
}

const CaseStudy* Library::FindCaseStudy(const std::string& slug) const {
  std::optional<size_t> i = CaseStudyIndex(slug);
  return i ? &case_studies[*i] : nullptr;
}

std::vector<std::string> Finding::Terms(const std::string& vocab) const {
  std::vector<std::string> out;
  for (const auto& use : term_uses) {
    if (use.vocab == vocab) out.push_back(use.term);
  }
  return out;
}

std::string Library::TermLabel(const std::string& vocab, const std::string& term) const {
  const Vocabulary* v = FindVocabulary(vocab);
  const Term* t = v ? v->Find(term) : nullptr;
  return t ? t->label : term;
}

TermTable::TermTable(const std::vector<Vocabulary>& vocabularies) {
  for (const auto& v : vocabularies) {
    auto [it, fresh] = by_vocabulary.try_emplace(v.id);
    if (!fresh) continue;
    it->second.vocabulary = &v;
    for (const auto& t : v.terms) it->second.terms.try_emplace(t.id, &t);
  }
}

const TermTable::Entry* TermTable::Find(std::string_view id) const {
  auto it = by_vocabulary.find(id);
  return it == by_vocabulary.end() ? nullptr : &it->second;
}

const Term* TermTable::FindTerm(const Entry& entry, std::string_view term) {
  auto it = entry.terms.find(term);
  return it == entry.terms.end() ? nullptr : it->second;
}

void Library::Link() {
  cases_by_principle.clear();
  cases_by_term.clear();
  citations_by_source.clear();
  findings_by_term.clear();
  findings_by_case.clear();
  principles_by_term.clear();
  worksheets_by_term.clear();
  const TermTable table(vocabularies);
  // A case or finding counts once per term, and also under each ancestor
  // term, so a parent term's page lists everything filed under its children.
  // Items are added in index order, so "already listed" is "last listed".
  // A known term's list and parent are looked up once per index, not once
  // per use (300,000 uses at 10,000 case studies); the lists are nodes of
  // the maps, which do not move.
  struct Known {
    std::vector<size_t>* items = nullptr;
    const Term* parent = nullptr;  // null: none, or not a term of the vocabulary
  };
  using ByTerm = std::map<std::string, std::map<std::string, std::vector<size_t>>>;
  // `known` is one index's own: each index is rolled up on one thread.
  auto roll_up = [&](const std::vector<TermUse>& uses, size_t i, ByTerm* by_term,
                     std::unordered_map<const Term*, Known>& known) {
    auto list = [&](std::vector<size_t>& items) {
      if (items.empty() || items.back() != i) items.push_back(i);
    };
    const TermTable::Entry* vocab = nullptr;
    const std::string* vocab_id = nullptr;
    for (const auto& use : uses) {
      if (use.term.empty()) continue;
      // A case study's uses come field by field: one vocabulary look-up a run.
      if (!vocab_id || *vocab_id != use.vocab) {
        vocab = table.Find(use.vocab);
        vocab_id = &use.vocab;
      }
      const Term* t = vocab ? TermTable::FindTerm(*vocab, use.term) : nullptr;
      if (!t) {  // not a term (validation says so): listed under itself alone
        list((*by_term)[use.vocab][use.term]);
        continue;
      }
      for (int depth = 0; depth < 16 && t; ++depth) {
        Known& k = known[t];
        if (!k.items) {
          k.items = &(*by_term)[use.vocab][t->id];
          k.parent = t->parent.empty() ? nullptr : TermTable::FindTerm(*vocab, t->parent);
        }
        list(*k.items);
        // A parent that is not a term is listed too, and the climb ends.
        if (!k.parent && !t->parent.empty() && depth + 1 < 16) list((*by_term)[use.vocab][t->parent]);
        t = k.parent;
      }
    }
  };
  // The case studies are the largest part (300,000 term uses at 10,000),
  // and at that size each pass over them costs more in reaching their
  // scattered memory than in work: each is visited once, the first half
  // on one thread and the second on another, into lists of their own that
  // are then put end to end (the second half's numbers follow the first's).
  struct CaseLists {
    std::map<std::string, std::vector<size_t>> by_principle;
    ByTerm by_term;
    std::map<std::string, std::vector<Citation>> citations;
  };
  auto case_lists = [&](size_t first, size_t last, CaseLists* out) {
    std::unordered_map<const Term*, Known> known;
    std::vector<const std::string*> ids;
    for (size_t i = first; i < last; ++i) {
      const CaseStudy& cs = case_studies[i];
      // Each principle once.
      ids.clear();
      for (const auto& p : cs.principles) ids.push_back(&p);
      std::sort(ids.begin(), ids.end(),
                [](const std::string* a, const std::string* b) { return *a < *b; });
      for (size_t k = 0; k < ids.size(); ++k) {
        if (k == 0 || *ids[k] != *ids[k - 1]) out->by_principle[*ids[k]].push_back(i);
      }
      roll_up(cs.term_uses, i, &out->by_term, known);
      for (const auto& s : cs.sources) {
        out->citations[s.source].push_back(
            {"case-study", cs.title, "casestudies/" + cs.slug + "/", s.locator, cs.lang});
      }
    }
  };
  const size_t n = case_studies.size();
  const size_t half = n >= 256 ? n / 2 : n;  // a thread only where it pays
  CaseLists front, back;
  std::thread beside;
  if (half < n) beside = std::thread(case_lists, half, n, &back);
  case_lists(0, half, &front);
  if (beside.joinable()) beside.join();
  auto append = [](auto& to, auto&& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  cases_by_principle = std::move(front.by_principle);
  for (auto& [id, items] : back.by_principle) append(cases_by_principle[id], items);
  cases_by_term = std::move(front.by_term);
  for (auto& [vocab, terms] : back.by_term) {
    auto& to = cases_by_term[vocab];
    for (auto& [term, items] : terms) append(to[term], items);
  }
  citations_by_source = std::move(front.citations);
  for (auto& [source, cited] : back.citations) append(citations_by_source[source], cited);
  std::unordered_map<const Term*, Known> known;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    roll_up(f.term_uses, i, &findings_by_term, known);
    for (const auto& slug : std::set<std::string>(f.case_studies.begin(), f.case_studies.end())) {
      findings_by_case[slug].push_back(i);
    }
    for (const auto& s : f.sources) {
      citations_by_source[s.source].push_back(
          {"finding", f.title, "findings/" + f.id + "/", s.locator, f.lang});
    }
  }
  known.clear();
  for (size_t i = 0; i < principles.size(); ++i) {
    roll_up(principles[i].term_uses, i, &principles_by_term, known);
  }
  known.clear();
  for (size_t i = 0; i < worksheets.size(); ++i) {
    roll_up(worksheets[i].term_uses, i, &worksheets_by_term, known);
  }
  for (const auto& p : principles) {
    for (const auto& s : p.sources) {
      citations_by_source[s.source].push_back(
          {"principle", p.title, "principles/" + p.id + "/", s.locator, p.lang});
    }
  }
  for (const auto& r : recommendations) {
    for (const auto& s : r.sources) {
      citations_by_source[s.source].push_back({"recommendation", r.text,
                                               "recommendations/" + r.audience + "/#" + r.id,
                                               s.locator, r.lang});
    }
  }
  for (const auto& r : resources) {
    for (const auto& s : r.sources) {
      citations_by_source[s.source].push_back(
          {"resource", r.title, "resources/#" + r.id, s.locator, r.lang});
    }
  }
  for (const auto& w : worksheets) {
    for (const auto& s : w.sources) {
      citations_by_source[s.source].push_back(
          {"worksheet", w.title, "worksheets/" + w.id + "/", s.locator, w.lang});
    }
  }
  for (const auto& v : vocabularies) {
    for (const auto& s : v.sources) {
      citations_by_source[s.source].push_back(
          {"vocabulary", v.title, "browse/" + v.id + "/", s.locator, v.lang});
    }
  }
}

}  // namespace commonplace
