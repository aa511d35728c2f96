#!/usr/bin/env bash
# make fuzz: builds the fuzz targets with clang's libFuzzer (plus ASan and
# UBSan) and runs each for FUZZ_SECONDS (default 600), FUZZ_JOBS targets at
# a time (default: one per core). A crash input is copied into
# tests/fuzz-regressions/<target>/, where `make test` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-600}"
jobs="${FUZZ_JOBS:-$(nproc)}"
targets=(front_matter markdown markdown_budget url csv site_yaml)
dir=build-fuzz
scripts/install-deps.sh fuzz
CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCOMMONPLACE_LIBFUZZER=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]/%/_fuzz}" >/dev/null

# run TARGET: fuzzes one target; a crash is kept as a regression input.
run() {
  local target="$1"
  mkdir -p "$dir/corpus/$target" "$dir/crashes/$target"
  if "$dir/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$dir/crashes/$target/" "$dir/corpus/$target" "fuzz/seeds/$target" \
      > "$dir/$target.log" 2>&1; then
    echo "$target: no crash in ${seconds}s ($(grep -o 'Done [0-9]* runs' "$dir/$target.log" | tail -1))"
  else
    echo "$target: CRASH, see $dir/$target.log; the input is now in tests/fuzz-regressions/$target/"
    cp "$dir"/crashes/"$target"/* "tests/fuzz-regressions/$target/" 2>/dev/null || true
    return 1
  fi
}

echo "fuzzing ${targets[*]} for ${seconds}s each, $jobs at a time"
status=0
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || status=1; done
  run "$target" &
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n || status=1; done
exit $status
