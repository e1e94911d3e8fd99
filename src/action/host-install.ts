/**
 * Before the job, on a runner that lacks QEMU or a usable /dev/kvm: gathers the facts, lets
 * qemu/host-setup.ts decide, and runs its plan in its own log group, each command echoed as
 * `[command]…` (like the Host group) with its output, timed. Only the action sets up a runner; the
 * command line never changes the machine it runs on.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { execa } from 'execa';
import { childEnvironment } from '../core/child-environment.js';
import { CancelledError, SolsticeError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { forgetProgramPaths, program, programPath } from '../core/program-search.js';
import { sleep } from '../core/sleep.js';
import type { JobConfig } from '../config/job.js';
import { HOST_ARCH } from '../qemu/accel.js';
import {
  hostRequirements,
  planHostSetup,
  type HostSetupPlan,
  type KvmDevice,
  type SetupCommand,
} from '../qemu/host-setup.js';

const KVM_DEVICE = '/dev/kvm';
/** udevadm trigger only queues the change: udevd applies it to /dev/kvm a moment later. */
const KVM_SETTLE_MS = 5_000;
/** Lines of a failed command's output quoted in the error. */
const FAILURE_TAIL_LINES = 5;

/**
 * Sets the runner up for the job when it needs it and may be changed (GitHub-hosted, or `install:
 * true`); throws the error naming every missing package on a self-hosted runner that may not.
 */
export async function prepareRunner(
  config: Pick<JobConfig, 'machine' | 'accel'>,
  install: boolean,
  reporter: Reporter,
  signal?: AbortSignal,
): Promise<void> {
  const missing: string[] = [];
  for (const requirement of hostRequirements(config.machine)) {
    for (const thing of requirement.lookFor) {
      const present = requirement.kind === 'program' ? programPath(thing) !== undefined : await exists(thing);
      if (!present) missing.push(thing);
    }
  }
  const plan = planHostSetup({
    machine: config.machine,
    accel: config.accel,
    hostArch: HOST_ARCH,
    missing,
    kvm: await kvmDevice(),
    runnerEnvironment: process.env['RUNNER_ENVIRONMENT'],
    install,
    missingInstallers: ['sudo', 'apt-get'].filter((tool) => programPath(tool) === undefined),
  });
  if (plan) await runHostSetup(plan, reporter, signal);
}

/** Runs a plan of planHostSetup in a log group; a failed install throws, a failed /dev/kvm change warns. */
export async function runHostSetup(plan: HostSetupPlan, reporter: Reporter, signal?: AbortSignal): Promise<void> {
  const changes = [plan.packages.length > 0 ? 'install QEMU' : '', plan.kvm.length > 0 ? 'make /dev/kvm usable' : ''];
  reporter.startGroup(`Set up the runner (${plan.reason}): ${changes.filter(Boolean).join(', ')}`);
  try {
    if (plan.install.length > 0) {
      reporter.info(`Missing here: ${plan.missing.join(', ')}. Installing ${plan.packages.join(' ')} with sudo.`);
      const started = performance.now();
      const fix = `The action installs with passwordless sudo and apt-get; where they do not work, install ${plan.packages.join(' ')} in the runner's image.`;
      for (const command of plan.install) await runSetupCommand(command, reporter, signal, fix);
      forgetProgramPaths(); // the programs just installed were remembered as missing
      reporter.info(`Installed ${plan.packages.join(' ')} in ${seconds(performance.now() - started)}`);
    }
    if (plan.kvm.length > 0) {
      reporter.info(
        `${KVM_DEVICE} is not usable by this user: adding the udev rule GitHub documents for hosted runners.`,
      );
      const started = performance.now();
      try {
        for (const command of plan.kvm) await runSetupCommand(command, reporter, signal);
        const usable = await kvmUsableWithin(KVM_SETTLE_MS);
        reporter.info(
          usable
            ? `Made ${KVM_DEVICE} usable for the runner user in ${seconds(performance.now() - started)}`
            : `${KVM_DEVICE} is still not usable after the udev rule; the KVM check of the job says what it finds.`,
        );
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        // The job can still run: the KVM check falls back to TCG with a notice (or fails with accel: kvm).
        reporter.warning(`Could not make ${KVM_DEVICE} usable: ${(error as Error).message}`);
      }
    }
  } finally {
    reporter.endGroup();
  }
}

/**
 * Runs one command without a shell, its output into the log line by line, ended at its deadline.
 * Its failure says what failed, its last lines, and `fix` when given.
 */
async function runSetupCommand(
  command: SetupCommand,
  reporter: Reporter,
  signal?: AbortSignal,
  fix?: string,
): Promise<void> {
  const [name, ...args] = command.argv;
  const file = program(name);
  const shown = [file, ...args].join(' ');
  reporter.info(`[command]${shown}`);
  const subprocess = execa(file, args, {
    ...(command.input === undefined ? { stdin: 'ignore' as const } : { input: command.input }),
    all: true,
    reject: false,
    timeout: command.deadlineMs,
    ...(signal ? { cancelSignal: signal } : {}),
    env: childEnvironment(),
    extendEnv: false,
  });
  const tail: string[] = [];
  for await (const line of subprocess.iterable({ from: 'all' })) {
    reporter.info(line);
    tail.push(line);
    if (tail.length > FAILURE_TAIL_LINES) tail.shift();
  }
  const result = await subprocess;
  if (result.isCanceled || signal?.aborted) throw new CancelledError();
  const after = fix === undefined ? '' : ` ${fix}`;
  if (result.timedOut)
    throw new SolsticeError(`${shown} did not finish within ${command.deadlineMs / 1000} s and was stopped.${after}`);
  if (result.failed) {
    const how = result.exitCode === undefined ? result.shortMessage : `exit code ${result.exitCode}`;
    throw new SolsticeError(`${shown} failed (${how})${tail.length > 0 ? `: ${tail.join(' / ')}` : ''}.${after}`);
  }
}

async function kvmDevice(): Promise<KvmDevice> {
  try {
    await access(KVM_DEVICE, constants.R_OK | constants.W_OK);
    return 'usable';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unusable';
  }
}

async function kvmUsableWithin(ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while ((await kvmDevice()) !== 'usable') {
    if (performance.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** "23.4 s": the install's time is worth its tenth of a second. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
