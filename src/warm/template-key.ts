import type { JobConfig } from '../config/job.js';
import type { Firmware } from '../core/vocabulary.js';
import type { ShellSpec } from '../shell/shell.js';
import { sha256Hex } from '../store/sha256.js';

/** Bumped whenever what a template holds, or how it is restored, changes: older templates stop matching. */
export const TEMPLATE_FORMAT_VERSION = 2;

/**
 * Everything that must be the same for a saved machine to restore: the disk it was booted from, the
 * machine QEMU built around it (device model, firmware, CPU, memory, disk size, network), the QEMU that
 * saved it, everything that ran in it (the guest's user, `prepare` and the shell that ran it), and who
 * may restore it (its scope).
 */
export interface TemplateIdentity {
  imageDigest: string;
  arch: string;
  firmware: Firmware;
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
  /** The seed dialect the template was provisioned through (a cloud-config seed or its console). */
  seed: string;
  network: boolean;
  /** sha256 of the prepare script ('' hashed too: no prepare is a template of its own). */
  prepareSha256: string;
  /** The step `shell` that ran `prepare` ('' without prepare: then nothing ran in it). */
  prepareShell: string;
  /** Whose jobs restore it: `repository <owner/name>`, `local` (no repository: the CLI), or `shared`. */
  scope: string;
}

/** What the template's machine is made of, as the job found it on the runner. */
export interface TemplateMachine {
  imageDigest: string;
  firmware: TemplateIdentity['firmware'];
  accel: string;
  qemuBinary: string;
}

/** The identity of the template a job with `config` restores on `machine`. */
export function templateIdentity(config: JobConfig, machine: TemplateMachine): TemplateIdentity {
  return {
    ...machine,
    arch: config.machine.arch,
    cpus: config.cpus,
    memoryMiB: config.memoryMiB,
    diskSizeBytes: config.diskSizeBytes ?? 0,
    user: config.user,
    adminGroup: config.guest.adminGroup ?? '',
    shell: config.guest.shell ?? '',
    seed: config.guest.seed,
    network: config.network,
    prepareSha256: sha256Hex(config.prepare),
    prepareShell: config.prepare === '' ? '' : describeShell(config.rules.shell),
    scope: config.templateScope,
  };
}

function describeShell(shell: ShellSpec): string {
  return shell.kind === 'template' ? shell.template : shell.kind;
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
    'prepareShell',
    'scope',
  ];
  return JSON.stringify([TEMPLATE_FORMAT_VERSION, ...fields.map((field) => [field, identity[field]])]);
}

/** The template's name in the cache: a sha256 of its identity (hex, 64 characters). */
export function templateKey(identity: TemplateIdentity): string {
  return sha256Hex(describeIdentity(identity));
}

/** The key as outputs and messages show it. */
export function shortKey(key: string): string {
  return key.slice(0, 12);
}
