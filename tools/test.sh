#!/usr/bin/env bash
# Installs what mmio-audit needs, builds it, and runs every test suite (lit and GoogleTest) through ctest.
# Usage: tools/test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

"$root/tools/install-deps.sh" --kernel # the kernel suite (test/kernel) audits a real tree
generator=()
command -v ninja >/dev/null && [[ ! -f "$build/CMakeCache.txt" ]] && generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}"
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
