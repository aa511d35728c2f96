#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) for the
# home page, a case study and the search page, mobile and desktop, with
# Debian's Chromium. Not part of `make test`: scores vary with the machine's
# load, so they are recorded in BENCHMARKS.md rather than asserted.
#   bench/lighthouse.sh [BUILD_DIR] [RUNS]
# Run it on an idle machine: anything else using the CPU lowers the scores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
build="${1:-build}"
runs="${2:-5}"
port="${PORT:-8123}"
cd "$here/lighthouse"
if [ ! -d node_modules/lighthouse ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$repo/$build/commonplace" build --root "$repo" --out "$out/site" \
  --base-url "http://127.0.0.1:$port/evidence/" --quiet
PORT="$port" node run.mjs "$out/site" "$runs"
