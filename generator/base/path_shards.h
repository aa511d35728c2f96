// A table from paths, spread over shards with a lock each: the threads
// making a build's pages add and look up paths at once, and one lock over
// one table was contended (a rebuild that reused 10,000 pages spent a fifth
// of their time waiting). The output tree, the page cache and the link
// index each keep one.
#ifndef COMMONPLACE_BASE_PATH_SHARDS_H_
#define COMMONPLACE_BASE_PATH_SHARDS_H_

#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace commonplace {

template <typename Value>
class PathShards {
 public:
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Value> map;
  };
  static constexpr size_t kCount = 16;

  /// The shard that holds `path`; lock its `mu` to use its `map`.
  Shard& Of(const std::string& path) { return shards_[Index(path)]; }
  const Shard& Of(const std::string& path) const { return shards_[Index(path)]; }

  /// Every shard, for walks over all paths (lock each as it is visited).
  auto begin() { return shards_.begin(); }
  auto end() { return shards_.end(); }
  auto begin() const { return shards_.begin(); }
  auto end() const { return shards_.end(); }
  Shard& operator[](size_t i) { return shards_[i]; }

 private:
  static size_t Index(const std::string& path) { return std::hash<std::string>{}(path) % kCount; }

  std::array<Shard, kCount> shards_;
};

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_PATH_SHARDS_H_
