#include "base/hash.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace commonplace {
namespace {

TEST_CASE("Hash64 is the same on every run and machine") {
  // Shard file names are made from it, so a changed function renames every
  // shard: this value changes only on purpose.
  CHECK(Hash64("") == Hash64(std::string()));
  CHECK(Hash64("commonplace") == 0xfeda7e7d8f065addull);
}

TEST_CASE("Hash64 tells apart texts that differ in one byte, or only in length") {
  std::set<uint64_t> seen;
  const std::string base(100, 'x');
  seen.insert(Hash64(base));
  for (size_t at = 0; at < base.size(); ++at) {
    std::string changed = base;
    changed[at] = 'y';
    seen.insert(Hash64(changed));
  }
  CHECK(seen.size() == 101);
  // A zero byte at the end is not the same as no byte.
  CHECK(Hash64(std::string("a", 1)) != Hash64(std::string("a\0", 2)));
  CHECK(Hash64(std::string(32, '\0')) != Hash64(std::string(33, '\0')));
  CHECK(Hash64(std::string(0, '\0')) != Hash64(std::string(32, '\0')));
}

}  // namespace
}  // namespace commonplace
