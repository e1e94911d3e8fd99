#!/usr/bin/env bash
# Build Solstice's tiny test guest: Debian's cloud kernel plus an initramfs holding busybox, dash,
# GNU tar, dropbear and guest/tiny-init.sh, on a bootable FAT disk. It boots to SSH in a few seconds
# under TCG and is for the mechanical scenarios (cancel, faults, sync, exit codes, concurrency); it
# is not Debian and not cloud-init (see guest/TINY.md).
#
#   bash guest/build-tiny.sh [--arch amd64|arm64] [OUTPUT_DIR]  (default: ${SOLSTICE_GUEST_DIR:-/var/cache/solstice/guest})
#
# amd64 (the default): syslinux on an MBR disk, booted by SeaBIOS; the userland is the host's.
# arm64 (guest/build-tiny-arm64.sh): a unified kernel image (systemd-stub + kernel + initramfs +
# command line) as \EFI\BOOT\BOOTAA64.EFI on an EFI system partition, booted by UEFI firmware (AAVMF)
# from a fresh variable store, as the action boots aarch64 guests; kernel and userland are Debian's
# arm64 packages, unpacked (mmdebstrap --variant=extract), never run: no binfmt_misc, no emulation.
# Writes OUTPUT_DIR/tiny-solstice-ARCH.qcow2 and its line in OUTPUT_DIR/SHA256SUMS-tiny, then prints
# the image path on stdout (everything else goes to stderr). Builds once per machine and arch: a stamp
# holding the hashes of this script, tiny-init.sh, tiny-dropbear.sh and tiny-readers/*.sh makes later
# runs return at once. No mounts,
# no chroot: root is needed only to apt-get install missing host packages (and for mmdebstrap).
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
init_script=$(dirname "$self")/tiny-init.sh
dropbear_script=$(dirname "$self")/tiny-dropbear.sh # /etc/init.d/dropbear
readers_dir=$(dirname "$self")/tiny-readers         # /etc/tiny-readers/*.sh, sourced by tiny-init.sh
label=guest/build-tiny.sh
# shellcheck source=guest/common.sh
source "$(dirname "$self")/common.sh"

arch=${TINY_ARCH:-amd64}
while (($#)); do
  case $1 in
    --arch) (($# >= 2)) || die "--arch needs amd64 or arm64"; arch=$2; shift 2 ;;
    --arch=*) arch=${1#*=}; shift ;;
    --) shift; break ;;
    -*) die "unknown option $1 (usage: build-tiny.sh [--arch amd64|arm64] [OUTPUT_DIR])" ;;
    *) break ;;
  esac
done
out=${1:-${SOLSTICE_GUEST_DIR:-/var/cache/solstice/guest}}
name=tiny-solstice-$arch
image=$out/$name.qcow2
sums=$out/SHA256SUMS-tiny
stamp=$out/$name.stamp

