#!/usr/bin/env bash
# Prepares a kernel tree for auditing: unpacks a Debian linux-source package (or takes a source directory),
# configures an out-of-tree build for Hyper-V, runs `make prepare`, writes the whole tree's compilation database
# (BUILD_DIR/compile_commands.json, from Kbuild's dry run) and, with the mmio-audit CLI, the database of the units
# that may call an allocator (BUILD_DIR/mmio-audit/compile_commands.json). Re-running reuses what is there.
#
# Usage: tools/kernel/prepare-tree.sh [--arch x86_64|arm64] [--cc clang|gcc] [--cache DIR] [--cli PATH]
#                                     [--rules FILE] [--no-select] SOURCE
#   SOURCE      a kernel source directory, or a Debian package name such as linux-source-6.12
#   --cli       the mmio-audit binary that selects the units (default: $MMIO_AUDIT_CLI, else build/bin/mmio-audit)
#   --rules     the ruleset whose allocators select them (default: the built-in one)
#   --cc        the toolchain: clang (LLVM=-19, the default) or gcc (Debian's gcc, gcc-aarch64-linux-gnu for arm64);
#               a GCC tree is built in BUILD_DIR ending in -gcc
#   --no-select stop after the whole tree's database
# Prints, on its last line, the source and build directories: "SRC_DIR BUILD_DIR".
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
arch=x86_64
cc=clang
cli=${MMIO_AUDIT_CLI:-$root/build/bin/mmio-audit}
select=1
rules=
cache=${MMIO_AUDIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmio-audit}
while [[ $# -gt 0 ]]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --cc) cc=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --no-select) select=0; shift ;;
    --rules) rules=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "prepare-tree.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || { echo "prepare-tree.sh: expected one SOURCE (see --help)" >&2; exit 2; }
source=$1
case $arch in x86_64|arm64) ;; *) echo "prepare-tree.sh: unsupported arch '$arch' (x86_64 or arm64)" >&2; exit 2 ;; esac
case $cc in clang|gcc) ;; *) echo "prepare-tree.sh: unsupported --cc '$cc' (clang or gcc)" >&2; exit 2 ;; esac

step() { # step NAME COMMAND...: says a step starts (some take minutes), runs it, and prints how long it took
  local name=$1 start=$SECONDS; shift
  printf 'mmio-audit: %s...\n' "$name" >&2
  "$@"
  printf 'mmio-audit: %-28s %4ds\n' "$name" $((SECONDS - start)) >&2
}

# One preparation at a time per cache: parallel test runs share the tree.
mkdir -p "$cache"
cache=$(cd "$cache" && pwd) # make runs in the source tree: O= must not be relative
exec 9>"$cache/.lock"
flock 9

if [[ -d $source ]]; then
  src=$(cd "$source" && pwd)
  name=$(basename "$src")
else
  [[ $source == linux-source-* ]] || { echo "prepare-tree.sh: '$source' is neither a directory nor a linux-source-* package" >&2; exit 2; }
  name=$source
  src=$cache/src/$name
  if [[ ! -f $src/Makefile ]]; then
    tarball=$(ls /usr/src/"$source".tar.* 2>/dev/null | head -n1 || true)
    if [[ -z $tarball ]]; then
      step "install $source" bash -c "apt-get install -y -q --no-install-recommends '$source' >/dev/null"
      tarball=$(ls /usr/src/"$source".tar.* | head -n1)
    fi
    mkdir -p "$cache/src"
    rm -rf "$src.partial"
    mkdir -p "$src.partial"
    # Debian's tarballs are xz in many blocks: decompressed on every core, unpacking takes half the time.
    decompress=()
    [[ $tarball == *.xz ]] && decompress=(--use-compress-program="xz -d -T0")
    step "unpack $name" tar "${decompress[@]}" -xf "$tarball" -C "$src.partial" --strip-components=1
    mv "$src.partial" "$src"
  fi
fi
[[ -f $src/Makefile && -d $src/drivers ]] || { echo "prepare-tree.sh: '$src' does not look like a kernel source tree" >&2; exit 2; }

