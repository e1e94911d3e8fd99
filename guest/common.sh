# Shared by guest/build.sh and guest/build-tiny.sh (sourced, not run): logging, the cache short-cut,
# the build lock, traps that still run the caller's `cleanup`, and installing missing host tools.
# The caller sets `label` (its name in log lines) and defines `is_cached` and `cleanup`.
# Not part of either image's cache stamp: nothing here decides what an image contains.

log() { printf '%s: %s\n' "$label" "$*" >&2; }
die() { log "error: $*"; exit 1; }

build_started=$SECONDS
phase() { log "[$((SECONDS - build_started))s] $*"; }

# Prints the image path and ends the script when the image is already built (`why` says by whom).
exit_if_cached() {
  local image=$1 why=$2
  if is_cached; then
    log "cached: $image ($why)"
    printf '%s\n' "$image"
    exit 0
  fi
}

# One build at a time per output dir (file descriptor 9 holds the lock until the script ends).
lock_build() {
  exec 9>"$1"
  flock -n 9 || { log "waiting for a concurrent build"; flock 9; }
}

# INT/TERM/HUP exit with the usual codes, so `cleanup` runs on every path through the EXIT trap.
trap_cleanup() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}

apt_updated=
apt_update() {
  [[ -n $apt_updated ]] && return 0
  [[ $EUID -eq 0 ]] || die "must run as root to apt-get update/install (or install the missing packages)"
  apt-get update -q >&2
  apt_updated=1
}

# apt-get installs whichever of the given packages are missing.
install_missing_tools() {
  local missing=() package
  for package in "$@"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) == installed ]] || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  phase "installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -q -y --no-install-recommends "${missing[@]}" >&2
}
