#include "search/lunr_index.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "base/parallel.h"
#include "search/text.h"

namespace commonplace::search {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// lunr's position metadata of one occurrence: [start, length].
using Position = std::pair<uint32_t, uint32_t>;

// One field of one document after the text pipeline: each distinct term
// with its count, in first-seen order, and (when positions are kept) where
// each occurrence is.
struct FieldTerms {
  // (term, count). The term is first the analysing thread's own number for
  // it (see Vocabulary), then the index-wide one (see NumberTerms).
  std::vector<std::pair<int, int>> tf;
  std::vector<std::vector<Position>> positions;  // parallel to tf
  int length = 0;
};

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

bool JsLess(std::string_view a, std::string_view b) {
  bool ascii = true;
  for (unsigned char c : a) ascii = ascii && c < 0xF0;
  for (unsigned char c : b) ascii = ascii && c < 0xF0;
  if (ascii) return a < b;  // no supplementary characters: byte order is the same
  return Utf16Key(a) < Utf16Key(b);
}

// The shortest start of `next` that sorts after `previous` (lunr.js order):
// a shard's bound, which every term of the shard sorts at or after and
// every term of the shard before sorts before. Whole UTF-8 characters.
std::string Separator(std::string_view previous, std::string_view next) {
  for (size_t n = 1; n < next.size(); ++n) {
    if ((static_cast<unsigned char>(next[n]) & 0xC0) == 0x80) continue;  // inside a character
    if (JsLess(previous, next.substr(0, n))) return std::string(next.substr(0, n));
  }
  return std::string(next);
}

// A file name from its content (FNV-1a, 64 bits, as 16 hex digits): a
// rebuilt index never reuses a name for different bytes, so browsers may
// cache shards for as long as they like.
std::string ContentName(std::string_view content) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : content) h = (h ^ c) * 0x100000001b3ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string JsNumber(double v) {
  if (v == 0) return "0";
  if (std::isnan(v)) return "NaN";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, res.ptr);
  // to_chars writes "1e-07"; JavaScript writes "1e-7" and uses plain
  // notation from 1e-6 up to 1e21.
  size_t e = s.find('e');
  if (e == std::string::npos) return s;
  double a = std::fabs(v);
  if (a >= 1e-6 && a < 1e21) {
    res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, res.ptr);
  }
  std::string mant = s.substr(0, e), exp = s.substr(e + 1);
  bool neg = exp[0] == '-';
  size_t start = (exp[0] == '-' || exp[0] == '+') ? 1 : 0;
  while (start + 1 < exp.size() && exp[start] == '0') ++start;
  return mant + "e" + (neg ? "-" : "+") + exp.substr(start);
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

