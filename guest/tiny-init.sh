#!/bin/sh
# /etc/init.d/rcS of Solstice's tiny guest (built by guest/build-tiny.sh; see guest/TINY.md).
#
# Busybox init runs this once at boot (as its sysinit action, under dash). It
#   - loads the handful of kernel modules the action's QEMU command line needs,
#   - brings up eth0 with DHCP from SLIRP (static 10.0.2.15/24 via 10.0.2.2 if that fails),
#   - runs ONE first-boot reader, chosen by the kernel command line word `solstice.reader=NAME`; the
#     reader also sets up the variant's userland (tar, sh, admin command) and starts dropbear
#     (/etc/init.d/dropbear) when that OS would start sshd. The readers are /etc/tiny-readers/*.sh
#     (guest/tiny-readers/), sourced here:
#       (absent)      cloud-init.sh: Solstice's own NoCloud seed, as cloud-init reads it (the default;
#                     many tests depend on it: keep its behaviour unchanged)
#       tini          cloud-tini of ivoronin/openbsd-cloudimg (OpenBSD): CIDATA ISO, user puffy, doas
#       illumos-cpio  illumos metadata-agent's "Metadata CPIO Device": root only
#       ignition      Ignition spec 3 (Fedora CoreOS) from QEMU fw_cfg opt/com.coreos/config
#       none          no reader: dropbear with its own key, no user
#       console       no reader, like the peers' images: root logs in on ttyS0 with no password
#     Any other name: an error on the console and no sshd.
#
# The default reader understands only the YAML shapes Solstice's seed generator emits
# (src/seed/cloud-init.ts): block mappings and sequences, plain/quoted scalars, `|` block scalars,
# empty flow collections. Not anchors, not multi-line plain or folded scalars, not MIME multipart,
# not `#include`.
#
# Users (default reader): every user whose entry has `sudo:` gets uid 0 (a throwaway guest:
# /usr/bin/sudo is a shim that just runs the command), listed before root in /etc/passwd so `whoami`
# prints its name. A user without `sudo:` gets an ordinary uid (1000, 1001, …) and no sudo.

PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022

# Messages go to the serial console, stamped with the seconds since the kernel started.
log() { read -r up _ </proc/uptime; echo "tiny-init: [${up}s] $*"; }

mount -t proc -o nosuid,nodev,noexec proc /proc
log "start"
mount -t sysfs -o nosuid,nodev,noexec sysfs /sys
mount -t devtmpfs -o nosuid,mode=755 devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts -o nosuid,noexec,gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs /dev/shm
mount -t tmpfs -o nosuid,nodev,mode=755 tmpfs /run
mkdir -p /run/seed /run/cidata /var/log
ln -sf /proc/self/fd /dev/fd 2>/dev/null
hostname tiny

