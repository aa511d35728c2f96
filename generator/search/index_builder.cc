#include "search/index_builder.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <thread>
#include <functional>
#include <unordered_map>

#include "base/parallel.h"
#include "search/text.h"

namespace commonplace::search::internal {

// JSON string escaping, without the quotes: byte by byte, so the escaped
// form of a concatenation is the concatenation of the escaped parts.
void AppendEscaped(std::string* out, std::string_view s) {
  size_t plain = 0;  // the common case: nothing to escape
  while (plain < s.size() && static_cast<unsigned char>(s[plain]) >= 0x20 && s[plain] != '"' &&
         s[plain] != '\\') {
    ++plain;
  }
  out->append(s.data(), plain);
  s.remove_prefix(plain);
  for (unsigned char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += static_cast<char>(c);
        }
    }
  }
}

void AppendJsonString(std::string* out, std::string_view s) {
  *out += '"';
  AppendEscaped(out, s);
  *out += '"';
}

void AppendInt(std::string* out, long long v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

// JavaScript sorts strings by UTF-16 code units; UTF-8 byte order agrees
// except that characters above U+FFFF sort before U+E000..U+FFFF in UTF-16.
namespace {

std::u16string Utf16Key(std::string_view s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    i += extra + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

}  // namespace

bool JsLess(std::string_view a, std::string_view b) {
  bool ascii = true;
  for (unsigned char c : a) ascii = ascii && c < 0xF0;
  for (unsigned char c : b) ascii = ascii && c < 0xF0;
  if (ascii) return a < b;  // no supplementary characters: byte order is the same
  return Utf16Key(a) < Utf16Key(b);
}

namespace {

// Token -> number, for the look-up the analysis makes for every token of
// every document: open addressing with linear probing, the keys in one
// arena, and a hash that reads 8 bytes at a time. std::unordered_map spent
// longer hashing, dividing by a prime and following node pointers than the
// tokenizer spent on the text.
class TokenTable {
 public:
  template <typename T>
  static T Load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }

  static uint64_t Hash(std::string_view key) {
    constexpr uint64_t kMul = 0xbf58476d1ce4e5b9ull;
    const char* p = key.data();
    const size_t n = key.size();
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    auto mix = [&](uint64_t w) {
      h = (h ^ w) * kMul;
      h ^= h >> 31;
    };
    // Whole loads only, never a byte loop: most tokens are under 8 bytes.
    if (n >= 8) {
      for (size_t i = 0; i + 8 < n; i += 8) mix(Load<uint64_t>(p + i));
      mix(Load<uint64_t>(p + n - 8));  // the last 8, overlapping the word before
    } else if (n >= 4) {
      mix(uint64_t{Load<uint32_t>(p)} << 32 | Load<uint32_t>(p + n - 4));
    } else if (n > 0) {
      mix(uint64_t{static_cast<unsigned char>(p[0])} << 16 |
          uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 | static_cast<unsigned char>(p[n - 1]));
    }
    // splitmix64's finaliser: every key bit reaches the low bits, which pick the slot.
    h ^= h >> 30;
    h *= kMul;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
  }

  // memcmp, without a call into the C library for a few bytes: the keys
  // are short, and with the hash matching they are nearly always equal.
  static bool SameBytes(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      for (size_t i = 0; i + 8 < n; i += 8) {
        if (Load<uint64_t>(a + i) != Load<uint64_t>(b + i)) return false;
      }
      return Load<uint64_t>(a + n - 8) == Load<uint64_t>(b + n - 8);
    }
    if (n >= 4) {
      return Load<uint32_t>(a) == Load<uint32_t>(b) &&
             Load<uint32_t>(a + n - 4) == Load<uint32_t>(b + n - 4);
    }
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  // The value stored for `key` (whose Hash is `hash`), or nullptr.
  const int* Find(std::string_view key, uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.used) return nullptr;
      if (slot.hash == hash && slot.length == key.size() &&
          SameBytes(arena_.data() + slot.offset, key.data(), key.size())) {
        return &slot.value;
      }
    }
  }

  // Adds a key that is not in the table.
  void Insert(std::string_view key, uint64_t hash, int value) {
    if (2 * (count_ + 1) > slots_.size()) Grow();
    Place({hash, arena_.size(), key.size(), value, true});
    arena_.append(key);
    ++count_;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    size_t offset = 0;  // of the key in arena_
    size_t length = 0;
    int value = 0;
    bool used = false;
  };

  void Place(const Slot& slot) {
    size_t i = slot.hash & mask_;
    while (slots_[i].used) i = (i + 1) & mask_;
    slots_[i] = slot;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.used) Place(slot);
    }
  }

  std::vector<Slot> slots_;  // a power of two of them, at most half used
  size_t mask_ = 0;
  size_t count_ = 0;
  std::string arena_;
};

}  // namespace

