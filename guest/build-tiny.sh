#!/usr/bin/env bash
# Build Solstice's tiny test guest: Debian's cloud kernel plus an initramfs holding busybox, dash,
# GNU tar, dropbear and guest/tiny-init.sh, on a syslinux-bootable FAT disk. It boots to SSH in a
# few seconds under TCG and is for the mechanical scenarios (cancel, faults, sync, exit codes,
# concurrency); it is not Debian and not cloud-init (see guest/TINY.md).
#
#   bash guest/build-tiny.sh [OUTPUT_DIR]    (default: ${SOLSTICE_GUEST_DIR:-/var/cache/solstice/guest})
#
# Writes OUTPUT_DIR/tiny-solstice-amd64.qcow2 and its line in OUTPUT_DIR/SHA256SUMS-tiny, then prints
# the image path on stdout (everything else goes to stderr). Builds once per machine: a stamp holding
# the hashes of this script and of tiny-init.sh makes later runs return at once. No mounts, no
# chroot: root is needed only to apt-get install missing host packages.
set -euo pipefail

out=${1:-${SOLSTICE_GUEST_DIR:-/var/cache/solstice/guest}}
name=tiny-solstice-amd64
image=$out/$name.qcow2
sums=$out/SHA256SUMS-tiny
stamp=$out/$name.stamp
self=$(readlink -f "${BASH_SOURCE[0]}")
init_script=$(dirname "$self")/tiny-init.sh
label=guest/build-tiny.sh
# shellcheck source=guest/common.sh
source "$(dirname "$self")/common.sh"

# Host packages, installed with apt-get when missing. The guest's busybox, dropbear, dash and tar are
# copied from the host's (the same Debian release as the kernel) with the shared libraries they use.
tools=(busybox-static dropbear-bin mtools dosfstools syslinux syslinux-common cpio qemu-utils)
kernel_package=linux-image-cloud-amd64
# The cloud kernel builds all of these as modules. -machine pc: the seed CD-ROM is on PIIX IDE
# (ata_piix, sr_mod, isofs); the disk, NIC and RNG are virtio; button + evdev: ACPI power button.
# Dependencies (libata, scsi_mod, cdrom, virtio_ring, failover, ...) are added from modules.dep.
modules=(virtio_pci virtio_net virtio_blk virtio_rng ata_piix sr_mod isofs button evdev)
# quiet: the console shows warnings and tiny-init; cryptomgr.notests: crypto self-tests cost ~0.3 s
# under TCG; module.async_probe=1: modprobe does not wait for device probing (see tiny-init.sh).
kernel_cmdline="console=ttyS0,115200 quiet cryptomgr.notests module.async_probe=1"

# Everything that decides the image's content is in these two files, so their hashes are the cache
# key. The image size rides along so a truncated image never passes for a cached one.
stamp_line() {
  printf 'script=%s init=%s image-bytes=%s\n' "$(sha256sum <"$self" | cut -d' ' -f1)" \
    "$(sha256sum <"$init_script" | cut -d' ' -f1)" "$1"
}

is_cached() {
  [[ -s $image && -f $sums && -f $stamp ]] &&
    grep -q "^[0-9a-f]\{64\} [ *]$name.qcow2\$" "$sums" &&
    [[ "$(<"$stamp")" == "$(stamp_line "$(stat -c %s "$image")")" ]]
}

[[ -f $init_script ]] || die "missing $init_script"

exit_if_cached "$image" "delete $stamp to rebuild"

mkdir -p "$out"

# One build at a time per output dir (its own lock: the main guest may build alongside);
# the one that waited may find the work done.
lock_build "$out/.tiny-build.lock"
exit_if_cached "$image" "built by a concurrent run"

# Leftovers of a build that was killed outright (no trap ran): we hold the lock, so they are stale.
# Nothing is ever mounted in them.
for stale in "$out"/.tiny-build.*/; do
  [[ -d $stale ]] && rm -rf --one-file-system "${stale%/}"
done

work=$(mktemp -d "$out/.tiny-build.XXXXXX") # same filesystem as $out: the final mv is atomic
cleanup() {
  set +e
  rm -rf --one-file-system "$work"
}
trap_cleanup

# A stamp that no longer matches must not survive a half-finished rebuild.
rm -f "$stamp"

