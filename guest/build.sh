#!/usr/bin/env bash
# Build Solstice's test guests: Debian cloud images made only from Debian packages
# (mmdebstrap + ext4 + extlinux), trimmed to boot fast under QEMU TCG.
#
#   bash guest/build.sh [--flavour NAME] [OUTPUT_DIR]    (default: ${SOLSTICE_GUEST_DIR:-/var/cache/solstice/guest})
#
# The flavour (or GUEST_FLAVOUR=NAME) says which guest:
#   debian (default)  Debian 12: OUTPUT_DIR/debian-12-solstice-amd64.qcow2 and OUTPUT_DIR/SHA256SUMS.
#   rhel-like         guest/flavours/rhel-like.sh: Debian 13 with RHEL's admin layout (wheel, bash),
#                     shipped the way publishers ship: OUTPUT_DIR/debian-13-solstice-rhel-like-x86_64.qcow2.xz
#                     and OUTPUT_DIR/debian-13-solstice-rhel-like-x86_64-CHECKSUM (BSD lines).
#   peer-like         guest/flavours/peer-like.sh: Debian 12 without cloud-init, for the console seed
#                     dialect (root with an empty password on ttyS0, baked SSH keys), shaped like the BSD
#                     images of cross-platform-actions and vmactions: OUTPUT_DIR/debian-12-solstice-peer-like-amd64.qcow2,
#                     OUTPUT_DIR/SHA256SUMS-peer-like (GNU lines) and the baked key files beside them.
# Prints the published file's path on stdout (everything else goes to stderr). Builds once per machine
# and flavour: a stamp holding the hash of this script (and of the flavour's file) makes later runs
# return at once. Needs root (apt-get, loop mount for extlinux).
# See guest/README.md for what is trimmed and why, and for how the flavours differ.
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
label=guest/build.sh
# shellcheck source=guest/common.sh
source "$(dirname "$self")/common.sh"

flavour=${GUEST_FLAVOUR:-debian}
while (($#)); do
  case $1 in
    --flavour) (($# >= 2)) || die "--flavour needs a name"; flavour=$2; shift 2 ;;
    --flavour=*) flavour=${1#*=}; shift ;;
    --) shift; break ;;
    -*) die "unknown option $1 (usage: build.sh [--flavour NAME] [OUTPUT_DIR])" ;;
    *) break ;;
  esac
done
out=${1:-${SOLSTICE_GUEST_DIR:-/var/cache/solstice/guest}}

# --- the recipe: the debian flavour's; a flavour file changes what differs --------------------------
name=debian-12-solstice-amd64
suite=bookworm
sources=(
  "deb http://deb.debian.org/debian bookworm main"
  "deb http://deb.debian.org/debian bookworm-updates main"
  "deb http://deb.debian.org/debian-security bookworm-security main"
)
# What makes it a cloud guest; git because tests run `git log` inside it. systemd-resolved:
# networkd alone never writes /etc/resolv.conf, so without it the guest has no DNS.
packages=(
  linux-image-cloud-amd64 systemd-sysv udev dbus openssh-server sudo iproute2 netbase
  ca-certificates cloud-init cloud-guest-utils e2fsprogs bash git systemd-resolved
)
# Initramfs holds only these: root on virtio, plus the IDE CD-ROM the NoCloud seed comes on.
# (The cloud kernel builds all of them as modules; MODULES=most would pull in ~every driver.)
initramfs_modules=(virtio_pci virtio_blk virtio_scsi virtio_net virtio_rng
                   ata_piix ata_generic sr_mod cdrom isofs)
# Host tools, installed with apt-get when missing.
tools=(mmdebstrap extlinux syslinux-common fdisk e2fsprogs qemu-utils)
# How the image is published. none: the qcow2 itself, with a GNU-style line in $checksum_file.
# xz: NAME.qcow2.xz, with a BSD-style $checksum_file (Fedora, Rocky) covering it and the qcow2 inside.
compression=none
checksum_file=SHA256SUMS
# no: the flavour leaves cloud-init out of its packages, and the tree gets no cloud.cfg.
cloud_init=yes
# Files a flavour's flavour_configure writes into $work (names only), published next to the image and
# moved into place with it, before the stamp (e.g. a key pair baked into the image).
flavour_outputs=()
# A flavour's own changes to the configured tree (given as $1), made just before the disk is built.
flavour_configure() { :; }

