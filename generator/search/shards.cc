#include "search/shards.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/hash.h"
#include "search/index_builder.h"

namespace commonplace::search {

using internal::AnalysedIndex;
using internal::AppendInt;
using internal::AppendJsonString;
using internal::JsLess;

namespace {

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

// A file name from its content (Hash64, as 16 hex digits): a rebuilt index
// never reuses a name for different bytes, so browsers may cache shards for
// as long as they like.
std::string ContentName(std::string_view content) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Hash64(content)));
  return buf;
}

// The most bytes a score in units takes as digits.
constexpr size_t kMaxUnits = 24;

class ShardWriter {
 public:
  explicit ShardWriter(AnalysedIndex& index) : index_(index), nf_(index.field_count()) {
    index.PrepareScores();
  }

  // Terms in the order lunr.js sorts them, cut into files of about
  // target_bytes, each handed to `sink` when it is closed; the manifest,
  // which names them all, last.
  void Write(const ShardOptions& shard_options, const ShardSink& sink) const {
    const double scale = std::pow(10.0, index_.options().decimals);
    const std::vector<int> order = index_.TermsInJsOrder();

    std::vector<std::string> names;  // of the shards handed over so far
    std::vector<std::string> bounds;
    std::string shard, entry;
    std::string_view last_term;
    auto close = [&] {
      if (shard.empty()) return;
      shard += ']';
      names.push_back(ContentName(shard) + ".json");
      sink({"shards/" + names.back(), std::move(shard)});
      shard.clear();
    };
    for (int t : order) {
      entry.clear();
      WriteShardEntry(t, scale, &entry);
      if (!shard.empty() && shard.size() + entry.size() > shard_options.target_bytes) close();
      if (shard.empty()) {
        bounds.push_back(names.empty() ? std::string() : Separator(last_term, index_.terms()[t]));
        shard += '[';
      } else {
        shard += ',';
      }
      shard += entry;
      last_term = index_.terms()[t];
    }
    close();

    ShardFile manifest{"manifest.json", ""};
    std::string& m = manifest.content;
    m = "{\"lunr\":\"2.3.9\",\"fields\":[";
    for (size_t f = 0; f < nf_; ++f) {
      if (f) m += ',';
      AppendJsonString(&m, index_.fields()[f].name);
    }
    m += index_.options().english ? "],\"pipeline\":[\"stemmer\"],\"decimals\":"
                                  : "],\"pipeline\":[],\"decimals\":";
    AppendInt(&m, index_.options().decimals);
    m += ",\"documents\":";
    AppendInt(&m, static_cast<long long>(index_.docs().size()));
    bool numbered = true;
    for (size_t d = 0; d < index_.docs().size() && numbered; ++d) numbered = index_.docs()[d].ref == std::to_string(d);
    if (!numbered) {
      m += ",\"refs\":[";
      for (size_t d = 0; d < index_.docs().size(); ++d) {
        if (d) m += ',';
        AppendJsonString(&m, index_.docs()[d].ref);
      }
      m += ']';
    }
    m += ",\"bounds\":[";
    for (size_t i = 0; i < bounds.size(); ++i) {
      if (i) m += ',';
      AppendJsonString(&m, bounds[i]);
    }
    m += "],\"shards\":[";
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) m += ',';
      AppendJsonString(&m, names[i]);
    }
    m += "]}";
    sink(std::move(manifest));
  }

  // One term of a shard: ["term", _index, field 0, field 1, …], where a
  // field is 0 when no document has the term there, else its postings as
  // [document, score, document gap, score, …]: the first document's number,
  // then the gap to each next one, each followed by the term's score in
  // that document's field vector in units of 10^-decimals.
  void WriteShardEntry(int t, double scale, std::string* out) const {
    *out += '[';
    AppendJsonString(out, index_.terms()[t]);
    *out += ',';
    AppendInt(out, t);
    char number[kMaxUnits];
    for (size_t f = 0; f < nf_; ++f) {
      const size_t begin = index_.PostingBegin(t, f), end = index_.PostingEnd(t, f);
      if (begin == end) {
        *out += ",0";
        continue;
      }
      *out += ",[";
      int previous = 0;
      for (size_t k = begin; k < end; ++k) {
        const int d = index_.PostingDoc(k);
        if (k != begin) *out += ',';
        AppendInt(out, d - previous);
        previous = d;
        *out += ',';
        char* p = std::to_chars(number, number + sizeof number,
                                std::llround(index_.PreparedScoreUnits(d, f, t, index_.PostingTf(k), scale)))
                      .ptr;
        out->append(number, p);
      }
      *out += ']';
    }
    *out += ']';
  }

  const AnalysedIndex& index_;
  const size_t nf_;
};

}  // namespace

void BuildLunrShards(const std::vector<Field>& fields, const std::vector<Document>& docs,
                     const IndexOptions& options, const ShardOptions& shard_options,
                     const ShardSink& sink) {
  AnalysedIndex index(fields, docs, options, /*slots=*/true);
  ShardWriter(index).Write(shard_options, sink);
}

std::vector<ShardFile> BuildLunrShards(const std::vector<Field>& fields,
                                       const std::vector<Document>& docs,
                                       const IndexOptions& options,
                                       const ShardOptions& shard_options) {
  std::vector<ShardFile> files(1);  // the manifest first
  BuildLunrShards(fields, docs, options, shard_options, [&](ShardFile&& file) {
    if (file.path == "manifest.json") {
      files[0] = std::move(file);
    } else {
      files.push_back(std::move(file));
    }
  });
  return files;
}

}  // namespace commonplace::search
