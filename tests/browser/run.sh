#!/usr/bin/env bash
# Browser tests: builds the site under a path prefix, serves it on 127.0.0.1
# with a strict Content-Security-Policy, and runs the Playwright suites with
# Debian's Chromium, axe-core and the Nu HTML Checker.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-build}"
cd "$here"
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
export COMMONPLACE_BIN="$repo/$build/commonplace"
export COMMONPLACE_REPO="$repo"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# `run.sh BUILD script.mjs` runs one script (for example screenshots.mjs);
# otherwise every suite runs. Each starts and stops its own server and browser.
if [ $# -ge 2 ]; then
  exec node "$here/$2"
fi
exec node --test --test-concurrency=1 "$here"/*.test.mjs
