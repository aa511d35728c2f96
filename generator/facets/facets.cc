#include "facets/facets.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "base/parallel.h"

namespace commonplace {

namespace {

struct GroupSpec {
  const char* id;
  const char* legend;
  const char* vocab;  ///< "" for a pseudo-group.
  bool top_level_only;
};

const std::vector<GroupSpec>& Groups() {
  static const std::vector<GroupSpec> kGroups = {
      {"type", "Partnership type", "partnership-types", false},
      {"nation", "Nation", "regions", true},
      {"region", "Region", "regions", false},
      {"partner", "Partner kind", "partner-kinds", false},
      {"ci", "Cultural institution", "ci-categories", false},
      {"activity", "Activity", "activities", false},
      {"impact", "Impact area", "impact-areas", false},
      {"level", "Impact level", "impact-levels", false},
      {"driver", "Driver", "drivers", false},
      {"barrier", "Barrier", "barriers", false},
      {"enabler", "Enabler", "enablers", false},
      {"model", "Partnership model", "partnership-models", false},
      {"status", "Status", "", false},
      {"formality", "Formality", "formality", false},
      {"named", "Named or anonymised", "", false},
  };
  return kGroups;
}

std::string Dump(const nlohmann::ordered_json& j) {
  // Invalid UTF-8 is replaced rather than thrown on.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::vector<size_t> TitleOrder(const Library& lib, const std::vector<size_t>* last) {
  auto less = [&](size_t a, size_t b) {
    const auto &x = lib.case_studies[a], &y = lib.case_studies[b];
    return x.title != y.title ? x.title < y.title : x.slug < y.slug;
  };
  const size_t n = lib.case_studies.size();
  // Slugs are unique, so the order is strict: n indexes below n that
  // strictly increase are distinct, so a permutation, and the only sorted one.
  if (last && last->size() == n) {
    bool sorted = true;
    for (size_t k = 0; k < n && sorted; ++k) {
      sorted = (*last)[k] < n && (k == 0 || less((*last)[k - 1], (*last)[k]));
    }
    if (sorted) return *last;
  }
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), less);
  return order;
}

std::vector<FacetGroup> BuildFacets(const Library& lib, const std::vector<size_t>& order) {
  std::vector<uint32_t> number(lib.case_studies.size(), 0);
  for (size_t pos = 0; pos < order.size(); ++pos) number[order[pos]] = static_cast<uint32_t>(pos);
  auto numbers = [&](const std::vector<size_t>& indexes) {
    std::vector<uint32_t> out;
    out.reserve(indexes.size());
    for (size_t i : indexes) out.push_back(number[i]);
    std::sort(out.begin(), out.end());
    return out;
  };

  std::vector<FacetGroup> groups;
  for (const GroupSpec& spec : Groups()) {
    FacetGroup g{spec.id, spec.legend, spec.vocab, {}};
    std::string id = spec.id;
    if (id == "status" || id == "named") {
      std::vector<FacetOption> options =
          id == "status" ? std::vector<FacetOption>{{"active", "Active", "", {}},
                                                    {"ended", "Ended", "", {}},
                                                    {"unknown", "Not known", "", {}}}
                         : std::vector<FacetOption>{{"named", "Named in the source", "", {}},
                                                    {"anonymised", "Anonymised", "", {}}};
      for (size_t pos = 0; pos < order.size(); ++pos) {
        const CaseStudy& cs = lib.case_studies[order[pos]];
        size_t k = id == "named" ? (cs.anonymised ? 1 : 0)
                   : cs.status == "active" ? 0
                   : cs.status == "ended"  ? 1
                                           : 2;
        options[k].cases.push_back(static_cast<uint32_t>(pos));
      }
      g.options = std::move(options);
      groups.push_back(std::move(g));
      continue;
    }
    const Vocabulary* v = lib.FindVocabulary(spec.vocab);
    auto by_term = lib.cases_by_term.find(spec.vocab);
    if (!v || by_term == lib.cases_by_term.end()) continue;
    for (const Term& t : v->terms) {
      if (spec.top_level_only && !t.parent.empty()) continue;
      auto it = by_term->second.find(t.id);
      if (it == by_term->second.end() || it->second.empty()) continue;
      g.options.push_back({t.id, t.label, t.parent, numbers(it->second), t.lang});
    }
    if (!g.options.empty()) groups.push_back(std::move(g));
  }
  return groups;
}

