import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { effectiveBootTimeoutSeconds, TCG_BOOT_TIMEOUT_FACTOR, type JobConfig } from '../config/job.js';
import { bootFailureMessage, ConsoleTail, consoleLimitMessage, isBlankConsoleLine, SSHD_STARTING } from '../console/console-tail.js';
import { dropConsoleOutput } from '../qemu/console-output.js';
import { fetchGitHubKeys } from '../debug/github-keys.js';
import { holdForDebug, wantsHold, type DebugOutcome } from '../debug/hold.js';
import { createOverlay } from '../disk/overlay.js';
import { prepareImage } from '../image/prepare.js';
import { imageRequest } from './image-request.js';
import { prepareFirmware } from '../qemu/firmware.js';
import type { PreparedImage } from '../image/types.js';
import { resolveAccel } from '../qemu/accel.js';
import { startVm } from '../qemu/start-vm.js';
import type { VmProcess } from '../qemu/vm-process.js';
import type { QmpClient } from '../qmp/client.js';
import { writeSeedIso } from '../seed/seed.js';
import { generateEd25519 } from '../ssh/keys.js';
import type { SshTarget } from '../ssh/connect.js';
import { waitForSsh } from '../ssh/readiness.js';
import { HostKeyMismatchError } from '../ssh/connect.js';
import { observeBootFailure, bootRetryReason } from './boot-retry.js';
import { CancelledError, SolsticeError, throwIfCancelled } from '../core/errors.js';
import { saveKeptVm, type KeptVm } from './kept-vm.js';
import { runStep } from './step.js';
import { createJobDirectory, jobFiles } from './job-directory.js';
import { PhaseClock } from './phase-clock.js';
import { VmWatch } from './vm-watch.js';
import type { Reporter } from '../core/reporter.js';
import type { Accel } from '../core/vocabulary.js';
import type { VmSession } from '../debug/session.js';

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
  /** Milliseconds per phase, for the benchmark and the summary. */
  phases: Record<string, number>;
  /** Set when a debug hold was considered (the script's result asked for one). */
  debug?: DebugOutcome;
  /** Set when the VM was left running for later steps. */
  kept?: KeptVm;
}

/**
 * One CI job in a throwaway VM, top to bottom: image → disk → seed → QEMU → console → SSH → step
 * (sync in, script, copy back) → debug hold → teardown, or hand-over to later steps with keep-running.
 * Teardown runs on every other path; a cancelled signal ends whatever is waiting.
 */