# --- host tools ---------------------------------------------------------------------------------
install_missing_tools "${tools[@]}"
busybox=$(dpkg -L busybox-static | grep -m1 '/bin/busybox$') || die "busybox-static ships no busybox?"
mbr=/usr/lib/syslinux/mbr/mbr.bin
[[ -f $mbr ]] || die "$mbr missing (syslinux-common)"

# --- the kernel: downloaded and unpacked, never installed ----------------------------------------
phase "downloading $kernel_package"
debs=$work/debs
mkdir -p "$debs"
chmod 755 "$work"
# apt's download sandbox user must be able to write there (else apt warns and works unsandboxed).
if id _apt >/dev/null 2>&1 && [[ $EUID -eq 0 ]]; then chown _apt "$debs"; fi
download() { (cd "$debs" && apt-get download -q "$@") >&2; }
if ! download "$kernel_package"; then
  log "apt-get download failed: updating the package lists and trying again"
  apt_update
  download "$kernel_package"
fi
kernel_image_package=$(dpkg-deb -f "$debs"/"$kernel_package"_*.deb Depends |
  grep -o 'linux-image-[^ ,]*' | head -n 1) || die "cannot tell which kernel $kernel_package depends on"
download "$kernel_image_package"
kernel_tree=$work/kernel
dpkg-deb -x "$debs/${kernel_image_package}"_*.deb "$kernel_tree"
rm -rf "$debs"
vmlinuz=$(ls "$kernel_tree"/boot/vmlinuz-*) || die "no vmlinuz in $kernel_image_package"
kver=${vmlinuz##*/vmlinuz-}
# busybox depmod wants BASE/lib/modules/VERSION (a merged-/usr package may ship usr/lib/modules).
if [[ ! -d $kernel_tree/lib/modules/$kver && -d $kernel_tree/usr/lib/modules/$kver ]]; then
  ln -s usr/lib "$kernel_tree/lib"
fi
moddir=$kernel_tree/lib/modules/$kver
[[ -d $moddir ]] || die "no modules for $kver in $kernel_image_package"
phase "kernel $kver"

# --- initramfs tree -------------------------------------------------------------------------------
root=$work/initramfs
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/init.d,etc/dropbear,etc/acpi/PWRF,proc,sys,dev,run,mnt,home,var/log,var/tmp,usr/share/udhcpc}
install -d -m 1777 "$root/tmp"
install -d -m 700 "$root/root"
ln -s ../run "$root/var/run"