namespace {

// A number in lower-case base 36, as parseInt(text, 36) reads it.
std::string Base36(uint64_t n) {
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char buf[16];
  int len = 0;
  do {
    buf[len++] = kDigits[n % 36];
    n /= 36;
  } while (n > 0);
  return std::string(std::make_reverse_iterator(buf + len), std::make_reverse_iterator(buf));
}

}  // namespace

std::string EncodeCaseList(const std::vector<uint32_t>& sorted_cases) {
  std::string out;
  int64_t previous = -1;
  for (uint32_t n : sorted_cases) {
    if (!out.empty()) out += ',';
    out += Base36(static_cast<uint64_t>(static_cast<int64_t>(n) - previous));
    previous = n;
  }
  return out;
}

bool DecodeCaseList(const std::string& text, std::vector<uint32_t>* cases) {
  cases->clear();
  if (text.empty()) return true;
  int64_t total = -1;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end == start || end - start > 7) return false;
    int64_t delta = 0;
    for (size_t i = start; i < end; ++i) {
      char c = text[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      delta = delta * 36 + d;
    }
    if (delta < 1) return false;
    total += delta;
    if (total > UINT32_MAX) return false;
    cases->push_back(static_cast<uint32_t>(total));
    if (end == text.size()) return true;
    start = end + 1;
  }
}

std::string FacetsJson(const std::vector<FacetGroup>& groups, int case_count,
                       const std::vector<uint32_t>& evidence) {
  nlohmann::ordered_json g = nlohmann::ordered_json::array();
  for (const auto& group : groups) {
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const auto& o : group.options) {
      options.push_back({{"id", o.id},
                         {"label", o.label},
                         {"parent", o.parent},
                         {"c", EncodeCaseList(o.cases)}});
      if (!o.lang.empty()) options.back()["lang"] = o.lang;
    }
    g.push_back({{"id", group.id}, {"legend", group.legend}, {"o", std::move(options)}});
  }
  std::string e;
  for (uint32_t amount : evidence) {
    if (!e.empty()) e += ',';
    e += Base36(amount);
  }
  return Dump({{"v", 1},
               {"n", case_count},
               {"k", kCardsPerFile},
               {"e", e},
               {"g", std::move(g)}});
}

std::vector<uint32_t> EvidenceAmounts(const Library& lib, const std::vector<size_t>& order) {
  std::vector<uint32_t> out;
  out.reserve(order.size());
  for (size_t i : order) {
    const CaseStudy& cs = lib.case_studies[i];
    auto findings = lib.findings_by_case.find(cs.slug);
    out.push_back(static_cast<uint32_t>(
        (findings == lib.findings_by_case.end() ? 0 : findings->second.size()) + cs.sources.size() +
        cs.figures.size()));
  }
  return out;
}