flavour_file=
work_prefix=.build # work dirs and lock: one set per flavour, so no flavour sweeps another's work dir
if [[ $flavour != debian ]]; then
  [[ $flavour =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "bad flavour name '$flavour'"
  flavour_file=$(dirname "$self")/flavours/$flavour.sh
  [[ -f $flavour_file ]] || die "no flavour '$flavour' ($flavour_file is missing)"
  label="guest/build.sh ($flavour)"
  work_prefix=.build-$flavour
  # shellcheck source=guest/flavours/rhel-like.sh
  source "$flavour_file"
fi

case $compression in
  none) published=$name.qcow2 ;;
  xz) published=$name.qcow2.xz; tools+=(xz-utils) ;;
  *) die "unknown compression '$compression'" ;;
esac
case $cloud_init in
  yes) [[ " ${packages[*]} " == *" cloud-init "* ]] || die "cloud_init=yes but no cloud-init package" ;;
  no) ;;
  *) die "cloud_init must be yes or no, not '$cloud_init'" ;;
esac
image=$out/$published
sums=$out/$checksum_file
stamp=$out/$name.stamp

disk_bytes=$((4 * 1024 * 1024 * 1024)) # virtual size; cloud-init grows it when the overlay is bigger
part_offset=$((1024 * 1024))            # the one partition starts at 1 MiB (sector 2048)

# Everything that decides the image's content is in this file and the flavour's, so their hashes are
# the cache key. The published file's size rides along so a truncated one never passes for cached.
stamp_line() {
  local recipe
  recipe="script=$(sha256sum <"$self" | cut -d' ' -f1)"
  [[ -z $flavour_file ]] || recipe+=" flavour=$(sha256sum <"$flavour_file" | cut -d' ' -f1)"
  printf '%s image-bytes=%s\n' "$recipe" "$1"
}

is_cached() {
  local output
  for output in "${flavour_outputs[@]}"; do [[ -s $out/$output ]] || return 1; done
  [[ -s $image && -s $sums && -f $stamp ]] && grep -qF "$published" "$sums" &&
    [[ "$(<"$stamp")" == "$(stamp_line "$(stat -c %s "$image")")" ]]
}

exit_if_cached "$image" "delete $stamp to rebuild"

[[ $EUID -eq 0 ]] || die "must run as root (apt-get, mmdebstrap, loop mount for extlinux)"
mkdir -p "$out"

# One build at a time per output dir and flavour; the one that waited may find the work done.
lock_build "$out/$work_prefix.lock"
exit_if_cached "$image" "built by a concurrent run"