# Modules: the wanted ones and everything they depend on, then a modules.dep for just those.
"$busybox" depmod -b "$kernel_tree" "$kver"
needed=$(awk -v want="${modules[*]}" '
  function base(p) { sub(/.*\//, "", p); sub(/\.ko.*$/, "", p); gsub(/-/, "_", p); return p }
  { path = $1; sub(/:$/, "", path); byname[base(path)] = path; deps[path] = $0; sub(/^[^:]*:[ ]*/, "", deps[path]) }
  END {
    n = split(want, w, " ")
    for (i = 1; i <= n; i++) {
      m = w[i]; gsub(/-/, "_", m)
      if (!(m in byname)) { print "MISSING " m; continue }
      todo[byname[m]] = 1
    }
    do {
      added = 0
      for (p in todo) if (!(p in done)) {
        done[p] = 1; added = 1; print p
        k = split(deps[p], d, " ")
        for (j = 1; j <= k; j++) todo[d[j]] = 1
      }
    } while (added)
  }' "$moddir/modules.dep")
if grep -q '^MISSING' <<<"$needed"; then die "modules not in $kver: $(grep '^MISSING' <<<"$needed" | tr '\n' ' ')"; fi
while read -r ko; do
  [[ $ko == *.ko ]] || die "compressed module $ko: teach build-tiny.sh to decompress it"
  install -D -m 644 "$moddir/$ko" "$root/lib/modules/$kver/$ko"
done <<<"$needed"
cp "$moddir"/modules.builtin "$moddir"/modules.order "$root/lib/modules/$kver/"
"$busybox" depmod -b "$root" "$kver"
log "$(wc -l <<<"$needed") modules: $(sed 's|.*/||; s|\.ko$||' <<<"$needed" | sort | tr '\n' ' ')"

# /bin/sh is dash (as on Debian), not busybox ash: Debian's static busybox is a "standalone shell"
# whose ash runs its own applet for any command with an applet's name, whatever PATH holds, so GNU
# tar below would never run from a script. GNU tar (Debian's), not busybox's: the action's workspace
# sync uses options busybox tar lacks (--null, -T -). Both essential on the host; installed before
# the applet links, so they win.
install -m 755 /usr/bin/dash "$root/bin/dash"
ln -s dash "$root/bin/sh"
install -m 755 /usr/bin/tar "$root/bin/tar"

# busybox: every applet as a symlink at its usual path. There is no bash: the action must fall back
# to `sh -e`, which is part of what this guest tests.
install -m 755 "$busybox" "$root/bin/busybox"
while read -r applet; do
  [[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
done < <("$busybox" --list-full)
ln -s bin/busybox "$root/init" # busybox init (reads /etc/inittab) as PID 1

# dropbear, its converter and keygen, and the shared libraries they, dash and tar load (ldd's
# paths, dereferenced).
install -m 755 /usr/sbin/dropbear "$root/usr/sbin/dropbear"
install -m 755 "$(readlink -f /usr/bin/dropbearconvert)" "$root/usr/bin/dropbearconvert"
install -m 755 "$(readlink -f /usr/bin/dropbearkey)" "$root/usr/bin/dropbearkey"
for lib in $(ldd /usr/sbin/dropbear /usr/bin/dropbearconvert /usr/bin/dropbearkey /usr/bin/dash /usr/bin/tar |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(0x/ { print $1 }' | sort -u); do
  [[ -e $root$lib ]] || install -D -m 755 "$(readlink -f "$lib")" "$root$lib"
done

for f in bash usr/bin/bash bin/bash; do [[ ! -e $root/$f ]] || die "the tiny guest must not have bash ($f)"; done

install -m 755 "$init_script" "$root/etc/init.d/rcS"
cat >"$root/etc/inittab" <<'EOF'
# Solstice tiny guest: guest/tiny-init.sh does all of the boot; nothing is respawned
# (tests kill dropbear on purpose).
::sysinit:/etc/init.d/rcS
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/sync
EOF
cat >"$root/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
# busybox acpid runs this on the ACPI power button (QMP system_powerdown).
exec /sbin/poweroff
EOF
chmod 755 "$root/etc/acpi/PWRF/00000080"
cat >"$root/usr/share/udhcpc/default.script" <<'EOF'
#!/bin/sh
# busybox udhcpc hook: apply the lease SLIRP hands out (10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3).
case $1 in
  deconfig)
    ip -4 addr flush dev "$interface"
    ip link set "$interface" up
    ;;
  bound | renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    for r in $router; do ip route add default via "$r" dev "$interface"; break; done
    : >/etc/resolv.conf
    for s in $dns; do echo "nameserver $s" >>/etc/resolv.conf; done
    [ -z "$domain" ] || echo "search $domain" >>/etc/resolv.conf
    ;;
esac
exit 0
EOF
chmod 755 "$root/usr/share/udhcpc/default.script"
cat >"$root/usr/bin/sudo" <<'EOF'
#!/bin/sh
# sudo for Solstice's tiny guest: seed users with `sudo:` are uid 0 here, so this just runs the
# command (as another user through busybox su for -u USER). No password, no policy: a throwaway guest.
target=root shell=
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; break ;;
    -u | -g | -p | -C | -h | -T | -U) [ "$1" = -u ] && target=$2; shift 2 ;;
    --user=*) target=${1#*=}; shift ;;
    -u?*) target=${1#-u}; shift ;;
    -i | --login | -s | --shell) shell=1; shift ;;
    --non-interactive | --preserve-env | --preserve-env=* | --set-home | --stdin | --reset-timestamp | --group=* | --prompt=*) shift ;;
    -[nEHSkAbPB]*)
      case ${1#-} in *[!nEHSkAbPB]*) echo "sudo (tiny guest shim): unsupported option $1" >&2; exit 1 ;; esac
      shift ;;
    -*) echo "sudo (tiny guest shim): unsupported option $1" >&2; exit 1 ;;
    *) break ;;
  esac
done
if [ "$(id -u)" != 0 ]; then
  echo "sudo: $(id -un) may not run sudo in the tiny guest (only seed users with sudo: are root)" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  [ -n "$shell" ] || { echo "usage: sudo [-n] [-u user] command [args...]" >&2; exit 1; }
  set -- /bin/sh -l
fi
# Leading VAR=value words are set in the environment, as sudo does. (Not through busybox env: it
# would run busybox's own applet for a command like tar, whatever PATH holds.)
while [ $# -gt 1 ]; do
  case $1 in
    [A-Za-z_]*=*)
      case ${1%%=*} in *[!A-Za-z0-9_]*) break ;; esac
      export "$1"
      shift
      ;;
    *) break ;;
  esac