# The cloud kernel builds all of these as modules on both arches (button is built in on arm64).
# -machine pc: the seed CD-ROM is on PIIX IDE (ata_piix, sr_mod, isofs); the disk, NIC and RNG are
# virtio; button + evdev: ACPI power button. On arm64 (-machine virt) the seed is a second virtio disk
# and the IDE modules find nothing, but they keep tiny-init.sh's module list the same for both.
# Dependencies (libata, scsi_mod, cdrom, virtio_ring, failover, ...) are added from modules.dep.
modules=(virtio_pci virtio_net virtio_blk virtio_rng ata_piix sr_mod isofs button evdev)
# Loaded only by some first-boot readers (tiny-init.sh does not load them by default): sd_mod for the
# illumos-cpio reader's /dev/sd*, qemu_fw_cfg for Ignition's config (fw_cfg opt/com.coreos/config).
[[ $arch != amd64 ]] || modules+=(sd_mod qemu_fw_cfg) # (amd64 only: the readers are)
# quiet: the console shows warnings and tiny-init; cryptomgr.notests: crypto self-tests cost ~0.3 s
# under TCG; module.async_probe=1: modprobe does not wait for device probing (see tiny-init.sh).
case $arch in
  amd64)
    # Host packages, installed with apt-get when missing. The guest's busybox, dropbear, dash and tar
    # are copied from the host's (the same Debian release as the kernel) with the shared libraries
    # they use.
    tools=(busybox-static dropbear-bin mtools dosfstools syslinux syslinux-common cpio qemu-utils)
    # The first-boot readers' userlands (guest/tiny-readers/): MirBSD pax, OpenDoas + pam_permit,
    # mksh, bsdtar, jq; gcc builds the stand-in libxml2 for bsdtar (see below).
    tools+=(pax opendoas libpam-modules mksh libarchive-tools jq gcc)
    kernel_package=linux-image-cloud-amd64
    kernel_cmdline="console=ttyS0,115200 quiet cryptomgr.notests module.async_probe=1"
    triplet=x86_64-linux-gnu
    ;;
  arm64)
    # The host's busybox only runs depmod and lists the applets; the guest's programs, kernel and
    # systemd-stub come from Debian's arm64 packages. binutils-aarch64-linux-gnu: an objcopy that
    # writes arm64 PE files (the unified kernel image).
    tools=(busybox-static mmdebstrap mtools dosfstools cpio qemu-utils binutils-aarch64-linux-gnu)
    suite=bookworm # the host's release, as for amd64
    arm64_packages=(linux-image-cloud-arm64 busybox-static dropbear-bin dash tar systemd-boot-efi)
    # No module.async_probe=1: with the seed on a second virtio disk, asynchronous probing lets the two
    # disks race for vda (lost in 3 boots of 6), and tiny-init.sh takes vda for the root disk. There is
    # no IDE probing to wait for on -machine virt, so synchronous probing costs nothing measurable.
    kernel_cmdline="console=ttyAMA0 quiet cryptomgr.notests"
    triplet=aarch64-linux-gnu
    ;;
  *) die "unknown arch '$arch' (amd64 or arm64)" ;;
esac
label="guest/build-tiny.sh ($arch)"

# Everything that decides the image's content is in these files (this script, tiny-init.sh,
# tiny-dropbear.sh and every tiny-readers/*.sh), so their hashes are the cache key. The image size
# rides along so a truncated image never passes for a cached one.
stamp_line() {
  local f readers=""
  for f in "$readers_dir"/*.sh; do readers+="${f##*/}:$(sha256sum <"$f" | cut -d' ' -f1),"; done
  printf 'script=%s init=%s dropbear=%s readers=%s image-bytes=%s\n' "$(sha256sum <"$self" | cut -d' ' -f1)" \
    "$(sha256sum <"$init_script" | cut -d' ' -f1)" "$(sha256sum <"$dropbear_script" | cut -d' ' -f1)" \
    "${readers%,}" "$1"
}

is_cached() {
  [[ -s $image && -f $sums && -f $stamp ]] &&
    grep -q "^[0-9a-f]\{64\} [ *]$name.qcow2\$" "$sums" &&
    [[ "$(<"$stamp")" == "$(stamp_line "$(stat -c %s "$image")")" ]]
}

[[ -f $init_script ]] || die "missing $init_script"
[[ -f $dropbear_script ]] || die "missing $dropbear_script"
[[ -f $readers_dir/cloud-init.sh ]] || die "missing $readers_dir/cloud-init.sh"

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
# The host's busybox runs depmod and lists its applets here (the same Debian release as the guest's).
busybox=$(dpkg -L busybox-static | grep -m1 '/bin/busybox$') || die "busybox-static ships no busybox?"
chmod 755 "$work"

