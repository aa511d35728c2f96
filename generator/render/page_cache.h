// render/page_cache.h: the pages an earlier build rendered, kept by `serve`
// between rebuilds. Rendering Mustache is most of a build's time, and after
// one edit most pages have exactly the same template, view and layout as
// before: such a page is taken from the cache instead of rendered again.
// The same inputs give the same bytes, so a rebuild that reuses pages is
// byte-identical to a full build (tests/integration/incremental_test.cc).
#ifndef COMMONPLACE_RENDER_PAGE_CACHE_H_
#define COMMONPLACE_RENDER_PAGE_CACHE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mstch/mstch.hpp>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/fs.h"
#include "base/path_shards.h"

namespace commonplace {

/// A 128-bit digest of a page's inputs.
struct PageKey {
  uint64_t a = 0;
  uint64_t b = 0;
  bool operator==(const PageKey& o) const { return a == o.a && b == o.b; }
};

/// Builds a PageKey from strings and mstch views, in order.
class PageKeyBuilder {
 public:
  void Add(std::string_view bytes);
  /// Adds a view tree. Returns false when it holds a lambda or an object,
  /// whose output cannot be known without rendering.
  bool Add(const mstch::node& node);
  bool Add(const mstch::map& map);
  void Add(const PageKey& key) {
    Mix(key.a);
    Mix(key.b);
  }
  void Mix(uint64_t w) {
    // Two independent multiply-xorshift lanes: 128 bits in all.
    a_ = (a_ ^ w) * 0x100000001B3ull;
    a_ ^= a_ >> 31;
    b_ = (b_ ^ (w + 0x632BE59BD9B4E019ull)) * 0x9FB21C651E98DF25ull;
    b_ ^= b_ >> 29;
  }
  PageKey key() const { return {a_, b_}; }

 private:
  uint64_t a_ = 0x9E3779B97F4A7C15ull;
  uint64_t b_ = 0xC2B2AE3D27D4EB4Full;
};

class PageCache {
 public:
  /// Called at the start of each build.
  void StartBuild();
  /// The page last rendered at `path` from inputs `key`, or false. The
  /// bytes are shared with the cache, not copied; `hash` (when given)
  /// receives their HashBytes, kept with them.
  bool Find(const std::string& path, const PageKey& key, SharedBytes* html,
            size_t* hash = nullptr);
  /// Keeps a page just rendered; returns the HashBytes of its bytes.
  size_t Store(const std::string& path, const PageKey& key, SharedBytes html);
  /// Pages keyed on their inputs (the files and values they are made from)
  /// as well as on their view: a page whose inputs are as last time is
  /// taken without building its view at all. `extra` receives what was
  /// kept with it by SetInputs.
  bool FindByInputs(const std::string& path, const PageKey& inputs, SharedBytes* html,
                    size_t* hash = nullptr, std::shared_ptr<const void>* extra = nullptr);
  /// Records the inputs of the page just found or stored at `path`, and
  /// what the renderer made beside it from the same inputs (a case study's
  /// search record and warnings), handed back by FindByInputs.
  void SetInputs(const std::string& path, const PageKey& inputs,
                 std::shared_ptr<const void> extra = nullptr);
  /// Forgets pages the last build did not produce.
  void Prune();
  int reused() const { return reused_; }
  int rendered() const { return rendered_; }

  /// A value computed from many inputs (the related case studies of every
  /// case study), kept under `name` with the digest of those inputs: the
  /// value last stored for `name` when `key` is the same, else null.
  std::shared_ptr<const void> Memo(const std::string& name, const PageKey& key);
  void SetMemo(const std::string& name, const PageKey& key, std::shared_ptr<const void> value);
  /// A place kept between builds for a later step's own reuse (the search
  /// files' per-page pieces); null until that step fills it.
  std::shared_ptr<void>& Slot(const std::string& name);
  /// The T kept under `name` for a later step's own reuse, made empty the
  /// first time it is asked for.
  template <typename T>
  T& Kept(const std::string& name) {
    std::shared_ptr<void>& slot = Slot(name);
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }

 private:
  struct Entry {
    PageKey key;
    PageKey inputs;
    bool has_inputs = false;
    /// Shared with the output tree (and `serve`'s snapshot of it).
    SharedBytes html;
    size_t hash = 0;  ///< HashBytes(*html).
    std::shared_ptr<const void> extra;  ///< Set with the inputs.
    uint64_t build = 0;  ///< The last build that produced it.
  };
  /// Counts the entry as produced by this build (under its shard's lock).
  void MarkUsed(Entry& e) {
    if (e.build == build_) return;
    e.build = build_;
    ++used_;
  }
  /// Pages by path: the threads making a build's pages look them up at once.
  using Shard = PathShards<Entry>::Shard;
  PathShards<Entry> shards_;
  std::mutex mu_;  // memos_ and slots_
  std::unordered_map<std::string, std::pair<PageKey, std::shared_ptr<const void>>> memos_;
  std::unordered_map<std::string, std::shared_ptr<void>> slots_;
  std::atomic<int> reused_{0};
  std::atomic<int> rendered_{0};
  // Builds are numbered, so starting one does not visit every entry; the
  // entries this build produced are counted, so a build that produced all
  // of them prunes nothing without visiting them either.
  uint64_t build_ = 0;
  std::atomic<size_t> used_{0};
};

}  // namespace commonplace

#endif  // COMMONPLACE_RENDER_PAGE_CACHE_H_
