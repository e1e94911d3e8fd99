# shellcheck shell=sh
# solstice.reader=tini: cloud-tini, the first-boot reader of ivoronin/openbsd-cloudimg (OpenBSD),
# as its README documents it ("cloud-tini", NoCloud source; guest/TINY.md says what is left out).
# Sourced by tiny-init.sh, which defines log, wait_secs, wait_network, yaml_flat, value, items,
# set_hostname, alt, userland_done and run_logged.
#
# Like OpenBSD's rc: sshd starts first with fresh host keys, then "rc.local" runs the reader:
#   - the medium is an ISO 9660 volume labelled exactly CIDATA (a `cidata` volume is not one), on a
#     CD-ROM or an extra virtio disk, polled for up to 30 s;
#   - meta-data: public-keys (a list, or one string) into a managed block of
#     ~puffy/.ssh/authorized_keys (rewritten each boot, other lines kept); local-hostname into
#     /etc/hostname (and /etc/myname), hostname and /etc/hosts; instance-id gates user-data;
#   - user-data, if present: run as root with `/bin/sh FILE` (the shebang is ignored), only when
#     instance-id differs from /var/db/cloud-tini.instance-id (recorded after), after the network is up.
# The image's user is puffy (for the real image's `openbsd`): uid 1000, group wheel, /bin/ksh,
# passwordless doas. No sudo.

# --- userland: OpenBSD-like --------------------------------------------------------------------------
# /bin/ksh and /bin/sh: mksh (pdksh's descendant, like OpenBSD's ksh); /bin/tar: MirBSD pax (OpenBSD
# pax's descendant) in tar mode (it picks the mode from its name); doas: OpenDoas (PAM: pam_permit).
alt mksh /bin/ksh
ln -sf ksh /bin/sh
rm -f /bin/dash /bin/tar /usr/bin/sudo
alt pax /bin/pax
ln -s pax /bin/tar
alt doas /usr/bin/doas
chmod 4755 /usr/bin/doas
userland_done
printf 'permit nopass keepenv :wheel\npermit nopass root\n' >/etc/doas.conf
chmod 600 /etc/doas.conf
mkdir -p /etc/pam.d
printf 'auth\tsufficient\tpam_permit.so\naccount\trequired\tpam_permit.so\nsession\trequired\tpam_permit.so\n' >/etc/pam.d/doas
cp /etc/pam.d/doas /etc/pam.d/other
printf '/bin/sh\n/bin/ksh\n/bin/ash\n' >/etc/shells

printf 'root:x:0:0:Charlie &:/root:/bin/ksh\npuffy:x:1000:1000:Puffy:/home/puffy:/bin/ksh\n' >/etc/passwd
printf 'root:x:0:\nwheel:x:10:root,puffy\ntty:x:5:\npuffy:x:1000:\n' >/etc/group
printf 'root:*:1::::::\npuffy:*:1::::::\n' >/etc/shadow
chmod 640 /etc/shadow
mkdir -p /home/puffy/.ssh /var/db
chmod 700 /home/puffy/.ssh
chown -R 1000:1000 /home/puffy

# --- sshd first, with host keys it makes itself --------------------------------------------------
/etc/init.d/dropbear start
log "dropbear started (host keys generated)"

# --- rc.local: cloud-tini ----------------------------------------------------------------------------
# volume_id DEV: the volume identifier of an ISO 9660 primary volume descriptor (sector 16, bytes
# 40..71, space padded), or nothing if DEV holds no ISO 9660 volume.
volume_id() {
  [ "$(dd if="$1" bs=1 skip=32769 count=5 2>/dev/null)" = CD001 ] || return 0
  dd if="$1" bs=1 skip=32808 count=32 2>/dev/null | sed 's/ *$//'
}
find_cidata() {
  for dev in /dev/sr* /dev/vd[b-z]; do
    [ -b "$dev" ] || continue
    [ "$(volume_id "$dev")" = CIDATA ] || continue
    if mount -t iso9660 -o ro "$dev" /run/cidata 2>/dev/null; then
      seed=$dev
      return 0
    fi
  done
  return 1
}
seed=
if wait_secs find_cidata 30; then
  log "cloud-tini: NoCloud CIDATA volume on $seed"
  md=/run/seed/meta-data.tsv
  : >"$md"
  [ -f /run/cidata/meta-data ] && awk "$yaml_flat" /run/cidata/meta-data >"$md"

  # SSH keys: a list, or a single string.
  keys=/run/seed/public-keys
  { items public-keys "$md"; value public-keys "$md"; } | grep -v '^[[:space:]]*$' >"$keys"
  ak=/home/puffy/.ssh/authorized_keys
  {
    [ -f "$ak" ] && awk '/^# BEGIN cloud-tini$/ { skip = 1; next } /^# END cloud-tini$/ { skip = 0; next } !skip' "$ak"
    echo '# BEGIN cloud-tini'
    cat "$keys"
    echo '# END cloud-tini'
  } >"$ak.new"
  mv "$ak.new" "$ak"
  chmod 600 "$ak"
  chown 1000:1000 "$ak"
  log "cloud-tini: $(wc -l <"$keys") key(s) for puffy"

  name=$(value local-hostname "$md")
  if [ -n "$name" ] && set_hostname "$name"; then
    cp /etc/hostname /etc/myname
    log "cloud-tini: hostname $name"
  fi

  if [ -f /run/cidata/user-data ]; then
    id=$(value instance-id "$md")
    if [ -f /var/db/cloud-tini.instance-id ] && [ "$(cat /var/db/cloud-tini.instance-id)" = "$id" ]; then
      log "cloud-tini: user-data already ran for instance-id $id"
    else
      wait_network
      cp /run/cidata/user-data /run/seed/user-data
      log "cloud-tini: running user-data as root (/bin/sh)"
      run_logged "cloud-tini: user-data" /bin/sh /run/seed/user-data
      log "cloud-tini: user-data exited with $?"
      printf '%s\n' "$id" >/var/db/cloud-tini.instance-id
    fi
  fi
else
  log "cloud-tini: no NoCloud volume labelled CIDATA: no keys, no user-data"
fi
