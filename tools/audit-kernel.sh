#!/usr/bin/env bash
# The main job: audit a real kernel's MMIO allocator calls with the mmio-audit plugin, inside a kernel build.
#
# Usage: tools/audit-kernel.sh [--arch x86_64|arm64] [--cache DIR] [--build DIR] [--fail-on-findings] [SOURCE]
#   SOURCE              a kernel source directory or a Debian package (default: linux-source-6.12)
#   --build DIR         mmio-audit's build directory (default: build/; built there if needed)
#   --fail-on-findings  exit 1 when there are findings (for CI)
# Installs what it needs, builds mmio-audit, prepares the tree (tools/kernel/prepare-tree.sh, cached; the CLI's
# prefilter picks the units that may call an allocator), compiles those units with the plugin loaded, prints the
# findings and writes a report. Each step says when it starts and how long it took.
# Exit status: 0 the audit ran (whatever it found), 1 findings with --fail-on-findings, 2 the audit could not run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arch=x86_64
cache=${MMIO_AUDIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmio-audit}
args=()
build=$root/build
fail_on_findings=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --arch) arch=$2; args+=(--arch "$2"); shift 2 ;;
    --cache) cache=$2; args+=(--cache "$2"); shift 2 ;;
    --build) build=$2; shift 2 ;;
    --fail-on-findings) fail_on_findings=1; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "audit-kernel.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
done
source=${1:-linux-source-6.12}
started=$SECONDS

say() { echo "mmio-audit: $*" >&2; }
say "checking the packages it needs (installing them takes minutes the first time)"
"$root/tools/install-deps.sh" --kernel || exit 2
generator=()
[[ -f $build/CMakeCache.txt ]] || generator=(-G Ninja)
step_start=$SECONDS
say "building mmio-audit in $build (some minutes the first time)"
# The build's own progress, one line a step, on standard error: a first build takes minutes.
{ cmake -S "$root" -B "$build" "${generator[@]}" >/dev/null && cmake --build "$build" -j "$(nproc)" >&2; } ||
  { echo "audit-kernel.sh: building mmio-audit failed" >&2; exit 2; }
say "built mmio-audit in $((SECONDS - step_start))s"
plugin=$build/lib/MmioAudit.so

read -r src out < <("$root/tools/kernel/prepare-tree.sh" "${args[@]}" --cache "$cache" --cli "$build/bin/mmio-audit" \
  "$source" | tail -n1) ||
  { echo "audit-kernel.sh: preparing $source failed" >&2; exit 2; }
[[ -n ${out:-} ]] || { echo "audit-kernel.sh: preparing $source failed" >&2; exit 2; }

# The translation units worth compiling: those that may call an allocator, as preparing the tree chose them with the
# CLI's prefilter (tools/kernel/prepare-tree.sh).
candidates=$out/mmio-audit/compile_commands.json
[[ -f $candidates ]] || { echo "audit-kernel.sh: preparing $source wrote no $candidates" >&2; exit 2; }
mapfile -t units < <(python3 "$root/tools/kernel/db-files.py" "$candidates" "$src")
say "compiling the ${#units[@]} units that may call an allocator with the plugin loaded"
objects=()
for u in "${units[@]}"; do
  objects+=("${u%.c}.o")
  rm -f "$out/${u%.c}.o" # the plugin speaks only when a file is compiled
done

name=$(basename "$src")
report_dir=$cache/reports
mkdir -p "$report_dir"
report=$report_dir/$name-$arch.txt
log=$(mktemp)
trap 'rm -f "$log"' EXIT
compile_start=$SECONDS
# The cache's lock: preparing the tree, and other audits of it, use the same object directory.
flock "$cache/.lock" make -C "$src" O="$out" LLVM=-19 ARCH="${arch/x86_64/x86}" -k -j "$(nproc)" \
  KCFLAGS="-fplugin=$plugin" "${objects[@]}" >"$log" 2>&1 || true
compile_time=$((SECONDS - compile_start))

findings=$(grep -E '(warning|error): .*\[[a-z0-9-]+\]$' "$log" || true)
count=0
[[ -n $findings ]] && count=$(printf '%s\n' "$findings" | wc -l)
failed=()
for o in "${objects[@]}"; do [[ -f $out/$o ]] || failed+=("$o"); done

{
  echo "mmio-audit report: $name ($arch), ruleset rules/hyperv.yaml"
  echo "translation units compiled with the plugin (${#objects[@]}):"
  printf '  %s\n' "${units[@]}"
  echo
  sed -e "s|$src/||g" "$log" | grep -vE '^\s*(CC|LD|AR|CALL|DESCEND|INSTALL|HOSTCC|HOSTLD|GEN|UPD|MKELF|SYNC|WRAP|make\[)' || true
  echo
  echo "$count finding(s) in ${#objects[@]} translation unit(s)"
} >"$report.tmp"
mv "$report.tmp" "$report"

if [[ -n $findings ]]; then
  printf '%s\n' "$findings" | sed -e "s|$src/||g"
fi
echo "mmio-audit: $count finding(s) in ${#objects[@]} translation unit(s) of $name ($arch);" \
  "compiled in ${compile_time}s, ${SECONDS}s in all"
echo "mmio-audit: report: $report"
if ((${#failed[@]})); then
  echo "mmio-audit: did not compile: ${failed[*]} (see the report)" >&2
  exit 2
fi
if ((count && fail_on_findings)); then
  exit 1
fi
exit 0
