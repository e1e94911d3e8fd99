#!/bin/sh
# /etc/init.d/dropbear of Solstice's tiny guest (guest/build-tiny.sh; see guest/TINY.md).
#   start    dropbear -F -E -s -p 22 -P /run/dropbear.pid, in the background, its log on the console,
#            with -r for each /etc/dropbear/dropbear_{ed25519,ecdsa,rsa}_host_key that exists, else -R
#            (dropbear makes its own keys on the first connection and saves them at those paths).
#   stop     kills the pid in /run/dropbear.pid (the listener only: open sessions survive) and waits
#            up to 5 s for it to exit.
#   restart  stop, then start: how a script picks up a host key it has just written.
# Portable sh: it runs under dash, mksh or busybox ash depending on the variant's /bin/sh.
pidfile=/run/dropbear.pid

running() {
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null)
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -q dropbear "/proc/$pid/comm" 2>/dev/null
}

start() {
  if running; then
    echo "dropbear: already running (pid $pid)" >&2
    return 0
  fi
  keys=
  for type in ed25519 ecdsa rsa; do
    key=/etc/dropbear/dropbear_${type}_host_key
    [ -s "$key" ] && keys="$keys -r $key"
  done
  [ -n "$keys" ] || keys=-R
  # Sessions inherit dropbear's umask: not the caller's (a user-data script's `umask 077`).
  umask 022
  # Not respawned: tests kill it on purpose. -s: no password logins.
  # shellcheck disable=SC2086
  /usr/sbin/dropbear -F -E -s -p 22 -P "$pidfile" $keys </dev/null >/dev/console 2>&1 &
  # -P is written once dropbear listens: wait for it (bounded) so a caller can rely on it.
  i=0
  while [ ! -s "$pidfile" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  return 0
}

stop() {
  running || { rm -f "$pidfile"; return 0; }
  kill "$pid" 2>/dev/null
  i=0
  while [ -d "/proc/$pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  if [ -d "/proc/$pid" ]; then
    kill -9 "$pid" 2>/dev/null
    sleep 0.1
  fi
  rm -f "$pidfile"
}

case $1 in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) echo "usage: $0 start|stop|restart" >&2; exit 2 ;;
esac
