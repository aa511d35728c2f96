#include "search/lunr_index.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "base/parallel.h"
#include "search/index_builder.h"

namespace commonplace::search {

using internal::AppendEscaped;
using internal::AppendInt;
using internal::AppendJsonString;
using internal::AnalysedIndex;
using internal::FieldTerms;

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

// Writes the analysed index as lunr.Index#toJSON: the field vectors (BM25
// scores, on every core) and the inverted index.
class JsonWriter {
 public:
  explicit JsonWriter(const AnalysedIndex& index) : index_(index), nf_(index.field_count()) {}

  std::string Write() {
    for (const Field& field : index_.fields()) {
      escaped_fields_.emplace_back();
      AppendEscaped(&escaped_fields_.back(), field.name);
    }
    for (const Document& doc : index_.docs()) {
      escaped_refs_.emplace_back();
      AppendEscaped(&escaped_refs_.back(), doc.ref);
      posting_text_.push_back(",\"" + escaped_refs_.back() + "\":" + (index_.options().positions ? "" : "{}"));
    }

    std::string out;
    out.reserve(EstimatedSize());
    out += "{\"version\":\"2.3.9\",\"fields\":[";
    for (size_t f = 0; f < nf_; ++f) {
      if (f) out += ',';
      AppendJsonString(&out, index_.fields()[f].name);
    }
    out += "],\"fieldVectors\":[";
    constexpr size_t kDocsPerPiece = 8;
    AppendInParallel(&out, (index_.docs().size() + kDocsPerPiece - 1) / kDocsPerPiece, index_.threads(),
                     [&](size_t piece, std::string* text) {
                       const size_t first = piece * kDocsPerPiece;
                       WriteFieldVectors(first, std::min(index_.docs().size(), first + kDocsPerPiece), text);
                     });
    out += "],\"invertedIndex\":[";
    const std::vector<int> order = index_.TermsInJsOrder();
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
    for (size_t d = 0; d < index_.docs().size(); ++d) {
      for (size_t f = 0; f < nf_; ++f) {
        const FieldTerms& ft = index_.Terms(d, f);
        size += escaped_fields_[f].size() + escaped_refs_[d].size() + 10 + ft.tf.size() * 14;
        // Each posting: "ref":{} and a comma; with positions, [start,length] per occurrence.
        size += ft.tf.size() * (escaped_refs_[d].size() + 6);
        if (index_.options().positions) size += ft.tf.size() * 16 + ft.length * 16;
      }
    }
    for (std::string_view term : index_.terms()) size += term.size() + 24 + nf_ * 16;
    return size + size / 16;
  }

  // The field vectors of documents [first, end), each preceded by a comma
  // but the very first.
  void WriteFieldVectors(size_t first, size_t end, std::string* out) const {
    const double scale = std::pow(10.0, index_.options().decimals);
    std::vector<std::pair<int, double>> vec;
    for (size_t d = first; d < end; ++d) {
      for (size_t f = 0; f < nf_; ++f) {
        const FieldTerms& ft = index_.Terms(d, f);
        vec.clear();
        for (const auto& [id, tf] : ft.tf) vec.emplace_back(id, index_.ScoreUnits(d, f, id, tf, scale));
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
          p = WriteScore(p, vec[i].second, index_.options().decimals);
          out->append(entry, p);
        }
        *out += "]]";
      }
    }
  }

  // One entry of the inverted index: [term, {_index, field: {ref: metadata}}].
  void WriteTerm(int t, std::string* out) const {
    *out += '[';
    AppendJsonString(out, index_.terms()[t]);
    *out += ",{\"_index\":";
    AppendInt(out, t);
    for (size_t f = 0; f < nf_; ++f) {
      *out += ",\"";
      *out += escaped_fields_[f];
      *out += "\":{";
      for (size_t k = index_.PostingBegin(t, f); k < index_.PostingEnd(t, f); ++k) {
        const int d = index_.PostingDoc(k);
        const bool first = k == index_.PostingBegin(t, f);
        out->append(posting_text_[d], first ? 1 : 0);
        if (!index_.options().positions) continue;
        *out += "{\"position\":[";
        const auto& at = index_.Terms(d, f).positions[index_.PostingSlot(k)];
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

  const AnalysedIndex& index_;
  const size_t nf_;
  std::vector<std::string> escaped_fields_, escaped_refs_;
  // By document: its entry in a posting list, ',"ref":' and, when there are
  // no positions, its empty metadata '{}' too (the first in a list drops the
  // comma). Millions of entries are written, so each is one append.
  std::vector<std::string> posting_text_;
};

}  // namespace

std::string BuildLunrIndexJson(const std::vector<Field>& fields, const std::vector<Document>& docs,
                               const IndexOptions& options) {
  AnalysedIndex index(fields, docs, options, /*tfs=*/false);
  return JsonWriter(index).Write();
}

}  // namespace commonplace::search
