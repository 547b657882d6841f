#!/usr/bin/env bash
# Installs everything mmio-audit needs to build and test on Debian bookworm.
# Kernel-tree and suite extras (lld, the linux-source packages, GCC and its arm64 cross compiler for Kbuild's
# checker hook, chromium for the HTML report's layout check) come with --kernel.
set -euo pipefail

packages=(
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools libclang-rt-19-dev
  libyaml-cpp-dev libgtest-dev
  cmake ninja-build python3 git
  clang-tools-19 clang-tidy-19 clang-format-19 neovim time patch
)
if [[ "${1:-}" == "--kernel" ]]; then
  packages+=(lld-19 bc bison flex libelf-dev libssl-dev xz-utils make linux-source-6.12
             gcc gcc-aarch64-linux-gnu chromium)
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "mmio-audit: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
