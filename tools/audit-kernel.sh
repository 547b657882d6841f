#!/usr/bin/env bash
# The main job: audit a real kernel's MMIO allocator calls, with the fixes the tree carries taken into account.
#
# Usage: tools/audit-kernel.sh [--arch x86_64|arm64] [--cache DIR] [--build DIR] [--fail-on-findings] [SOURCE]
#   SOURCE              a kernel source directory or a Debian package (default: linux-source-6.12)
#   --build DIR         mmio-audit's build directory (default: build/; built there if needed)
#   --fail-on-findings  exit 1 when there are findings that no fix in the tree defuses (for CI)
# Installs what it needs, builds mmio-audit, prepares the tree (tools/kernel/prepare-tree.sh, cached; the CLI's
# prefilter picks the units that may call an allocator), audits those units with the CLI over the tree's database
# (one compile each; a finding that a known fix elsewhere in the tree defuses is marked mitigated), prints the
# findings and writes a report. Each step says when it starts and how long it took.
# Exit status: 0 the audit ran (whatever it found), 1 unmitigated findings with --fail-on-findings, 2 the audit
# could not run.
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
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

read -r src out < <("$root/tools/kernel/prepare-tree.sh" "${args[@]}" --cache "$cache" --cli "$build/bin/mmio-audit" \
  "$source" | tail -n1) ||
  { echo "audit-kernel.sh: preparing $source failed" >&2; exit 2; }
[[ -n ${out:-} ]] || { echo "audit-kernel.sh: preparing $source failed" >&2; exit 2; }

# The translation units worth compiling: those that may call an allocator, as preparing the tree chose them with the
# CLI's prefilter (tools/kernel/prepare-tree.sh).
candidates=$out/mmio-audit/compile_commands.json
[[ -f $candidates ]] || { echo "audit-kernel.sh: preparing $source wrote no $candidates" >&2; exit 2; }
mapfile -t units < <(python3 "$root/tools/kernel/db-files.py" "$candidates" "$src")
say "auditing the ${#units[@]} units that may call an allocator (one compile each, with the tree's known fixes)"

name=$(basename "$src")
report_dir=$cache/reports
mkdir -p "$report_dir"
report=$report_dir/$name-$arch.txt
findings_txt=$(mktemp)
trap 'rm -f "$findings_txt" "$report.tmp"' EXIT
audit_start=$SECONDS
# The CLI over the tree's database, not the plugin in a build: it sees the whole tree, so a finding that a fix
# elsewhere in it defuses (upstream's 016a25e4b0df in vmbus_reserve_fb()) is printed as mitigated, with a note at
# the fix, and fails no run. With --fail-on-findings, --werror makes every other finding fail it. The cache's lock:
# preparing the tree, and other audits of it, use the same object directory.
werror=()
((fail_on_findings)) && werror=(--werror)
status=0
flock "$cache/.lock" "$build/bin/mmio-audit" -p "$candidates" --source-root "$src" --cache-dir "$cache/results" \
  "${werror[@]}" --progress=auto \
  >"$findings_txt" || status=$?
audit_time=$((SECONDS - audit_start))

{
  echo "mmio-audit report: $name ($arch), ruleset rules/hyperv.yaml"
  echo "translation units audited (${#units[@]}, one compile each):"
  printf '  %s\n' "${units[@]}"
  echo
  cat "$findings_txt"
} >"$report.tmp"
mv "$report.tmp" "$report"

cat "$findings_txt"
echo "mmio-audit: $name ($arch): audited in ${audit_time}s, ${SECONDS}s in all"
echo "mmio-audit: report: $report"
if ((status == 2 || status > 128)); then
  echo "mmio-audit: the audit of $name did not complete (the errors are above)" >&2
  exit 2
fi
if ((status == 1 && fail_on_findings)); then
  exit 1
fi
exit 0
