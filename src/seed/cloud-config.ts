import { stringify } from 'yaml';
import { metaData } from './meta-data.js';
import type { NoCloudDocuments, SeedSpec } from './seed-spec.js';
import { EXEMPT_SLIRP_GATEWAY } from './sshd-settings.js';

/** The cloud-config user-data: one user with the job's key and passwordless sudo, a pinned host key. */
export function userData(spec: SeedSpec): string {
  const config = {
    hostname: spec.hostname,
    manage_etc_hosts: true,
    users: [
      {
        name: spec.user,
        gecos: 'Solstice CI',
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
        // Where the admin command is doas (Alpine), cloud-init 23.2+ writes this rule to doas.conf.
        ...(spec.guest.userland.admin === 'doas' ? { doas: [`permit nopass ${spec.user}`] } : {}),
        // The OS's own admin group too (sudo or wheel), for tools that check it rather than sudoers (su, doas, polkit).
        ...(spec.guest.adminGroup ? { groups: [spec.guest.adminGroup] } : {}),
        ...(spec.guest.shell ? { shell: spec.guest.shell } : {}),
        lock_passwd: true,
        ssh_authorized_keys: [...spec.authorizedKeys],
      },
    ],
    disable_root: true,
    bootcmd: [EXEMPT_SLIRP_GATEWAY],
    // No ssh_pwauth: setting it makes cloud-init restart sshd in a later stage, cutting new logins
    // while the job already runs. The user's password is locked, so password logins cannot succeed.
    // Replace whatever host keys the image has with ours only: nothing to trust on first use,
    // and no key generation (3–10 s under TCG): the only type listed is the one given below
    // (an empty list would fail cloud-init's schema check).
    ssh_deletekeys: true,
    ssh_genkeytypes: ['ed25519'],
    ssh_keys: {
      ed25519_private: spec.hostKey.privateKey,
      ed25519_public: spec.hostKey.publicKey,
    },
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}

export function cloudConfigDocuments(spec: SeedSpec): NoCloudDocuments {
  return { 'user-data': userData(spec), 'meta-data': metaData(spec) };
}
