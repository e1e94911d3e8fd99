#!/bin/sh
# /etc/init.d/rcS of Solstice's tiny guest (built by guest/build-tiny.sh; see guest/TINY.md).
#
# Busybox init runs this once at boot (as its sysinit action, under dash). In about a second under
# TCG, most of it waiting for the CD-ROM to be probed, it does what cloud-init does for Solstice's own
# seed, and nothing more:
#   - loads the handful of kernel modules the action's QEMU command line needs,
#   - brings up eth0 with DHCP from SLIRP (static 10.0.2.15/24 via 10.0.2.2 if that fails),
#   - finds the NoCloud seed (an ISO 9660 CD-ROM holding meta-data or user-data; the `cidata` label
#     is not checked), parses its user-data (only if it starts with `#cloud-config`) and meta-data,
#   - creates the users with their authorized keys, sets the hostname (user-data `hostname`, else
#     meta-data `local-hostname`) and /etc/hosts, installs the host key(s) from `ssh_keys:`
#     (OpenSSH format, converted for dropbear) and starts dropbear with only them.
# Everything else in the seed is ignored (see guest/TINY.md).
#
# It understands only the YAML shapes Solstice's seed generator emits (src/seed/cloud-init.ts):
# block mappings and sequences, plain/quoted scalars, `|` block scalars, empty flow collections.
# Not anchors, not multi-line plain or folded scalars, not MIME multipart, not `#include`.
#
# Users: every user whose entry has `sudo:` gets uid 0 (a throwaway guest: /usr/bin/sudo is a shim that
# just runs the command), listed before root in /etc/passwd so `whoami` prints its name. A user
# without `sudo:` gets an ordinary uid (1000, 1001, …) and no sudo.

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

# --- the seed ------------------------------------------------------------------------------------
# Poll for up to 30 s. NoCloud also allows a vfat seed or one on another disk; this guest looks only
# at CD-ROMs and extra virtio disks holding an ISO 9660 seed.
find_seed() {
  for dev in /dev/sr* /dev/vd[b-z]; do
    [ -b "$dev" ] || continue
    if mount -t iso9660 -o ro "$dev" /run/cidata 2>/dev/null; then
      if [ -f /run/cidata/meta-data ] || [ -f /run/cidata/user-data ]; then
        seed=$dev
        return 0
      fi
      umount /run/cidata
    fi
  done
  return 1
}
seed=
wait_for find_seed 30

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

ud=/run/seed/user-data.tsv
md=/run/seed/meta-data.tsv
: >"$ud"
: >"$md"
if [ -n "$seed" ]; then
  log "seed found on $seed"
  [ -f /run/cidata/meta-data ] && awk "$yaml_flat" /run/cidata/meta-data >"$md"
  if [ -f /run/cidata/user-data ]; then
    if [ "$(head -n 1 /run/cidata/user-data | tr -d '\r ')" = "#cloud-config" ]; then
      awk "$yaml_flat" /run/cidata/user-data >"$ud"
    else
      log "warning: user-data is not #cloud-config: ignored (this guest reads only Solstice's own seed)"
    fi
  fi
else
  log "warning: no NoCloud seed (cidata) found: no users, random host key"
fi

# --- hostname (user-data's hostname wins over meta-data's local-hostname, as in cloud-init) -------
name=$(value hostname "$ud")
[ -n "$name" ] || name=$(value local-hostname "$md")
name=$(printf '%s' "$name" | tr -cd 'A-Za-z0-9.-')
[ -n "$name" ] || name=tiny
hostname "${name%%.*}"
echo "${name%%.*}" >/etc/hostname
if [ "${name%%.*}" = "$name" ]; then
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' "$name" >/etc/hosts
else
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s %s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' "$name" "${name%%.*}" >/etc/hosts
fi

