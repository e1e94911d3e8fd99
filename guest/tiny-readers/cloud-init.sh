# shellcheck shell=sh
# The cloud-init reader of Solstice's tiny guest: the default (no solstice.reader= on the kernel
# command line). Sourced by tiny-init.sh (/etc/init.d/rcS), which defines log, wait_for, yaml_flat,
# value, lines and items. It reads Solstice's own NoCloud seed as cloud-init would (see the header of
# tiny-init.sh and guest/TINY.md), then starts dropbear with only the seed's host keys.

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

# Not respawned: tests kill it on purpose (`kill $(cat /run/dropbear.pid)`). /etc/init.d/dropbear
# runs dropbear -F -E -s -p 22 -P /run/dropbear.pid with -r for each key converted above (the
# only ones in /etc/dropbear), else -R, in the background so its log reaches the serial console. It
# listens before the network is up; SSH answers once DHCP is done.
/etc/init.d/dropbear start
log "dropbear started"