// The terms one analysing thread has met, numbered in the order it met
// them. Words repeat (a corpus of millions of words has tens of thousands
// of distinct ones), so each distinct token goes through the pipeline once
// per thread. Being per thread, it needs no locking.
class Vocabulary {
 public:
  // The number of the term `token` becomes, or -1 when the pipeline drops it.
  int TermOf(std::string_view token) {
    const uint64_t hash = TokenTable::Hash(token);
    if (const int* known = by_token_.Find(token, hash)) return *known;
    int id = -1;
    if (std::string term; PipelineTerm(token, &term)) {
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
};

// Writes round(score × 10^decimals) / 10^decimals as JavaScript prints it
// at p, returning the end. `units` is that rounded score in units of
// 10^-decimals: a decimal of at most 15 significant digits round-trips
// through a double, so its plain digits are exactly Number#toString's
// shortest form. Needs kMaxScore bytes.
constexpr size_t kMaxScore = 40;
char* WriteScore(char* p, double units, int decimals) {
  if (decimals > 6 || !(std::fabs(units) < 1e15)) {
    const std::string s = JsNumber(units / std::pow(10.0, decimals));
    return std::copy(s.begin(), s.begin() + std::min(s.size(), kMaxScore), p);
  }
  long long k = std::llround(units);
  if (k == 0) {
    *p++ = '0';
    return p;
  }
  if (k < 0) {
    *p++ = '-';
    k = -k;
  }
  long long pow10 = 1;
  for (int i = 0; i < decimals; ++i) pow10 *= 10;
  p = std::to_chars(p, p + 20, k / pow10).ptr;
  long long frac = k % pow10;
  if (frac == 0) return p;
  char digits[8];
  int n = decimals;
  for (int i = n - 1; i >= 0; --i, frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
  while (n > 0 && digits[n - 1] == '0') --n;
  *p++ = '.';
  return std::copy(digits, digits + n, p);
}

// Appends pieces 0..n-1, each written by write(i, &piece), to *out in
// order. The pieces are written on every core a batch at a time into
// buffers kept from batch to batch: new memory costs a page fault per 4 KiB
// (on this kind of machine, more than formatting the text), so the pieces
// reuse theirs and only *out is touched for the first time.
template <typename F>
void AppendInParallel(std::string* out, size_t n, int threads, F&& write) {
  constexpr size_t kBatch = 64;
  std::vector<std::string> pieces(std::min(n, kBatch));
  for (size_t start = 0; start < n; start += kBatch) {
    const size_t count = std::min(n - start, kBatch);
    ParallelFor(count, threads, [&](size_t i) {
      pieces[i].clear();
      write(start + i, &pieces[i]);
    });
    for (size_t i = 0; i < count; ++i) out->append(pieces[i]);
  }
}

// Builds the index as lunr.Builder does and serialises it as
// lunr.Index#toJSON, in steps:
//   Analyse      the text pipeline, on every core: terms counted per field
//   NumberTerms  terms numbered in the order lunr.js first meets them
//   Invert       the postings: per term and field, documents in order
//   Json         BM25 field vectors and the inverted index, on every core
// The result does not depend on the number of threads.
class Builder {
 public:
  Builder(const std::vector<Field>& fields, const std::vector<Document>& docs,
          const IndexOptions& options)
      : fields_(fields), docs_(docs), options_(options), nf_(fields.size()),
        threads_(ThreadCount(options.threads)), field_terms_(docs.size() * nf_) {}

  std::string Build() {
    Analyse();
    NumberTerms();
    Invert();
    Weigh();
    return Json();
  }

  std::vector<ShardFile> BuildShards(const ShardOptions& shard_options) {
    keep_slots_ = true;
    Analyse();
    NumberTerms();
    Invert();
    Weigh();
    return Shards(shard_options);
  }

 private:
  const FieldTerms& Terms(size_t doc, size_t field) const { return field_terms_[doc * nf_ + field]; }

  void Analyse() {
    vocabularies_.resize(threads_);
    analysed_by_.assign(docs_.size(), 0);
    std::atomic<size_t> next{0};
    auto work = [&](int worker) {
      Vocabulary& vocabulary = vocabularies_[worker];
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
          analysed_by_[d] = worker;
          for (size_t f = 0; f < nf_ && f < docs_[d].values.size(); ++f) {
            FieldTerms& ft = field_terms_[d * nf_ + f];
            Tokenize(docs_[d].values[f], &lowered, &tokens);
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
  }

  // lunr.js numbers terms as it first meets them, document by document and
  // field by field; each field's tf is in first-seen order, so walking them
  // in that order gives the same numbers. Rewrites every tf with them.
  void NumberTerms() {
    std::unordered_map<std::string_view, int> number;
    std::vector<std::vector<int>> global(vocabularies_.size());  // by thread, by its own number
    for (size_t t = 0; t < vocabularies_.size(); ++t) global[t].assign(vocabularies_[t].size(), -1);
    for (size_t d = 0; d < docs_.size(); ++d) {
      const Vocabulary& vocabulary = vocabularies_[analysed_by_[d]];
      std::vector<int>& to_global = global[analysed_by_[d]];
      for (size_t f = 0; f < nf_; ++f) {
        for (auto& [id, count] : field_terms_[d * nf_ + f].tf) {
          int& g = to_global[id];
          if (g < 0) {
            auto [it, fresh] = number.try_emplace(vocabulary.Term(id), static_cast<int>(terms_.size()));
            if (fresh) terms_.push_back(it->first);
            g = it->second;
          }
          id = g;
        }
      }
    }
  }

  // Postings of term t in field f: posting_docs_[begin_[t * nf_ + f] ..
  // begin_[t * nf_ + f + 1]), in document order as lunr.js adds them, and
  // (only when positions are kept, as nothing else needs them) the term's
  // slot in each document's tf at the same place in posting_slots_.
  // Counted first and then filled, so there is one array, not a vector per
  // term.
  void Invert() {
    begin_.assign(terms_.size() * nf_ + 1, 0);
    for (size_t d = 0; d < docs_.size(); ++d) {
      for (size_t f = 0; f < nf_; ++f) {
        for (const auto& [id, count] : Terms(d, f).tf) ++begin_[id * nf_ + f + 1];
      }
    }
    for (size_t i = 1; i < begin_.size(); ++i) begin_[i] += begin_[i - 1];
    posting_docs_.resize(begin_.back());
    const bool slots = options_.positions || keep_slots_;
    if (slots) posting_slots_.resize(begin_.back());
    std::vector<size_t> fill(begin_.begin(), begin_.end() - 1);
    for (size_t d = 0; d < docs_.size(); ++d) {
      for (size_t f = 0; f < nf_; ++f) {
        const auto& tf = Terms(d, f).tf;
        for (size_t slot = 0; slot < tf.size(); ++slot) {
          const size_t k = fill[tf[slot].first * nf_ + f]++;
          posting_docs_[k] = static_cast<int>(d);
          if (slots) posting_slots_[k] = static_cast<int>(slot);
        }
      }
    }
  }

  // lunr.idf per term, as the builder caches it, and each field's average
  // length: what every score needs.
  void Weigh() {
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

  // A term's score in one field of one document, as lunr.Builder computes
  // it, in units of 10^-decimals (Math.round: ties towards +infinity).
  double ScoreUnits(size_t d, size_t f, int id, int tf, double scale) const {
    const FieldTerms& ft = Terms(d, f);
    const double doc_boost = docs_[d].boost == 0 ? 1 : docs_[d].boost;
    const double field_boost = fields_[f].boost == 0 ? 1 : fields_[f].boost;
    double score = idf_[id] * ((kK1 + 1) * tf) /
                   (kK1 * (1 - kB + kB * (ft.length / avg_length_[f])) + tf);
    score *= field_boost;
    score *= doc_boost;
    return std::floor(score * scale + 0.5);
  }

  std::string Json() {
    for (const Field& field : fields_) {
      escaped_fields_.emplace_back();
      AppendEscaped(&escaped_fields_.back(), field.name);
    }
    for (const Document& doc : docs_) {
      escaped_refs_.emplace_back();
      AppendEscaped(&escaped_refs_.back(), doc.ref);
      posting_text_.push_back(",\"" + escaped_refs_.back() + "\":" + (options_.positions ? "" : "{}"));
    }

    std::string out;
    out.reserve(EstimatedSize());
    out += "{\"version\":\"2.3.9\",\"fields\":[";
    for (size_t f = 0; f < nf_; ++f) {
      if (f) out += ',';
      AppendJsonString(&out, fields_[f].name);
    }
    out += "],\"fieldVectors\":[";
    constexpr size_t kDocsPerPiece = 8;
    AppendInParallel(&out, (docs_.size() + kDocsPerPiece - 1) / kDocsPerPiece, threads_,
                     [&](size_t piece, std::string* text) {
                       const size_t first = piece * kDocsPerPiece;
                       WriteFieldVectors(first, std::min(docs_.size(), first + kDocsPerPiece), text);
                     });
    out += "],\"invertedIndex\":[";
    std::vector<int> order(terms_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return JsLess(terms_[a], terms_[b]); });
    // Written here, not in pieces: it is mostly copying the refs' text, and
    // pieces would only touch its 35 MB (for 10,000 documents) twice.
    for (size_t i = 0; i < order.size(); ++i) {
      if (i) out += ',';
      WriteTerm(order[i], &out);
    }
    out += "],\"pipeline\":[\"stemmer\"]}";
    return out;
  }

  // Enough for the whole index in most cases, so the text is not copied as
  // it grows: the inverted index's size is known, the scores' is guessed.
  size_t EstimatedSize() const {
    size_t size = 256;
    for (size_t d = 0; d < docs_.size(); ++d) {
      for (size_t f = 0; f < nf_; ++f) {
        const FieldTerms& ft = Terms(d, f);
        size += escaped_fields_[f].size() + escaped_refs_[d].size() + 10 + ft.tf.size() * 14;
        // Each posting: "ref":{} and a comma; with positions, [start,length] per occurrence.
        size += ft.tf.size() * (escaped_refs_[d].size() + 6);
        if (options_.positions) size += ft.tf.size() * 16 + ft.length * 16;
      }
    }
    for (std::string_view term : terms_) size += term.size() + 24 + nf_ * 16;
    return size + size / 16;
  }

  // The field vectors of documents [first, end), each preceded by a comma
  // but the very first.
  void WriteFieldVectors(size_t first, size_t end, std::string* out) const {
    const double scale = std::pow(10.0, options_.decimals);
    std::vector<std::pair<int, double>> vec;
    for (size_t d = first; d < end; ++d) {
      for (size_t f = 0; f < nf_; ++f) {
        const FieldTerms& ft = Terms(d, f);
        vec.clear();
        for (const auto& [id, tf] : ft.tf) vec.emplace_back(id, ScoreUnits(d, f, id, tf, scale));
        std::sort(vec.begin(), vec.end());
        if (d != 0 || f != 0) *out += ',';
        *out += "[\"";
        *out += escaped_fields_[f];
        *out += '/';
        *out += escaped_refs_[d];
        *out += "\",[";
        // Each entry, "term,score", is formatted in place and appended once:
        // there are millions, and each string append has a cost.
        char entry[1 + 12 + 1 + kMaxScore];
        for (size_t i = 0; i < vec.size(); ++i) {
          char* p = entry;
          if (i) *p++ = ',';
          p = std::to_chars(p, p + 12, vec[i].first).ptr;
          *p++ = ',';
          p = WriteScore(p, vec[i].second, options_.decimals);
          out->append(entry, p);
        }
        *out += "]]";
      }
    }
  }

  // The index as term-partitioned shards (see BuildLunrShards): terms in
  // the order lunr.js sorts them, cut into files of about target_bytes.
  std::vector<ShardFile> Shards(const ShardOptions& shard_options) const {
    const double scale = std::pow(10.0, options_.decimals);
    std::vector<int> order(terms_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return JsLess(terms_[a], terms_[b]); });

    std::vector<ShardFile> files(1);  // the manifest first, written last
    std::vector<std::string> bounds;
    std::string shard, entry;
    std::string_view last_term;
    auto close = [&] {
      if (shard.empty()) return;
      shard += ']';
      files.push_back({"shards/" + ContentName(shard) + ".json", std::move(shard)});
      shard.clear();
    };
    for (int t : order) {
      entry.clear();
      WriteShardEntry(t, scale, &entry);
      if (!shard.empty() && shard.size() + entry.size() > shard_options.target_bytes) close();
      if (shard.empty()) {
        bounds.push_back(files.size() == 1 ? std::string() : Separator(last_term, terms_[t]));
        shard += '[';
      } else {
        shard += ',';
      }
      shard += entry;
      last_term = terms_[t];
    }
    close();

    std::string& m = files[0].content;
    files[0].path = "manifest.json";
    m = "{\"lunr\":\"2.3.9\",\"fields\":[";
    for (size_t f = 0; f < nf_; ++f) {
      if (f) m += ',';
      AppendJsonString(&m, fields_[f].name);
    }
    m += "],\"pipeline\":[\"stemmer\"],\"decimals\":";
    AppendInt(&m, options_.decimals);
    m += ",\"documents\":";
    AppendInt(&m, static_cast<long long>(docs_.size()));
    bool numbered = true;
    for (size_t d = 0; d < docs_.size() && numbered; ++d) numbered = docs_[d].ref == std::to_string(d);
    if (!numbered) {
      m += ",\"refs\":[";
      for (size_t d = 0; d < docs_.size(); ++d) {
        if (d) m += ',';
        AppendJsonString(&m, docs_[d].ref);
      }
      m += ']';
    }
    m += ",\"bounds\":[";
    for (size_t i = 0; i < bounds.size(); ++i) {
      if (i) m += ',';
      AppendJsonString(&m, bounds[i]);
    }
    m += "],\"shards\":[";
    for (size_t i = 1; i < files.size(); ++i) {
      if (i > 1) m += ',';
      AppendJsonString(&m, files[i].path.substr(7));  // without "shards/"
    }
    m += "]}";
    return files;
  }

  // One term of a shard: ["term", _index, field 0, field 1, …], where a
  // field is 0 when no document has the term there, else its postings as
  // [document, score, document gap, score, …]: the first document's number,
  // then the gap to each next one, each followed by the term's score in
  // that document's field vector in units of 10^-decimals.
  void WriteShardEntry(int t, double scale, std::string* out) const {
    *out += '[';
    AppendJsonString(out, terms_[t]);
    *out += ',';
    AppendInt(out, t);
    char number[kMaxScore];
    for (size_t f = 0; f < nf_; ++f) {
      const size_t begin = begin_[t * nf_ + f], end = begin_[t * nf_ + f + 1];
      if (begin == end) {
        *out += ",0";
        continue;
      }
      *out += ",[";
      int previous = 0;
      for (size_t k = begin; k < end; ++k) {
        const int d = posting_docs_[k];
        if (k != begin) *out += ',';
        AppendInt(out, d - previous);
        previous = d;
        *out += ',';
        const int tf = Terms(d, f).tf[posting_slots_[k]].second;
        char* p = std::to_chars(number, number + sizeof number,
                                std::llround(ScoreUnits(d, f, t, tf, scale))).ptr;
        out->append(number, p);
      }
      *out += ']';
    }
    *out += ']';
  }

  // One entry of the inverted index: [term, {_index, field: {ref: metadata}}].
  void WriteTerm(int t, std::string* out) const {
    *out += '[';
    AppendJsonString(out, terms_[t]);
    *out += ",{\"_index\":";
    AppendInt(out, t);
    for (size_t f = 0; f < nf_; ++f) {
      *out += ",\"";
      *out += escaped_fields_[f];
      *out += "\":{";
      for (size_t k = begin_[t * nf_ + f]; k < begin_[t * nf_ + f + 1]; ++k) {
        const int d = posting_docs_[k];
        const bool first = k == begin_[t * nf_ + f];
        out->append(posting_text_[d], first ? 1 : 0);
        if (!options_.positions) continue;
        *out += "{\"position\":[";
        const auto& at = Terms(d, f).positions[posting_slots_[k]];
        for (size_t p = 0; p < at.size(); ++p) {
          if (p) *out += ',';
          *out += '[';
          AppendInt(out, at[p].first);
          *out += ',';
          AppendInt(out, at[p].second);
          *out += ']';
        }
        *out += "]}";
      }
      *out += '}';
    }
    *out += "}]";
  }

  const std::vector<Field>& fields_;
  const std::vector<Document>& docs_;
  const IndexOptions& options_;
  const size_t nf_;
  const int threads_;

  std::vector<FieldTerms> field_terms_;  // by document * nf_ + field
  std::vector<Vocabulary> vocabularies_;  // by analysing thread
  std::vector<int> analysed_by_;          // by document: the thread that analysed it
  std::vector<std::string_view> terms_;   // by number; views into the vocabularies
  std::vector<size_t> begin_;
  std::vector<int> posting_docs_, posting_slots_;
  std::vector<double> idf_;               // by term
  std::vector<double> avg_length_;        // by field
  std::vector<std::string> escaped_fields_, escaped_refs_;
  // By document: its entry in a posting list, ',"ref":' and, when there are
  // no positions, its empty metadata '{}' too (the first in a list drops the
  // comma). Millions of entries are written, so each is one append.
  std::vector<std::string> posting_text_;
  bool keep_slots_ = false;  // posting_slots_ is filled even without positions
};

}  // namespace

std::string BuildLunrIndexJson(const std::vector<Field>& fields, const std::vector<Document>& docs,
                               const IndexOptions& options) {
  return Builder(fields, docs, options).Build();
}

std::vector<ShardFile> BuildLunrShards(const std::vector<Field>& fields,
                                       const std::vector<Document>& docs,
                                       const IndexOptions& options,
                                       const ShardOptions& shard_options) {
  return Builder(fields, docs, options).BuildShards(shard_options);
}

}  // namespace commonplace::search
