#!/usr/bin/env bash
# Prepares a kernel tree for auditing: unpacks a Debian linux-source package (or takes a source directory),
# configures an out-of-tree build for Hyper-V and runs `make prepare`. Re-running reuses what is there.
#
# Usage: tools/kernel/prepare-tree.sh [--arch x86_64|arm64] [--cache DIR] SOURCE
#   SOURCE   a kernel source directory, or a Debian package name such as linux-source-6.12
# Prints, on its last line, the source and build directories: "SRC_DIR BUILD_DIR".
set -euo pipefail

arch=x86_64
cache=${MMIO_AUDIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmio-audit}
while [[ $# -gt 0 ]]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "prepare-tree.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || { echo "prepare-tree.sh: expected one SOURCE (see --help)" >&2; exit 2; }
source=$1
case $arch in x86_64|arm64) ;; *) echo "prepare-tree.sh: unsupported arch '$arch' (x86_64 or arm64)" >&2; exit 2 ;; esac

step() { # step NAME COMMAND...: runs a step and prints how long it took
  local name=$1 start=$SECONDS; shift
  "$@"
  printf 'mmio-audit: %-28s %4ds\n' "$name" $((SECONDS - start)) >&2
}

# One preparation at a time per cache: parallel test runs share the tree.
mkdir -p "$cache"
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
    step "unpack $name" tar -xf "$tarball" -C "$src.partial" --strip-components=1
    mv "$src.partial" "$src"
  fi
fi
[[ -f $src/Makefile && -d $src/drivers ]] || { echo "prepare-tree.sh: '$src' does not look like a kernel source tree" >&2; exit 2; }

out=$cache/build/$name-$arch
mkdir -p "$out"
make_args=(-C "$src" O="$out" LLVM=-19 ARCH="${arch/x86_64/x86}" -s)

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
echo "$src $out"
