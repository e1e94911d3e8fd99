# shellcheck shell=sh
# solstice.reader=none: an image with no first-boot reader. Nothing reads any seed, no user is made
# (root has no keys), dropbear makes its own host key (-R). Sourced by tiny-init.sh.
userland_done
log "no first-boot reader in this image"
/etc/init.d/dropbear start
log "dropbear started (host keys generated)"
