import { rm } from 'node:fs/promises';
import type { JobConfig } from '../config/job.js';
import { ConsoleTail } from '../console/console-tail.js';
import { throwIfCancelled } from '../core/errors.js';
import { distrustForPrograms } from '../core/program-search.js';
import type { Reporter } from '../core/reporter.js';
import type { Accel } from '../core/vocabulary.js';
import { holdForDebug, wantsHold, type DebugOutcome } from '../debug/hold.js';
import type { VmSession } from '../debug/session.js';
import type { PreparedImage } from '../image/types.js';
import { consoleLogPath, createJobDirectory } from './job-directory.js';
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
export interface JobEnvironment {
  /** Parent of the per-job directory and of the kept console log (RUNNER_TEMP for the action). */
  tempRoot: string;
  /** The runner's variables, from which the step's are taken. */
  runnerEnv: Record<string, string | undefined>;
  /** Called as soon as the job directory exists: a post step finds the job's QEMU by it after a crash. */
  onJobDirectory?: (path: string) => void;
  /** Called once the guest answers over SSH, before the script: later stages (debug access) hook in here. */
  onReady?: (session: VmSession) => Promise<void>;
  /** Called with each fact as soon as it is known (the console log's path first). */
  onFacts?: (facts: Partial<JobFacts>) => void;
  /** Called when the job fails (not when its script does), before the error is thrown on. */
  onFailure?: (failure: JobFailure) => void;
}

/** What the front end may publish as soon as it is known (outputs), before the job has ended. */
export interface JobFacts {
  consoleLogPath: string;
  image: PreparedImage;
  accel: Accel;
  sshPort: number;
  bootSeconds: number;
  start: 'warm' | 'cold';
  templateKey?: string;
}

/** What a job that failed before it could return a result had reached, for the summary and the error. */
export interface JobFailure {
  /** The stage it was in: "starting the guest", "the copy back", … */
  phase: string;
  /** Milliseconds per phase that ended. */
  phases: Record<string, number>;
  consoleLogPath: string;
  /** The console's last lines, raw guest text (empty when QEMU never started). */
  consoleTail: string[];
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
  };
  const { clock, teardown } = scope;
  const facts = (known: Partial<JobFacts>) => environment.onFacts?.(known);
  const reached: { phase: string; logPath?: string; console?: ConsoleTail } = { phase: 'preparing the job' };
  try {
    // Before anything is spawned: no program is ever found in what the guest can write.
    distrustForPrograms(config.rules.workspace);
    const job = await createJobDirectory(environment.tempRoot);
    distrustForPrograms(job.path);
    environment.onJobDirectory?.(job.path);
    teardown.add(() => rm(job.path, { recursive: true, force: true }), { outlivesHandOver: true });
    // The console log exists from here on, so the path published first always names a file.
    reached.logPath = consoleLogPath(environment.tempRoot, job);
    const console = await followConsole(reached.logPath, teardown);
    reached.console = console;
    facts({ consoleLogPath: reached.logPath });
    reached.phase = 'preparing the image, keys, disk and seed';
    const prepared = await prepareJob(scope, job);
    facts({ image: prepared.image, accel: prepared.accel });
    reached.phase = 'starting the guest';
    const start = await startGuest(scope, guestPaths(scope, prepared, console));
    const { guest } = start;
    facts({
      sshPort: guest.vm.spec.sshPort,
      bootSeconds: guest.bootSeconds,
      start: start.how,
      ...(start.how === 'warm' && start.templateKey ? { templateKey: start.templateKey } : {}),
    });
    reportReady(start, reporter);
    if (start.prepareNeeded) {
      reached.phase = 'the prepare script';
      await clock.time('prepare', runPrepareScript(guest.ssh, { config, where: 'before run', reporter, signal }));
    }
    const session: VmSession = { ssh: guest.ssh, target: guest.target, qmp: guest.qmp };
    // A test seam: the guest tests look at the started guest here.
    await environment.onReady?.(session);
    const step = await clock.time(
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
          onPhase: (phase) => (guest.watch.phase = reached.phase = phase),
        }),
      ),
    );
    reached.phase = 'the debug hold';
    const debug = await holdIfAsked(scope, { prepared, guest, session, step });
    reached.phase = 'handing the VM over to later steps';
    const kept = config.keepRunning ? await handOver(scope, { prepared, guest, step }) : undefined;
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
  } catch (error) {
    if (reached.logPath)
      environment.onFailure?.({
        phase: reached.phase,
        phases: { ...clock.phases },
        consoleLogPath: reached.logPath,
        consoleTail: reached.console?.tail(FAILURE_CONSOLE_LINES) ?? [],
      });
    throw error;
  } finally {
    const teardownStartedAt = Date.now();
    for (const error of await teardown.run()) reporter.debug(`Teardown: ${(error as Error).message}`);
    clock.record('teardown', Date.now() - teardownStartedAt);
    reporter.debug(`Phases (ms): ${JSON.stringify(clock.phases)}`);
  }
}

/** How many of the console's last lines a failure shows. */
const FAILURE_CONSOLE_LINES = 25;

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
    hostPublicKey: prepared.hostKey.publicKey,
    consoleLogPath: prepared.consoleLogPath,
    bootTimeoutSeconds: guest.bootTimeoutSeconds,
    rules: config.rules,
  };
  await saveKeptVm(tempRoot, kept, prepared.loginKey.privateKey, step.synced);
  teardown.handOver();
  return kept;
}
