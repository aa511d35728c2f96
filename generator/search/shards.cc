#include "search/shards.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <thread>
#include <utility>

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

// A file with its place: its segment and its number in the segment (the
// manifest: segment = the number of segments, number 0). Called from
// several threads at once.
using PlacedSink = std::function<void(size_t segment, size_t number, ShardFile&& file)>;

class ShardWriter {
 public:
  explicit ShardWriter(AnalysedIndex& index) : index_(index), nf_(index.field_count()) {
    index.PrepareScores();
  }

  // Terms in the order lunr.js sorts them, cut into files of about
  // target_bytes, each handed to `sink` when it is closed; the manifest,
  // which names them all, last. The shards of each segment of terms are
  // made on one thread, the segments on every core.
  void Write(const ShardOptions& shard_options, const PlacedSink& sink) const {
    const double scale = std::pow(10.0, index_.options().decimals);
    const std::vector<int> order = index_.TermsInJsOrder();
    // Segment s is order[starts[s], starts[s + 1]): a new one starts at the
    // first term after each segment_postings postings (each term counting
    // one more).
    std::vector<size_t> starts;
    const size_t per = std::max<size_t>(1, shard_options.segment_postings);
    size_t weight = 0, cut = 0;
    for (size_t i = 0; i < order.size(); ++i) {
      if (weight >= cut) {
        starts.push_back(i);
        cut = (weight / per + 1) * per;
      }
      weight += 1 + index_.PostingEnd(order[i], nf_ - 1) - index_.PostingBegin(order[i], 0);
    }
    const size_t segments = starts.size();
    starts.push_back(order.size());
    // By segment: its shards' names and bounds.
    std::vector<std::vector<std::string>> names(segments), bounds(segments);
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t s; (s = next.fetch_add(1)) < segments;) {
        WriteSegment(order, s, starts[s], starts[s + 1], scale, shard_options, &names[s],
                     &bounds[s], sink);
      }
    };
    std::vector<std::thread> helpers;
    const size_t threads = std::min<size_t>(segments, std::max(1, index_.threads()));
    for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
    for (auto& h : helpers) h.join();

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
    auto append_all = [&m](const std::vector<std::vector<std::string>>& lists) {
      bool first = true;
      for (const auto& list : lists) {
        for (const auto& item : list) {
          if (!first) m += ',';
          first = false;
          AppendJsonString(&m, item);
        }
      }
    };
    m += ",\"bounds\":[";
    append_all(bounds);
    m += "],\"shards\":[";
    append_all(names);
    m += "]}";
    sink(segments, 0, std::move(manifest));
  }

  // The shards of segment `segment`, terms order[first, last), each handed
  // to `sink` with its place; their names and bounds go to `names` and `bounds`.
  void WriteSegment(const std::vector<int>& order, size_t segment, size_t first, size_t last,
                    double scale, const ShardOptions& shard_options,
                    std::vector<std::string>* names, std::vector<std::string>* bounds,
                    const PlacedSink& sink) const {
    std::string shard, entry;
    std::vector<char> scratch;
    // The term before the segment, when there is one: the first bound
    // separates the two.
    std::string_view last_term =
        first == 0 ? std::string_view() : index_.terms()[order[first - 1]];
    auto close = [&] {
      if (shard.empty()) return;
      shard += ']';
      names->push_back(ContentName(shard) + ".json");
      sink(segment, names->size() - 1, {"shards/" + names->back(), std::move(shard)});
      shard.clear();
    };
    for (size_t i = first; i < last; ++i) {
      const int t = order[i];
      entry.clear();
      WriteShardEntry(t, scale, &entry, &scratch);
      if (!shard.empty() && shard.size() + entry.size() > shard_options.target_bytes) close();
      if (shard.empty()) {
        bounds->push_back(i == 0 ? std::string() : Separator(last_term, index_.terms()[t]));
        shard += '[';
      } else {
        shard += ',';
      }
      shard += entry;
      last_term = index_.terms()[t];
    }
    close();
  }

  // One term of a shard: ["term", _index, field 0, field 1, …], where a
  // field is 0 when no document has the term there, else its postings as
  // [document, score, document gap, score, …]: the first document's number,
  // then the gap to each next one, each followed by the term's score in
  // that document's field vector in units of 10^-decimals.
  void WriteShardEntry(int t, double scale, std::string* out, std::vector<char>* scratch) const {
    *out += '[';
    AppendJsonString(out, index_.terms()[t]);
    *out += ',';
    AppendInt(out, t);
    for (size_t f = 0; f < nf_; ++f) {
      const size_t begin = index_.PostingBegin(t, f), end = index_.PostingEnd(t, f);
      if (begin == end) {
        *out += ",0";
        continue;
      }
      *out += ",[";
      // Written into `scratch`, with room for the longest gap and score of
      // every posting, then appended at once.
      const size_t room = (end - begin) * (2 * kMaxUnits + 2);
      if (scratch->size() < room) scratch->resize(room);
      char* const start = scratch->data();
      char* const limit = start + room;
      char* p = start;
      int previous = 0;
      for (size_t k = begin; k < end; ++k) {
        const int d = index_.PostingDoc(k);
        if (k != begin) *p++ = ',';
        p = std::to_chars(p, limit, d - previous).ptr;
        previous = d;
        *p++ = ',';
        // A whole number already (floor): the cast is exact.
        p = std::to_chars(p, limit,
                          static_cast<long long>(
                              index_.PreparedScoreUnits(d, f, t, index_.PostingTf(k), scale)))
                .ptr;
      }
      out->append(start, p);
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
  AnalysedIndex index(fields, docs, options, /*tfs=*/true);
  ShardWriter(index).Write(shard_options,
                           [&](size_t, size_t, ShardFile&& file) { sink(std::move(file)); });
}

std::vector<ShardFile> BuildLunrShards(const std::vector<Field>& fields,
                                       const std::vector<Document>& docs,
                                       const IndexOptions& options,
                                       const ShardOptions& shard_options) {
  // Collected with their places, then put in the manifest's order.
  std::vector<std::pair<std::pair<size_t, size_t>, ShardFile>> placed;
  std::mutex mu;
  AnalysedIndex index(fields, docs, options, /*tfs=*/true);
  ShardWriter(index).Write(shard_options, [&](size_t segment, size_t number, ShardFile&& file) {
    std::lock_guard<std::mutex> lock(mu);
    placed.push_back({{segment, number}, std::move(file)});
  });
  std::sort(placed.begin(), placed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ShardFile> files;
  files.push_back(std::move(placed.back().second));  // the manifest first
  placed.pop_back();
  for (auto& p : placed) files.push_back(std::move(p.second));
  return files;
}

}  // namespace commonplace::search
