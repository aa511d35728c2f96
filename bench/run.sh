#!/usr/bin/env bash
# Builds the same synthetic corpus with Commonplace and with Hugo, and the
# same documents' search index with `commonplace index` and with lunr.js,
# alternating the tools, and prints medians as Markdown for BENCHMARKS.md.
#   bench/run.sh [BUILD_DIR]
#   SIZES="1000 10000 50000" RUNS=3 RUNS_50000=1 bench/run.sh build
# (RUNS_<size> sets the number of runs for one size; SERVE_SIZES, default
# 10000, the sizes at which bench/serve_reload.mjs times `serve` in Chromium.)
# Each measurement is /usr/bin/time -v of one command: wall, user and system
# time, peak RSS, and the bytes it wrote. Run it on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
build="$repo/${1:-build}"
sizes="${SIZES:-1000 10000 50000}"
runs="${RUNS:-3}"
work="${BENCH_DIR:-/tmp/commonplace-bench}"

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v node >/dev/null || need+=(nodejs)
[ -x /usr/bin/time ] || need+=(time)
[ -f /usr/share/javascript/lunr/lunr.js ] || need+=(libjs-lunr)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q "${need[@]}" >/dev/null
  else
    echo "bench: missing ${need[*]}; run as root or: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
cmake --build "$build" -j"$(nproc)" --target commonplace bench_rebuild >/dev/null

mkdir -p "$work"
results="$work/results.tsv"
: >"$results"

# Every run writes into a folder of its own, removed only when the whole
# benchmark is done: on ext4 without a journal (as on this machine), creating
# files just after deleting tens of thousands makes the kernel skip over the
# recently freed inodes one by one, which charged the next tool for the
# previous run's clean-up (seconds at 10,000 case studies).
outputs="$work/outputs"
rm -rf "$outputs"
mkdir -p "$outputs"
trap 'rm -rf "$outputs"' EXIT
run_id=0

# measure TOOL SIZE OUT -- command...: appends "tool size wall user sys rss_kib bytes".
measure() {
  local tool="$1" size="$2" out="$3"
  shift 4
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    echo "bench: $tool failed:" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  }
  local bytes
  bytes=$(du -sb "$out" | cut -f1)
  python3 - "$work/time.txt" "$tool" "$size" "$bytes" >>"$results" <<'PY'
import sys
f, tool, size, out_bytes = sys.argv[1:]
v = {}
for line in open(f):
    k, _, val = line.strip().rpartition(': ')
    v[k] = val
wall = v['Elapsed (wall clock) time (h:mm:ss or m:ss)']
secs = 0.0
for part in wall.split(':'):
    secs = secs * 60 + float(part)
print('\t'.join([tool, size, '%.3f' % secs, v['User time (seconds)'], v['System time (seconds)'],
                 v['Maximum resident set size (kbytes)'], out_bytes]))
PY
}

for n in $sizes; do
  corpus="$work/corpus-$n"
  if [ ! -f "$corpus/.done" ]; then
    echo "bench: writing $n case studies to $corpus" >&2
    rm -rf "$corpus"
    python3 "$here/gen_corpus.py" "$n" "$corpus/commonplace" --hugo "$corpus/hugo" --docs "$corpus/docs.json"
    cp -r "$here/hugo/." "$corpus/hugo/"
    touch "$corpus/.done"
  fi
  size_runs_var="RUNS_$n"
  size_runs="${!size_runs_var:-$runs}"
  for r in $(seq 1 "$size_runs"); do
    echo "bench: $n case studies, run $r of $size_runs" >&2
    # Alternate the order so no tool always runs on a warmer cache.
    if [ $((r % 2)) = 1 ]; then order="commonplace hugo"; else order="hugo commonplace"; fi
    for tool in $order; do
      case $tool in
        commonplace)
          run_id=$((run_id + 1))
          measure "Commonplace build" "$n" "$outputs/cp-$run_id" -- \
            "$build/commonplace" build --root "$corpus/commonplace" --out "$outputs/cp-$run_id" --quiet ;;
        hugo)
          run_id=$((run_id + 1))
          measure "Hugo 0.111" "$n" "$outputs/hugo-$run_id" -- \
            hugo --quiet --source "$corpus/hugo" --destination "$outputs/hugo-$run_id" ;;
      esac
    done
    if [ $((r % 2)) = 1 ]; then order="cp compact lunr"; else order="lunr compact cp"; fi
    for tool in $order; do
      case $tool in
        cp)
          measure "commonplace index" "$n" "$work/index-cp.json" -- \
            "$build/commonplace" index --ref id --field title^10 --field summary^5 --field body \
            --field themes^3 "$corpus/docs.json" -o "$work/index-cp.json" ;;
        compact)
          measure "commonplace index --compact-refs" "$n" "$work/index-compact.json" -- \
            "$build/commonplace" index --ref id --field title^10 --field summary^5 --field body \
            --field themes^3 "$corpus/docs.json" -o "$work/index-compact.json" \
            --compact-refs "$work/refs.json" ;;
        lunr)
          measure "lunr.js 2.3.9" "$n" "$work/index-lunr.json" -- \
            node "$here/lunr_index.js" "$corpus/docs.json" "$work/index-lunr.json" ;;
      esac
    done
  done
  # The two indexes of the last run: bytes, gzipped bytes, load time in
  # node, and whether they rank the documents the same way.
  node "$here/lunr_compare.js" "$work/index-cp.json" "$work/index-lunr.json" 5 \
    >"$work/compare-$n.txt" 2>"$work/compare-$n.err"
  node "$here/lunr_compare.js" "$work/index-compact.json" "$work/index-lunr.json" 5 \
    "$work/refs.json" >"$work/compare-compact-$n.txt" 2>"$work/compare-compact-$n.err"
  awk -F'\t' -v f="$work/index-compact.json" '$1 == "load" && $2 == f' \
    "$work/compare-compact-$n.txt" >>"$work/compare-$n.txt"
  for f in cp compact lunr; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$f" "$(stat -c %s "$work/index-$f.json")" \
      "$(gzip -9c "$work/index-$f.json" | wc -c)" \
      "$(awk -F'\t' -v f="$work/index-$f.json" '$1 == "load" && $2 == f {print $3}' "$work/compare-$n.txt")"
  done >"$work/index-$n.tsv"
  awk -F'\t' -v n="$n" -v t="commonplace index" '$1 == "rankings" {print n "\t" t "\t" $2 "\t" $3}' \
    "$work/compare-$n.txt" >"$work/rankings-$n.tsv"
  awk -F'\t' -v n="$n" -v t="commonplace index --compact-refs" \
    '$1 == "rankings" {print n "\t" t "\t" $2 "\t" $3}' "$work/compare-compact-$n.txt" \
    >>"$work/rankings-$n.tsv"
  "$build/bench/bench_rebuild" "$corpus/commonplace" "$size_runs" verify >"$work/rebuild-$n.txt"
  # `serve` from a saved file to the reloaded page, in Chromium (the target
  # is at 10,000; SERVE_SIZES picks the sizes).
  if [[ " ${SERVE_SIZES:-10000} " == *" $n "* ]]; then
    if [ -d "$repo/tests/browser/node_modules/playwright-core" ]; then
      node "$here/serve_reload.mjs" "$build/commonplace" "$corpus/commonplace" 5 >"$work/serve-$n.txt"
    else
      echo "bench: skipping serve_reload.mjs: run tests/browser/run.sh once to install playwright-core" >&2
    fi
  fi
