// A minimal parallel loop. Work is split by index and every result goes to
// its own slot, so output never depends on thread scheduling.
#ifndef COMMONPLACE_BASE_PARALLEL_H_
#define COMMONPLACE_BASE_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace commonplace {

/// Threads to use for `requested` (0 means one per core).
inline int ThreadCount(int requested) {
  if (requested > 0) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

/// Calls fn(i) for every i in [0, n), on up to `threads` threads.
template <typename F>
void ParallelFor(size_t n, int threads, F&& fn) {
  if (threads <= 1 || n < 32) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&]() {
    // Small chunks balance uneven items (long and short case studies).
    for (;;) {
      size_t start = next.fetch_add(16);
      if (start >= n) return;
      size_t end = start + 16 < n ? start + 16 : n;
      for (size_t i = start; i < end; ++i) fn(i);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
}

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_PARALLEL_H_