# Unmount, detach and delete a work dir. mmdebstrap bind-mounts /dev, /proc and /sys into the
# tree while it runs: if it died uncleanly those must go before rm -rf, never through them.
clean_workdir() {
  local dir=$1 target loopdev backing
  findmnt -rn -o TARGET | { grep -F "$dir/" || true; } | sort -r | while read -r target; do
    umount -l "$target" || true
  done
  losetup -n -l -O NAME,BACK-FILE | while read -r loopdev backing; do
    if [[ $backing == "$dir"/* ]]; then losetup -d "$loopdev" || true; fi
  done
  rm -rf --one-file-system "$dir"
}

# Leftovers of a build that was killed outright (no trap ran): we hold the lock, so they are stale.
for stale in "$out/$work_prefix".*/; do
  [[ -d $stale ]] && clean_workdir "${stale%/}"
done

work=$(mktemp -d "$out/$work_prefix.XXXXXX") # same filesystem as $out: the final mv is atomic
chmod 755 "$work"                             # apt downloads as _apt, which must reach the tree
mnt=$work/mnt
loop=
cleanup() {
  set +e
  if [[ -n $loop ]]; then
    mountpoint -q "$mnt" && umount "$mnt"
    losetup -d "$loop"
  fi
  clean_workdir "$work"
}
trap_cleanup

# A stamp that no longer matches must not survive a half-finished rebuild.
rm -f "$stamp"

# --- host tools ---------------------------------------------------------------------------------
install_missing_tools "${tools[@]}"

# --- root tree ----------------------------------------------------------------------------------
tree=$work/tree
phase "mmdebstrap $suite (${#packages[@]} packages)"
# The essential hook runs before the kernel is installed, so its initramfs is built once, already
# trimmed. (modules.d, not /etc/initramfs-tools/modules: a pre-existing conffile makes dpkg prompt.)
initramfs_hook="mkdir -p \"\$1/etc/initramfs-tools/conf.d\" \"\$1/usr/share/initramfs-tools/modules.d\"
echo MODULES=list >\"\$1/etc/initramfs-tools/conf.d/solstice.conf\"
printf '%s\n' ${initramfs_modules[*]} >\"\$1/usr/share/initramfs-tools/modules.d/solstice\""
# Sources are explicit: mmdebstrap's own default adds security.debian.org, another host to reach.
mmdebstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --essential-hook="$initramfs_hook" \
  "$suite" "$tree" "${sources[@]}" </dev/null >&2

phase "configuring the tree"
# Per-instance identity: the first boot of every overlay creates its own.
: >"$tree/etc/machine-id"
rm -f "$tree/var/lib/dbus/machine-id" "$tree"/etc/ssh/ssh_host_*
# mmdebstrap copies these from the build host.
echo localhost >"$tree/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$tree/etc/hosts"
ln -sf ../run/systemd/resolve/stub-resolv.conf "$tree/etc/resolv.conf"
echo LANG=C.UTF-8 >"$tree/etc/default/locale" # no locales package: C.UTF-8 is built into libc

# fsck pass 0: every job boots a fresh overlay of this known-clean filesystem, and the check
# sat on the boot's critical path (~0.7-1 s under TCG).
cat >"$tree/etc/fstab" <<'EOF'
LABEL=root  /  ext4  rw,errors=remount-ro  0  0
EOF

# DHCP on the NIC. cloud-init renders its own (higher-priority) networkd file when it sets up
# the network; this one covers boots where it does not.
cat >"$tree/etc/systemd/network/90-solstice-dhcp.network" <<'EOF'
[Match]
Type=ether
Name=en* eth*

[Network]
DHCP=yes
EOF
systemctl --root="$tree" --quiet enable systemd-networkd.service systemd-resolved.service

# Costs boot time or runs jobs mid-test, and is useless in a throwaway CI VM:
#   e2scrub_reap: seconds of CPU per boot under TCG looking for e2scrub snapshots that never exist;
#   modprobe@drm, modprobe@efi_pstore, systemd-pstore: no GPU, no EFI (SeaBIOS boot);
#   apt-daily*: would fetch lists and hold the dpkg lock while a job runs apt;
#   the other timers: weekly/daily maintenance of a disk that lives for one job.
systemctl --root="$tree" --quiet mask \
  e2scrub_reap.service modprobe@drm.service modprobe@efi_pstore.service systemd-pstore.service \
  e2scrub_all.timer apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer fstrim.timer

# cloud-init system config, replacing Debian's: only NoCloud is probed, no image default user
# (the seed's user-data decides every user), and only the modules a CI seed uses. (A flavour without
# cloud-init has no /etc/cloud; DHCP then comes from the networkd file above alone.)
if [[ $cloud_init == yes ]]; then
  cat >"$tree/etc/cloud/cloud.cfg" <<'EOF'
#cloud-config
# Solstice test guest. Replaces Debian's cloud.cfg; see guest/README.md in Solstice.
datasource_list: [ NoCloud, None ]

# No default user: only the users the seed's user-data lists exist.
users: []
disable_root: true
preserve_hostname: false
manage_etc_hosts: true       # else sudo warns it cannot resolve the hostname
locale: C.UTF-8              # no locales package
ssh_deletekeys: true
ssh_genkeytypes: [ed25519]   # RSA/ECDSA generation costs 3-10 s under TCG
apt:
  preserve_sources_list: true

cloud_init_modules:
  - seed_random
  - bootcmd
  - write-files
  - growpart
  - resizefs
  - set_hostname
  - update_hostname
  - update_etc_hosts
  - users-groups
  - ssh

cloud_config_modules:
  - set-passwords
  - runcmd

cloud_final_modules:
  - write-files-deferred
  - scripts-per-once
  - scripts-per-boot
  - scripts-per-instance
  - scripts-user
  - final-message
  - power-state-change

system_info:
  distro: debian
  paths:
    cloud_dir: /var/lib/cloud/
    templates_dir: /etc/cloud/templates/
  network:
    renderers: [networkd]
  ssh_svcname: ssh
EOF
fi

# Boot loader: extlinux reads its config from the root filesystem. /vmlinuz and /initrd.img are
# the symlinks the kernel package maintains, so a kernel upgrade inside the guest still boots.
mkdir -p "$tree/boot/extlinux"
cat >"$tree/boot/extlinux/extlinux.conf" <<'EOF'
DEFAULT debian
PROMPT 0
TIMEOUT 0
LABEL debian
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND root=LABEL=root ro console=ttyS0,115200
EOF

flavour_configure "$tree"

# --- disk ---------------------------------------------------------------------------------------
phase "making the disk"
raw=$work/disk.raw
fs_bytes=$((disk_bytes - part_offset))
truncate -s "$disk_bytes" "$raw" # sparse
printf 'label: dos\nstart=%d, type=83, bootable\n' $((part_offset / 512)) | sfdisk --quiet "$raw"
# Filled from the tree without mounting. ^64bit: syslinux cannot read 64-bit ext4.
mkfs.ext4 -q -L root -O ^64bit -E offset=$part_offset -d "$tree" "$raw" "$((fs_bytes / 1024))k"
rm -rf --one-file-system "$tree" # no longer needed; frees ~0.5 GB and makes cleanup quick
# extlinux only installs into a mounted filesystem: loop-mount the partition just for that.
mkdir "$mnt"
loop=$(losetup --find --show --offset "$part_offset" --sizelimit "$fs_bytes" "$raw")
mount "$loop" "$mnt"
extlinux --install "$mnt/boot/extlinux" >&2
umount "$mnt"
losetup -d "$loop"
loop=
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$raw" bs=440 count=1 conv=notrunc status=none
# Not compressed (-c): the guest is booted under TCG, where decompressing costs CPU.
qemu-img convert -f raw -O qcow2 "$raw" "$work/$name.qcow2"
rm -f "$raw"

case $compression in
  none)
    (cd "$work" && sha256sum "$name.qcow2") >"$work/sums"
    ;;
  xz)
    # As Fedora and Rocky publish: the qcow2 compressed whole, and a checksum file of BSD lines, each
    # after a "# NAME: N bytes" comment (Rocky's layout). The second entry is the qcow2 inside, the
    # file the action's cache holds after decompressing; it is not kept next to the .xz.
    phase "compressing with xz"
    qcow2_sha=$(sha256sum <"$work/$name.qcow2" | cut -d' ' -f1)
    qcow2_bytes=$(stat -c %s "$work/$name.qcow2")
    # -1: every preset makes the same format; -6 took 4x as long here (~2.5 MB/s per core) for a
    # file ~10 % smaller, and this one is only ever read from the local disk.
    xz -T2 -1 "$work/$name.qcow2" # replaces it with $name.qcow2.xz
    {
      printf '# %s: %s bytes\n' "$published" "$(stat -c %s "$work/$published")"
      printf 'SHA256 (%s) = %s\n' "$published" "$(sha256sum <"$work/$published" | cut -d' ' -f1)"
      printf '# %s: %s bytes\n' "$name.qcow2" "$qcow2_bytes"
      printf 'SHA256 (%s) = %s\n' "$name.qcow2" "$qcow2_sha"
    } >"$work/sums"
    ;;
esac
stamp_line "$(stat -c %s "$work/$published")" >"$work/stamp"

# Into place; the stamp goes last, so only a complete set ever counts as cached.
mv -f "$work/$published" "$image"
mv -f "$work/sums" "$sums"
for output in "${flavour_outputs[@]}"; do mv -f "$work/$output" "$out/$output"; done
mv -f "$work/stamp" "$stamp"
phase "done: $(du -h --apparent-size "$image" | cut -f1) $published"
printf '%s\n' "$image"
