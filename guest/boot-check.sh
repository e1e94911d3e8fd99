#!/usr/bin/env bash
# Validation boot for the images guest/build*.sh make: boots IMAGE once with plain QEMU under TCG, with
# the action's own machine layout and a NoCloud seed shaped like Solstice's (src/seed/cloud-init.ts: one
# user with a `sudo:` rule and a locked password, the pinned ed25519 host key in `ssh_keys:`), waits
# for SSH, prints what the seed produced in the guest, and powers it off.
#
#   bash guest/boot-check.sh [--arch x86_64|aarch64] [--group GROUP] [--shell PATH] [--user NAME]
#                            [--deadline SECONDS] [--analyze] [--console FILE] [--cpu MODEL] IMAGE
#
# IMAGE is a qcow2, or a .qcow2.xz (decompressed into the work dir first, as the action's cache would).
# --group/--shell add the seed's `groups: [GROUP]` / `shell:` (what a catalog entry adds); --analyze adds
# systemd-analyze's view of the boot to the report; --console keeps the serial console log in FILE;
# --cpu replaces the action's TCG CPU model (max), e.g. max,pauth-impdef=on for aarch64. x86_64: -machine
# pc, seed on an IDE CD-ROM, SeaBIOS. aarch64: -machine virt, seed on a second virtio disk, UEFI (AAVMF).
# Prints "boot-to-ssh: N s" and the guest's report on stdout; exits non-zero if SSH never answered.
# Nothing is written outside a temporary directory; only the QEMU it started is ever stopped.
set -euo pipefail

arch=x86_64 group='' shell='' user=runner deadline=600 analyze='' console_copy='' cpu=max
while (($#)); do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --group) group=$2; shift 2 ;;
    --shell) shell=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --deadline) deadline=$2; shift 2 ;;
    --analyze) analyze=1; shift ;;
    --console) console_copy=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    -*) echo "boot-check: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
