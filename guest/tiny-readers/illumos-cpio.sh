# shellcheck shell=sh
# solstice.reader=illumos-cpio: illumos/metadata-agent's "Generic QEMU/KVM" source, the "Metadata CPIO
# Device" of its README (guest/TINY.md says what is left out). Sourced by tiny-init.sh, which defines
# log, wait_secs, wait_network, set_hostname, alt, userland_done and run_logged.
#
#   - the medium: any disk (the agent looks at every /dev/rdsk/*p0; here /dev/vd* and /dev/sd*: with
#     asynchronous probing the seed may be vda and the root disk vdb), whose
#     first bytes are a cpio archive with the POSIX.1 "odc" header (070707) or the old binary header
#     (0xC7 0x71): no file system, just `cpio -o` output from LBA 0. newc (070701) is not one.
#     Polled for up to 30 s.
#   - before sshd: `nodename` (first line: hostname, /etc/nodename, /etc/hostname, /etc/hosts) and
#     `authorized_keys` (/root/.ssh/authorized_keys, 0600); `config.toml` is ignored;
#   - sshd starts (host keys generated, as on a fresh image);
#   - then `firstboot.sh` (the userscript service): only if it starts with `#!`, executed directly as
#     root, once (/var/lib/metadata/firstboot.done).
# Login: root only.

# --- userland: /bin/tar is bsdtar, /bin/sh busybox ash ----------------------------------------------
# Debian's static busybox is a "standalone shell" build whose ash runs busybox's own tar for `tar`
# whatever PATH holds, so /bin/sh is Debian's dynamic busybox (same version, same ash, no applet
# preference): `tar` in a script or SSH command is then /bin/tar, i.e. bsdtar.
alt bsdtar /usr/bin/bsdtar
rm -f /bin/tar /bin/dash
ln -s /usr/bin/bsdtar /bin/tar
alt busybox-dynamic /bin/busybox-dynamic
ln -sf busybox-dynamic /bin/sh
alt cpio /usr/bin/cpio
userland_done
modprobe -a sd_mod 2>/dev/null

# --- the metadata CPIO device -------------------------------------------------------------------------
find_cpio() {
  for dev in /dev/vd[a-z] /dev/sd[a-z]; do
    [ -b "$dev" ] || continue
    magic=$(dd if="$dev" bs=512 count=1 2>/dev/null | od -An -tx1 -N6 | tr -d ' \n')
    case $magic in
      303730373037 | c771*) seed=$dev; return 0 ;;
    esac
  done
  return 1
}
seed=
md=/run/metadata-cpio
mkdir -p "$md" /var/lib/metadata
if wait_secs find_cpio 30; then
  log "metadata: CPIO archive on $seed"
  (cd "$md" && cpio -i --quiet --no-absolute-filenames --make-directories <"$seed") ||
    log "metadata: warning: cpio reported an error"
else
  log "metadata: no CPIO device (odc or binary cpio at LBA 0 of vd*/sd*)"
fi
is_file() { [ -f "$1" ] && [ ! -L "$1" ]; }

if is_file "$md/nodename"; then
  name=$(head -n 1 "$md/nodename")
  if set_hostname "$name"; then
    cp /etc/hostname /etc/nodename
    log "metadata: nodename $name"
  fi
fi
mkdir -p /root/.ssh
chmod 700 /root/.ssh
if is_file "$md/authorized_keys"; then
  cp "$md/authorized_keys" /root/.ssh/authorized_keys
  chmod 600 /root/.ssh/authorized_keys
  log "metadata: $(grep -c '^[^#[:space:]]' /root/.ssh/authorized_keys) key(s) for root"
fi
is_file "$md/config.toml" && log "metadata: config.toml ignored"

# --- sshd ----------------------------------------------------------------------------------------------
/etc/init.d/dropbear start
log "dropbear started (host keys generated)"

# --- the userscript service ----------------------------------------------------------------------
if is_file "$md/firstboot.sh"; then
  if [ -f /var/lib/metadata/firstboot.done ]; then
    log "userscript: firstboot.sh already ran"
  elif [ "$(head -c 2 "$md/firstboot.sh")" != '#!' ]; then
    log "userscript: firstboot.sh does not start with an interpreter line (#!): not run"
  else
    wait_network
    cp "$md/firstboot.sh" /var/lib/metadata/firstboot.sh
    chmod 700 /var/lib/metadata/firstboot.sh
    log "userscript: running firstboot.sh"
    run_logged "userscript: firstboot.sh" /var/lib/metadata/firstboot.sh
    log "userscript: firstboot.sh exited with $?"
    : >/var/lib/metadata/firstboot.done
  fi
fi
