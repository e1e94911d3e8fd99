#!/bin/sh
# Entrypoint of the Solstice runner image (Containerfile at the repository's top level): checks what
# Solstice needs from the pod, then execs the runner (or whatever command it is given) as the
# container's main process.
#
#   solstice-entrypoint [COMMAND [ARG...]]     default COMMAND: $SOLSTICE_RUNNER_HOME/run.sh
#   solstice-entrypoint --check                checks 1 and 2 only, then "ready: KVM" or "ready: TCG"
#                                              (the image's HEALTHCHECK, or a readiness probe)
#
# 1. /dev/kvm: reports whether this user can open it read-write. Never fails for lack of KVM: jobs then
#    run under TCG software emulation (10-50x slower). Solstice probes KVM again for every job.
# 2. The image cache directory: created if missing and must be writable, else a clear error (exit 1).
# 3. exec: the command replaces this script, so its exit code and signals are the container's.
#    With --check: exit 0 when the cache is writable (KVM or not), 1 when it is not, or when
#    SOLSTICE_REQUIRE_KVM=1 and KVM is not usable.
#
# Environment (defaults are the image's paths):
#   SOLSTICE_KVM_DEVICE   /dev/kvm
#   SOLSTICE_CACHE_DIR    /var/cache/solstice   (the image's VOLUME)
#   SOLSTICE_RUNNER_HOME  /home/runner
#   SOLSTICE_REQUIRE_KVM  1: --check fails without usable KVM (for scale sets meant to run on KVM)
#   RUNNER_TOOL_CACHE     if set, $RUNNER_TOOL_CACHE/solstice (Solstice's default cache-dir) should
#                         lead to SOLSTICE_CACHE_DIR; a note says so when it does not.
set -u

kvm_device=${SOLSTICE_KVM_DEVICE:-/dev/kvm}
cache_dir=${SOLSTICE_CACHE_DIR:-/var/cache/solstice}
runner_home=${SOLSTICE_RUNNER_HOME:-/home/runner}
docs='docs/scale-out.md'

say() {
  printf 'solstice-entrypoint: %s\n' "$*"
}

fail() {
  printf 'solstice-entrypoint: error: %s\n' "$*" >&2
  exit 1
}

who="$(id -un 2>/dev/null || echo '?') (uid $(id -u), groups $(id -G | tr ' ' ','))"
tcg='jobs will run under TCG software emulation, about 10-50x slower than with KVM'
kvm_usable=no

# --- 1. KVM ---------------------------------------------------------------------------------------
if [ ! -e "$kvm_device" ]; then
  say "KVM: $kvm_device does not exist in this container: $tcg. To use KVM, give the pod /dev/kvm" \
    "(resource devices.kubevirt.io/kvm from a KVM device plugin, or privileged with a hostPath; see $docs)."
elif [ ! -c "$kvm_device" ]; then
  say "KVM: $kvm_device is not a character device: $tcg."
elif (exec 3<>"$kvm_device") 2>/dev/null; then
  kvm_usable=yes
  say "KVM: $kvm_device is usable by $who: jobs run with hardware acceleration" \
    "(Solstice still checks it with a tiny guest before each job)."
else
  kvm_gid=$(stat -c '%g' "$kvm_device" 2>/dev/null || echo '?')
  kvm_mode=$(stat -c '%A' "$kvm_device" 2>/dev/null || echo '?')
  case " $(id -G) :$kvm_mode" in
    *" $kvm_gid "*:????rw*) kvm_fix="Its group is one of this user's, so the container runtime refuses the device (device cgroup): request it from a KVM device plugin, or mount it into a privileged container" ;;
    *:????rw*) kvm_fix="Fix: add $kvm_gid to the pod's securityContext.supplementalGroups, or build the image with --build-arg KVM_GID=$kvm_gid" ;;
    *) kvm_fix="Fix: its mode gives its group no read-write access; on the node, make /dev/kvm mode 0660 with the kvm group (udev rule), then add that group's id to the pod's securityContext.supplementalGroups" ;;
  esac
  say "KVM: $kvm_device exists ($kvm_mode, group id $kvm_gid) but $who cannot open it read-write: $tcg." \
    "$kvm_fix (see $docs)."
fi

# --- 2. Image cache directory ---------------------------------------------------------------------
cache_fix="Fix: mount a volume there that this user can write: set the pod's securityContext.fsGroup\
 to $(id -g) where the volume type supports ownership management, or make the volume's root directory\
 owned by (or group-writable for) uid $(id -u) (NFS: chown the exported directory, or a root init\
 container); or point SOLSTICE_CACHE_DIR and the workflows' cache-dir input at a writable directory\
 (see $docs)."
if [ -e "$cache_dir" ] && [ ! -d "$cache_dir" ]; then
  fail "the image cache directory $cache_dir exists but is not a directory. $cache_fix"
fi
if ! mkdir_error=$(mkdir -p -- "$cache_dir" 2>&1); then
  fail "cannot create the image cache directory $cache_dir: $mkdir_error. $cache_fix"
fi
probe="$cache_dir/.solstice-write-test.$$"
if ! write_error=$( { : > "$probe"; } 2>&1 ); then
  rm -f -- "$probe" 2>/dev/null
  write_error=${write_error#*: [0-9]*: }  # drop dash's "script: line: " prefix
  fail "the image cache directory $cache_dir is not writable by $who: $write_error. $cache_fix"
fi
rm -f -- "$probe"
say "image cache: $cache_dir is writable."

if [ -n "${RUNNER_TOOL_CACHE:-}" ]; then
  default_cache="$RUNNER_TOOL_CACHE/solstice"
  if [ "$(cd "$default_cache" 2>/dev/null && pwd -P)" != "$(cd "$cache_dir" && pwd -P)" ]; then
    say "note: Solstice's default cache-dir $default_cache is not $cache_dir; workflows that should share" \
      "the cache need 'cache-dir: $cache_dir'."
  fi
fi

# --- 3. The runner --------------------------------------------------------------------------------
if [ "$#" -eq 1 ] && [ "$1" = '--check' ]; then
  if [ "$kvm_usable" = yes ]; then
    say 'ready: KVM'
  elif [ "${SOLSTICE_REQUIRE_KVM:-0}" = 1 ]; then
    fail "not ready: SOLSTICE_REQUIRE_KVM=1 but KVM is not usable (see the KVM line above)."
  else
    say 'ready: TCG (no usable KVM)'
  fi
  exit 0
fi
if [ "$#" -eq 0 ]; then
  set -- "$runner_home/run.sh"
fi
exec "$@"
