import { shellQuote } from '../shell/shell.js';
import type { SeedSpec } from './seed-spec.js';
import { EXEMPT_SLIRP_GATEWAY_ANYWHERE } from './sshd-settings.js';

/** The line the script prints when the key is in place: in the console log, it tells a person how far it got. */
export const HOST_KEY_INSTALLED = "solstice: the job's SSH host key is installed";

/**
 * A POSIX sh script, run as root by a reader that takes no host key as data (cloud-tini's user-data,
 * the illumos agent's firstboot.sh): replaces every host key of the guest's SSH server with the job's
 * (the one the client pins), exempts the SLIRP gateway from OpenSSH's penalties where sshd knows the
 * option, and makes the server take it (the entry's `sshdReload`). Until then the guest's own keys are
 * refused by the client, which keeps trying until the boot deadline.
 */
export function hostKeyScript(spec: SeedSpec): string {
  const { userland } = spec.guest;
  const install =
    userland.sshd === 'dropbear'
      ? [
          'mkdir -p /etc/dropbear',
          'rm -f /etc/dropbear/dropbear_*_host_key',
          'solstice_tmp=/etc/dropbear/.solstice-host-key',
          'printf \'%s\\n\' "$solstice_private" > "$solstice_tmp"',
          'dropbearconvert openssh dropbear "$solstice_tmp" /etc/dropbear/dropbear_ed25519_host_key >/dev/null',
          'solstice_status=$?',
          'rm -f "$solstice_tmp"',
          '[ "$solstice_status" -eq 0 ] || { echo "solstice: dropbearconvert could not convert the host key" >&2; exit 1; }',
        ]
      : [
          'mkdir -p /etc/ssh',
          'rm -f /etc/ssh/ssh_host_*key /etc/ssh/ssh_host_*key.pub',
          'printf \'%s\\n\' "$solstice_private" > /etc/ssh/ssh_host_ed25519_key',
          'printf \'%s\\n\' "$solstice_public" > /etc/ssh/ssh_host_ed25519_key.pub',
          'chmod 600 /etc/ssh/ssh_host_ed25519_key',
          'chmod 644 /etc/ssh/ssh_host_ed25519_key.pub',
          EXEMPT_SLIRP_GATEWAY_ANYWHERE,
        ];
  return [
    '#!/bin/sh',
    `# Solstice (${spec.instanceId}): this VM's SSH host key, which the job's client pins.`,
    'umask 077',
    `solstice_private=${shellQuote(spec.hostKey.privateKey.trim())}`,
    `solstice_public=${shellQuote(spec.hostKey.publicKey.trim())}`,
    ...install,
    `${userland.sshdReload} || { echo "solstice: could not make the SSH server take the new host key" >&2; exit 1; }`,
    `echo ${shellQuote(HOST_KEY_INSTALLED)}`,
    '',
  ].join('\n');
}
