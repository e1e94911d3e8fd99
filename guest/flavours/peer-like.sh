# shellcheck shell=bash disable=SC2034 # variables read by build.sh, which sources this file
# The peer-like flavour of guest/build.sh (sourced by it, never run on its own):
#
#   bash guest/build.sh --flavour peer-like [OUTPUT_DIR]     (or GUEST_FLAVOUR=peer-like)
#
# A guest with no first-boot reader at all, shaped like the NetBSD, DragonFly and MidnightBSD images
# that cross-platform-actions and vmactions publish, for the action's `console` seed dialect (the
# action logs in on the serial console, types its provisioning, and only then forwards SSH). See
# "The peer-like guest" in guest/README.md. Still Debian 12, with build.sh's trims, but:
#   - no cloud-init and no cloud-guest-utils (so no cloud.cfg, and the root filesystem is not grown);
#   - root has an EMPTY password, and logs in with it on the serial getty (ttyS0, from console=ttyS0)
#     and over SSH (PermitEmptyPasswords, PermitRootLogin, PasswordAuthentication; PAM's nullok);
#   - a fixed set of SSH host keys, made at build time and kept in the image (build.sh deletes them);
#   - a key pair made at build time whose public half is root's authorized_keys; the private half is
#     published next to the image (as vmactions publishes its host.id_rsa), with the host public keys.
# This file is part of the flavour's cache stamp: editing it rebuilds this guest and not the others.

name=debian-12-solstice-peer-like-amd64
checksum_file=SHA256SUMS-peer-like # GNU lines, like the debian guest's SHA256SUMS, which it must not overwrite
cloud_init=no
packages=(
  linux-image-cloud-amd64 systemd-sysv udev dbus openssh-server sudo iproute2 netbase
  ca-certificates e2fsprogs bash git systemd-resolved
)
baked_key=${name%-amd64}-baked-key                   # root's authorized key, private half (0600)
baked_host_keys=${name%-amd64}-baked-host-keys.pub   # the image's host keys, known_hosts-style without a host
flavour_outputs=("$baked_key" "$baked_key.pub" "$baked_host_keys")

flavour_configure() {
  local tree=$1 type
  phase "peer-like layout: root with an empty password, baked host keys and authorized key"

  # root:: — an empty password, not a locked one (`*` or `!`). pam_unix accepts it only with nullok,
  # which Debian's common-auth has; both login (serial getty) and sshd include common-auth.
  grep -q '^auth.*pam_unix\.so.*\bnullok\b' "$tree/etc/pam.d/common-auth" || die "common-auth has no nullok"
  chroot "$tree" /usr/bin/passwd -q -d root >&2
  grep -q '^root::' "$tree/etc/shadow" || die "root's password is not empty"
  # bookworm's login no longer uses pam_securetty (and ships no /etc/securetty): nothing to allow ttyS0.
  ! grep -q '^[^#]*pam_securetty' "$tree/etc/pam.d/login" || die "pam_securetty would refuse ttyS0 logins"

  # The serial getty comes from console=ttyS0 (systemd-getty-generator), as extlinux.conf has it.
  grep -q 'console=ttyS0' "$tree/boot/extlinux/extlinux.conf" || die "no console=ttyS0 for the serial getty"

  # udev loads these for -cpu max ~20 s into the boot, and their lines ("kvm: Nested Virtualization
  # enabled", "powernow_k8: Power state transitions not supported") reached ttyS0 right around the
  # login prompt. Useless in a TCG guest; blacklisted so the console is quiet when the action types.
  printf 'blacklist %s\n' kvm_amd kvm_intel powernow_k8 >"$tree/etc/modprobe.d/solstice-peer-like.conf"

  # sshd as the peers' images have it. Debian's sshd_config includes sshd_config.d first, and the first
  # value of a keyword wins. KbdInteractiveAuthentication stays no (Debian's): password auth, via PAM.
  cat >"$tree/etc/ssh/sshd_config.d/50-peer-like.conf" <<'EOF'
# Solstice peer-like test guest (guest/flavours/peer-like.sh): root logs in with an empty password.
PermitRootLogin yes
PasswordAuthentication yes
PermitEmptyPasswords yes
EOF

  # Host keys: one fixed set, baked into the image, so every boot of it presents the same keys.
  for type in rsa ecdsa ed25519; do
    ssh-keygen -q -t "$type" -N '' -C "root@peer-like" -f "$tree/etc/ssh/ssh_host_${type}_key"
  done
  cat "$tree"/etc/ssh/ssh_host_{ecdsa,ed25519,rsa}_key.pub >"$work/$baked_host_keys"

  # root's authorized key: made here, private half published with the image.
  ssh-keygen -q -t ed25519 -N '' -C "solstice-peer-like-baked-key" -f "$work/$baked_key"
  chmod 600 "$work/$baked_key"
  install -d -m 700 "$tree/root/.ssh"
  install -m 600 "$work/$baked_key.pub" "$tree/root/.ssh/authorized_keys"
  mkdir "$tree/run/sshd" # sshd -t wants its privilege separation directory; /run is a tmpfs when booted
  chroot "$tree" /usr/sbin/sshd -t >&2 || die "sshd -t rejects the peer-like configuration"
  rmdir "$tree/run/sshd"
}