# --- users ---------------------------------------------------------------------------------------
passwd_users=
group_users=
shadow_users=
next_uid=1000
i=0
while grep -q "^users\.$i[.	]" "$ud"; do
  user=$(value "users.$i.name" "$ud")
  if [ -z "$user" ]; then
    # A plain string entry: cloud-init's "default" (no default user here) or a bare user name.
    user=$(value "users.$i" "$ud")
    [ "$user" = default ] && user=
  fi
  if [ -n "$user" ] && printf '%s' "$user" | grep -Eq '^[a-z_][a-z0-9_-]{0,31}$' && [ "$user" != root ]; then
    case $(value "users.$i.sudo" "$ud") in
      '' | false | False | FALSE | null | '~') uid=$next_uid; next_uid=$((next_uid + 1)) ;;
      *) uid=0 ;;
    esac
    gecos=$(value "users.$i.gecos" "$ud" | tr -d ':\n')
    home=/home/$user
    passwd_users="$passwd_users$user:x:$uid:$uid:$gecos:$home:/bin/sh
"
    shadow_users="$shadow_users$user:*:1::::::
"
    [ "$uid" -ne 0 ] && group_users="$group_users$user:x:$uid:
"
    mkdir -p "$home/.ssh"
    items "users.$i.ssh_authorized_keys" "$ud" | grep -v '^[[:space:]]*$' >"$home/.ssh/authorized_keys"
    chmod 700 "$home/.ssh"
    chmod 600 "$home/.ssh/authorized_keys"
    chown -R "$uid:$uid" "$home"
    log "user $user (uid $uid, $(wc -l <"$home/.ssh/authorized_keys") authorized key(s))"
  elif [ -n "$user" ]; then
    log "warning: user name '$user' skipped"
  fi
  i=$((i + 1))
done
printf '%sroot:x:0:0:root:/root:/bin/sh\n' "$passwd_users" >/etc/passwd
printf 'root:x:0:\ntty:x:5:\n%s' "$group_users" >/etc/group
printf '%sroot:*:1::::::\n' "$shadow_users" >/etc/shadow
chmod 640 /etc/shadow

# --- host keys: only the seed's, converted from OpenSSH format -------------------------------------
mkdir -p /etc/dropbear
hostkeys=
for type in ed25519 ecdsa rsa; do
  lines "ssh_keys.${type}_private" "$ud" >"/run/seed/$type.openssh"
  if [ -s "/run/seed/$type.openssh" ]; then
    if dropbearconvert openssh dropbear "/run/seed/$type.openssh" "/etc/dropbear/dropbear_${type}_host_key" >/dev/null 2>&1; then
      hostkeys="$hostkeys -r /etc/dropbear/dropbear_${type}_host_key"
      log "host key ($type) from the seed"
    else
      log "warning: the seed's $type host key could not be converted"
    fi
  fi
  rm -f "/run/seed/$type.openssh"
done
[ -n "$hostkeys" ] || { hostkeys=-R; log "warning: no host key in the seed: dropbear makes its own"; }

# ACPI power button (QMP system_powerdown) → /etc/acpi/PWRF/00000080 → poweroff. acpid opens the
# input devices present when it starts: wait for the power button's (in the background).
power_button() { grep -qs '^Power Button$' /sys/class/input/event*/device/name; }
(wait_for power_button 30 && acpid -c /etc/acpi -l /run/acpid.log -p /run/acpid.pid ||
  log "warning: no ACPI power button: QMP system_powerdown will do nothing") &

# Not respawned: tests kill it on purpose (`kill $(cat /run/dropbear.pid)`). -s: no password logins.
# -F -E in the background so its log reaches the serial console. It listens before the network is
# up; SSH answers once DHCP is done.
# shellcheck disable=SC2086
dropbear -F -E -s -p 22 -P /run/dropbear.pid $hostkeys </dev/null >/dev/console 2>&1 &
log "dropbear started"

wait "$network_pid"
log "network up: $(ip -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}')"