// The terms one analysing thread has met, numbered in the order it met
// them. Words repeat (a corpus of millions of words has tens of thousands
// of distinct ones), so each distinct token goes through the pipeline once
// per thread. Being per thread, it needs no locking.
class Vocabulary {
 public:
  explicit Vocabulary(bool english) : english_(english) {}

  // The number of the term `token` becomes, or -1 when the pipeline drops it.
  int TermOf(std::string_view token) {
    const uint64_t hash = TokenTable::Hash(token);
    if (const int* known = by_token_.Find(token, hash)) return *known;
    int id = -1;
    if (std::string term; PipelineTerm(token, &term, english_)) {
      auto [it, fresh] = by_term_.try_emplace(std::move(term), static_cast<int>(terms_.size()));
      if (fresh) terms_.push_back(&it->first);
      id = it->second;
    }
    by_token_.Insert(token, hash, id);
    return id;
  }

  std::string_view Term(int id) const { return *terms_[id]; }
  size_t size() const { return terms_.size(); }

 private:
  TokenTable by_token_;
  std::unordered_map<std::string, int> by_term_;
  std::vector<const std::string*> terms_;  // keys of by_term_, whose nodes do not move
  bool english_;
};


AnalysedIndex::AnalysedIndex(const std::vector<Field>& fields, const std::vector<Document>& docs,
                             const IndexOptions& options, bool tfs)
    : fields_(fields), docs_(docs), options_(options), nf_(fields.size()),
      threads_(ThreadCount(options.threads)), field_terms_(docs.size() * nf_) {
  Analyse();
  NumberTerms();
  Invert(tfs);
  Weigh();
}

AnalysedIndex::~AnalysedIndex() = default;