std::string CardsJson(const Library& lib, const std::vector<size_t>& order, size_t first,
                      size_t count, const std::string& page_lang, int threads,
                      CardsJsonCache* cache) {
  size_t end = count > order.size() - std::min(first, order.size()) ? order.size() : first + count;
  const size_t n = end > first ? end - first : 0;
  // What each card is made from, and the kept entry made from the same.
  struct Card {
    std::string places, type, inputs;
    size_t evidence = 0;
    bool own_lang = false;
    CardsJsonCache::Entry* kept = nullptr;
  };
  std::vector<Card> cards(n);
  std::vector<size_t> to_make;
  for (size_t k = 0; k < n; ++k) {
    const CaseStudy& cs = lib.case_studies[order[first + k]];
    Card& c = cards[k];
    for (const auto& p : cs.places) {
      if (p.name.empty()) continue;
      if (!c.places.empty()) c.places += "; ";
      c.places += p.name;
    }
    c.evidence = EvidenceAmounts(lib, {order[first + k]})[0];
    if (!cs.partnership_type.empty()) {
      c.type = lib.TermLabel("partnership-types", cs.partnership_type);
    }
    const std::string& lang = cs.lang.empty() ? lib.config.content_language : cs.lang;
    c.own_lang = !lib.config.languages.empty() && lang != page_lang;
    if (cache) {
      const std::string* parts[] = {&cs.title, &cs.slug, &cs.summary, &c.type, &c.places};
      for (const std::string* s : parts) {
        c.inputs += std::to_string(s->size());
        c.inputs += ':';
        c.inputs += *s;
      }
      c.inputs += cs.anonymised ? 'a' : '-';
      c.inputs += std::to_string(c.evidence);
      if (c.own_lang) c.inputs += "l:" + lang;
      auto it = cache->entries.find(cs.slug);
      if (it != cache->entries.end() && it->second.inputs == c.inputs) {
        c.kept = &it->second;
        continue;
      }
    }
    to_make.push_back(k);
  }
  // The cards not kept, on any core (after one edit, one card: no thread).
  std::vector<std::string> made(n);
  ParallelFor(to_make.size(), threads, [&](size_t m) {
    const size_t k = to_make[m];
    const CaseStudy& cs = lib.case_studies[order[first + k]];
    const Card& c = cards[k];
    nlohmann::ordered_json card = {{"t", cs.title},
                                   {"u", "casestudies/" + cs.slug + "/"},
                                   {"s", cs.summary},
                                   {"y", c.type},
                                   {"p", c.places},
                                   {"a", cs.anonymised ? 1 : 0},
                                   {"e", c.evidence}};
    if (c.own_lang) card["l"] = cs.lang.empty() ? lib.config.content_language : cs.lang;
    made[k] = Dump(card);
  });
  // One entry at a time, as a 10,000-element array is cheaper as text.
  auto text = [&](size_t k) -> const std::string& {
    return cards[k].kept ? cards[k].kept->json : made[k];
  };
  size_t bytes = 2;
  for (size_t k = 0; k < n; ++k) bytes += text(k).size() + 1;
  std::string out;
  out.reserve(bytes);
  out += '[';
  for (size_t k = 0; k < n; ++k) {
    if (k) out += ',';
    out += text(k);
  }
  out += ']';
  if (cache) {
    for (size_t k = 0; k < n; ++k) {
      if (cards[k].kept) {
        cards[k].kept->build = cache->build;
        continue;
      }
      const CaseStudy& cs = lib.case_studies[order[first + k]];
      cache->entries.insert_or_assign(cs.slug, CardsJsonCache::Entry{std::move(cards[k].inputs),
                                                                     std::move(made[k]), cache->build});
    }
  }
  return out;
}

