#!/usr/bin/env bash
# Runs each libFuzzer target for longer than CI does (default 10 minutes each), from the sanitizer build that
# tools/test.sh makes (build-asan). New crashes land in fuzz-artifacts/; each one becomes a regression test.
# Usage: bench/fuzz.sh [SECONDS_EACH] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
build=${2:-$root/build-asan}
[[ -x $build/bin/RulesetFuzzer ]] || { echo "bench/fuzz.sh: no fuzzers in $build (run tools/test.sh first)" >&2; exit 2; }
mkdir -p "$root/fuzz-artifacts"
for f in RulesetFuzzer ValueArithFuzzer LspMessageFuzzer; do
  args=()
  [[ $f == RulesetFuzzer ]] && args=(-dict="$root/fuzz/ruleset.dict" "$build/fuzz/seeds/rulesets")
  [[ $f == LspMessageFuzzer ]] && args=(-dict="$root/fuzz/lsp.dict" -max_len=8192 "$root/fuzz/corpus/lsp")
  echo "bench/fuzz.sh: $f for ${seconds}s"
  "$build/bin/$f" -max_total_time="$seconds" -artifact_prefix="$root/fuzz-artifacts/$f-" \
    "$build/fuzz/corpus/$f" "${args[@]}"
done