out=$cache/build/$name-$arch
[[ $cc == clang ]] || out+=-$cc
mkdir -p "$out"
case $cc/$arch in
  clang/*) toolchain=(LLVM=-19) ;;
  gcc/x86_64) toolchain=() ;;
  gcc/arm64) toolchain=(CROSS_COMPILE=aarch64-linux-gnu-) ;;
esac
make_args=(-C "$src" O="$out" "${toolchain[@]}" ARCH="${arch/x86_64/x86}" -s)

if [[ ! -f $out/.config ]]; then
  configure() {
    make "${make_args[@]}" defconfig >/dev/null
    # Hyper-V guest support and every driver that allocates VMBus MMIO; findings stay warnings (no CONFIG_WERROR).
    "$src/scripts/config" --file "$out/.config" \
      -e HYPERVISOR_GUEST -e PARAVIRT -e ACPI -e PCI -e PCI_MSI -e HYPERV -e PCI_HYPERV -e PCI_HYPERV_INTERFACE \
      -e DRM -e DRM_HYPERV -e FB -e FB_HYPERV -e SYSFB -d WERROR
    make "${make_args[@]}" olddefconfig >/dev/null
    local missing=()
    for opt in HYPERV PCI_HYPERV DRM_HYPERV; do
      grep -q "^CONFIG_$opt=[ym]" "$out/.config" || missing+=("CONFIG_$opt")
    done
    if ((${#missing[@]})); then
      echo "prepare-tree.sh: $name ($arch) cannot enable ${missing[*]}" >&2
      rm -f "$out/.config"
      return 2
    fi
  }
  step "configure $name ($arch)" configure
fi
step "make prepare" make "${make_args[@]}" -j "$(nproc)" prepare

# Every C unit of the configuration with Kbuild's command, without building: a few seconds.
database=$out/compile_commands.json
if [[ ! -f $database || $out/.config -nt $database ]]; then
  step "compile database" python3 "$root/tools/kernel/compile-db.py" --arch "$arch" --cc "$cc" "$src" "$out" "$database"
fi

# The units that may call an allocator, chosen by the CLI: a scan of the tree's text rules out in seconds the units
# whose files never name one, and the prefilter preprocesses the rest (docs/cli.md, "Selecting units"), so that
# audits, plugin builds and CI shards afterwards work on a few units instead of thousands.
if ((select)) && [[ -x $cli ]]; then
  candidates=$out/mmio-audit/compile_commands.json
  ruleset=${rules:-$root/rules/hyperv.yaml} # the built-in ruleset is compiled from rules/hyperv.yaml
  stamp="$(sha256sum "$ruleset" | cut -d' ' -f1) $(sha256sum "$database" | cut -d' ' -f1)"
  if [[ ! -f $candidates || $(cat "$out/mmio-audit/stamp" 2>/dev/null) != "$stamp" ]]; then
    mkdir -p "$out/mmio-audit"
    select_units() {
      local first=$out/mmio-audit/first-pass.json undecided=$out/mmio-audit/undecided.json objects
      # The candidates are audited for their exported wrappers, whose callers join them (docs/cli.md, "Calls across
      # units"); with the source root and result cache that tools/audit-kernel.sh uses, its audit reuses those.
      "$cli" -p "$database" ${rules:+--rules "$rules"} --write-candidates="$first" --write-undecided="$undecided" \
        --source-root "$src" --cache-dir "$cache/results" -j "$(nproc)"
      # A unit that does not preprocess stays a candidate (only a proof of no call leaves one out): one whose
      # headers Kbuild generates only when it builds it. Build those, and a second pass decides them on their real
      # contents. (The scan skips the units whose own sources are not generated yet.)
      mapfile -t objects < <(python3 "$root/tools/kernel/db-files.py" --objects "$undecided")
      if ((${#objects[@]})); then
        make "${make_args[@]}" -k -j "$(nproc)" "${objects[@]}" >/dev/null 2>&1 || true
        "$cli" -p "$first" ${rules:+--rules "$rules"} --write-candidates="$candidates" --progress=never \
          --source-root "$src" --cache-dir "$cache/results" -j "$(nproc)"
      else
        cp "$first" "$candidates.tmp" && mv "$candidates.tmp" "$candidates"
      fi
      echo "$stamp" >"$out/mmio-audit/stamp"
    }
    step "select units (scan, prefilter)" select_units
  fi
fi
echo "$src $out"
