import { rm } from 'node:fs/promises';
import type { JobConfig } from '../config/job.js';
import { ConsoleTail } from '../console/console-tail.js';
import { throwIfCancelled } from '../core/errors.js';
import { distrustForPrograms } from '../core/program-search.js';
import type { Reporter } from '../core/reporter.js';
import type { Accel } from '../core/vocabulary.js';
import { holdForDebug, wantsHold, type DebugOutcome } from '../debug/hold.js';
import type { VmSession } from '../debug/session.js';
import type { PreparedImage, RemoteImageStore } from '../image/types.js';
import type { RemoteTemplateStore } from '../warm/template-pack.js';
import { consoleLogPath, createJobDirectory, type JobDirectory } from './job-directory.js';
import { JobProgress, type ProgressListeners } from './job-progress.js';
export type { JobFacts, JobFailure } from './job-progress.js';
import type { JobScope } from './job-scope.js';
import { saveKeptVm, type KeptVm } from './kept/kept-vm.js';
import { PhaseClock } from './phase-clock.js';
import { prepareJob, type Prepared } from './prepare.js';
import type { Guest } from './start/launch.js';
import { guestPaths, startGuest, type GuestStart } from './start/start-guest.js';
import { runPrepareScript } from './step/prepare-script.js';
import { runStep, type CopyBackReport, type StepOutcome } from './step/run-step.js';
import { Teardown } from './teardown.js';

/** Where the job may write, and how the front end learns what to clean up if the process dies. */
export interface JobEnvironment extends ProgressListeners {
  /** Parent of the per-job directory and of the kept console log (RUNNER_TEMP for the action). */
  tempRoot: string;
  /** The runner's variables, from which the step's are taken. */
  runnerEnv: Record<string, string | undefined>;
  /** Called as soon as the job directory exists: a post step finds the job's QEMU by it after a crash. */
  onJobDirectory?: (path: string) => void;
  /** Called once the guest answers over SSH, before the script: later stages (debug access) hook in here. */
  onReady?: (session: VmSession) => Promise<void>;
  /** Images beyond the local cache (the action's Actions cache): asked before a download. */
  remoteImages?: RemoteImageStore;
  /** Warm-start templates beyond the local cache (the action's Actions cache): asked before a build. */
  remoteTemplates?: RemoteTemplateStore;
}

export interface JobResult {
  exitCode: number;
  /** Set when the script was killed by a signal. */
  exitSignal?: string;
  sshPort: number;
  consoleLogPath: string;
  image: PreparedImage;
  accel: Accel;
  bootSeconds: number;
  /** warm: restored from a template (warm-start); cold: booted. */
  start: 'warm' | 'cold';
  /** The restored template's key (warm starts). */
  templateKey?: string;
  /** Milliseconds per phase, for the benchmark and the summary. */
  phases: Record<string, number>;
  /** Set when a debug hold was considered (the script's result asked for one). */
  debug?: DebugOutcome;
  /** What came back from the guest (sync: both). */
  copyBack?: CopyBackReport;
  /** The script's last lines of output (raw guest text), when it failed. */
  lastLines?: string[];
  /** Set when the VM was left running for later steps. */
  kept?: KeptVm;
}

/**
 * One CI job in a throwaway VM, top to bottom: prepare (keys, image, disk, seed) → start the guest
 * (boot until SSH, or restore a warm-start template) → `prepare` script if still due → run the step (sync in, script, copy back) → debug hold → hand over to later steps
 * (keep-running) or tear down. Each resource registers its closer as it comes into being, and the
 * teardown runs them newest first on every path; a cancelled signal ends whatever is waiting.
 */
