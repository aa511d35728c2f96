#!/usr/bin/env bash
# Times facets/'s related-case-study ranking on a synthetic corpus.
#   bench/related.sh [BUILD_DIR]          (default: build)
#   SIZE=50000 RUNS=3 bench/related.sh build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
build="$repo/${1:-build}"
size="${SIZE:-10000}"
runs="${RUNS:-5}"
corpus="${BENCH_DIR:-/tmp/commonplace-bench}/related-$size"
cmake --build "$build" -j"$(nproc)" --target bench_related >/dev/null
if [ ! -f "$corpus/site.yaml" ]; then
  rm -rf "$corpus"
  python3 "$here/gen_corpus.py" "$size" "$corpus"
fi
"$build/bench/bench_related" "$corpus" "$runs"