# Where the guest's programs come from: "" is this machine (amd64), else a tree of unpacked packages.
sysroot=
# A guest path (e.g. /usr/bin/dash) as a file on this machine, symlinks followed, which must stay in
# the sysroot.
sysroot_file() {
  local real
  real=$(readlink -f "$sysroot$1") || die "no $1 in ${sysroot:-/}"
  [[ -z $sysroot || $real == "$sysroot"/* ]] || die "$1 in $sysroot links outside it ($real)"
  [[ -f $real ]] || die "no file $1 in ${sysroot:-/}"
  printf '%s\n' "$real"
}

# --- the kernel (and for arm64 the whole userland) --------------------------------------------------
if [[ $arch == amd64 ]]; then
  mbr=/usr/lib/syslinux/mbr/mbr.bin
  [[ -f $mbr ]] || die "$mbr missing (syslinux-common)"

  # The kernel: downloaded and unpacked, never installed.
  phase "downloading $kernel_package"
  debs=$work/debs
  mkdir -p "$debs"
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
  # Debian's dynamic busybox (not a "standalone shell" build: its ash honours PATH), the illumos-cpio
  # variant's /bin/sh. Unpacked only (it conflicts with busybox-static as an installed package).
  download busybox
  dpkg-deb -x "$debs"/busybox_*.deb "$work/busybox-dynamic"
  kernel_tree=$work/kernel
  dpkg-deb -x "$debs/${kernel_image_package}"_*.deb "$kernel_tree"
  rm -rf "$debs"
  guest_busybox=$busybox
else
  # The packages and their dependencies unpacked: no maintainer scripts, nothing run.
  phase "unpacking arm64 packages: ${arm64_packages[*]}"
  sysroot=$work/sysroot
  mmdebstrap --arch=arm64 --variant=extract --include="$(IFS=,; echo "${arm64_packages[*]}")" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    "$suite" "$sysroot" "deb http://deb.debian.org/debian $suite main" \
    "deb http://deb.debian.org/debian $suite-updates main" \
    "deb http://deb.debian.org/debian-security $suite-security main" </dev/null >&2
  kernel_tree=$sysroot
  kernel_image_package=linux-image-cloud-arm64
  guest_busybox=$(sysroot_file /bin/busybox)
fi
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
# (A wanted module the kernel has built in needs nothing: modprobe finds it in modules.builtin.)
needed=$(awk -v want="${modules[*]}" '
  function base(p) { sub(/.*\//, "", p); sub(/\.ko.*$/, "", p); gsub(/-/, "_", p); return p }
  FILENAME ~ /modules\.builtin$/ { builtin[base($1)] = 1; next }
  { path = $1; sub(/:$/, "", path); byname[base(path)] = path; deps[path] = $0; sub(/^[^:]*:[ ]*/, "", deps[path]) }
  END {
    n = split(want, w, " ")
    for (i = 1; i <= n; i++) {
      m = w[i]; gsub(/-/, "_", m)
      if (m in builtin && !(m in byname)) continue
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
  }' "$moddir/modules.builtin" "$moddir/modules.dep")
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
# sync uses options busybox tar lacks (--null, -T -). Both essential on Debian; installed before
# the applet links, so they win.
install -m 755 "$(sysroot_file /bin/dash)" "$root/bin/dash"
ln -s dash "$root/bin/sh"
install -m 755 "$(sysroot_file /bin/tar)" "$root/bin/tar"

# busybox: every applet as a symlink at its usual path. There is no bash: the action must fall back
# to `sh -e`, which is part of what this guest tests.
install -m 755 "$guest_busybox" "$root/bin/busybox"
while read -r applet; do
  [[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
done < <("$busybox" --list-full)
ln -s bin/busybox "$root/init" # busybox init (reads /etc/inittab) as PID 1

# The loader and shared libraries that the given programs (guest paths) load, recursively, as guest
# paths, read with readelf (any architecture; nothing is run): each DT_NEEDED name is taken from the
# first of the loader's default directories holding it, in the order Debian's ld.so.conf gives.
shared_libraries() {
  local -A seen=() loaders=()
  local todo=("$@") path real interp lib dir
  while ((${#todo[@]})); do
    path=${todo[-1]}
    unset 'todo[-1]'
    real=$(sysroot_file "$path")
    interp=$(readelf -lW "$real" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]$/\1/p')
    if [[ -n $interp && -z ${seen[$interp]-} ]]; then seen[$interp]=1; loaders[${interp##*/}]=1; echo "$interp"; fi
    for lib in $(readelf -dW "$real" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
      # libc names the loader, which is there already under its own path.
      [[ -z ${loaders[$lib]-} ]] || continue
      [[ " ${stubbed_libraries[*]-} " != *" $lib "* ]] || continue # built below instead
      for dir in "/lib/$triplet" "/usr/lib/$triplet" /lib /usr/lib; do
        [[ -e $sysroot$dir/$lib ]] || continue
        if [[ -z ${seen[$dir/$lib]-} ]]; then seen[$dir/$lib]=1; echo "$dir/$lib"; todo+=("$dir/$lib"); fi
        continue 2
      done
      die "$path needs $lib, which is in none of ${sysroot:-/}{/lib,/usr/lib}{/$triplet,}"
    done
  done
}

# dropbear, its converter and keygen, and the shared libraries they, dash and tar load (dereferenced).
install -m 755 "$(sysroot_file /usr/sbin/dropbear)" "$root/usr/sbin/dropbear"
install -m 755 "$(sysroot_file /usr/bin/dropbearconvert)" "$root/usr/bin/dropbearconvert"
install -m 755 "$(sysroot_file /usr/bin/dropbearkey)" "$root/usr/bin/dropbearkey"
# The first-boot readers' programs (amd64 only): in /usr/lib/tiny-alt, from where the chosen reader
# moves its variant's into place and removes the rest (guest/tiny-readers/, tiny-init.sh's `alt`).
alt_programs=()
stubbed_libraries=()
if [[ $arch == amd64 ]]; then
  alt=$root/usr/lib/tiny-alt
  mkdir -p "$alt"
  install -m 755 "$(sysroot_file /bin/mksh)" "$alt/mksh"                # tini: /bin/ksh, /bin/sh
  install -m 755 "$(sysroot_file /bin/pax)" "$alt/pax"                  # tini: /bin/tar (MirBSD pax)
  install -m 755 "$(sysroot_file /usr/bin/doas)" "$alt/doas"            # tini: OpenDoas
  install -m 755 "$(sysroot_file /usr/bin/bsdtar)" "$alt/bsdtar"        # illumos-cpio: /bin/tar
  install -m 755 "$(sysroot_file /bin/cpio)" "$alt/cpio"                # illumos-cpio: the reader
  install -m 755 "$work/busybox-dynamic/bin/busybox" "$alt/busybox-dynamic" # illumos-cpio: /bin/sh
  install -m 755 "$(sysroot_file /usr/bin/jq)" "$alt/jq"                # ignition: the reader
  install -D -m 644 "$(sysroot_file "/lib/$triplet/security/pam_permit.so")" "$root/lib/$triplet/security/pam_permit.so"
  alt_programs=(/bin/mksh /bin/pax /usr/bin/doas /usr/bin/bsdtar /bin/cpio /usr/bin/jq
    "/lib/$triplet/security/pam_permit.so" "$work/busybox-dynamic/bin/busybox")
  # libarchive needs libxml2 only for the xar format, and libxml2 pulls in ICU (31 MB, 12 MB gzipped,
  # three times the rest of the initramfs). Instead: a libxml2.so.2 of the same symbol versions whose
  # functions all return 0 (NULL: "failed"), so bsdtar loads and xar archives fail cleanly.
  stubbed_libraries=(libxml2.so.2)
  libarchive=$(readlink -f "/usr/lib/$triplet/libarchive.so.13")
  nm -D --undefined-only "$libarchive" | sed -n 's/^ *U \([A-Za-z0-9_]*\)@\(LIBXML2_[0-9.]*\)$/\1 \2/p' >"$work/xml-symbols"
  [[ -s $work/xml-symbols ]] || die "no libxml2 symbols in $libarchive?"
  awk '{ printf "void *%s(void) { return 0; }\n", $1 }' "$work/xml-symbols" >"$work/libxml2-stub.c"
  awk '{ syms[$2] = syms[$2] " " $1 ";" } END { for (v in syms) printf "%s {%s };\n", v, syms[v] }' \
    "$work/xml-symbols" >"$work/libxml2-stub.map"
  cc -shared -fPIC -O2 -Wl,-soname,libxml2.so.2 -Wl,--version-script="$work/libxml2-stub.map" \
    -o "$work/libxml2.so.2" "$work/libxml2-stub.c"
  install -D -m 755 "$work/libxml2.so.2" "$root/usr/lib/$triplet/libxml2.so.2"
fi
shared_libraries /usr/sbin/dropbear /usr/bin/dropbearconvert /usr/bin/dropbearkey /bin/dash /bin/tar \
  "${alt_programs[@]}" >"$work/libraries"
while read -r lib; do
  [[ -e $root$lib ]] || install -D -m 755 "$(sysroot_file "$lib")" "$root$lib"
done <"$work/libraries"

for f in bash usr/bin/bash bin/bash; do [[ ! -e $root/$f ]] || die "the tiny guest must not have bash ($f)"; done

install -m 755 "$init_script" "$root/etc/init.d/rcS"
install -m 755 "$dropbear_script" "$root/etc/init.d/dropbear"
install -d "$root/etc/tiny-readers"
install -m 644 "$readers_dir"/*.sh "$root/etc/tiny-readers/"
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

# --- disk: MBR + one FAT16 partition at 1 MiB ---------------------------------------------------
# amd64: syslinux, the kernel and the initramfs; SeaBIOS runs syslinux's MBR code.
# arm64: an EFI system partition holding \EFI\BOOT\BOOTAA64.EFI, the path UEFI firmware boots when
# its variable store lists nothing (the action gives every VM a fresh copy). That file is a unified
# kernel image: systemd's stub with the kernel, initramfs, command line and os-release as PE sections,
# because the firmware passes a removable-media loader no command line, and the kernel's own EFI stub
# would then have neither console nor initramfs.
phase "disk"
export MTOOLS_SKIP_CHECK=1
part_start=2048 # sectors: the partition starts at 1 MiB
case $arch in
  amd64)
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
    boot_files=("$work/vmlinuz" "$work/initrd.img" "$work/syslinux.cfg")
    part_type=0e # FAT16, LBA
    ;;
  arm64)
    stub=$(sysroot_file /usr/lib/systemd/boot/efi/linuxaa64.efi.stub)
    printf '%s' "$kernel_cmdline" >"$work/cmdline"
    # Section addresses (relative to the image base) in ascending order: the stub's own sections end
    # below 0x20000; the kernel at 16 MiB, the initramfs after it on a 64 KiB boundary.
    linux_vma=$((0x1000000))
    initrd_vma=$(((linux_vma + $(stat -c %s "$vmlinuz") + 0xffff) & ~0xffff))
    aarch64-linux-gnu-objcopy \
      --add-section .osrel="$root/etc/os-release" --change-section-vma .osrel=0x20000 \
      --add-section .cmdline="$work/cmdline" --change-section-vma .cmdline=0x30000 \
      --add-section .linux="$vmlinuz" --change-section-vma .linux=$linux_vma \
      --add-section .initrd="$work/initrd.img" --change-section-vma .initrd=$initrd_vma \
      "$stub" "$work/BOOTAA64.EFI"
    boot_files=("$work/BOOTAA64.EFI")
    part_type=ef # EFI system partition
    ;;
esac
payload=0
for file in "${boot_files[@]}"; do payload=$((payload + $(stat -c %s "$file"))); done
fat_mib=$((payload / 1048576 + 4)) # + syslinux, FAT tables and slack
part_sectors=$((fat_mib * 2048))
# -h: hidden sectors = the partition's offset, which syslinux's boot sector uses to find itself.
mkfs.fat -F 16 -n TINYBOOT -i 50150000 -h "$part_start" -C "$work/fat.img" $((fat_mib * 1024)) >/dev/null
if [[ $arch == amd64 ]]; then
  mcopy -i "$work/fat.img" "${boot_files[@]}" ::/
  syslinux --install "$work/fat.img"
else
  mmd -i "$work/fat.img" ::/EFI ::/EFI/BOOT
  mcopy -i "$work/fat.img" "${boot_files[@]}" ::/EFI/BOOT/
fi

le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
raw=$work/disk.raw
truncate -s $((part_start * 512)) "$raw"
[[ $arch != amd64 ]] || dd if="$mbr" of="$raw" bs=440 count=1 conv=notrunc status=none
# Partition 1: active, of $part_type, CHS fields "beyond 8 GiB" (LBA only).
{
  printf '%b' "$(le32 0x50150000)\x00\x00"                                      # disk signature at 440
  printf '%b' "\x80\xfe\xff\xff\x$part_type\xfe\xff\xff$(le32 $part_start)$(le32 $part_sectors)"
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