done
case $target in
  root | 0 | "$(id -un)") exec "$@" ;;
  *) exec su -s /bin/sh "$target" -c 'exec "$@"' sh "$@" ;;
esac
EOF
chmod 755 "$root/usr/bin/sudo"
# Placeholders; tiny-init.sh rewrites them from the seed at every boot.
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\ntty:x:5:\n' >"$root/etc/group"
printf 'root:*:1::::::\n' >"$root/etc/shadow"
chmod 640 "$root/etc/shadow"
printf '/bin/sh\n/bin/dash\n/bin/ash\n' >"$root/etc/shells"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
echo tiny >"$root/etc/hostname"
ln -s /proc/mounts "$root/etc/mtab"
cat >"$root/etc/os-release" <<EOF
PRETTY_NAME="Solstice tiny test guest (busybox + dropbear, Debian kernel $kver)"
NAME="Solstice tiny guest"
ID=solstice-tiny
ID_LIKE=busybox
VERSION_ID=1
EOF

phase "initramfs"
# Owned by root whoever builds it. (The kernel's built-in initramfs already provides /dev/console.)
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -6 -n >"$work/initrd.img"

# --- disk: MBR + one FAT16 partition at 1 MiB holding syslinux, the kernel and the initramfs -------
phase "disk"
cat >"$work/syslinux.cfg" <<EOF
DEFAULT tiny
PROMPT 0
TIMEOUT 0
LABEL tiny
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND $kernel_cmdline
EOF
cp "$vmlinuz" "$work/vmlinuz"
payload=$(($(stat -c %s "$work/vmlinuz") + $(stat -c %s "$work/initrd.img")))
fat_mib=$((payload / 1048576 + 4)) # + syslinux, FAT tables and slack
part_start=2048                    # sectors: the partition starts at 1 MiB
part_sectors=$((fat_mib * 2048))
# -h: hidden sectors = the partition's offset, which syslinux's boot sector uses to find itself.
mkfs.fat -F 16 -n TINYBOOT -i 50150000 -h "$part_start" -C "$work/fat.img" $((fat_mib * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mcopy -i "$work/fat.img" "$work/vmlinuz" "$work/initrd.img" "$work/syslinux.cfg" ::/
syslinux --install "$work/fat.img"

le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
raw=$work/disk.raw
truncate -s $((part_start * 512)) "$raw"
dd if="$mbr" of="$raw" bs=440 count=1 conv=notrunc status=none
# Partition 1: active, type 0x0e (FAT16, LBA), CHS fields "beyond 8 GiB" (LBA only).
{
  printf '%b' "$(le32 0x50150000)\x00\x00"                                      # disk signature at 440
  printf '%b' "\x80\xfe\xff\xff\x0e\xfe\xff\xff$(le32 $part_start)$(le32 $part_sectors)"
  head -c 48 /dev/zero                                                          # entries 2-4
  printf '\x55\xaa'
} | dd of="$raw" bs=1 seek=440 conv=notrunc status=none
cat "$work/fat.img" >>"$raw"
rm -f "$work/fat.img"
# Not compressed: the kernel and initramfs inside are compressed already.
qemu-img convert -f raw -O qcow2 "$raw" "$work/$name.qcow2"
rm -f "$raw"

# SHA256SUMS-tiny: this image's line replaced, any other line kept.
{
  [[ ! -f $sums ]] || grep -v " [ *]$name.qcow2\$" "$sums" || true
  (cd "$work" && sha256sum "$name.qcow2")
} >"$work/SHA256SUMS-tiny"
stamp_line "$(stat -c %s "$work/$name.qcow2")" >"$work/stamp"

# Into place; the stamp goes last, so only a complete set ever counts as cached.
mv -f "$work/$name.qcow2" "$image"
mv -f "$work/SHA256SUMS-tiny" "$sums"
mv -f "$work/stamp" "$stamp"
phase "done: $(du -h --apparent-size "$image" | cut -f1) image, kernel $kver"
printf '%s\n' "$image"
