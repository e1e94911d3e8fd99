import { CancelledError } from '../../core/errors.js';
import type { ConsoleTail } from '../../console/console-tail.js';
import { binaryIdentity } from '../../qemu/binary-identity.js';
import { QEMU_BINARY } from '../../qemu/command-line.js';
import { shortKey, templateIdentity, templateKey, type TemplateIdentity } from '../../warm/template-key.js';
import { markTemplateUsed, type Template } from '../../warm/template-store.js';
import type { GuestPlan } from '../guest-identity.js';
import type { JobScope } from '../job-scope.js';
import { bootUntilSsh } from './boot.js';
import type { Guest } from './launch.js';
import { restoreClone } from './restore.js';
import { discardTemplateUnderLock, ensureTemplate } from './template.js';

/** How the job's guest came to answer over SSH. */
export interface GuestStart {
  guest: Guest;
  how: 'warm' | 'cold';
  /** The template restored (warm), or the one that would not restore (cold after a fallback). */
  templateKey?: string;
  /** `prepare` has not run in this guest yet (every cold start). */
  prepareNeeded: boolean;
}

/**
 * The ways to a running guest, as the chooser sees them: bound to the real parts by `guestPaths`, to
 * fakes in tests (test/unit/start-guest.test.ts), so the policy below is tested without a VM.
 */
export interface GuestPaths {
  boot(): Promise<Guest>;
  /** What a template for this job is made of (image, machine, QEMU, prepare, scope): its key is their hash. */
  templateIdentity(): Promise<TemplateIdentity>;
  /** The template of that identity: found, or built now. */
  template(identity: TemplateIdentity, key: string): Promise<Template>;
  restore(template: Template): Promise<Guest>;
  /** Marks a template used (for prune, and for the remote store to keep), after a restore. */
  used(template: Template): Promise<void>;
  discard(key: string): Promise<void>;
}

/**
 * The job's guest: restored from a template with `warm-start`, else booted. A template that does not
 * restore is discarded and the job boots cold (see `afterFailedRestore`); a cancel is never a fallback.
 */
export async function startGuest(scope: JobScope, paths: GuestPaths): Promise<GuestStart> {
  const { config, reporter, clock, signal } = scope;
  const cold = async (): Promise<GuestStart> => ({
    guest: await paths.boot(),
    how: 'cold',
    prepareNeeded: config.prepare !== '',
  });
  if (!config.warmStart) return cold();
  const identity = await paths.templateIdentity();
  const key = templateKey(identity);
  const template = await clock.time('template', paths.template(identity, key));
  try {
    const guest = await paths.restore(template);
    await paths.used(template);
    return { guest, how: 'warm', templateKey: key, prepareNeeded: false };
  } catch (error) {
    if (afterFailedRestore(error, signal) === 'rethrow') throw error;
    const next = template.restoredFrom
      ? `it came from ${template.restoredFrom}, which keeps its copy: later jobs restore that again until the entry whose key ends in ${key} is deleted there`
      : 'the next job builds it again';
    reporter.warning(
      `The warm-start template ${shortKey(key)} did not restore (${(error as Error).message.split('\n')[0]}): it is discarded, and this job boots cold; ${next}.`,
    );
    await paths.discard(key);
    return { ...(await cold()), templateKey: key };
  }
}

/** What a failed restore leads to: a cancel ends the job; anything else is the template's fault, so boot cold. */
export function afterFailedRestore(error: unknown, signal: AbortSignal): 'rethrow' | 'boot cold' {
  return error instanceof CancelledError || signal.aborted ? 'rethrow' : 'boot cold';
}

/** The real ways to the job's guest: its plan booted, or a template of its machine restored. */
export function guestPaths(scope: JobScope, plan: GuestPlan, console: ConsoleTail): GuestPaths {
  const { config } = scope;
  return {
    boot: () => bootUntilSsh(scope, { plan, console }),
    templateIdentity: async () =>
      templateIdentity(config, {
        imageDigest: `${plan.image.digest.algorithm}:${plan.image.digest.hex}`,
        firmware: plan.uefi ? 'uefi' : 'bios',
        accel: plan.accel,
        qemuBinary: await binaryIdentity(QEMU_BINARY[config.machine.arch]),
      }),
    template: (identity, key) => ensureTemplate(scope, { key, identity, base: plan }),
    restore: (template) => restoreClone(scope, { plan, console, template }),
    used: async (template) => {
      await markTemplateUsed(template);
      // Only a template a clone really came from is worth keeping beyond this machine.
      scope.remoteTemplates?.used(template);
    },
    discard: (key) => discardTemplateUnderLock(scope, key),
  };
}