# The first-boot reader (see the header); the last solstice.reader= word wins.
reader=
for word in $(cat /proc/cmdline); do
  case $word in solstice.reader=*) reader=${word#solstice.reader=} ;; esac
done

# Everything the cloud kernel builds as a module that the action's QEMU command line needs
# (-machine pc: PIIX IDE for the seed CD-ROM; virtio disk, NIC and RNG; ACPI power button).
# busybox modprobe resolves dependencies from the modules.dep built into the initramfs. The kernel
# command line has module.async_probe=1, so this returns at once and the devices appear while the
# rest runs (the CD-ROM after ~0.7 s of ATA and SCSI probing under TCG): whatever needs one waits.
modprobe -a virtio_pci virtio_net virtio_blk virtio_rng ata_piix sr_mod isofs button evdev ||
  log "warning: some modules did not load"
ip link set lo up

# wait_for TEST SECONDS: poll every 50 ms.
wait_for() {
  w=0
  until eval "$1"; do
    [ $w -lt $(($2 * 20)) ] || return 1
    sleep 0.05
    w=$((w + 1))
  done
}

# --- network: DHCP from SLIRP, in the background while the seed is read ---------------------------
network() {
  wait_for '[ -e /sys/class/net/eth0 ]' 30 || { log "error: no eth0"; return 1; }
  ip link set eth0 up
  if ! udhcpc -i eth0 -f -q -n -t 4 -T 1 -s /usr/share/udhcpc/default.script >/run/udhcpc.log 2>&1; then
    log "DHCP failed; static 10.0.2.15/24 via 10.0.2.2 (SLIRP's defaults)"
    ip addr add 10.0.2.15/24 dev eth0
    ip route add default via 10.0.2.2
    echo nameserver 10.0.2.3 >/etc/resolv.conf
  fi
}
network &
network_pid=$!

# wait_secs TEST SECONDS: like wait_for, but SECONDS of the clock (/proc/uptime), however slowly the
# tests run on a loaded host (wait_for counts polls). For the readers other than cloud-init.
wait_secs() {
  read -r _up _ </proc/uptime
  _end=$((${_up%.*} + $2))
  until eval "$1"; do
    read -r _up _ </proc/uptime
    [ "${_up%.*}" -lt "$_end" ] || return 1
    sleep 0.05
  done
}

# wait_network: wait (once) for the DHCP above to finish.
network_waited=
wait_network() {
  [ -z "$network_waited" ] || return 0
  network_waited=1
  wait "$network_pid"
  log "network up: $(ip -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}')"
}

# A YAML subset → "path<TAB>value" lines: users.0.name, users.0.ssh_authorized_keys.1, ssh_keys.x
# (one line per line of a block scalar). Sequence items are numbered from 0.
# The program is a single-quoted shell word: it must contain no apostrophe, even in comments.
yaml_flat='
function unquote(v,   out, i, ch) {
  if (v ~ /^"/) {
    v = substr(v, 2); sub(/"[ \t]*(#.*)?$/, "", v); out = ""
    for (i = 1; i <= length(v); i++) {
      ch = substr(v, i, 1)
      if (ch == "\\") { i++; ch = substr(v, i, 1); if (ch == "t") ch = "\t"; else if (ch == "n") ch = " " }
      out = out ch
    }
    return out
  }
  if (v ~ /^'"'"'/) { v = substr(v, 2); sub(/'"'"'[ \t]*(#.*)?$/, "", v); gsub(/'"'"''"'"'/, "'"'"'", v); return v }
  sub(/[ \t]+#.*$/, "", v); sub(/[ \t]+$/, "", v)
  return v
}
function join(p, k) { return p == "" ? k : p "." k }
function node(n, c,   key, val, path, rest, k, parts, i) {
  if (c ~ /^-([ \t]|$)/) {
    path = join(pfx[d], cnt[pfx[d]]++)
    rest = substr(c, 2); match(rest, /^[ \t]*/); rest = substr(rest, RLENGTH + 1)
    if (rest == "" || rest ~ /^#/) { pending = path; pind = n; return }
    n = n + 1 + RLENGTH
    d++; ind[d] = n; pfx[d] = path; zs[d] = 0
    node(n, rest)
    return
  }
  if (match(c, /^[A-Za-z0-9_][A-Za-z0-9_.-]*:([ \t]|$)/)) {
    key = substr(c, 1, index(c, ":") - 1)
    val = substr(c, RLENGTH + 1); sub(/^[ \t]+/, "", val)
    path = join(pfx[d], key)
    if (val == "" || val ~ /^#/) { pending = path; pind = n }
    else if (val ~ /^[|>][-+0-9]*[ \t]*(#.*)?$/) { blk = path; bpar = n; bind = -1; nblank = 0 }
    else if (val ~ /^\[.*\]$/) {
      val = substr(val, 2, length(val) - 2)
      k = split(val, parts, ",")
      for (i = 1; i <= k; i++) { sub(/^[ \t]+/, "", parts[i]); if (parts[i] != "") print path "." (i - 1) "\t" unquote(parts[i]) }
    }
    else if (val ~ /^\{[ \t]*\}$/) { }
    else print path "\t" unquote(val)
    return
  }
  print pfx[d] "\t" unquote(c)
}
BEGIN { d = 0; ind[0] = 0; pfx[0] = ""; pending = ""; blk = "" }
{ sub(/\r$/, "") }
blk != "" {
  if ($0 ~ /^[ \t]*$/) { nblank++; next }
  match($0, /^ */); n = RLENGTH
  if (bind < 0) { if (n > bpar) bind = n; else blk = "" }
  if (blk != "" && n >= bind) {
    for (; nblank > 0; nblank--) print blk "\t"
    print blk "\t" substr($0, bind + 1)
    next
  }
  blk = ""
}
/^[ \t]*(#.*)?$/ { next }
/^(---|\.\.\.)([ \t]|$)/ { next }
{
  match($0, /^ */); n = RLENGTH; c = substr($0, n + 1)
  if (pending != "") {
    if (n > pind || (n == pind && c ~ /^-([ \t]|$)/)) { d++; ind[d] = n; pfx[d] = pending; zs[d] = (n == pind) }
    pending = ""
  }
  # Leave deeper levels; a sequence indented like its key ends at a line without a dash.
  while (d > 0 && (n < ind[d] || (n == ind[d] && zs[d] && c !~ /^-([ \t]|$)/))) d--
  node(n, c)
}'

# value KEY FILE: the first value at KEY; lines KEY FILE: every line at KEY (a block scalar).
value() { awk -v k="$1" 'index($0, k "\t") == 1 { print substr($0, length(k) + 2); exit }' "$2"; }
lines() { awk -v k="$1" 'index($0, k "\t") == 1 { print substr($0, length(k) + 2) }' "$2"; }
# items KEY FILE: the values of the sequence at KEY (KEY.0, KEY.1, ...), in order.
items() {
  awk -v k="$1" 'index($0, k ".") == 1 { i = substr($0, length(k) + 2); sub(/\t.*/, "", i)
    if (i ~ /^[0-9]+$/) print substr($0, length(k) + length(i) + 3) }' "$2"
}


# ACPI power button (QMP system_powerdown) → /etc/acpi/PWRF/00000080 → poweroff. acpid opens the
# input devices present when it starts: wait for the power button's (in the background).
power_button() { grep -qs '^Power Button$' /sys/class/input/event*/device/name; }
(wait_for power_button 30 && acpid -c /etc/acpi -l /run/acpid.log -p /run/acpid.pid ||
  log "warning: no ACPI power button: QMP system_powerdown will do nothing") &

# --- helpers for the readers -----------------------------------------------------------------------
# set_hostname NAME: the running hostname (first label), /etc/hostname and /etc/hosts (127.0.1.1, as
# cloud-init's manage_etc_hosts would). Characters outside [A-Za-z0-9.-] are dropped.
set_hostname() {
  _name=$(printf '%s' "$1" | tr -cd 'A-Za-z0-9.-')
  [ -n "$_name" ] || return 1
  hostname "${_name%%.*}"
  echo "${_name%%.*}" >/etc/hostname
  if [ "${_name%%.*}" = "$_name" ]; then
    printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' "$_name" >/etc/hosts
  else
    printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s %s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' "$_name" "${_name%%.*}" >/etc/hosts
  fi
}

# The programs only some variants have wait in /usr/lib/tiny-alt (build-tiny.sh): a reader moves in
# what its OS has (alt NAME DEST), then userland_done removes the rest, so each variant holds only its
# own userland (e.g. no GNU tar, bsdtar or sudo where the real OS has none).
alt() {
  [ -e "/usr/lib/tiny-alt/$1" ] || { log "error: this image has no $1 (reader $reader)"; return 1; }
  rm -f "$2"
  mv "/usr/lib/tiny-alt/$1" "$2"
}
userland_done() { rm -rf /usr/lib/tiny-alt; }

# run_logged PREFIX COMMAND...: runs the command with stdin from /dev/null, its output (both streams)
# on the console, each line prefixed; returns its exit status.
run_logged() {
  _prefix=$1
  shift
  { "$@" </dev/null 2>&1; echo $? >/run/run_logged.status; } | while IFS= read -r _line; do
    printf '%s: %s\n' "$_prefix" "$_line"
  done >/dev/console
  return "$(cat /run/run_logged.status)"
}

# --- the first-boot reader ---------------------------------------------------------------------------
case $reader in
  '')
    userland_done
    . /etc/tiny-readers/cloud-init.sh
    ;;
  tini | illumos-cpio | ignition | none | console)
    if [ "$reader" != none ] && [ "$reader" != console ] && [ ! -d /usr/lib/tiny-alt ]; then
      log "error: solstice.reader=$reader: this image lacks its programs (amd64 only): sshd not started"
    else
      log "first-boot reader: $reader"
      . "/etc/tiny-readers/$reader.sh"
    fi
    ;;
  *)
    userland_done
    log "error: unknown solstice.reader=$reader (cloud-init by default, or tini, illumos-cpio, ignition, console, none): sshd not started"
    ;;
esac

wait_network