done
"$build/bench/bench_rebuild" "$repo" 9 verify >"$work/rebuild-shipped.txt"

python3 - "$results" "$work" "$sizes" <<'PY'
import statistics, sys, os
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
work, sizes = sys.argv[2], sys.argv[3].split()
groups = {}
for tool, size, wall, user, sys_, rss, out in rows:
    groups.setdefault((int(size), tool), []).append((float(wall), float(user), float(sys_), int(rss), int(out)))
print('| Case studies | Tool | Wall (s) | User (s) | System (s) | Peak RSS (MiB) | Output (MiB) | Runs |')
print('|---:|---|---:|---:|---:|---:|---:|---:|')
for (size, tool), ms in sorted(groups.items()):
    med = [statistics.median(m[i] for m in ms) for i in range(5)]
    print('| %d | %s | %.2f | %.2f | %.2f | %.0f | %.1f | %d |' % (
        size, tool, med[0], med[1], med[2], med[3] / 1024, med[4] / 1048576, len(ms)))
print()
def ratio(size, a, b, i):
    x, y = groups.get((size, a)), groups.get((size, b))
    if not x or not y: return None
    return statistics.median(m[i] for m in y) / statistics.median(m[i] for m in x)
for s in sorted({k[0] for k in groups}):
    t = ratio(s, 'Commonplace build', 'Hugo 0.111', 0)
    m = ratio(s, 'Commonplace build', 'Hugo 0.111', 3)
    l = ratio(s, 'commonplace index', 'lunr.js 2.3.9', 0)
    print('- %d case studies: Hugo takes %.1f× Commonplace\'s wall time and %.1f× its peak memory; '
          'lunr.js takes %.1f× as long as `commonplace index`.' % (s, t, m, l))
print()
print('| Documents | Index | Bytes | Gzipped bytes | Load in node (ms) |')
print('|---:|---|---:|---:|---:|')
for s in sizes:
    for line in open(os.path.join(work, 'index-%s.tsv' % s)):
        n, tool, size_b, gz_b, load = line.rstrip('\n').split('\t')
        name = {'cp': '`commonplace index`', 'compact': '`commonplace index --compact-refs`',
                'lunr': 'lunr.js 2.3.9'}[tool]
        print('| %s | %s | %s | %s | %s |' % (n, name, '{:,}'.format(int(size_b)),
                                              '{:,}'.format(int(gz_b)), load))
print()
for s in sizes:
    for line in open(os.path.join(work, 'rankings-%s.tsv' % s)):
        n, tool, q, same = line.rstrip('\n').split('\t')
        print('- %s documents: `%s` and lunr.js give the same top 10 for %s of %s queries.'
              % (n, tool, same, q))
for name in sorted(os.listdir(work)):
    if name.startswith('serve-'):
        v = dict(l.split(None, 1) for l in open(os.path.join(work, name)) if l.strip())
        print('- `serve`, file saved to page reloaded in Chromium (%s case studies): median %s ms '
              '(runs: %s ms; the server\'s rebuilds: %s ms).' % (
                  v['case_studies'].strip(), v['saved_to_reloaded_median_ms'].strip(),
                  v['saved_to_reloaded_ms'].strip(), v['server_rebuild_ms'].strip()))
    if name.startswith('rebuild-'):
        v = dict(l.split() for l in open(os.path.join(work, name)) if l.strip())
        same = {'1': 'the same as', '0': 'NOT the same as'}.get(v.get('rebuild_equals_full_build'), 'not compared with')
        print('- Rebuild after one edit (%s case studies, in memory as `serve` does): median %.0f ms '
              '(full build %.0f ms); the rebuilt site was %s a full build.' % (
                  v['case_studies'], float(v['rebuild_after_one_edit_ms']), float(v['full_build_ms']), same))
PY
