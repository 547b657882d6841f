#!/usr/bin/env bash
# Checks that the C++ of the engine and the front ends is formatted as .clang-format says (LLVM style, 120
# columns): prints each file that is not and exits 1. With --fix, formats them in place instead.
# Usage: tools/check-format.sh [--fix] [CLANG_FORMAT]   (default: clang-format-19)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fix=0
if [[ ${1:-} == --fix ]]; then fix=1; shift; fi
format=${1:-clang-format-19}
command -v "$format" >/dev/null || { echo "check-format: $format not found (tools/install-deps.sh installs it)" >&2; exit 2; }
cd "$root"
mapfile -t files < <(git ls-files -- 'lib/*.cpp' 'lib/*.h' 'plugin/*.cpp' 'plugin/*.h' 'tidy/*.cpp' 'tidy/*.h' \
  'lsp/*.cpp' 'lsp/*.h' 'tools/mmio-audit/*.cpp' 'tools/mmio-audit/*.h')
if ((fix)); then
  "$format" -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$format" --dry-run -Werror "$f" 2>/dev/null; then
    echo "check-format: $f is not formatted (tools/check-format.sh --fix)"
    bad=$((bad + 1))
  fi
done
echo "check-format: $((${#files[@]} - bad)) passed, $bad failed"
((bad == 0))
