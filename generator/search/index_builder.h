// The index as lunr.Builder makes it, before it is written: every
// document's fields through the text pipeline, the terms numbered as lunr.js
// numbers them, the postings inverted, and what scores need (idf, average
// field lengths). lunr_index.cc writes it as one lunr.Index JSON file,
// shards.cc as term-range shards. Internal to search/.
#ifndef COMMONPLACE_SEARCH_INDEX_BUILDER_H_
#define COMMONPLACE_SEARCH_INDEX_BUILDER_H_

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/lunr_index.h"

namespace commonplace::search::internal {

inline constexpr double kK1 = 1.2;  // lunr's BM25 parameters
inline constexpr double kB = 0.75;

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

class Vocabulary;

// What AnalysisCache keeps: each analysed document's FieldTerms (without
// positions) by a digest of its fields' text, their terms numbered in the
// store's own vocabulary.
class AnalysisStore {
 public:
  struct Digest {
    uint64_t a = 0, b = 0;
    bool operator==(const Digest& o) const { return a == o.a && b == o.b; }
  };
  struct DigestHash {
    size_t operator()(const Digest& d) const { return static_cast<size_t>(d.a); }
  };
  struct Entry {
    std::vector<FieldTerms> fields;
    uint64_t build = 0;  // the last build that used it
  };

  static Digest DigestOf(const Document& doc, size_t fields, bool english);
  /// The entry for `digest`, or null. Safe from several threads while
  /// nothing is stored.
  const Entry* Find(const Digest& digest) const {
    auto it = entries_.find(digest);
    return it == entries_.end() ? nullptr : &it->second;
  }
  /// The store's number for `term`, added when new.
  int TermId(std::string_view term);
  std::string_view Term(int id) const { return *terms_[id]; }

  std::unordered_map<Digest, Entry, DigestHash> entries_;
  uint64_t build_ = 0;
  size_t reused_ = 0;
  /// The last build's terms by number, and those numbers in lunr.js order:
  /// the same terms sort the same way, so one edit need not sort again.
  std::vector<std::string> sorted_terms_;
  std::vector<int> js_order_;

 private:
  std::unordered_map<std::string, int> ids_;
  std::vector<const std::string*> terms_;  // keys of ids_, whose nodes do not move
};

// Built in steps, on every core where it pays:
//   Analyse      the text pipeline: terms counted per field
//   NumberTerms  terms numbered in the order lunr.js first meets them
//   Invert       the postings: per term and field, documents in order
//   Weigh        idf per term, average length per field
// The result does not depend on the number of threads.
class AnalysedIndex {
 public:
  /// Runs every step. With `tfs`, each posting also records the term's
  /// count in its document field (scores per posting need it); with
  /// positions in `options`, its place in the document's tf (to find them).
  AnalysedIndex(const std::vector<Field>& fields, const std::vector<Document>& docs,
                const IndexOptions& options, bool tfs);
  ~AnalysedIndex();
  AnalysedIndex(const AnalysedIndex&) = delete;
  AnalysedIndex& operator=(const AnalysedIndex&) = delete;

  const std::vector<Field>& fields() const { return fields_; }
  const std::vector<Document>& docs() const { return docs_; }
  const IndexOptions& options() const { return options_; }
  size_t field_count() const { return nf_; }
  int threads() const { return threads_; }

  const FieldTerms& Terms(size_t doc, size_t field) const { return field_terms_[doc * nf_ + field]; }
  /// Every term, by its number (lunr's _index).
  const std::vector<std::string_view>& terms() const { return terms_; }
  /// The term numbers in the order lunr.js sorts the terms (kept in the
  /// analysis cache, when there is one, for the next build's same terms).
  std::vector<int> TermsInJsOrder() const;

  /// Postings of term t in field f are [PostingBegin, PostingEnd), in
  /// document order as lunr.js adds them.
  size_t PostingBegin(int t, size_t f) const { return begin_[t * nf_ + f]; }
  size_t PostingEnd(int t, size_t f) const { return begin_[t * nf_ + f + 1]; }
  int PostingDoc(size_t k) const { return posting_docs_[k]; }
  int PostingSlot(size_t k) const { return posting_slots_[k]; }  ///< only with positions
  /// The term's count in the posting's document field (only with `tfs`):
  /// beside the posting, so writing it does not visit the document's tf.
  int PostingTf(size_t k) const { return posting_tfs_[k]; }

  /// ScoreUnits with the document's and field's share made once per
  /// document field (PrepareScores) instead of once per posting: the same
  /// operations in the same order, so the same number to the last bit.
  void PrepareScores();
  double PreparedScoreUnits(size_t d, size_t f, int id, int tf, double scale) const {
    double score = idf_[id] * ((kK1 + 1) * tf) / (norm_[d * nf_ + f] + tf);
    score *= field_boost_[f];
    score *= doc_boost_[d];
    return std::floor(score * scale + 0.5);
  }

  /// A term's score in one field of one document, as lunr.Builder computes
  /// it, in units of 10^-decimals (Math.round: ties towards +infinity).
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

 private:
  void Analyse();
  void Remember(AnalysisStore* store);
  void NumberTerms();
  void Invert(bool tfs);
  void Weigh();

  const std::vector<Field>& fields_;
  const std::vector<Document>& docs_;
  const IndexOptions& options_;
  const size_t nf_;
  const int threads_;

  std::vector<FieldTerms> field_terms_;                  // by document * nf_ + field
  std::vector<std::unique_ptr<Vocabulary>> vocabularies_;  // by analysing thread
  // By document: the thread that analysed it, or kFromStore.
  static constexpr int kFromStore = -1;
  std::vector<int> analysed_by_;
  std::vector<AnalysisStore::Digest> digests_;  // by document, with a store
  std::vector<std::string_view> terms_;   // by number; views into the vocabularies
  std::vector<size_t> begin_;
  std::vector<int> posting_docs_, posting_slots_, posting_tfs_;
  std::vector<double> norm_;         // by document * nf_ + field (PrepareScores)
  std::vector<double> field_boost_;  // by field (PrepareScores)
  std::vector<double> doc_boost_;    // by document (PrepareScores)
  std::vector<double> idf_;               // by term
  std::vector<double> avg_length_;        // by field
};

// JSON text, written by hand for speed: both writers append millions of
// small pieces.
void AppendEscaped(std::string* out, std::string_view s);
void AppendJsonString(std::string* out, std::string_view s);
void AppendInt(std::string* out, long long v);
/// JavaScript's string order (UTF-16 code units), as lunr.js sorts terms.
bool JsLess(std::string_view a, std::string_view b);

}  // namespace commonplace::search::internal

#endif  // COMMONPLACE_SEARCH_INDEX_BUILDER_H_
