import { rm } from 'node:fs/promises';
import { ConsoleTail } from '../../console/console-tail.js';
import { QEMU_BINARY } from '../../qemu/command-line.js';
import { supportsReadOnlyRam } from '../../qemu/ram-readonly.js';
import { writeSeed } from '../../seed/seed.js';
import { execCapture } from '../../ssh/exec.js';
import { agentStartCommand } from '../../warm/agent.js';
import { saveMachineState } from '../../warm/machine-state.js';
import { shortKey, TEMPLATE_FORMAT_VERSION, type TemplateIdentity } from '../../warm/template-key.js';
import {
  commitTemplate,
  createStaging,
  discardTemplate,
  lockTemplate,
  readTemplate,
  type Template,
} from '../../warm/template-store.js';
import { prepareIdentity, type MachineBase } from '../guest-identity.js';
import { createJobDirectory } from '../job-directory.js';
import type { JobScope } from '../job-scope.js';
import { runPrepareScript } from '../step/prepare-script.js';
import { Teardown } from '../teardown.js';
import { bootUntilSsh } from './boot.js';
import { restoreRemoteTemplate } from './remote-template.js';

/** The hostname every template boots with; a clone's first command replaces it with the job's. */
export const TEMPLATE_HOSTNAME = 'solstice-template';
/** Waiting for another job's template build: a cold boot, prepare (which may install a toolchain) and a save. */
const TEMPLATE_LOCK_TIMEOUT_MS = 60 * 60_000;
const SAVE_DEADLINE_MS = 120_000;
/**
 * Run in the template just before it is saved: its login key is no longer authorized, so a clone admits
 * nobody until its agent installs the job's key (warm/reidentify.ts). A list of its own (`;`, not `&&`):
 * joined to the agent's `… &` by `&&`, the whole list went to the background, and a session that ended
 * before it reached `nohup` took the agent with it (the Debian 13 guest lost its agent so).
 */
const FORGET_TEMPLATE_LOGIN = ': > ~/.ssh/authorized_keys || exit 1;';
const SYNC_TIMEOUT_MS = 60_000;

/** Which template, for what: its key and identity, and the job's machine base it is built on. */
export interface TemplateRequest {
  key: string;
  identity: TemplateIdentity;
  base: MachineBase;
}

/**
 * The template for `key`: found in the cache, else restored from the remote store (the Actions cache), else
 * built now; under its lock (one build for concurrent jobs).
 */
export async function ensureTemplate(scope: JobScope, request: TemplateRequest): Promise<Template> {
  const { config, reporter, signal } = scope;
  const { key } = request;
  const found = await readTemplate(config.cacheDir, key).catch(async (error: Error) => {
    reporter.warning(`Discarded the warm-start template ${shortKey(key)}: ${error.message}.`);
    await discardTemplateUnderLock(scope, key);
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
    return (
      (await restoreRemoteTemplate(scope, request)) ??
      (await buildTemplate({ ...scope, signal: AbortSignal.any([signal, lost.signal]) }, request))
    );
  } finally {
    await release().catch(() => {});
  }
}

export async function discardTemplateUnderLock({ config, reporter, signal }: JobScope, key: string): Promise<void> {
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

/**
 * Boots the image cold with an identity of its own (login key, host key, hostname: none of the job's),
 * runs `prepare`, flushes the guest's disks, saves the machine and commits the template. The caller
 * holds the template key's lock. Nothing of the job (script, workspace, variables) reaches it. It runs
 * in a scope of its own: its own teardown (a failure, a failing `prepare` or a cancel leaves no template
 * and no QEMU), its phases named `template:…` beside the job's.
 */
async function buildTemplate(jobScope: JobScope, { key, identity, base }: TemplateRequest): Promise<Template> {
  const scope: JobScope = { ...jobScope, teardown: new Teardown(), clock: jobScope.clock.prefixed('template:') };
  const { config, reporter, clock, signal, teardown } = scope;
  const startedAt = Date.now();
  reporter.info(`Building the warm-start template ${shortKey(key)}: a cold boot, prepare, then a save.`);
  const staging = await createStaging(config.cacheDir, key);
  teardown.add(() => rm(staging.dir, { recursive: true, force: true }));
  try {
    // Sockets and logs of the template's QEMU live in a job-like directory (short paths), the template in
    // staging. The template's keys live in memory and in that directory only, for as long as the build lasts.
    const runtime = await createJobDirectory(scope.tempRoot);
    teardown.add(() => rm(runtime.path, { recursive: true, force: true }));
    const plan = {
      ...base,
      ...(await prepareIdentity(scope, base, {
        job: runtime,
        name: `template-${shortKey(key)}`,
        hostname: TEMPLATE_HOSTNAME,
        disk: staging.disk,
        firmwareDirectory: staging.dir,
        // Kept with the template: a clone's console log starts at its restore and points here for the boot.
        consoleLogPath: staging.buildConsoleLog,
      })),
    };
    const console = new ConsoleTail(plan.consoleLogPath);
    await console.create();
    teardown.add(() => console.stop());
    console.start();
    const guest = await bootUntilSsh(scope, {
      plan,
      console,
      warm: { memoryPath: staging.memory, role: 'template', agentSocketPath: plan.files.agentSocket },
    });
    reporter.info(`The template answered over SSH ${guest.bootSeconds.toFixed(1)} s after QEMU started.`);
    if (config.prepare !== '')
      await runPrepareScript(guest.ssh, { config, where: 'once, in the template', reporter, signal });
    // The agent waits for each clone's first command; everything the guest wrote reaches the disk overlay.
    await execCapture(guest.ssh, `${FORGET_TEMPLATE_LOGIN} ${agentStartCommand(config.guest.userland.admin)} sync`, {
      what: "empty the template's authorized_keys, start the guest agent and flush the template disk",
      maxStdoutBytes: 1024,
      timeoutMs: SYNC_TIMEOUT_MS,
    });
    guest.ssh.end();
    await clock.time('template-save', saveMachineState(guest.qmp, staging.state, SAVE_DEADLINE_MS, signal));
    await guest.vm.stop(guest.qmp);
    const readOnlyRam = await supportsReadOnlyRam(QEMU_BINARY[config.machine.arch], signal);
    // Clones keep a CD in the drive like the one the template booted with (same size), its host key scrubbed.
    const { hostKey } = plan;
    await writeSeed({ ...plan.seed, hostKey: { ...hostKey, privateKey: scrubbed(hostKey.privateKey) } }, staging.seed);
    const template = await commitTemplate(staging, config.cacheDir, {
      formatVersion: TEMPLATE_FORMAT_VERSION,
      key,
      identity,
      imagePath: base.image.path,
      hostname: TEMPLATE_HOSTNAME,
      loginPublicKey: plan.loginKey.publicKey,
      hostPublicKey: hostKey.publicKey,
      createdAt: new Date().toISOString(),
      buildSeconds: (Date.now() - startedAt) / 1000,
      readOnlyRam,
    });
    reporter.info(
      `Saved the warm-start template ${shortKey(key)} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; later jobs with the same image, machine and prepare restore it.`,
    );
    return template;
  } finally {
    for (const error of await teardown.run()) reporter.debug(`Template teardown: ${(error as Error).message}`);
  }
}

/** An OpenSSH private key of the same length and layout whose key material is gone. */
function scrubbed(privateKey: string): string {
  return privateKey.replace(/^(?!-----).+$/gm, (line) => 'A'.repeat(line.length));
}
