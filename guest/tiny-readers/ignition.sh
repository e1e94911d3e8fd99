# shellcheck shell=sh
# solstice.reader=ignition: Ignition (Fedora CoreOS), config spec 3.0.0-3.4.0, from QEMU's fw_cfg
# (-fw_cfg name=opt/com.coreos/config,file=CONFIG), as coreos/ignition documents it (guest/TINY.md
# says what is left out). Sourced by tiny-init.sh, which defines log, wait_secs, set_hostname, alt and
# userland_done.
#
# Runs before sshd, as Ignition runs in the initramfs: passwd.users (name, sshAuthorizedKeys,
# groups) and storage.files (path, mode, overwrite, contents.source as a data: URL,
# contents.compression gzip, user/group). A config Ignition would reject (invalid JSON, a version
# outside 3.0.0-3.4.0, a file it cannot write) stops the boot as Ignition's failure does (emergency
# shell): sshd is never started. No config at all: nothing to do, sshd starts (as on FCOS).
# sshd uses /etc/ssh/ssh_host_{ed25519,ecdsa,rsa}_key if the config wrote them (converted for
# dropbear), else dropbear makes its own keys.
# Users: the baked `core` is in wheel and sudo, so (the tiny guest's convention, /usr/bin/sudo being a
# shim) uid 0, listed before root; a config user in wheel or sudo also gets uid 0, others 1000, 1001, ...

# --- userland: /bin/sh dash, /bin/tar busybox tar, sudo shim -----------------------------------------
rm -f /bin/tar
ln -s busybox /bin/tar
alt jq /usr/bin/jq
userland_done
rm -f /etc/hostname # FCOS has none: a config that writes it needs no overwrite
# FCOS does have /etc/hosts (localhost only): replacing it needs overwrite, as there.
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >/etc/hosts

ign_fail() {
  log "ignition: $*"
  log "ignition: failed: the real thing would drop to the emergency shell; sshd is not started"
  ignition_ok=
}
ignition_ok=1
config=/run/ignition.json
fw=/sys/firmware/qemu_fw_cfg
modprobe qemu_fw_cfg || log "ignition: warning: no qemu_fw_cfg module"
# With module.async_probe=1 the driver fills by_name/ after modprobe returns, entry by entry: wait
# for the first entries, then until their number stops changing (QEMU always has etc/* entries).
# (by_name/ holds symlinks into by_key/, one per entry, made right after the entry.)
fw_entries() { ls "$fw/by_key" 2>/dev/null | wc -l; }
fw_settled() { _n=$(fw_entries); [ "$_n" -gt 0 ] && [ "$_n" = "${_prev-}" ] || { _prev=$_n; false; }; }
if wait_secs fw_settled 5 && [ -f "$fw/by_name/opt/com.coreos/config/raw" ]; then
  cat "$fw/by_name/opt/com.coreos/config/raw" >"$config"
  log "ignition: config from fw_cfg opt/com.coreos/config ($(wc -c <"$config") bytes)"
else
  log "ignition: no config in fw_cfg (opt/com.coreos/config): nothing to do"
  echo '{"ignition":{"version":"3.4.0"}}' >"$config"
fi

# One jq run turns the config into a plan, a shell script calling ign_user and ign_file in that order
# (jq takes ~0.3 s a run under TCG: one run per field cost seconds). Its first line sets `version`;
# the baked user core comes first if the config does not name it.
plan=/run/ignition.plan
if ! jq -r '
  if type != "object" then error("not a JSON object") else . end |
  "version=\(.ignition.version // "" | tostring | @sh)",
  (if [.passwd.users // [] | .[] | .name] | index("core") then empty else "ign_user -1 core \"\" \"\"" end),
  (.passwd.users // [] | to_entries[] |
    "ign_user \(.key) \(.value.name // "" | tostring | @sh) \(.value.groups // [] | join(" ") | @sh) \(.value.sshAuthorizedKeys // [] | join("\n") | @sh)"),
  (.storage.files // [] | to_entries[] | .value as $f |
    "ign_file \(.key) \($f.path // "" | tostring | @sh) \($f.mode // 420 | tostring | @sh) \($f.overwrite // false | tostring | @sh) \($f.contents.source // "" | tostring | @sh) \($f.contents.compression // "" | tostring | @sh) \(($f.user.name // $f.user.id // 0 | tostring) + ":" + ($f.group.name // $f.group.id // 0 | tostring) | @sh)")
  ' "$config" >"$plan" 2>/run/ignition.jq-error; then
  ign_fail "the config is not valid JSON or not an object: $(head -c 200 /run/ignition.jq-error)"
else
  eval "$(head -n 1 "$plan")"
  case $version in
    3.0.0 | 3.1.0 | 3.2.0 | 3.3.0 | 3.4.0) log "ignition: config version $version" ;;
    *) ign_fail "unsupported config version '$version' (this guest reads 3.0.0 to 3.4.0)" ;;
  esac
fi

# --- passwd.users ----------------------------------------------------------------------------------
passwd_users=
shadow_users=
group_users=
wheel=
sudoers=
next_uid=1000
write_accounts() {
  printf '%sroot:x:0:0:root:/root:/bin/sh\n' "$passwd_users" >/etc/passwd
  printf 'root:x:0:\ntty:x:5:\nwheel:x:10:%s\nsudo:x:27:%s\n%s' "${wheel#,}" "${sudoers#,}" "$group_users" >/etc/group
  printf '%sroot:*:1::::::\n' "$shadow_users" >/etc/shadow
  chmod 640 /etc/shadow
}
ign_user() { # INDEX NAME GROUPS KEYS (INDEX -1: the baked core, not in the config)
  [ -n "$ignition_ok" ] || return 0
  user=$2 groups=$3
  if ! printf '%s' "$user" | grep -Eq '^[a-z_][a-z0-9_-]{0,31}$' || [ "$user" = root ]; then
    ign_fail "passwd.users[$1]: user name '$user' not supported here"
    return 1
  fi
  [ "$user" != core ] || groups="wheel sudo $groups" # the baked user's groups
  case " $groups " in
    *" wheel "* | *" sudo "*) uid=0 ;;
    *)
      uid=$next_uid
      next_uid=$((next_uid + 1))
      group_users="$group_users$user:x:$uid:
"
      ;;
  esac
  gecos=
  [ "$user" != core ] || gecos='CoreOS Admin'
  passwd_users="$passwd_users$user:x:$uid:$uid:$gecos:/home/$user:/bin/sh
"
  shadow_users="$shadow_users$user:*:1::::::
"
  for g in $groups; do
    case $g in wheel) wheel="$wheel,$user" ;; sudo) sudoers="$sudoers,$user" ;; esac
  done
  write_accounts
  mkdir -p "/home/$user/.ssh"
  chmod 700 "/home/$user/.ssh"
  [ -z "$4" ] || printf '%s\n' "$4" >>"/home/$user/.ssh/authorized_keys"
  touch "/home/$user/.ssh/authorized_keys"
  chmod 600 "/home/$user/.ssh/authorized_keys"
  chown -R "$uid:$uid" "/home/$user"
  log "ignition: user $user (uid $uid, $(grep -c . "/home/$user/.ssh/authorized_keys") authorized key(s))"
}

# --- storage.files -----------------------------------------------------------------------------------
# pct_decode: RFC 3986 percent-decoding of stdin (the payload of a `data:,` URL).
pct_decode() {
  awk 'BEGIN { RS = "\001"; for (i = 0; i < 256; i++) hex[sprintf("%02x", i)] = i }
    { s = $0; n = length(s)
      for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (c == "%" && (h = tolower(substr(s, i + 1, 2))) in hex) { printf "%c", hex[h]; i += 2 }
        else printf "%s", c
      } }'
}
hosts_written=
ign_file() { # INDEX PATH MODE OVERWRITE SOURCE COMPRESSION OWNER:GROUP
  [ -n "$ignition_ok" ] || return 0
  path=$2 source=$5
  case $path in /*) ;; *) ign_fail "storage.files[$1]: path '$path' is not absolute"; return 1 ;; esac
  case /$path/ in */../*) ign_fail "storage.files[$1]: path '$path' holds .."; return 1 ;; esac
  case $3 in '' | *[!0-9]*) ign_fail "storage.files[$1]: mode '$3' is not a decimal integer"; return 1 ;; esac
  if [ -e "$path" ] || [ -L "$path" ]; then
    [ "$4" = true ] || { ign_fail "storage.files[$1]: $path exists and overwrite is not true"; return 1; }
    rm -rf "$path"
  fi
  mkdir -p "${path%/*}"
  tmp=/run/ignition.file
  case $source in
    '') : >"$tmp" ;;
    data:*,*)
      header=${source#data:}
      header=${header%%,*}
      case $header in
        *';base64') printf '%s' "${source#*,}" | base64 -d >"$tmp" 2>/dev/null ||
          { ign_fail "storage.files[$1]: bad base64 in the data URL"; return 1; } ;;
        *) printf '%s' "${source#*,}" | pct_decode >"$tmp" ;;
      esac
      ;;
    *) ign_fail "storage.files[$1]: only data: URLs are supported here (got '${source%%,*}')"; return 1 ;;
  esac
  case $6 in
    '') ;;
    gzip) { gunzip -c "$tmp" >"$tmp.out" && mv "$tmp.out" "$tmp"; } || { ign_fail "storage.files[$1]: bad gzip"; return 1; } ;;
    *) ign_fail "storage.files[$1]: compression '$6' not supported"; return 1 ;;
  esac
  mv "$tmp" "$path"
  [ "$path" != /etc/hosts ] || hosts_written=1
  chmod "$(printf '%o' "$3")" "$path"
  chown "$7" "$path" || { ign_fail "storage.files[$1]: cannot chown $path to $7"; return 1; }
  log "ignition: wrote $path (mode $(printf '%o' "$3"), $7, $(wc -c <"$path") bytes)"
}

write_accounts # root only, until the plan adds users
# shellcheck disable=SC1090
[ -z "$ignition_ok" ] || . "$plan"

# --- hostname and sshd -------------------------------------------------------------------------------
if [ -n "$ignition_ok" ]; then
  if [ -s /etc/hostname ]; then
    # set_hostname also writes /etc/hosts (127.0.1.1): not over one the config wrote.
    [ -z "$hosts_written" ] || cp -p /etc/hosts /run/ignition.hosts
    set_hostname "$(head -n 1 /etc/hostname)" && log "ignition: hostname $(hostname)"
    [ -z "$hosts_written" ] || mv /run/ignition.hosts /etc/hosts
  fi
  for type in ed25519 ecdsa rsa; do
    [ -f "/etc/ssh/ssh_host_${type}_key" ] || continue
    if dropbearconvert openssh dropbear "/etc/ssh/ssh_host_${type}_key" "/etc/dropbear/dropbear_${type}_host_key" >/dev/null 2>&1; then
      log "ignition: sshd uses /etc/ssh/ssh_host_${type}_key"
    else
      log "ignition: warning: /etc/ssh/ssh_host_${type}_key could not be converted"
    fi
  done
  /etc/init.d/dropbear start
  log "dropbear started"
fi
