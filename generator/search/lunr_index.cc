#include "search/lunr_index.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "base/parallel.h"
#include "search/text.h"

namespace commonplace::search {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// One term of the inverted index: its number and, per field, the documents
// that contain it, in the order they were added, each as (document, slot
// of the term in that document's FieldTerms).
struct Posting {
  int index = 0;
  std::vector<std::vector<std::pair<int, int>>> docs_by_field;
};

// lunr's position metadata of one occurrence: [start, length].
using Position = std::pair<uint32_t, uint32_t>;

// Term frequencies of one field of one document, in first-seen order, and
// (when positions are kept) where each term occurs.
struct FieldTerms {
  std::vector<std::pair<int, int>> tf;  // (term id, count)
  std::vector<std::vector<Position>> positions;  // parallel to tf
  int length = 0;
};

// One token after the pipeline: the term it became and where it was.
struct TermAt {
  std::string term;
  Position at;
};

void AppendJsonString(std::string* out, std::string_view s) {
  *out += '"';
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
  *out += '"';
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

bool JsLess(const std::string& a, const std::string& b) {
  bool ascii = true;
  for (unsigned char c : a) ascii = ascii && c < 0xF0;
  for (unsigned char c : b) ascii = ascii && c < 0xF0;
  if (ascii) return a < b;  // no supplementary characters: byte order is the same
  return Utf16Key(a) < Utf16Key(b);
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

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Appends the pipeline's output for every token of `text` to `out`. Words
// repeat (a corpus of millions of words has tens of thousands of distinct
// ones), so each thread remembers the tokens it has already stemmed.
void PipelineTerms(const std::string& text, std::vector<TermAt>* out) {
  thread_local std::unordered_map<std::string, std::pair<bool, std::string>, StringHash,
                                  std::equal_to<>>
      memo;
  thread_local std::string lowered;
  if (memo.size() > (1u << 19)) memo.clear();  // bound memory over a long `serve`
  std::string term;
  for (const Token& token : Tokenize(text, &lowered)) {
    auto it = memo.find(token.text);
    if (it == memo.end()) {
      bool keep = PipelineTerm(token.text, &term);
      it = memo.emplace(std::string(token.text), std::make_pair(keep, keep ? term : std::string()))
               .first;
    }
    if (it->second.first) {
      out->push_back({it->second.second, {static_cast<uint32_t>(token.start),
                                           static_cast<uint32_t>(token.length)}});
    }
  }
}

// Appends round(score × 10^decimals) / 10^decimals as JavaScript prints
// it. `units` is that rounded score in units of 10^-decimals: a decimal
// of at most 15 significant digits round-trips through a double, so its
// plain digits are exactly Number#toString's shortest form.
void AppendScore(std::string* out, double units, int decimals) {
  if (decimals > 6 || !(std::fabs(units) < 1e15)) {
    *out += JsNumber(units / std::pow(10.0, decimals));
    return;
  }
  long long k = std::llround(units);
  if (k == 0) {
    *out += '0';
    return;
  }
  if (k < 0) {
    *out += '-';
    k = -k;
  }
  long long pow10 = 1;
  for (int i = 0; i < decimals; ++i) pow10 *= 10;
  *out += std::to_string(k / pow10);
  long long frac = k % pow10;
  if (frac == 0) return;
  char digits[8];
  int n = decimals;
  for (int i = n - 1; i >= 0; --i, frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
  while (n > 0 && digits[n - 1] == '0') --n;
  *out += '.';
  out->append(digits, n);
}

}  // namespace

std::string BuildLunrIndexJson(const std::vector<Field>& fields, const std::vector<Document>& docs,
                               const IndexOptions& options) {
  const size_t nf = fields.size();
  std::unordered_map<std::string, int> term_ids;
  std::vector<std::string> terms;
  std::vector<Posting> postings;
  std::vector<FieldTerms> field_terms(docs.size() * nf);
  std::vector<double> total_length(nf, 0);

  // Tokenising and stemming run in parallel over a chunk of documents;
  // terms then get their ids in document order, exactly as lunr.js adds
  // them, so the index does not depend on the number of threads. Chunks
  // keep only a few hundred documents' terms in memory at once.
  const int threads = ThreadCount(options.threads);
  constexpr size_t kChunk = 256;
  std::vector<std::vector<TermAt>> chunk_terms;
  std::unordered_map<int, int> slot;  // term id → position in the current tf list
  for (size_t start = 0; start < docs.size(); start += kChunk) {
    const size_t end = std::min(docs.size(), start + kChunk);
    chunk_terms.assign((end - start) * nf, {});
    ParallelFor(end - start, threads, [&](size_t i) {
      const Document& doc = docs[start + i];
      for (size_t f = 0; f < nf && f < doc.values.size(); ++f) {
        PipelineTerms(doc.values[f], &chunk_terms[i * nf + f]);
      }
    });
    for (size_t d = start; d < end; ++d) {
      for (size_t f = 0; f < nf; ++f) {
        FieldTerms& ft = field_terms[d * nf + f];
        slot.clear();
        for (const TermAt& t : chunk_terms[(d - start) * nf + f]) {
          ++ft.length;
          // try_emplace: no node is allocated when the term is known.
          auto [it, fresh] = term_ids.try_emplace(t.term, static_cast<int>(terms.size()));
          if (fresh) {
            terms.push_back(t.term);
            postings.push_back({static_cast<int>(postings.size()),
                                std::vector<std::vector<std::pair<int, int>>>(nf)});
          }
          int id = it->second;
          auto [s, first] = slot.try_emplace(id, static_cast<int>(ft.tf.size()));
          if (first) {
            ft.tf.emplace_back(id, 0);
            if (options.positions) ft.positions.emplace_back();
            postings[id].docs_by_field[f].emplace_back(static_cast<int>(d), s->second);
          }
          ft.tf[s->second].second++;
          if (options.positions) ft.positions[s->second].push_back(t.at);
        }
        total_length[f] += ft.length;
      }
    }
  }

  // lunr.idf, cached per term as the builder does.
  const double n = static_cast<double>(docs.size());
  std::vector<double> idf(terms.size());
  for (size_t t = 0; t < terms.size(); ++t) {
    double with_term = 0;
    for (const auto& list : postings[t].docs_by_field) with_term += static_cast<double>(list.size());
    double x = (n - with_term + 0.5) / (with_term + 0.5);
    idf[t] = std::log(1 + std::fabs(x));
  }
  std::vector<double> avg(nf);
  for (size_t f = 0; f < nf; ++f) avg[f] = docs.empty() ? 0 : total_length[f] / n;
  const double scale = std::pow(10.0, options.decimals);

  std::string out;
  out.reserve(docs.size() * 256 + terms.size() * 64);
  out += "{\"version\":\"2.3.9\",\"fields\":[";
  for (size_t f = 0; f < nf; ++f) {
    if (f) out += ',';
    AppendJsonString(&out, fields[f].name);
  }
  out += "],\"fieldVectors\":[";
  bool first_vector = true;
  std::vector<std::pair<int, double>> vec;
  for (size_t d = 0; d < docs.size(); ++d) {
    double doc_boost = docs[d].boost == 0 ? 1 : docs[d].boost;
    for (size_t f = 0; f < nf; ++f) {
      const FieldTerms& ft = field_terms[d * nf + f];
      double field_boost = fields[f].boost == 0 ? 1 : fields[f].boost;
      vec.clear();
      for (const auto& [id, tf] : ft.tf) {
        double score = idf[id] * ((kK1 + 1) * tf) /
                       (kK1 * (1 - kB + kB * (ft.length / avg[f])) + tf);
        score *= field_boost;
        score *= doc_boost;
        // Math.round: nearest integer, ties towards +infinity.
        vec.emplace_back(postings[id].index, std::floor(score * scale + 0.5));
      }
      std::sort(vec.begin(), vec.end());
      if (!first_vector) out += ',';
      first_vector = false;
      out += '[';
      AppendJsonString(&out, fields[f].name + "/" + docs[d].ref);
      out += ",[";
      for (size_t i = 0; i < vec.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(vec[i].first);
        out += ',';
        AppendScore(&out, vec[i].second, options.decimals);
      }
      out += "]]";
    }
  }
  out += "],\"invertedIndex\":[";
  std::vector<int> order(terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return JsLess(terms[a], terms[b]); });
  for (size_t i = 0; i < order.size(); ++i) {
    int t = order[i];
    if (i) out += ',';
    out += '[';
    AppendJsonString(&out, terms[t]);
    out += ",{\"_index\":" + std::to_string(postings[t].index);
    for (size_t f = 0; f < nf; ++f) {
      out += ',';
      AppendJsonString(&out, fields[f].name);
      out += ":{";
      const auto& list = postings[t].docs_by_field[f];
      for (size_t k = 0; k < list.size(); ++k) {
        if (k) out += ',';
        const auto [d, slot_in_doc] = list[k];
        AppendJsonString(&out, docs[d].ref);
        if (!options.positions) {
          out += ":{}";
          continue;
        }
        out += ":{\"position\":[";
        const auto& at = field_terms[d * nf + f].positions[slot_in_doc];
        for (size_t p = 0; p < at.size(); ++p) {
          if (p) out += ',';
          out += '[' + std::to_string(at[p].first) + ',' + std::to_string(at[p].second) + ']';
        }
        out += "]}";
      }
      out += '}';
    }
    out += "}]";
  }
  out += "],\"pipeline\":[\"stemmer\"]}";
  return out;
}

}  // namespace commonplace::search