export async function runJob(
  config: JobConfig,
  environment: JobEnvironment,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<JobResult> {
  const scope: JobScope = {
    config,
    reporter,
    clock: new PhaseClock(),
    signal,
    teardown: new Teardown(),
    tempRoot: environment.tempRoot,
    ...(environment.remoteImages ? { remoteImages: environment.remoteImages } : {}),
    ...(environment.remoteTemplates ? { remoteTemplates: environment.remoteTemplates } : {}),
  };
  const progress = new JobProgress(environment, scope.clock);
  try {
    const { job, console } = await openJob(scope, environment, progress);
    progress.phase = 'preparing the image, keys, disk and seed';
    const prepared = await prepareJob(scope, job);
    progress.facts({ image: prepared.image, accel: prepared.accel });
    progress.phase = 'starting the guest';
    const start = await startGuest(scope, guestPaths(scope, prepared, console));
    const { guest } = start;
    progress.started(start);
    reportReady(start, reporter);
    if (start.prepareNeeded) {
      progress.phase = 'the prepare script';
      await scope.clock.time('prepare', runPrepareScript(guest.ssh, { config, where: 'before run', reporter, signal }));
    }
    const session: VmSession = { ssh: guest.ssh, target: guest.target, qmp: guest.qmp };
    // A test seam: the guest tests look at the started guest here.
    await environment.onReady?.(session);
    const step = await runTheStep(scope, { environment, guest, job, progress });
    progress.phase = 'the debug hold';
    const debug = await holdIfAsked(scope, { prepared, guest, session, step });
    progress.phase = 'handing the VM over to later steps';
    const kept = config.keepRunning ? await handOver(scope, { prepared, guest, step }) : undefined;
    return jobResult(scope, { prepared, start, step, debug, kept });
  } catch (error) {
    progress.failed();
    throw error;
  } finally {
    const teardownStartedAt = Date.now();
    for (const error of await scope.teardown.run()) reporter.debug(`Teardown: ${(error as Error).message}`);
    scope.clock.record('teardown', Date.now() - teardownStartedAt);
    reporter.debug(`Phases (ms): ${JSON.stringify(scope.clock.phases)}`);
  }
}

/**
 * The job's directory (removed at teardown, unless the VM is handed over) and its console log, which
 * exists from here on, so the path published first always names a file. Before anything is spawned, no
 * program may ever be found in what the guest can write.
 */
async function openJob(
  { config, teardown, tempRoot }: JobScope,
  environment: JobEnvironment,
  progress: JobProgress,
): Promise<{ job: JobDirectory; console: ConsoleTail }> {
  distrustForPrograms(config.rules.workspace);
  const job = await createJobDirectory(tempRoot);
  distrustForPrograms(job.path);
  environment.onJobDirectory?.(job.path);
  teardown.add(() => rm(job.path, { recursive: true, force: true }), { outlivesHandOver: true });
  const logPath = consoleLogPath(tempRoot, job);
  const console = await followConsole(logPath, teardown);
  progress.consoleFollowed(logPath, console);
  return { job, console };
}

/** The job's step (sync in, script, copy back), under the VM watch: a lost VM ends it at once. */
async function runTheStep(
  { config, reporter, clock, signal }: JobScope,
  {
    environment,
    guest,
    job,
    progress,
  }: { environment: JobEnvironment; guest: Guest; job: JobDirectory; progress: JobProgress },
): Promise<StepOutcome> {
  return clock.time(
    'script',
    guest.watch.during(
      runStep(guest.ssh, {
        script: config.run,
        rules: config.rules,
        runnerEnv: environment.runnerEnv,
        reporter,
        signal,
        moreStepsFollow: config.keepRunning,
        jobDirectory: job.path,
        onPhase: (phase) => (guest.watch.phase = progress.phase = phase),
      }),
    ),
  );
}

interface JobEnd {
  prepared: Prepared;
  start: GuestStart;
  step: StepOutcome;
  debug: DebugOutcome | undefined;
  kept: KeptVm | undefined;
}

function jobResult({ clock }: JobScope, { prepared, start, step, debug, kept }: JobEnd): JobResult {
  const { guest } = start;
  return {
    exitCode: step.result.exitCode,
    ...(step.result.signal ? { exitSignal: step.result.signal } : {}),
    sshPort: guest.vm.spec.sshPort,
    consoleLogPath: prepared.consoleLogPath,
    image: prepared.image,
    accel: prepared.accel,
    bootSeconds: guest.bootSeconds,
    start: start.how,
    ...(start.how === 'warm' && start.templateKey ? { templateKey: start.templateKey } : {}),
    phases: clock.phases,
    ...(debug ? { debug } : {}),
    ...(step.copyBack ? { copyBack: step.copyBack } : {}),
    ...(step.result.exitCode !== 0 ? { lastLines: step.lastLines } : {}),
    ...(kept ? { kept } : {}),
  };
}

/** The serial console log, created private and followed from now until teardown. */
async function followConsole(path: string, teardown: Teardown): Promise<ConsoleTail> {
  const console = new ConsoleTail(path);
  await console.create();
  teardown.add(() => console.stop());
  console.start();
  return console;
}

function reportReady({ guest, how }: GuestStart, reporter: Reporter): void {
  reporter.info(
    `The guest answered over SSH ${guest.bootSeconds.toFixed(1)} s after QEMU started (${how === 'warm' ? 'restored' : 'booted'}).`,
  );
  // Under TCG every host CPU cycle the action spends while the guest boots slows the guest.
  const cpu = process.cpuUsage();
  reporter.debug(`CPU used by Solstice until then: ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
}

/** What the job's last stages work on: its preparation, its guest and what the step did. */
interface StepDone {
  prepared: Prepared;
  guest: Guest;
  step: StepOutcome;
}

/** The debug hold, when the script's result asks for one (fail closed when the keys could not be read). */
async function holdIfAsked(
  { config, reporter, clock, signal }: JobScope,
  { prepared, guest, session, step }: StepDone & { session: VmSession },
): Promise<DebugOutcome | undefined> {
  if (!prepared.debugKeys || !wantsHold(config.debug.mode, step.result.exitCode)) return undefined;
  const keys = await prepared.debugKeys;
  const refusal = keys instanceof Error ? `${keys.message} No debug access was opened (fail closed).` : '';
  const debug: DebugOutcome =
    keys instanceof Error
      ? { held: false, message: refusal, failure: refusal }
      : await clock.time(
          'debug-hold',
          holdForDebug({
            session,
            config: config.debug,
            admin: config.guest.userland.admin,
            keys,
            reporter,
            vmLost: guest.watch.lost,
            describeLoss: guest.watch.describe,
            signal,
          }),
        );
  // A VM lost during the hold does not change the script's result, but must not pass unnoticed.
  if (debug.end === 'vm-lost') reporter.warning(debug.message);
  else reporter.info(debug.message);
  throwIfCancelled(signal);
  return debug;
}

/** keep-running: the VM, its directory and its key stay for later steps, registered by name. */
async function handOver(
  { config, tempRoot, teardown }: JobScope,
  { prepared, guest, step }: StepDone,
): Promise<KeptVm> {
  const kept: KeptVm = {
    name: config.name,
    jobDirectory: prepared.job.path,
    qemuPid: guest.vm.pid,
    sshPort: guest.vm.spec.sshPort,
    user: config.user,
    privateKeyPath: prepared.files.privateKey,
    // The key the job pinned: the generated one, or the one a console-provisioned guest printed.
    hostPublicKey: guest.target.hostPublicKey,
    consoleLogPath: prepared.consoleLogPath,
    bootTimeoutSeconds: guest.bootTimeoutSeconds,
    rules: config.rules,
  };
  await saveKeptVm(tempRoot, kept, prepared.loginKey.privateKey, step.synced);
  teardown.handOver();
  return kept;
}