std::vector<std::vector<Related>> RelatedCaseStudies(const Library& lib, size_t limit,
                                                     int threads) {
  const size_t n = lib.case_studies.size();
  std::vector<std::vector<Related>> result(n);
  if (n == 0 || limit == 0) return result;

  // Intern every (vocab, term) a case study uses directly; terms[id] is it,
  // cases_of[id] the case studies using it (ascending), terms_of[case] its
  // term ids (ascending, each once).
  std::map<std::pair<std::string, std::string>, uint32_t> ids;
  std::vector<std::pair<std::string, std::string>> terms;
  std::vector<std::vector<uint32_t>> cases_of;
  std::vector<std::vector<uint32_t>> terms_of(n);
  for (size_t c = 0; c < n; ++c) {
    for (const TermUse& use : lib.case_studies[c].term_uses) {
      auto [it, added] = ids.emplace(std::make_pair(use.vocab, use.term),
                                     static_cast<uint32_t>(terms.size()));
      if (added) {
        terms.push_back(it->first);
        cases_of.emplace_back();
      }
      terms_of[c].push_back(it->second);
    }
    auto& mine = terms_of[c];
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    for (uint32_t t : mine) cases_of[t].push_back(static_cast<uint32_t>(c));
  }
  // A term more than half the case studies carry ("University") says
  // nothing about which are alike: it weighs nothing and is not shown.
  std::vector<double> idf(terms.size());
  for (size_t t = 0; t < terms.size(); ++t) {
    idf[t] = cases_of[t].size() * 2 > n
                 ? 0.0
                 : std::log(1.0 + static_cast<double>(n) / static_cast<double>(cases_of[t].size()));
  }

  // Better first: higher score, then title, then slug.
  auto better = [&](uint32_t a, double sa, uint32_t b, double sb) {
    if (sa != sb) return sa > sb;
    const CaseStudy &x = lib.case_studies[a], &y = lib.case_studies[b];
    return x.title != y.title ? x.title < y.title : x.slug < y.slug;
  };

  // Each case study's list depends only on the tables above, so blocks of
  // case studies run in parallel, each with its own scratch arrays.
  const size_t blocks = std::min<size_t>(n, static_cast<size_t>(std::max(1, threads)) * 8);
  ParallelFor(blocks, threads, [&](size_t block) {
    std::vector<double> score(n, 0.0);
    std::vector<uint32_t> mark(n, 0);  // c + 1 once d is in `touched` for case c
    std::vector<uint32_t> touched(n + 1);  // one spare: every entry is written, then kept or not
    for (size_t c = n * block / blocks; c < n * (block + 1) / blocks; ++c) {
      const uint32_t stamp = static_cast<uint32_t>(c + 1);
      size_t count = 0;
      for (uint32_t t : terms_of[c]) {
        const double w = idf[t];
        if (w == 0.0) continue;
        for (uint32_t d : cases_of[t]) {
          // Branch-free: nearly every list entry is a case study seen before.
          score[d] += w;
          touched[count] = d;
          count += mark[d] != stamp;
          mark[d] = stamp;
        }
      }
      std::vector<std::pair<uint32_t, double>> best;  // at most `limit`, best first
      for (size_t k = 0; k < count; ++k) {
        uint32_t d = touched[k];
        double s = score[d];
        score[d] = 0.0;
        if (d == c || !(s > 0.0)) continue;
        if (best.size() == limit && !better(d, s, best.back().first, best.back().second)) continue;
        auto at = std::find_if(best.begin(), best.end(), [&](const auto& b) {
          return better(d, s, b.first, b.second);
        });
        best.insert(at, {d, s});
        if (best.size() > limit) best.pop_back();
      }
      auto& out = result[c];
      for (const auto& [d, s] : best) {
        std::vector<uint32_t> shared;
        std::set_intersection(terms_of[c].begin(), terms_of[c].end(), terms_of[d].begin(),
                              terms_of[d].end(), std::back_inserter(shared));
        std::sort(shared.begin(), shared.end(), [&](uint32_t a, uint32_t b) {
          return idf[a] != idf[b] ? idf[a] > idf[b] : terms[a] < terms[b];
        });
        Related r{d, s, {}};
        const auto& uses = lib.case_studies[c].term_uses;
        for (uint32_t t : shared) {
          if (!(idf[t] > 0.0)) continue;
          for (size_t k = 0; k < uses.size(); ++k) {
            if (uses[k].vocab == terms[t].first && uses[k].term == terms[t].second) {
              r.shared.push_back(static_cast<uint32_t>(k));
              break;
            }
          }
        }
        out.push_back(std::move(r));
      }
    }
  });
  return result;
}

}  // namespace commonplace
