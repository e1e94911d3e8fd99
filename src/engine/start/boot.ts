import type { Client } from 'ssh2';
import { effectiveBootTimeoutSeconds, TCG_BOOT_TIMEOUT_FACTOR, type JobConfig } from '../../config/job.js';
import {
  bootFailureMessage,
  consoleLimitMessage,
  isBlankConsoleLine,
  SSHD_STARTING,
  type ConsoleTail,
} from '../../console/console-tail.js';
import { CancelledError, SolsticeError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { createOverlay } from '../../disk/overlay.js';
import { dropConsoleOutput } from '../../qemu/console-output.js';
import { startVm, type StartedVm } from '../../qemu/start-vm.js';
import type { WarmMachine } from '../../qemu/command-line.js';
import type { VmProcess } from '../../qemu/vm-process.js';
import type { QmpClient } from '../../qmp/client.js';
import { HostKeyMismatchError, type SshTarget } from '../../ssh/connect.js';
import { waitForSsh } from '../../ssh/readiness.js';
import { bootRetryReason, observeBootFailure } from './boot-retry.js';
import type { PhaseClock } from '../phase-clock.js';
import type { Prepared } from '../prepare.js';
import type { Teardown } from '../teardown.js';
import { VmWatch } from './vm-watch.js';

/** A guest that answers over SSH, and what watches it. */
export interface Booted {
  vm: VmProcess;
  qmp: QmpClient;
  watch: VmWatch;
  ssh: Client;
  target: SshTarget;
  /** QEMU start → SSH answered, for the boot that succeeded. */
  bootSeconds: number;
  bootTimeoutSeconds: number;
}

export interface BootContext {
  config: JobConfig;
  prepared: Prepared;
  console: ConsoleTail;
  teardown: Teardown;
  reporter: Reporter;
  clock: PhaseClock;
  signal: AbortSignal;
  /** A warm-start template's boot: its RAM in a file, to be saved once it is ready. */
  warm?: WarmMachine;
}

/**
 * Starts QEMU and waits until the guest answers over SSH, echoing the boot console. A boot that
 * crashed, panicked or hung is retried from a fresh disk (boot-retries; see boot-retry.ts). Every
 * resource registers its closer with the teardown as it comes into being.
 */
export async function bootUntilSsh(context: BootContext): Promise<Booted> {
  const { config, prepared, teardown, reporter, clock, signal } = context;
  const bootTimeoutSeconds = effectiveBootTimeoutSeconds(config, prepared.accel);
  for (let boot = 1; ; boot++) {
    if (boot > 1)
      await clock.time('overlay', createOverlay(prepared.image, prepared.files.disk, config.diskSizeBytes, signal));
    const disks = {
      disk: prepared.files.disk,
      seed: prepared.files.seed,
      ...(context.warm ? { warm: context.warm } : {}),
    };
    const { vm, qmp } = await clock.time('qemu-start', startQemu(context, disks));
    const { watch, release } = superviseVm({ vm, qmp }, context);
    const startedAt = Date.now();
    announceQemu(context, vm);
    const target = jobTarget(context, vm.spec.sshPort);
    const answered = await clock.time(
      'ssh-ready',
      waitEchoingConsole(context, { boot, watch, target, bootTimeoutSeconds }),
    );
    if (!(answered instanceof Error)) {
      teardown.add(() => answered.end());
      return {
        vm,
        qmp,
        watch,
        ssh: answered,
        target,
        bootSeconds: (Date.now() - startedAt) / 1000,
        bootTimeoutSeconds,
      };
    }
    const retry =
      boot <= config.bootRetries && !(answered instanceof CancelledError || answered instanceof HostKeyMismatchError)
        ? bootRetryReason(await observeBootFailure(watch, vm.spec.sshPort, startedAt))
        : undefined;
    if (!retry) {
      throw boot > 1
        ? new SolsticeError(
            (say) =>
              `${answered.message}\nThat was boot ${boot} of at most ${config.bootRetries + 1} (${say.setting('boot-retries', String(config.bootRetries))}).`,
          )
        : answered;
    }
    reporter.warning(
      `Boot ${boot} failed: ${answered.message.split('\n')[0]} Booting again from a fresh disk, since ${retry} (boot-retries: ${config.bootRetries}).`,
    );
    // The failed boot's resources go now, not at the end of the job.
    await release();
  }
}

/** The log line once QEMU runs; `restoring` names what it comes up from when it does not boot. */
export function announceQemu({ config, prepared, reporter }: BootContext, vm: VmProcess, restoring?: string): void {
  reporter.info(
    `QEMU started (pid ${vm.pid}, ${prepared.accel.toUpperCase()}, ${config.cpus} vCPU, ${config.memoryMiB} MiB)${restoring ? `, restoring ${restoring}` : ''}; SSH forwarded from 127.0.0.1:${vm.spec.sshPort}.`,
  );
}

/** The job's SSH endpoint: the forwarded port, the job's login key and its pinned host key. */
export function jobTarget({ config, prepared }: Pick<BootContext, 'config' | 'prepared'>, port: number): SshTarget {
  return {
    host: '127.0.0.1',
    port,
    user: config.user,
    privateKey: prepared.loginKey.privateKey,
    hostPublicKey: prepared.hostKey.publicKey,
  };
}

/** A started QEMU under watch, its closers registered with the teardown. */
export interface SupervisedVm {
  watch: VmWatch;
  /** Stops the watch, the VM and its QMP connection now (a failed attempt), rather than at teardown. */
  release: () => Promise<void>;
}

export function superviseVm(
  { vm, qmp }: StartedVm,
  { console, teardown, reporter, prepared }: Pick<BootContext, 'console' | 'teardown' | 'reporter' | 'prepared'>,
): SupervisedVm {
  // Closed newest first: the console limit and the watch, the VM (QMP quit, then signals), its QMP connection.
  const closeQmp = teardown.add(() => qmp.close());
  const stopVm = teardown.add(() => vm.stop(qmp), { outlivesHandOver: true });
  // Last resort if the process exits without reaching teardown (uncaught error, process.exit).
  const killOnExit = () => vm.killNow();
  process.on('exit', killOnExit);
  const forgetExitHandler = teardown.add(() => process.off('exit', killOnExit));
  const watch = new VmWatch(vm, console);
  const stopWatch = teardown.add(() => watch.stop());
  // Every QEMU on this log (a boot, a retry, a restored clone) is cut off when its guest floods the console.
  const stopLimit = teardown.add(
    console.onLimit(() => {
      reporter.warning(consoleLimitMessage(prepared.consoleLogPath));
      dropConsoleOutput(qmp).catch(() => {});
    }),
  );
  return {
    watch,
    release: async () => {
      await stopLimit();
      await stopWatch();
      await forgetExitHandler();
      await stopVm();
      await closeQmp();
    },
  };
}

/** What the VM boots from; a warm clone differs from the job's own files in these. */
export interface VmDisks {
  disk: string;
  seed: string;
  warm?: WarmMachine;
}

export function startQemu(
  { config, prepared, signal }: Pick<BootContext, 'config' | 'prepared' | 'signal'>,
  disks: VmDisks,
) {
  const { files } = prepared;
  return startVm(
    {
      name: prepared.job.vmName,
      arch: config.machine.arch,
      ...(prepared.uefi ? { uefi: prepared.uefi } : {}),
      accel: prepared.accel,
      ...(config.network ? {} : { isolated: true }),
      cpus: config.cpus,
      memoryMiB: config.memoryMiB,
      diskPath: disks.disk,
      seedPath: disks.seed,
      ...(disks.warm ? { warm: disks.warm } : {}),
      consoleLogPath: prepared.consoleLogPath,
      qmpSocketPath: files.qmpSocket,
      pidFilePath: files.qemuPid,
    },
    files.qemuStderr,
    signal,
  );
}

/** Waits for SSH inside the boot console's log group; the failure comes back as the value, for the retry decision. */
interface Attempt {
  boot: number;
  watch: VmWatch;
  target: SshTarget;
  bootTimeoutSeconds: number;
}

/** A console line this recent at the deadline means the guest was still busy, not hung. */
const STILL_PRINTING_MS = 10_000;

async function waitEchoingConsole(
  { config, prepared, console, reporter, signal }: BootContext,
  { boot, watch, target, bootTimeoutSeconds }: Attempt,
): Promise<Client | Error> {
  reporter.startGroup(boot === 1 ? 'Boot console (serial)' : `Boot console (serial), boot ${boot}`);
  // Blank lines (systemd's status redraws) are kept in the log file but not echoed.
  const stopEcho = console.onLine((line) => isBlankConsoleLine(line) || reporter.guestLine(line));
  let sshdStarting = false;
  const stopSshdWatch = console.onLine((line) => (sshdStarting ||= SSHD_STARTING.test(line)));
  try {
    return await waitForSsh(target, {
      deadlineMs: bootTimeoutSeconds * 1000,
      vmExited: watch.lost,
      signal,
      sshdStarting: () => sshdStarting,
      describeFailure: async (reason) =>
        watch.loss
          ? watch.message(watch.loss)
          : bootFailureMessage(
              `${reason}${prepared.accel === 'tcg' ? ` (TCG; boot-timeout ${config.bootTimeoutSeconds} s × ${TCG_BOOT_TIMEOUT_FACTOR})` : ''}`,
              '',
              console.tail(15),
              Date.now() - (watch.consoleLineAt ?? 0) < STILL_PRINTING_MS
                ? `The console was still printing at the deadline: the guest may be slow rather than stuck${prepared.accel === 'tcg' ? ' (software emulation is 10–50 × slower than KVM)' : ''}. Raise boot-timeout (now ${config.bootTimeoutSeconds} s) if it only needs longer.`
                : undefined,
            ),
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    stopEcho();
    stopSshdWatch();
    reporter.endGroup();
  }
}
