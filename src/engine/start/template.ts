import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobConfig } from '../../config/job.js';
import { ConsoleTail } from '../../console/console-tail.js';
import type { Reporter } from '../../core/reporter.js';
import { createOverlay } from '../../disk/overlay.js';
import { QEMU_BINARY } from '../../qemu/command-line.js';
import { prepareFirmware } from '../../qemu/firmware.js';
import { supportsReadOnlyRam } from '../../qemu/ram-readonly.js';
import { writeSeedIso } from '../../seed/seed.js';
import { execCapture } from '../../ssh/exec.js';
import { generateEd25519 } from '../../ssh/keys.js';
import { agentStartCommand } from '../../warm/agent.js';
import { saveMachineState } from '../../warm/machine-state.js';
import { shortKey, TEMPLATE_FORMAT_VERSION, type TemplateIdentity } from '../../warm/template-key.js';
import { commitTemplate, createStaging, type Template } from '../../warm/template-store.js';
import { bootUntilSsh } from './boot.js';
import { createJobDirectory, jobFiles } from '../job-directory.js';
import type { PhaseClock } from '../phase-clock.js';
import { runPrepareScript } from '../step/prepare-script.js';
import type { Prepared } from '../prepare.js';
import { Teardown } from '../teardown.js';

/** The hostname every template boots with; a clone's first command replaces it with the job's. */
export const TEMPLATE_HOSTNAME = 'solstice-template';
const SAVE_DEADLINE_MS = 120_000;
/**
 * Run in the template just before it is saved: its login key is no longer authorized, so a clone admits
 * nobody until its agent installs the job's key (warm/reidentify.ts).
 */
const FORGET_TEMPLATE_LOGIN = ': > ~/.ssh/authorized_keys &&';
const SYNC_TIMEOUT_MS = 60_000;

export interface TemplateBuildContext {
  config: JobConfig;
  /** The job's preparation: image, accelerator and temp root are the template's too. */
  prepared: Prepared;
  key: string;
  identity: TemplateIdentity;
  tempRoot: string;
  reporter: Reporter;
  clock: PhaseClock;
  signal: AbortSignal;
}

/**
 * Boots the image cold with a template identity of its own (login key, host key, hostname: none of the
 * job's), runs `prepare`, flushes the guest's disks, saves the machine and commits the template. The
 * caller holds the template key's lock. Nothing of the job (script, workspace, variables) reaches it.
 * A failure, a failing `prepare` (PrepareFailedError) or a cancel leaves no template and no QEMU.
 */
export async function buildTemplate(context: TemplateBuildContext): Promise<Template> {
  const { config, prepared, key, identity, tempRoot, reporter, clock, signal } = context;
  const startedAt = Date.now();
  reporter.info(`Building the warm-start template ${shortKey(key)}: a cold boot, prepare, then a save.`);
  const teardown = new Teardown();
  const staging = await createStaging(config.cacheDir, key);
  teardown.add(() => rm(staging.dir, { recursive: true, force: true }));
  try {
    // Sockets and logs of the template's QEMU live in a job-like directory (short paths), the template in staging.
    const runtime = await createJobDirectory(tempRoot);
    teardown.add(() => rm(runtime.path, { recursive: true, force: true }));
    // The template's keys live in memory and in the runtime directory only, for as long as the build lasts.
    const loginKey = generateEd25519('solstice-template');
    const hostKey = generateEd25519('solstice-template-host');
    const runtimeFiles = jobFiles(runtime.path);
    const seed = {
      instanceId: `solstice-template-${shortKey(key)}`,
      hostname: TEMPLATE_HOSTNAME,
      user: config.user,
      authorizedKeys: [loginKey.publicKey],
      hostKey,
      guest: config.guest,
    };
    const [uefi] = await Promise.all([
      prepareFirmware(config.machine.arch, config.machine.firmware, staging.dir),
      createOverlay(prepared.image, staging.disk, config.diskSizeBytes, signal),
      writeSeedIso(seed, runtimeFiles.seed),
    ]);
    const templatePrepared: Prepared = {
      ...prepared,
      job: runtime,
      files: { ...runtimeFiles, disk: staging.disk },
      consoleLogPath: join(runtime.path, 'console.log'),
      uefi,
      loginKey,
      hostKey,
      debugKeys: undefined,
    };
    const console = new ConsoleTail(templatePrepared.consoleLogPath);
    await console.create();
    teardown.add(() => console.stop());
    console.start();
    const booted = await bootUntilSsh({
      config,
      prepared: templatePrepared,
      console,
      teardown,
      reporter,
      clock,
      signal,
      warm: { memoryPath: staging.memory, role: 'template', agentSocketPath: templatePrepared.files.agentSocket },
    });
    reporter.info(`The template answered over SSH ${booted.bootSeconds.toFixed(1)} s after QEMU started.`);
    if (config.prepare !== '') {
      await runPrepareScript(booted.ssh, { config, where: 'once, in the template', reporter, signal });
    }
    // The agent waits for each clone's first command; everything the guest wrote reaches the disk overlay.
    await execCapture(booted.ssh, `${FORGET_TEMPLATE_LOGIN} ${agentStartCommand()} sync`, {
      what: "empty the template's authorized_keys, start the guest agent and flush the template disk",
      maxStdoutBytes: 1024,
      timeoutMs: SYNC_TIMEOUT_MS,
    });
    booted.ssh.end();
    await clock.time('template-save', saveMachineState(booted.qmp, staging.state, SAVE_DEADLINE_MS, signal));
    await booted.vm.stop(booted.qmp);
    const readOnlyRam = await supportsReadOnlyRam(QEMU_BINARY[config.machine.arch], signal);
    // Clones keep a CD in the drive like the one the template booted with (same size), its host key scrubbed.
    await writeSeedIso({ ...seed, hostKey: { ...hostKey, privateKey: scrubbed(hostKey.privateKey) } }, staging.seed);
    const template = await commitTemplate(staging, config.cacheDir, {
      formatVersion: TEMPLATE_FORMAT_VERSION,
      key,
      identity,
      imagePath: prepared.image.path,
      hostname: TEMPLATE_HOSTNAME,
      loginPublicKey: loginKey.publicKey,
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
