#!/usr/bin/env bash
# Installs what mmio-audit needs, builds it, and runs every test suite (lit and GoogleTest) through ctest; then
# builds it again with AddressSanitizer, UndefinedBehaviorSanitizer and the libFuzzer targets (clang-19) and runs the
# suites again under the sanitizers, with a bounded run of each fuzzer.
# Usage: tools/test.sh [--no-sanitize] [BUILD_DIR]   (default: build; the sanitizer build goes to BUILD_DIR-asan)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sanitize=1
if [[ ${1:-} == --no-sanitize ]]; then sanitize=0; shift; fi
build=${1:-$root/build}
jobs=$(nproc)

"$root/tools/install-deps.sh" --kernel # the kernel suite (test/kernel) audits a real tree

configure() { # configure DIR [cmake args...]
  local dir=$1; shift
  local generator=()
  command -v ninja >/dev/null && [[ ! -f "$dir/CMakeCache.txt" ]] && generator=(-G Ninja)
  cmake -S "$root" -B "$dir" "${generator[@]}" "$@"
}

configure "$build"
cmake --build "$build" -j "$jobs"
# The SARIF reference validator for test/cli (from npm; the test is skipped without it).
command -v npm >/dev/null && npm install --prefix "$build/npm" --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool@5.7.0 >/dev/null ||
  echo "mmio-audit: sarif-multitool not installed; the SARIF validation test will be skipped" >&2
if ((sanitize)); then
  ctest --test-dir "$build" --output-on-failure -j "$jobs"
  asan=$build-asan
  configure "$asan" -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DMMIO_SANITIZE=ON -DMMIO_FUZZ=ON \
    -DMMIO_KERNEL_CACHE="$build/kernel-cache"
  cmake --build "$asan" -j "$jobs"
  echo "mmio-audit: the same suites under ASan and UBSan, and the fuzzers:"
  ctest --test-dir "$asan" --output-on-failure -j "$jobs"
else
  ctest --test-dir "$build" --output-on-failure -j "$jobs"
fi
