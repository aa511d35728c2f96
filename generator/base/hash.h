// base/hash.h: a fast digest of bytes that is the same on every run and
// every machine (std::hash promises neither), for names made from content
// and for the keys `serve` compares between builds.
#ifndef COMMONPLACE_BASE_HASH_H_
#define COMMONPLACE_BASE_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace commonplace {

/// 256 bits of state over the bytes, read eight at a time in four
/// independent lanes, so the multiplications overlap instead of waiting on
/// each other (a byte-at-a-time hash such as FNV-1a does one multiply per
/// byte, in sequence: about 30 ms for the 25 MiB of a 10,000-page search
/// index). Each step of a lane is invertible, so two inputs of one length
/// that differ in a single word never leave the same lanes.
struct Lanes {
  uint64_t l[4];
};

inline uint64_t LaneStep(uint64_t lane, uint64_t word) {
  lane = (lane ^ word) * 0x9FB21C651E98DF25ull;
  return lane ^ (lane >> 29);
}

inline Lanes HashLanes(std::string_view s) {
  Lanes h{{0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
           0x082EFA98EC4E6C89ull}};
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 32; p += 32, n -= 32) {
    uint64_t w[4];
    std::memcpy(w, p, 32);
    for (int k = 0; k < 4; ++k) h.l[k] = LaneStep(h.l[k], w[k]);
  }
  // The tail, zero-padded, and the length, so "a" and "a\0" differ.
  uint64_t w[4] = {0, 0, 0, 0};
  std::memcpy(w, p, n);
  for (int k = 0; k < 4; ++k) h.l[k] = LaneStep(h.l[k], w[k] + (k == 0 ? s.size() : 0));
  return h;
}

/// The four lanes folded into 64 bits.
inline uint64_t Hash64(std::string_view s) {
  const Lanes h = HashLanes(s);
  uint64_t out = 0x6A09E667F3BCC908ull;
  for (uint64_t lane : h.l) out = LaneStep(out, lane);
  return out;
}

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_HASH_H_