(($# == 1)) || { echo "usage: boot-check.sh [--arch x86_64|aarch64] [--group G] [--shell S] IMAGE" >&2; exit 2; }
image=$(readlink -f "$1")
[[ -f $image ]] || { echo "boot-check: no such image $1" >&2; exit 2; }

log() { printf 'boot-check: %s\n' "$*" >&2; }
since() { awk -v from="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - from }'; }
work=$(mktemp -d /tmp/boot-check.XXXXXX)
qemu_pid=
cleanup() {
  set +e
  if [[ -n $qemu_pid ]] && kill -0 "$qemu_pid" 2>/dev/null; then kill "$qemu_pid"; wait "$qemu_pid" 2>/dev/null; fi
  [[ -z $console_copy || ! -f $work/console.log ]] || cp "$work/console.log" "$console_copy"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- disk: an overlay of the image (decompressed first if it is .xz) ---------------------------------
base=$image
if [[ $image == *.xz ]]; then
  base=$work/base.qcow2
  started=$EPOCHREALTIME
  xz -dc "$image" >"$base"
  log "decompressed in $(since "$started") s: $(stat -c %s "$base") bytes"
fi
qemu-img create -q -f qcow2 -F qcow2 -b "$base" "$work/disk.qcow2" 8G

# --- seed ----------------------------------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -C boot-check -f "$work/client"
ssh-keygen -q -t ed25519 -N '' -C boot-check-host -f "$work/host"
mkdir "$work/seed"
{
  echo '#cloud-config'
  echo 'hostname: boot-check'
  echo 'manage_etc_hosts: true'
  echo 'users:'
  echo "  - name: $user"
  echo '    gecos: Solstice CI'
  echo '    sudo: ALL=(ALL) NOPASSWD:ALL'
  [[ -z $group ]] || printf '    groups:\n      - %s\n' "$group"
  [[ -z $shell ]] || echo "    shell: $shell"
  echo '    lock_passwd: true'
  echo '    ssh_authorized_keys:'
  echo "      - $(<"$work/client.pub")"
  echo 'disable_root: true'
  echo 'ssh_deletekeys: true'
  echo 'ssh_genkeytypes:'
  echo '  - ed25519'
  echo 'ssh_keys:'
  echo '  ed25519_private: |'
  sed 's/^/    /' "$work/host"
  echo "  ed25519_public: $(<"$work/host.pub")"
} >"$work/seed/user-data"
printf 'instance-id: boot-check-%s\nlocal-hostname: boot-check\n' "$(date +%s)" >"$work/seed/meta-data"
genisoimage -quiet -output "$work/seed.iso" -volid cidata -joliet -rock "$work/seed/user-data" "$work/seed/meta-data"

# --- QEMU, with the action's command line (src/qemu/command-line.ts) -----------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
disk=(-drive "file=$work/disk.qcow2,if=virtio,format=qcow2,discard=unmap") # first: it is vda
case $arch in
  x86_64)
    qemu=(qemu-system-x86_64 -machine "pc,accel=tcg" -cpu "$cpu" "${disk[@]}"
      -drive "file=$work/seed.iso,media=cdrom,if=ide,format=raw,readonly=on" -device pvpanic)
    ;;
  aarch64)
    code=/usr/share/AAVMF/AAVMF_CODE.fd
    [[ -f $code ]] || { echo "boot-check: $code missing (apt-get install qemu-efi-aarch64)" >&2; exit 2; }
    cp /usr/share/AAVMF/AAVMF_VARS.fd "$work/vars.fd"
    qemu=(qemu-system-aarch64 -machine "virt,accel=tcg" -cpu "$cpu"
      -drive "if=pflash,format=raw,unit=0,readonly=on,file=$code"
      -drive "if=pflash,format=raw,unit=1,file=$work/vars.fd"
      "${disk[@]}" -drive "file=$work/seed.iso,if=virtio,format=raw,readonly=on")
    ;;
  *) echo "boot-check: unknown arch $arch" >&2; exit 2 ;;
esac
qemu+=(-smp 2 -m 2048M -nodefaults -no-user-config -display none
  -netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$port-:22" -device "virtio-net-pci,netdev=net0"
  -device virtio-rng-pci -serial "file:$work/console.log")

log "booting $(basename "$image") ($arch, TCG, port $port)"
started=$EPOCHREALTIME
"${qemu[@]}" &
qemu_pid=$!
elapsed() { since "$started"; }

# --- readiness: the sshd banner (a silent probe is closed after 0.5 s), then a pinned login -------------
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$work/host.pub")" >"$work/known_hosts"
ssh_opts=(-i "$work/client" -p "$port" -o UserKnownHostsFile="$work/known_hosts" -o StrictHostKeyChecking=yes
  -o IdentitiesOnly=yes -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR)
# shellcheck disable=SC2016 # $line belongs to the inner bash
banner() { timeout 1 bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$port"' && IFS= read -r -t 0.5 line <&3 && [[ $line == SSH-* ]]' 2>/dev/null; }
banner_at=
while :; do
  kill -0 "$qemu_pid" 2>/dev/null || { log "QEMU exited; console:"; tail -n 30 "$work/console.log" >&2; exit 1; }
  if (($(printf '%.0f' "$(elapsed)") > deadline)); then
    log "no SSH after ${deadline} s (sshd banner: ${banner_at:-never}); last ssh error: $(tail -n 3 "$work/ssh.err" 2>/dev/null)"
    log "console:"
    grep -a -v 'Exit before auth\|Child connection' "$work/console.log" | tail -n 40 >&2
    exit 1
  fi
  if [[ -z $banner_at ]]; then
    if banner; then banner_at=$(elapsed); else sleep 0.2; continue; fi
  fi
  if timeout 20 ssh "${ssh_opts[@]}" "$user@127.0.0.1" true 2>"$work/ssh.err"; then break; fi
  sleep 0.2
done
echo "boot-to-ssh: $(elapsed) s (sshd banner at $banner_at s)"

# --- what the seed produced ----------------------------------------------------------------------------
# Given to the login shell as one string (as the action's commands are), written for any POSIX sh.
# shellcheck disable=SC2016 # expanded in the guest
report='
. /etc/os-release; echo "os: $PRETTY_NAME ($(uname -m), kernel $(uname -r))"
echo "id: $(id)"
echo "passwd: $(getent passwd "$(id -un)")"
echo "login shell runs this as: $(readlink /proc/$$/exe)"
echo "/bin/sh -> $(readlink -f /bin/sh)"
echo "group wheel: $(getent group wheel || echo none)"
echo "group sudo: $(getent group sudo || echo none)"
echo "sudo -n: $(sudo -n id -un 2>&1)"
echo "sudo PATH: $(sudo -n sh -c "echo \$PATH" 2>&1)"
echo "cloud-init: $(cloud-init --version 2>&1)"
echo "status: $(cloud-init status --wait 2>&1 | tail -n 1)"
echo "cloud-init log warnings: $(sudo -n grep -c -E "WARNING|DEPRECAT" /var/log/cloud-init.log)"
sudo -n grep -E "WARNING|DEPRECAT" /var/log/cloud-init.log | sed "s/^/  /" | cut -c1-220 | head -n 12
echo "root fs: $(df -h / | awk "NR == 2 { print \$2 \" (\" \$3 \" used)\" }")"
echo "systemd: $(systemctl is-system-running 2>&1)"
'
[[ -z $analyze ]] || report+='
systemd-analyze time 2>&1 | head -n 1
systemd-analyze critical-chain ssh.service 2>&1 | tail -n +3 | head -n 12
systemd-analyze blame 2>&1 | head -n 8
'
# shellcheck disable=SC2029 # the report is meant to run in the guest as it is
ssh "${ssh_opts[@]}" "$user@127.0.0.1" "$report" || log "report command failed ($?)"

# --- power off -----------------------------------------------------------------------------------------
off_started=$EPOCHREALTIME
ssh "${ssh_opts[@]}" "$user@127.0.0.1" 'sudo -n poweroff' >/dev/null 2>&1 || true
for _ in $(seq 1 150); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$qemu_pid" 2>/dev/null; then
  log "still running 30 s after poweroff: stopping QEMU"
else
  echo "power-off: $(since "$off_started") s"
fi
