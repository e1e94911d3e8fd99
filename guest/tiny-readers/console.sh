# shellcheck shell=sh
# solstice.reader=console: no first-boot reader, shaped like the peers' images of systems that have none
# (NetBSD, DragonFly, MidnightBSD as cross-platform-actions and vmactions publish them): root logs in on
# the serial console (ttyS0) with an empty password, root has a baked authorized key, and dropbear runs
# with host keys of its own. Solstice provisions such a guest by typing on that console (seed: console).
# `solstice.root=locked` gives root a password nobody knows: the console then refuses the empty one.
# Sourced by tiny-init.sh. Userland: busybox ash as /bin/sh (POSIX only), GNU tar, no sudo.
ln -sf busybox /bin/sh 2>/dev/null || ln -sf /bin/busybox /bin/sh
rm -f /usr/bin/sudo
userland_done

root_password=
for word in $(cat /proc/cmdline); do
  # A hash no password matches: the console asks for one and refuses every answer.
  case $word in solstice.root=locked) root_password='$6$solstice$NoPasswordHasThisHashSoNobodyLogsInWithItAtAll' ;; esac
done
printf 'root:x:0:0:root:/root:/bin/sh\n' >/etc/passwd
printf 'root:x:0:\ntty:x:5:\n' >/etc/group
printf 'root:%s:1::::::\n' "$root_password" >/etc/shadow
chmod 640 /etc/shadow
printf '/bin/sh\n' >/etc/shells
# The peers' published key: anyone holding its private half gets in, unless the job removes it.
mkdir -p /root/.ssh
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBakedBakedBakedBakedBakedBakedBakedBakedBak baked@peer' >/root/.ssh/authorized_keys
chmod 700 /root/.ssh
chmod 600 /root/.ssh/authorized_keys

/etc/init.d/dropbear start
log "dropbear started (host keys generated; root may log in on ttyS0 with an empty password)"

# A login prompt on the serial console, again after each logout (busybox getty runs login).
(
  while :; do
    setsid getty -L 115200 ttyS0 vt100 </dev/null >/dev/null 2>&1
    sleep 0.2
  done
) &