export async function runJob(config: JobConfig, environment: JobEnvironment, reporter: Reporter, signal: AbortSignal): Promise<JobResult> {
  const clock = new PhaseClock();
  const job = await createJobDirectory(environment.tempRoot);
  environment.onJobDirectory?.(job.path);
  const consoleLogPath = join(environment.tempRoot, `${job.vmName}-console.log`);
  let vm: VmProcess | undefined;
  let qmp: QmpClient | undefined;
  let watch: VmWatch | undefined;
  let ssh: Client | undefined;
  const console = new ConsoleTail(consoleLogPath);
  let consoleGroupOpen = false;
  let kept: KeptVm | undefined;
  // Last resort if the process exits without reaching teardown (uncaught error, process.exit).
  const killOnExit = () => vm?.killNow();
  process.on('exit', killOnExit);
  try {
    // Independent preparation runs side by side.
    const loginKey = generateEd25519(`solstice-${job.vmName}`);
    const hostKey = generateEd25519(`solstice-host-${job.vmName}`);
    // Debug users' keys are fetched while the image is prepared; only a hold awaits the answer.
    const debugKeys = config.debug.mode === 'never' ? undefined : settle(fetchGitHubKeys(config.debug.logins, config.debug.githubApiUrl, config.debug.githubToken, signal));
    const accelDecision = clock.time('accel-probe', resolveAccel(config.accel, config.machine.arch, reporter, signal));
    // accel: kvm fails without working KVM: find that out before downloading anything.
    if (config.accel === 'kvm') await accelDecision;
    // The publisher's checksum file is read first; the 'image' phase is the cache lookup or download.
    const imagePrepared = imageRequest(config.image, config.cacheDir, reporter, signal)
      .then((request) => clock.time('image', prepareImage(request, reporter, signal)));
    const [accel, image] = await Promise.all([accelDecision, imagePrepared]);
    if (!image.verified) {
      reporter.warning(`The image is not verified: no 'image-checksum' was given. Its ${image.digest.algorithm} is ${image.digest.hex}; pin it with image-checksum: ${image.digest.algorithm}:${image.digest.hex}`);
    }
    throwIfCancelled(signal);

    const files = jobFiles(job.path);
    const diskPath = files.disk;
    const seedPath = files.seed;
    const [uefi] = await Promise.all([
      prepareFirmware(config.machine.arch, config.machine.firmware, job.path),
      clock.time('overlay', createOverlay(image, diskPath, config.diskSizeBytes, signal)),
      clock.time('seed', writeSeedIso({
        instanceId: job.vmName,
        hostname: job.vmName,
        user: config.user,
        authorizedKeys: [loginKey.publicKey],
        hostKey,
        guest: config.guest,
      }, seedPath)),
    ]);
    throwIfCancelled(signal);

    await console.create();
    console.onLimit(() => {
      reporter.warning(consoleLimitMessage(consoleLogPath));
      if (qmp) dropConsoleOutput(qmp).catch(() => {});
    });
    console.start();
    const bootTimeoutSeconds = effectiveBootTimeoutSeconds(config, accel.accel);
    let target: SshTarget;
    let bootStartedAt: number;
    // A boot that crashed, panicked or hung is retried from a fresh disk (boot-retries; see boot-retry.ts).
    for (let boot = 1; ; boot++) {
      if (boot > 1) await clock.time('overlay', createOverlay(image, diskPath, config.diskSizeBytes, signal));
      const started = await clock.time('qemu-start', startVm({
        name: job.vmName,
        arch: config.machine.arch,
        ...(uefi ? { uefi } : {}),
        accel: accel.accel,
        ...(config.network ? {} : { isolated: true }),
        cpus: config.cpus,
        memoryMiB: config.memoryMiB,
        diskPath,
        seedPath,
        consoleLogPath,
        qmpSocketPath: files.qmpSocket,
        pidFilePath: files.qemuPid,
      }, files.qemuStderr, signal));
      vm = started.vm;
      qmp = started.qmp;
      watch = new VmWatch(vm, console);
      bootStartedAt = Date.now();
      reporter.info(`QEMU started (pid ${vm.pid}, ${accel.accel.toUpperCase()}, ${config.cpus} vCPU, ${config.memoryMiB} MiB); SSH forwarded from 127.0.0.1:${vm.spec.sshPort}.`);

      reporter.startGroup(boot === 1 ? 'Boot console (serial)' : `Boot console (serial), boot ${boot}`);
      consoleGroupOpen = true;
      // Blank lines (systemd's status redraws) are kept in the log file but not echoed.
      const stopEcho = console.onLine((line) => isBlankConsoleLine(line) || reporter.guestLine(line));
      let sshdStarting = false;
      const stopSshdWatch = console.onLine((line) => (sshdStarting ||= SSHD_STARTING.test(line)));
      const bootWatch = watch;
      target = { host: '127.0.0.1', port: vm.spec.sshPort, user: config.user, privateKey: loginKey.privateKey, hostPublicKey: hostKey.publicKey };
      const booted = await clock.time('ssh-ready', waitForSsh(target,
        {
          deadlineMs: bootTimeoutSeconds * 1000,
          vmExited: watch.lost,
          signal,
          sshdStarting: () => sshdStarting,
          describeFailure: async (reason) => bootWatch.loss ? bootWatch.message(bootWatch.loss) : bootFailureMessage(
            `${reason}${accel.accel === 'tcg' ? ` (TCG; boot-timeout ${config.bootTimeoutSeconds} s × ${TCG_BOOT_TIMEOUT_FACTOR})` : ''}`,
            '',
            console.tail(15),
          ),
        },
      )).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      stopEcho();
      stopSshdWatch();
      reporter.endGroup();
      consoleGroupOpen = false;
      if (!(booted instanceof Error)) {
        ssh = booted;
        break;
      }
      const retry = boot <= config.bootRetries && !(booted instanceof CancelledError || booted instanceof HostKeyMismatchError)
        ? bootRetryReason(await observeBootFailure(watch, vm.spec.sshPort, bootStartedAt))
        : undefined;
      if (!retry) throw boot > 1 ? new SolsticeError(`${booted.message}\nThat was boot ${boot} of at most ${config.bootRetries + 1} (boot-retries: ${config.bootRetries}).`) : booted;
      reporter.warning(`Boot ${boot} failed: ${booted.message.split('\n')[0]} Booting again from a fresh disk, since ${retry} (boot-retries: ${config.bootRetries}).`);
      watch.stop();
      await vm.stop(qmp);
      qmp.close();
    }
    const bootSeconds = (Date.now() - bootStartedAt) / 1000;
    reporter.info(`The guest answered over SSH ${bootSeconds.toFixed(1)} s after QEMU started.`);
    // Under TCG every host CPU cycle the action spends while the guest boots slows the guest.
    const cpu = process.cpuUsage();
    reporter.debug(`CPU used by Solstice until then: ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
    const session: VmSession = { ssh, target, qmp };
    await environment.onReady?.(session);

    const { result, synced } = await clock.time('script', watch.during(runStep(ssh, config.run, config.rules, undefined, environment.runnerEnv, reporter, signal, { moreStepsFollow: config.keepRunning, jobDirectory: job.path, progress: watch })));
    let debug: DebugOutcome | undefined;
    if (debugKeys && wantsHold(config.debug.mode, result.exitCode)) {
      const keys = await debugKeys;
      const refusal = keys instanceof Error ? `${keys.message} No debug access was opened (fail closed).` : '';
      debug = keys instanceof Error
        ? { held: false, message: refusal, failure: refusal }
        : await clock.time('debug-hold', holdForDebug({ session, config: config.debug, keys, reporter, vmLost: watch.lost, describeLoss: watch.describe, signal }));
      // A VM lost during the hold does not change the script's result, but must not pass unnoticed.
      if (debug.end === 'vm-lost') reporter.warning(debug.message);
      else reporter.info(debug.message);
      throwIfCancelled(signal);
    }
    if (config.keepRunning) {
      kept = {
        name: config.name, jobDirectory: job.path, qemuPid: vm.pid, sshPort: vm.spec.sshPort, user: config.user,
        privateKeyPath: files.privateKey, hostPublicKey: hostKey.publicKey, consoleLogPath, bootTimeoutSeconds, rules: config.rules,
      };
      await saveKeptVm(environment.tempRoot, kept, loginKey.privateKey, synced);
    }
    return {
      exitCode: result.exitCode,
      ...(result.signal ? { exitSignal: result.signal } : {}),
      sshPort: vm.spec.sshPort,
      consoleLogPath,
      image,
      accel: accel.accel,
      bootSeconds,
      phases: clock.phases,
      ...(debug ? { debug } : {}),
      ...(kept ? { kept } : {}),
    };
  } finally {
    if (consoleGroupOpen) reporter.endGroup();
    const teardownStartedAt = Date.now();
    process.off('exit', killOnExit);
    watch?.stop();
    ssh?.end();
    if (!kept) await vm?.stop(qmp);
    qmp?.close();
    await console.stop();
    if (!kept) await rm(job.path, { recursive: true, force: true });
    clock.phases['teardown'] = Date.now() - teardownStartedAt;
    reporter.debug(`Phases (ms): ${JSON.stringify(clock.phases)}`);
  }
}

/** A promise that never rejects (so it can wait unobserved): an error comes back as the value. */
function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
