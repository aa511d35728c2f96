#!/usr/bin/env bash
# Installs the Debian packages Commonplace needs, only those that are
# missing. Usage: scripts/install-deps.sh build|test|fuzz
# `build` is enough for `make site`; `test` adds what the test suites use;
# `fuzz` adds clang and its libFuzzer runtime for `make fuzz`.
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev libmstch-dev
  libcurl4-openssl-dev doctest-dev nlohmann-json3-dev libzip-dev libcli11-dev libpugixml-dev libgit2-dev
  libboost-math-dev libbrotli-dev zlib1g-dev libexpat1-dev
  libjs-lunr
)
test_pkgs=(
  node-lunr wamerican python3-scipy python3-yaml python3-jsonschema
  libreoffice-writer-nogui poppler-utils chromium
)
fuzz_pkgs=(clang libclang-rt-14-dev)
# Tools that may already come from elsewhere (e.g. Node.js from NodeSource):
# installed from Debian only when the command is missing.
declare -A by_command=([node]=nodejs [npm]=npm [java]=default-jre-headless [python3]=python3)

want=("${build_pkgs[@]}")
case "${1:-build}" in
  test) want+=("${test_pkgs[@]}") ;;
  fuzz) want+=("${fuzz_pkgs[@]}") ;;
esac

missing=()
if [ "${1:-build}" = "test" ]; then
  for cmd in "${!by_command[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${by_command[$cmd]}")
  done
fi
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: these packages are missing and installing them needs root:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
