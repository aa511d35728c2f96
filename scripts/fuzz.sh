#!/usr/bin/env bash
# make fuzz: builds the fuzz targets with clang's libFuzzer (plus ASan and
# UBSan) and runs each for FUZZ_SECONDS (default 600). A crash input is
# copied into tests/fuzz-regressions/<target>/, where `make test` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-600}"
dir=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCOMMONPLACE_LIBFUZZER=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
status=0
for target in front_matter markdown url; do
  cmake --build "$dir" --target "${target}_fuzz" -j"$(nproc)" >/dev/null
  mkdir -p "$dir/corpus/$target" "$dir/crashes/$target"
  echo "fuzzing $target for ${seconds}s"
  if ! "$dir/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$dir/crashes/$target/" "$dir/corpus/$target" "fuzz/seeds/$target" \
      > "$dir/$target.log" 2>&1; then
    status=1
    echo "crash in $target: see $dir/$target.log"
    cp "$dir"/crashes/"$target"/* "tests/fuzz-regressions/$target/" 2>/dev/null || true
  fi
  tail -n 3 "$dir/$target.log"
done
exit $status
