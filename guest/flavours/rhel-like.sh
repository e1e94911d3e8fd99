# shellcheck shell=bash disable=SC2034 # variables read by build.sh, which sources this file
# The rhel-like flavour of guest/build.sh (sourced by it, never run on its own):
#
#   bash guest/build.sh --flavour rhel-like [OUTPUT_DIR]     (or GUEST_FLAVOUR=rhel-like)
#
# Still Debian and real cloud-init, but with the parts that differ between distributions, and that the
# action's seed meets, laid out the way RHEL-family cloud images (Fedora, CentOS Stream, RHEL, Rocky,
# AlmaLinux) lay them out. It also comes from another release and is published the way those images are
# (see "The rhel-like guest" in guest/README.md):
#   - the admin group is `wheel`; there is no `sudo` group;
#   - /etc/sudoers is RHEL's: `%wheel ALL=(ALL) ALL` (a password is needed: passwordless sudo comes only
#     from the seed's `sudo:` rule), `secure_path` without /usr/local, `#includedir /etc/sudoers.d`;
#   - useradd gives new users /bin/bash (Debian: /bin/sh), and /bin/sh is bash (Debian: dash);
#   - Debian 13 "trixie" (cloud-init 25, OpenSSH 10, systemd 257, sudo 1.9.16) instead of 12;
#   - NAME.qcow2.xz with a BSD-style CHECKSUM file instead of a qcow2 with SHA256SUMS.
# This file is part of the flavour's cache stamp: editing it rebuilds this guest and not the debian one.
# Everything else (packages, trims, cloud.cfg, disk) is build.sh's and shared.

name=debian-13-solstice-rhel-like-x86_64 # RHEL-family publishers say x86_64 where Debian says amd64
suite=trixie
sources=(
  "deb http://deb.debian.org/debian trixie main"
  "deb http://deb.debian.org/debian trixie-updates main"
  "deb http://deb.debian.org/debian-security trixie-security main"
)
compression=xz
checksum_file=$name-CHECKSUM # Fedora names it <image prefix>-CHECKSUM; Rocky just CHECKSUM

flavour_configure() {
  local tree=$1
  phase "rhel-like layout: wheel, RHEL's sudoers, bash for new users and as /bin/sh"

  # wheel is gid 10 on RHEL; on Debian 10 is uucp, so here it is a system gid. No `sudo` group: a seed
  # that lists `groups: [sudo]` gets a new, powerless group from cloud-init, as on Rocky.
  groupadd --root "$tree" --system wheel
  groupdel --root "$tree" sudo
  # trixie's systemd declares Debian's static groups, sudo among them, in sysusers.d/basic.conf, and
  # systemd-sysusers would add the group back at first boot: an /etc/sysusers.d file of the same name
  # without that line overrides the package's.
  local conf
  for conf in "$tree"/usr/lib/sysusers.d/*.conf; do
    if grep -Eq '^g[[:space:]]+sudo([[:space:]]|$)' "$conf"; then
      mkdir -p "$tree/etc/sysusers.d"
      sed -E '/^g[[:space:]]+sudo([[:space:]]|$)/d' "$conf" >"$tree/etc/sysusers.d/${conf##*/}"
      log "no sudo group from ${conf#"$tree"}: overridden in /etc/sysusers.d"
    fi
  done

  # RHEL 9's /etc/sudoers without its comments. Members of wheel need their password, so a seed user
  # (password locked) has passwordless sudo only through the rule cloud-init writes from `sudo:` into
  # /etc/sudoers.d/90-cloud-init-users. cloud-init finds the `#includedir` spelling (RHEL's) itself.
  cat >"$tree/etc/sudoers" <<'EOF'
## Solstice rhel-like test guest: /etc/sudoers as RHEL 9 ships it (comments dropped).
Defaults   !visiblepw
Defaults    always_set_home
Defaults    match_group_by_gid
Defaults    env_reset
Defaults    env_keep =  "COLORS DISPLAY HOSTNAME HISTSIZE KDEDIR LS_COLORS"
Defaults    env_keep += "MAIL QTDIR USERNAME LANG LC_ADDRESS LC_CTYPE"
Defaults    env_keep += "LC_COLLATE LC_IDENTIFICATION LC_MEASUREMENT LC_MESSAGES"
Defaults    env_keep += "LC_MONETARY LC_NAME LC_NUMERIC LC_PAPER LC_TELEPHONE"
Defaults    env_keep += "LC_TIME LC_ALL LANGUAGE LINGUAS _XKB_CHARSET XAUTHORITY"
Defaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin

root	ALL=(ALL) 	ALL
%wheel	ALL=(ALL)	ALL

#includedir /etc/sudoers.d
EOF
  chmod 440 "$tree/etc/sudoers"
  chroot "$tree" /usr/sbin/visudo -c -q -f /etc/sudoers >&2 || die "visudo rejects the rhel-like sudoers"

  # Users created without `shell:` (cloud-init runs plain useradd) log in to bash, as on RHEL, so sshd
  # runs the action's commands with bash there and with dash on the debian guest.
  if grep -q '^SHELL=' "$tree/etc/default/useradd"; then
    sed -i 's|^SHELL=.*|SHELL=/bin/bash|' "$tree/etc/default/useradd"
  else
    echo SHELL=/bin/bash >>"$tree/etc/default/useradd"
  fi
  # /bin/sh is bash on RHEL, so `shell: sh` steps and #!/bin/sh scripts accept bashisms there. (Not a
  # dpkg diversion: an upgrade of dash inside the guest would put dash back, harmless for one job.)
  [[ $(readlink "$tree/usr/bin/sh") == dash ]] || die "expected /usr/bin/sh -> dash in $suite"
  ln -sfn bash "$tree/usr/bin/sh"
}
