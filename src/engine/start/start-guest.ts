import { randomBytes } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { effectiveBootTimeoutSeconds } from '../../config/job.js';
import { CancelledError, SolsticeError } from '../../core/errors.js';
import { createOverlay } from '../../disk/overlay.js';
import { binaryIdentity } from '../../qemu/binary-identity.js';
import { QEMU_BINARY } from '../../qemu/command-line.js';
import { waitForSsh } from '../../ssh/readiness.js';
import { restoreMachineState } from '../../warm/machine-state.js';
import { AgentSession } from '../../warm/agent.js';
import { NO_RESEED_STATUS, secureIdentityScript, settleIdentityScript } from '../../warm/reidentify.js';
import { shortKey, templateIdentity, templateKey, type TemplateIdentity } from '../../warm/template-key.js';
import {
  discardTemplate,
  lockTemplate,
  markTemplateUsed,
  readTemplate,
  type Template,
} from '../../warm/template-store.js';
import {
  announceQemu,
  bootUntilSsh,
  jobTarget,
  startQemu,
  superviseVm,
  type BootContext,
  type Booted,
} from './boot.js';
import { buildTemplate } from './template.js';

/** How the guest of this job came to answer over SSH. */
export interface Started {
  booted: Booted;
  how: 'warm' | 'cold';
  /** The template restored (warm), or the one that would not restore (cold after a fallback). */
  templateKey?: string;
  /** `prepare` has not run in this guest yet (every cold start). */
  prepareNeeded: boolean;
}

export interface WarmContext extends BootContext {
  tempRoot: string;
}

/** A restore must be quick, or it is not worth waiting for: past this (×4 under TCG), the job boots cold. */
const RESTORE_TIMEOUT_SECONDS = 30;
/** Waiting for another job's template build: a cold boot, prepare (which may install a toolchain) and a save. */
const TEMPLATE_LOCK_TIMEOUT_MS = 60 * 60_000;
/** Bytes from the runner's RNG written into each clone's pool. */
const ENTROPY_BYTES = 64;

/** The guest of a job: restored from a template with `warm-start`, else booted. */
export async function startGuest(context: WarmContext): Promise<Started> {
  if (!context.config.warmStart) return coldStart(context);
  const { reporter, clock, signal } = context;
  const identity = await identityOf(context);
  const key = templateKey(identity);
  const template = await clock.time('template', ensureTemplate(context, identity, key));
  try {
    const booted = await restoreClone(context, template);
    await markTemplateUsed(template);
    return { booted, how: 'warm', templateKey: key, prepareNeeded: false };
  } catch (error) {
    if (error instanceof CancelledError || signal.aborted) throw error;
    reporter.warning(
      `The warm-start template ${shortKey(key)} did not restore (${(error as Error).message.split('\n')[0]}): it is discarded, and this job boots cold; the next job builds it again.`,
    );
    await discardUnderLock(context, key);
    return { ...(await coldStart(context)), templateKey: key };
  }
}

async function coldStart(context: WarmContext): Promise<Started> {
  const booted = await bootUntilSsh(context);
  return { booted, how: 'cold', prepareNeeded: context.config.prepare !== '' };
}

/** The template for `key`: found in the cache, or built now under its lock (one build for concurrent jobs). */
async function ensureTemplate(context: WarmContext, identity: TemplateIdentity, key: string): Promise<Template> {
  const { config, reporter, signal } = context;
  const found = await readTemplate(config.cacheDir, key).catch(async (error: Error) => {
    reporter.warning(`Discarded the warm-start template ${shortKey(key)}: ${error.message}.`);
    await discardUnderLock(context, key);
    return undefined;
  });
  if (found) return found;
  const lost = new AbortController();
  const release = await lockTemplate(config.cacheDir, key, {
    reporter,
    signal,
    timeoutMs: TEMPLATE_LOCK_TIMEOUT_MS,
    onCompromised: () => lost.abort(),
  });
  try {
    // Another job may have built it while we waited for the lock.
    const built = await readTemplate(config.cacheDir, key).catch(() => undefined);
    if (built) return built;
    return await buildTemplate({ ...context, key, identity, signal: AbortSignal.any([signal, lost.signal]) });
  } finally {
    await release().catch(() => {});
  }
}

async function discardUnderLock(context: WarmContext, key: string): Promise<void> {
  const { config, reporter, signal } = context;
  const release = await lockTemplate(config.cacheDir, key, {
    reporter,
    signal,
    timeoutMs: TEMPLATE_LOCK_TIMEOUT_MS,
    onCompromised: () => {},
  });
  try {
    await discardTemplate(config.cacheDir, key);
  } finally {
    await release().catch(() => {});
  }
}