std::vector<int> AnalysedIndex::TermsInJsOrder() const {
  AnalysisStore* store = digests_.empty() ? nullptr : options_.analysis_cache->store_.get();
  if (store && std::equal(terms_.begin(), terms_.end(), store->sorted_terms_.begin(),
                          store->sorted_terms_.end())) {
    return store->js_order_;
  }
  std::vector<int> order(terms_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  // Without supplementary characters JsLess is byte order: asked once for
  // all the terms instead of in every comparison.
  auto supplementary = [](char c) { return static_cast<unsigned char>(c) >= 0xF0; };
  const bool bytes = std::none_of(terms_.begin(), terms_.end(), [&](std::string_view t) {
    return std::any_of(t.begin(), t.end(), supplementary);
  });
  if (bytes) {
    std::sort(order.begin(), order.end(), [&](int a, int b) { return terms_[a] < terms_[b]; });
  } else {
    std::sort(order.begin(), order.end(), [&](int a, int b) { return JsLess(terms_[a], terms_[b]); });
  }
  if (store) {
    store->sorted_terms_.assign(terms_.begin(), terms_.end());
    store->js_order_ = order;
  }
  return order;
}

AnalysisStore::Digest AnalysisStore::DigestOf(const Document& doc, size_t fields, bool english) {
  // Two independent 64-bit hashes of every field's length and bytes.
  if (doc.digest[0] != 0 || doc.digest[1] != 0) {
    // The caller's digest stands for the text; its own seeds keep it apart
    // from digests of text, and the field count and pipeline still count.
    const uint64_t words[3] = {doc.digest[0], doc.digest[1], static_cast<uint64_t>(fields)};
    return Digest{std::_Hash_bytes(words, sizeof words, english ? 0xD16E57ull : 0xD16E50ull),
                  std::_Hash_bytes(words, sizeof words, 0xCA11E2ull)};
  }
  Digest d{english ? 0x5EEDull : 0x5EE0ull, 0xA11CE5ull};
  for (size_t f = 0; f < fields; ++f) {
    std::string_view v = f < doc.FieldCount() ? doc.Value(f) : std::string_view();
    d.a = std::_Hash_bytes(v.data(), v.size(), d.a ^ (v.size() * 0x9E3779B97F4A7C15ull));
    d.b = std::_Hash_bytes(v.data(), v.size(), d.b + 0xC2B2AE3D27D4EB4Full + v.size());
  }
  return d;
}

int AnalysisStore::TermId(std::string_view term) {
  auto [it, fresh] = ids_.try_emplace(std::string(term), static_cast<int>(terms_.size()));
  if (fresh) terms_.push_back(&it->first);
  return it->second;
}

void AnalysedIndex::Analyse() {
  for (int t = 0; t < threads_; ++t) vocabularies_.push_back(std::make_unique<Vocabulary>(options_.english));
  analysed_by_.assign(docs_.size(), 0);
  // Positions are not kept in the store: with them, everything is analysed.
  AnalysisStore* store = options_.analysis_cache && !options_.positions
                             ? options_.analysis_cache->store_.get()
                             : nullptr;
  if (store) digests_.resize(docs_.size());
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    Vocabulary& vocabulary = *vocabularies_[worker];
    std::string lowered;
    std::vector<Token> tokens;
    std::vector<int> slot;  // by term: its place in the current field's tf, or -1
    // The current field's tf, grown here and kept at its exact size: the
    // tf lists are the largest structure, and growing each one by
    // doubling cost allocations, copies and up to twice the memory.
    std::vector<std::pair<int, int>> tf;
    // Small blocks balance uneven documents across the threads.
    constexpr size_t kBlock = 16;
    for (size_t start; (start = next.fetch_add(kBlock)) < docs_.size();) {
      for (size_t d = start; d < std::min(docs_.size(), start + kBlock); ++d) {
        if (store) {
          digests_[d] = AnalysisStore::DigestOf(docs_[d], nf_, options_.english);
          if (const AnalysisStore::Entry* e = store->Find(digests_[d])) {
            analysed_by_[d] = kFromStore;
            std::copy(e->fields.begin(), e->fields.end(), field_terms_.begin() + d * nf_);
            continue;
          }
        }
        analysed_by_[d] = worker;
        for (size_t f = 0; f < nf_ && f < docs_[d].FieldCount(); ++f) {
          FieldTerms& ft = field_terms_[d * nf_ + f];
          Tokenize(docs_[d].Value(f), &lowered, &tokens);
          tf.clear();
          for (const Token& token : tokens) {
            const int id = vocabulary.TermOf(token.text);
            if (id < 0) continue;
            if (static_cast<size_t>(id) >= slot.size()) slot.resize(id + 1, -1);
            if (slot[id] < 0) {
              slot[id] = static_cast<int>(tf.size());
              tf.emplace_back(id, 0);
              if (options_.positions) ft.positions.emplace_back();
            }
            tf[slot[id]].second++;
            if (options_.positions) {
              ft.positions[slot[id]].emplace_back(static_cast<uint32_t>(token.start),
                                                  static_cast<uint32_t>(token.length));
            }
            ++ft.length;
          }
          for (const auto& [id, count] : tf) slot[id] = -1;
          ft.tf.assign(tf.begin(), tf.end());
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads_; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& thread : pool) thread.join();
  if (store) Remember(store);
}

// Puts the documents analysed now into the store, in its own term numbers,
// and forgets the entries this build did not use.
void AnalysedIndex::Remember(AnalysisStore* store) {
  const uint64_t build = ++store->build_;
  store->reused_ = 0;
  for (size_t d = 0; d < docs_.size(); ++d) {
    auto [it, fresh] = store->entries_.try_emplace(digests_[d]);
    AnalysisStore::Entry& e = it->second;
    e.build = build;
    if (analysed_by_[d] == kFromStore) {
      ++store->reused_;
      continue;
    }
    if (!fresh) continue;  // the same text twice in this build
    const Vocabulary& vocabulary = *vocabularies_[analysed_by_[d]];
    e.fields.assign(field_terms_.begin() + d * nf_, field_terms_.begin() + (d + 1) * nf_);
    for (FieldTerms& ft : e.fields) {
      for (auto& [id, count] : ft.tf) id = store->TermId(vocabulary.Term(id));
    }
  }
  std::erase_if(store->entries_, [&](const auto& entry) { return entry.second.build != build; });
}

// lunr.js numbers terms as it first meets them, document by document and
// field by field; each field's tf is in first-seen order, so walking them
// in that order gives the same numbers. Rewrites every tf with them.
void AnalysedIndex::NumberTerms() {
  std::unordered_map<std::string_view, int> number;
  std::vector<std::vector<int>> global(vocabularies_.size());  // by thread, by its own number
  for (size_t t = 0; t < vocabularies_.size(); ++t) global[t].assign(vocabularies_[t]->size(), -1);
  // Documents taken from the store use its numbers.
  const AnalysisStore* store = digests_.empty() ? nullptr : options_.analysis_cache->store_.get();
  std::vector<int> from_store;
  for (size_t d = 0; d < docs_.size(); ++d) {
    const bool stored = analysed_by_[d] == kFromStore;
    const Vocabulary* vocabulary = stored ? nullptr : vocabularies_[analysed_by_[d]].get();
    std::vector<int>& to_global = stored ? from_store : global[analysed_by_[d]];
    for (size_t f = 0; f < nf_; ++f) {
      for (auto& [id, count] : field_terms_[d * nf_ + f].tf) {
        if (stored && static_cast<size_t>(id) >= from_store.size()) from_store.resize(id + 1, -1);
        int& g = to_global[id];
        if (g < 0) {
          std::string_view term = stored ? store->Term(id) : vocabulary->Term(id);
          auto [it, fresh] = number.try_emplace(term, static_cast<int>(terms_.size()));
          if (fresh) terms_.push_back(it->first);
          g = it->second;
        }
        id = g;
      }
    }
  }
}

// Postings of term t in field f: posting_docs_[begin_[t * nf_ + f] ..
// begin_[t * nf_ + f + 1]), in document order as lunr.js adds them, and at
// the same places the term's count there in posting_tfs_ (when `keep_tfs`)
// and its slot in the document's tf in posting_slots_ (when positions are
// kept, as nothing else needs them). Counted first and then filled, so
// there is one array, not a vector per term; each array filled is another
// scattered write for every posting (7 million at 50,000 case studies).
void AnalysedIndex::Invert(bool keep_tfs) {
  begin_.assign(terms_.size() * nf_ + 1, 0);
  for (size_t d = 0; d < docs_.size(); ++d) {
    for (size_t f = 0; f < nf_; ++f) {
      for (const auto& [id, count] : Terms(d, f).tf) ++begin_[id * nf_ + f + 1];
    }
  }
  for (size_t i = 1; i < begin_.size(); ++i) begin_[i] += begin_[i - 1];
  posting_docs_.resize(begin_.back());
  const bool slots = options_.positions;
  if (slots) posting_slots_.resize(begin_.back());
  if (keep_tfs) posting_tfs_.resize(begin_.back());
  std::vector<size_t> fill(begin_.begin(), begin_.end() - 1);
  for (size_t d = 0; d < docs_.size(); ++d) {
    for (size_t f = 0; f < nf_; ++f) {
      const auto& tf = Terms(d, f).tf;
      for (size_t slot = 0; slot < tf.size(); ++slot) {
        const size_t k = fill[tf[slot].first * nf_ + f]++;
        posting_docs_[k] = static_cast<int>(d);
        if (slots) posting_slots_[k] = static_cast<int>(slot);
        if (keep_tfs) posting_tfs_[k] = tf[slot].second;
      }
    }
  }
}

// lunr.idf per term, as the builder caches it, and each field's average
// length: what every score needs.
void AnalysedIndex::Weigh() {
  const double n = static_cast<double>(docs_.size());
  idf_.resize(terms_.size());
  for (size_t t = 0; t < terms_.size(); ++t) {
    double with_term = 0;
    for (size_t f = 0; f < nf_; ++f) {
      with_term += static_cast<double>(begin_[t * nf_ + f + 1] - begin_[t * nf_ + f]);
    }
    double x = (n - with_term + 0.5) / (with_term + 0.5);
    idf_[t] = std::log(1 + std::fabs(x));
  }
  avg_length_.assign(nf_, 0);
  for (size_t f = 0; f < nf_; ++f) {
    double total = 0;
    for (size_t d = 0; d < docs_.size(); ++d) total += Terms(d, f).length;
    avg_length_[f] = docs_.empty() ? 0 : total / n;
  }
}

void AnalysedIndex::PrepareScores() {
  // Exactly the expressions of ScoreUnits, evaluated ahead.
  norm_.resize(docs_.size() * nf_);
  for (size_t d = 0; d < docs_.size(); ++d) {
    for (size_t f = 0; f < nf_; ++f) {
      norm_[d * nf_ + f] = kK1 * (1 - kB + kB * (Terms(d, f).length / avg_length_[f]));
    }
  }
  field_boost_.resize(nf_);
  for (size_t f = 0; f < nf_; ++f) field_boost_[f] = fields_[f].boost == 0 ? 1 : fields_[f].boost;
  doc_boost_.resize(docs_.size());
  for (size_t d = 0; d < docs_.size(); ++d) doc_boost_[d] = docs_[d].boost == 0 ? 1 : docs_[d].boost;
}

}  // namespace commonplace::search::internal

namespace commonplace::search {

AnalysisCache::AnalysisCache() : store_(std::make_unique<internal::AnalysisStore>()) {}
AnalysisCache::~AnalysisCache() = default;
size_t AnalysisCache::reused() const { return store_->reused_; }

}  // namespace commonplace::search
