#include "pipeline/search_output.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "base/parallel.h"
#include "base/strings.h"
#include "search/lunr_index.h"
#include "search/shards.h"
#include "search/text.h"

namespace commonplace {

namespace {

// A result's kind as the reader sees it ("Case study"), from the messages.
std::string KindLabel(const Messages& messages, const std::string& kind) {
  std::string key = "search_result_kinds." + kind;
  return messages.Has(key) ? messages.Get(key) : kind;
}

std::string_view FieldValue(const PageRecord& r, const std::string& field) {
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

namespace {

// A page's body as sections for result passages: [[anchor, heading, text],
// …], the first (before any heading) with an empty anchor and heading. The
// body text is plain text with the headings' text in it; each heading is
// looked for after the one before, and one not found stays in the text.
nlohmann::ordered_json Sections(const PageRecord& r) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  const std::string& text = r.body_text;
  std::string anchor, heading;
  size_t from = 0;  // start of the current section's text
  auto add = [&](size_t end) {
    std::string part = Trim(text.substr(from, end - from));
    if (!part.empty() || !heading.empty()) out.push_back({anchor, heading, part});
  };
  for (const auto& [id, title] : r.headings) {
    if (title.empty()) continue;
    size_t at = text.find(title, from);
    if (at == std::string::npos) continue;
    add(at);
    anchor = id;
    heading = title;
    from = at + title.size();
  }
  add(text.size());
  return out;
}

std::string Dump(const nlohmann::ordered_json& j) {
  // Invalid UTF-8 is replaced rather than thrown on.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Index of `value` in `list`, added when new.
int Code(std::vector<std::string>* list, const std::string& value) {
  auto it = std::find(list->begin(), list->end(), value);
  if (it != list->end()) return static_cast<int>(it - list->begin());
  list->push_back(value);
  return static_cast<int>(list->size() - 1);
}

// One page's share of the "did you mean" words: each distinct term its
// title and summary use, with the first plain lower-case word it comes
// from there ("" when none is plain), in first-seen order.
using PageWords = std::vector<std::pair<std::string, std::string>>;

// Kept by `serve` (one per language): each page's words by its record's
// digest (which covers title and summary), and every token's term.
struct WordsCache {
  struct Entry {
    std::shared_ptr<const PageWords> words;
    uint64_t build = 0;
  };
  struct KeyHash {
    size_t operator()(const PageKey& k) const { return static_cast<size_t>(k.a); }
  };
  std::unordered_map<PageKey, Entry, KeyHash> pages;
  uint64_t build = 0;
  /// The last build's pages' words, in page order, and the file made from
  /// them: the same words in the same order make the same file.
  std::vector<std::shared_ptr<const PageWords>> last_pages;
  std::string last_file;
};

PageWords WordsOf(const PageRecord& r, bool english,
                  std::unordered_map<std::string, std::optional<std::string>>* terms,
                  std::string* lowered, std::vector<search::Token>* tokens) {
  PageWords out;
  std::unordered_map<std::string_view, size_t> at;  // term → place in out
  std::string term;
  search::Tokenize(r.title + " " + r.summary, lowered, tokens);
  for (const auto& t : *tokens) {
    // Each distinct token through the pipeline once: titles and summaries
    // repeat their words, and stemming every occurrence was most of this.
    auto [known, fresh] = terms->try_emplace(std::string(t.text));
    if (fresh && search::PipelineTerm(t.text, &term, english) && !term.empty()) {
      known->second = term;
    }
    if (!known->second) continue;
    const std::string& k = *known->second;  // a node's value: does not move
    bool plain = !t.text.empty();
    for (char c : t.text) plain = plain && c >= 'a' && c <= 'z';
    auto [place, added] = at.try_emplace(k, out.size());
    if (added) out.emplace_back(k, std::string());
    auto& word = out[place->second].second;
    if (word.empty() && plain) word = std::string(t.text);
  }
  return out;
}

// The words "did you mean" may offer: each term that titles and summaries
// use, with the word it comes from (the first plain lower-case one seen)
// and how many pages use it there. [[term, word, pages], …] by term.
// With `cache`, a page whose record is unchanged is not tokenised again.
std::string SuggestionWords(const PageRecords& records, bool english, WordsCache* cache) {
  std::unordered_map<std::string, std::optional<std::string>> terms;
  std::string lowered;
  std::vector<search::Token> tokens;
  std::vector<std::shared_ptr<const PageWords>> pages(records.size());
  const uint64_t build = cache ? ++cache->build : 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const PageRecord& r = *records[i];
    if (cache && !(r.digest == PageKey{})) {
      WordsCache::Entry& e = cache->pages[r.digest];
      if (!e.words) e.words = std::make_shared<const PageWords>(WordsOf(r, english, &terms, &lowered, &tokens));
      e.build = build;
      pages[i] = e.words;
    } else {
      pages[i] = std::make_shared<const PageWords>(WordsOf(r, english, &terms, &lowered, &tokens));
    }
  }
  if (cache) {
    std::erase_if(cache->pages, [&](const auto& e) { return e.second.build != build; });
    // A page whose record changed has new words, most often the same ones.
    const bool same = std::equal(pages.begin(), pages.end(), cache->last_pages.begin(),
                                 cache->last_pages.end(), [](const auto& a, const auto& b) {
                                   return a == b || *a == *b;
                                 });
    cache->last_pages = pages;
    if (same) return cache->last_file;
  }
  // Pages in order: the first plain word of the first page that has one.
  std::unordered_map<std::string_view, std::pair<std::string_view, int>> words;
  for (const auto& page : pages) {
    for (const auto& [term, word] : *page) {
      auto& entry = words[term];
      if (entry.first.empty() && !word.empty()) entry.first = word;
      entry.second++;
    }
  }
  std::vector<std::string_view> sorted;
  for (const auto& [t, entry] : words) {
    if (!entry.first.empty()) sorted.push_back(t);
  }
  std::sort(sorted.begin(), sorted.end());
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::string_view t : sorted) {
    const auto& entry = words[t];
    out.push_back({std::string(t), std::string(entry.first), entry.second});
  }
  if (!cache) return Dump(out);
  cache->last_file = Dump(out);
  return cache->last_file;
}

}  // namespace

namespace {

// A page's result file and extra words from the last build, with the
// digest of what they were made from.
struct SearchPiece {
  PageKey key;
  SharedBytes doc_json;  // shared with the output
  size_t doc_hash = 0;   // HashBytes(*doc_json)
  std::string also;
};
using SearchPieces = std::vector<SearchPiece>;  // by page number

// The record's digest stands for its text (a record kept with its page
// keeps its digest, so an unchanged page's text is not hashed again).
PageKey PieceKey(const PageKey& common, const std::string& ref, const PageRecord& r) {
  PageKeyBuilder kb;
  kb.Add(common);
  kb.Add(std::string_view(ref));
  kb.Add(r.digest);
  return kb.key();
}

}  // namespace

void WriteSearchIndex(const Library& lib, const Messages& messages, const PageRecords& records,
                      OutputTree* out, std::string* documents, PageCache* cache, int threads) {
  // The extra words depend on site.yaml's synonyms as well as the page, and
  // a result's kind label on the language (each language keeps its own).
  const std::string slot = "search-pieces-" + messages.lang();
  PageKey common;
  std::shared_ptr<SearchPieces> previous;
  // Sized once: the documents view the pieces' extra words.
  auto pieces = std::make_shared<SearchPieces>(records.size());
  if (cache) {
    PageKeyBuilder kb;
    kb.Add(std::string_view(messages.lang()));
    for (const auto& [typed, used] : lib.config.search_synonyms) {
      kb.Add(std::string_view(typed));
      kb.Mix(used.size());
      for (const auto& u : used) kb.Add(std::string_view(u));
    }
    common = kb.key();
    previous = std::static_pointer_cast<SearchPieces>(cache->Slot(slot));
  }
  std::vector<search::Field> fields;
  for (const auto& [name, boost] : lib.config.search_fields) fields.push_back({name, boost});
  // Synonyms and joined hyphenated words go in a field of their own, so
  // they add words to a page without changing any other field's text.
  fields.push_back({kAlsoField, 1});
  // What a document's text is made from besides its record: which record
  // fields are searched, the synonyms and the language. With the record's
  // digest it stands for the text, so the kept analyses are found without
  // hashing every page's text again.
  PageKey text_common;
  if (cache) {
    PageKeyBuilder kb;
    kb.Add(common);
    kb.Mix(fields.size());
    for (const auto& f : fields) kb.Add(std::string_view(f.name));
    text_common = kb.key();
  }
  // The documents view the records' text and the pieces' extra words,
  // which outlive the index. Refs are each page's number: the shards
  // delta-code them, and the result files are named by them. Each page is
  // its own slot, so the pages are shared between threads.
  std::vector<search::Document> docs(records.size());
  ParallelFor(records.size(), threads, [&](size_t number) {
    const PageRecord& r = *records[number];
    search::Document& d = docs[number];
    d.ref = std::to_string(number);
    for (const auto& f : fields) {
      if (f.name != kAlsoField) d.views.push_back(FieldValue(r, f.name));
    }
    SearchPiece& piece = (*pieces)[number];
    bool reused = false;
    if (cache) {
      piece.key = PieceKey(common, d.ref, r);
      // The previous pieces are replaced below, so a reused one is moved.
      if (previous && number < previous->size() && (*previous)[number].key == piece.key) {
        piece = std::move((*previous)[number]);
        reused = true;
      }
    }
    if (!reused) {
      piece.also = SearchAlsoWords(r.title + "\n" + r.summary + "\n" + r.themes + "\n" +
                                       r.places + "\n" + r.partners + "\n" + r.body_text,
                                   lib.config.search_synonyms);
      nlohmann::ordered_json entry = {
          {"title", r.title},
          {"kindLabel", KindLabel(messages, r.kind)},
          {"url", r.url},
          {"summary", TruncateWords(r.summary, 300)},
          {"sections", Sections(r)}};
      // Words not in the page's language say which they are in.
      if (!r.lang.empty()) entry["lang"] = r.lang;
      piece.doc_json = std::make_shared<const std::string>(Dump(entry));
      piece.doc_hash = HashBytes(*piece.doc_json);
    }
    // The output shares the result file with the pieces kept for the next build.
    out->Add("search/docs/" + d.ref + ".json", piece.doc_json, piece.doc_hash);
    if (!cache) piece.doc_json = nullptr;
    d.views.push_back(piece.also);
    if (cache && !(r.digest == PageKey{})) {  // a record made without MakeRecord has none
      PageKeyBuilder kb;
      kb.Add(text_common);
      kb.Add(r.digest);
      const PageKey text_key = kb.key();
      d.digest[0] = text_key.a;
      d.digest[1] = text_key.b | 1;  // never both zero ("no digest")
    }
  });
  if (cache) cache->Slot(slot) = pieces;
  // English pages are stemmed as lunr.js does; other languages are not.
  search::IndexOptions index_options;
  index_options.english = messages.lang() == "en";
  index_options.threads = threads;
  if (cache) {
    // Each page's analysed terms, so an edit analyses only what changed.
    index_options.analysis_cache =
        &cache->Kept<search::AnalysisCache>("search-analysis-" + messages.lang());
  }
  // Each shard goes out as it is made (at 10,000 pages they are 25 MiB).
  search::BuildLunrShards(fields, docs, index_options, {}, [&](search::ShardFile&& file) {
    out->Add("search/" + file.path, std::move(file.content));
  });
  if (documents) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& d : docs) {
      nlohmann::ordered_json o = {{"id", d.ref}};
      for (size_t f = 0; f < fields.size(); ++f) o[fields[f].name] = std::string(d.Value(f));
      all.push_back(std::move(o));
    }
    *documents = Dump(all);
  }
}

void WriteSearchLists(const Messages& messages, const PageRecords& records, OutputTree* out,
                      PageCache* cache) {
  // What the search filters need of every page, [kind, type, nations] as
  // codes: loaded only when a filter is set.
  std::vector<std::string> kinds, types, nations;
  nlohmann::ordered_json filters = nlohmann::ordered_json::array();
  for (const auto& record : records) {
    const PageRecord& r = *record;
    long long nation_bits = 0;
    for (const auto& nation : r.nations) {
      int bit = Code(&nations, nation);
      if (bit < 62) nation_bits |= 1LL << bit;
    }
    filters.push_back(Code(&kinds, r.kind));
    filters.push_back(r.type.empty() ? -1 : Code(&types, r.type));
    filters.push_back(nation_bits);
  }
  out->Add("search/filters.json",
           Dump({{"kinds", kinds}, {"types", types}, {"nations", nations}, {"pages", filters}}));
  WordsCache* words_cache =
      cache ? &cache->Kept<WordsCache>("search-words-" + messages.lang()) : nullptr;
  out->Add("search/words.json", SuggestionWords(records, messages.lang() == "en", words_cache));
}

}  // namespace commonplace