async function identityOf({ config, prepared }: WarmContext): Promise<TemplateIdentity> {
  return templateIdentity(config, {
    imageDigest: `${prepared.image.digest.algorithm}:${prepared.image.digest.hex}`,
    firmware: prepared.uefi ? 'uefi' : 'bios',
    accel: prepared.accel,
    qemuBinary: await binaryIdentity(QEMU_BINARY[config.machine.arch]),
  });
}

/**
 * A clone of the template for this job: a fresh overlay on the template's disk, a QEMU with the
 * template's device model that loads its state, then through the guest agent: the job's RNG reseed, host
 * key and login key; then, while the job's first login (pinning the job's host key) is under way, the
 * runner's clock and the job's hostname. Any failure stops the clone; the caller boots cold.
 */
async function restoreClone(context: WarmContext, template: Template): Promise<Booted> {
  const { config, prepared, teardown, clock, signal } = context;
  const deadlineMs = restoreDeadlineMs(context);
  const disk = join(prepared.job.path, 'clone.qcow2');
  await createOverlay({ path: template.files.disk, format: 'qcow2', virtualSize: 0 }, disk, undefined, signal);
  if (prepared.uefi) await copyFile(template.files.uefiVars, prepared.uefi.varsPath);
  const started = await startQemu(context, {
    disk,
    seed: template.files.seed,
    warm: {
      memoryPath: template.files.memory,
      role: 'clone',
      agentSocketPath: prepared.files.agentSocket,
      readOnlyRam: template.record.readOnlyRam,
    },
  });
  const startedAt = Date.now();
  const { watch, release } = superviseVm(started, context);
  const { vm, qmp } = started;
  try {
    announceQemu(context, vm, `the warm-start template ${shortKey(template.record.key)}`);
    await clock.time('restore-state', restoreMachineState(qmp, template.files.state, deadlineMs, signal));
    const target = jobTarget(context, vm.spec.sshPort);
    const agent = await clock.time('agent', AgentSession.open(prepared.files.agentSocket, { deadlineMs, signal }));
    let ssh: Client | undefined;
    try {
      const job = {
        hostname: prepared.job.vmName,
        templateHostname: template.record.hostname,
        user: config.user,
        authorizedKey: prepared.loginKey.publicKey,
        hostKey: prepared.hostKey,
        entropy: randomBytes(ENTROPY_BYTES),
      };
      await clock.time('secure-identity', expectSuccess(agent.run(secureIdentityScript(job)), 'install the job keys'));
      const settled = expectSuccess(agent.run(settleIdentityScript(job, Date.now())), 'set the clock and hostname');
      const login = clock.time(
        'job-login',
        waitForSsh(target, {
          deadlineMs,
          vmExited: watch.lost,
          signal,
          describeFailure: async (reason: string) => (watch.loss ? watch.message(watch.loss) : reason),
          // The restored guest's sshd runs (and is back within moments of its reload): retry closely.
          sshdStarting: () => true,
        }),
      );
      const [settleResult, loginResult] = await Promise.allSettled([settled, login]);
      if (loginResult.status === 'fulfilled') ssh = loginResult.value;
      if (settleResult.status === 'rejected') throw settleResult.reason;
      if (loginResult.status === 'rejected') throw loginResult.reason;
    } catch (error) {
      ssh?.end();
      throw error;
    } finally {
      agent.close();
    }
    const connected = ssh!;
    teardown.add(() => connected.end());
    return {
      vm,
      qmp,
      watch,
      ssh: connected,
      target,
      bootSeconds: (Date.now() - startedAt) / 1000,
      bootTimeoutSeconds: effectiveBootTimeoutSeconds(config, prepared.accel),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Like a boot's, scaled for TCG: a busy runner restoring several clones at once is slow, not broken. */
function restoreDeadlineMs({ prepared }: WarmContext): number {
  return effectiveBootTimeoutSeconds({ bootTimeoutSeconds: RESTORE_TIMEOUT_SECONDS }, prepared.accel) * 1000;
}

async function expectSuccess(status: Promise<number>, what: string): Promise<void> {
  const code = await status;
  if (code === 0) return;
  throw new SolsticeError(
    code === NO_RESEED_STATUS
      ? `the guest cannot reseed its RNG (neither perl nor python3 is installed), so clones would share the template's random stream`
      : `the guest agent could not ${what} (exit status ${code})`,
  );
}
