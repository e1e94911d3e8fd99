import { createHash } from 'node:crypto';

/** Bumped whenever what a template holds, or how it is restored, changes: older templates stop matching. */
export const TEMPLATE_FORMAT_VERSION = 1;

/**
 * Everything that must be the same for a saved machine to restore: the disk it was booted from, the
 * machine QEMU built around it (device model, firmware, CPU, memory, disk size, network), the QEMU that
 * saved it, and what ran in it (the guest's user and `prepare`).
 */
export interface TemplateIdentity {
  imageDigest: string;
  arch: string;
  firmware: 'bios' | 'uefi';
  accel: string;
  /** The QEMU binary as installed (path, size, mtime): the migration stream's format is that QEMU's. */
  qemuBinary: string;
  cpus: number;
  memoryMiB: number;
  /** Bytes; 0 keeps the image's own size. */
  diskSizeBytes: number;
  user: string;
  adminGroup: string;
  shell: string;
  network: boolean;
  /** sha256 of the prepare script ('' hashed too: no prepare is a template of its own). */
  prepareSha256: string;
}

/** The identity as one stable string (field order fixed here, not by the caller's object). */
export function describeIdentity(identity: TemplateIdentity): string {
  const fields: (keyof TemplateIdentity)[] = [
    'imageDigest',
    'arch',
    'firmware',
    'accel',
    'qemuBinary',
    'cpus',
    'memoryMiB',
    'diskSizeBytes',
    'user',
    'adminGroup',
    'shell',
    'network',
    'prepareSha256',
  ];
  return JSON.stringify([TEMPLATE_FORMAT_VERSION, ...fields.map((field) => [field, identity[field]])]);
}

/** The template's name in the cache: a sha256 of its identity (hex, 64 characters). */
export function templateKey(identity: TemplateIdentity): string {
  return createHash('sha256').update(describeIdentity(identity)).digest('hex');
}

/** The key as outputs and messages show it. */
export function shortKey(key: string): string {
  return key.slice(0, 12);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
