import { EXEMPT_SLIRP_GATEWAY } from './sshd-settings.js';
import type { SeedSpec } from './seed-spec.js';

/** Spec 3.4.0: read by Ignition 2.15 and later (Fedora CoreOS since 2023, Flatcar 3815+). */
export const IGNITION_VERSION = '3.4.0';

interface IgnitionFile {
  path: string;
  mode: number;
  overwrite: true;
  contents: { source: string };
}

function file(path: string, mode: number, text: string): IgnitionFile {
  return { path, mode, overwrite: true, contents: { source: `data:;base64,${Buffer.from(text).toString('base64')}` } };
}

/**
 * The Ignition config: the job's user with its key and the admin group (Fedora CoreOS and Flatcar give
 * `wheel` passwordless sudo; a sudoers drop-in makes sure), the pinned host key and the hostname as
 * files, written before sshd first starts, and a unit that exempts the SLIRP gateway from OpenSSH's
 * penalties before sshd starts.
 */
export function ignitionConfig(spec: SeedSpec): string {
  const group = spec.guest.adminGroup ?? 'wheel';
  const config = {
    ignition: { version: IGNITION_VERSION },
    passwd: {
      users: [{ name: spec.user, sshAuthorizedKeys: [...spec.authorizedKeys], groups: [group] }],
    },
    storage: {
      files: [
        file('/etc/ssh/ssh_host_ed25519_key', 0o600, `${spec.hostKey.privateKey.trim()}\n`),
        file('/etc/ssh/ssh_host_ed25519_key.pub', 0o644, `${spec.hostKey.publicKey.trim()}\n`),
        file('/etc/hostname', 0o644, `${spec.hostname}\n`),
        file('/etc/sudoers.d/90-solstice', 0o440, `${spec.user} ALL=(ALL) NOPASSWD:ALL\n`),
      ],
    },
    systemd: {
      units: [
        {
          name: 'solstice-sshd-slirp.service',
          enabled: true,
          contents: [
            '[Unit]',
            'Description=Solstice: exempt the SLIRP gateway from sshd penalties',
            'Before=sshd.service sshd.socket',
            '[Service]',
            'Type=oneshot',
            `ExecStart=/bin/sh -c ${JSON.stringify(EXEMPT_SLIRP_GATEWAY)}`,
            '[Install]',
            'WantedBy=multi-user.target',
            '',
          ].join('\n'),
        },
      ],
    },
  };
  return JSON.stringify(config);
}
