import { buildCpio, type CpioFile } from './cpio.js';
import { hostKeyScript } from './host-key-script.js';
import type { SeedSpec } from './seed-spec.js';

/**
 * The illumos metadata agent's provider for plain QEMU/KVM (illumos/metadata-agent, "Metadata CPIO
 * Device"): a raw cpio archive at the start of a disk, holding `nodename` (the hostname),
 * `authorized_keys` (installed for root: root is who logs in) and `firstboot.sh`, a script with an
 * interpreter line run once as root, which installs the pinned host key.
 */
export function illumosCpioFiles(spec: SeedSpec): CpioFile[] {
  return [
    { name: 'nodename', data: Buffer.from(`${spec.hostname}\n`), mode: 0o644 },
    { name: 'authorized_keys', data: Buffer.from(spec.authorizedKeys.map((key) => `${key}\n`).join('')), mode: 0o600 },
    { name: 'firstboot.sh', data: Buffer.from(hostKeyScript(spec)), mode: 0o700 },
  ];
}

export function illumosCpioDisk(spec: SeedSpec, modified?: Date): Buffer {
  return buildCpio(illumosCpioFiles(spec), modified);
}
