import type { Client } from 'ssh2';
import { seedDevice } from '../../core/guest-userland.js';
import { effectiveBootTimeoutSeconds } from '../../config/job.js';
import { consoleLimitMessage, type ConsoleTail } from '../../console/console-tail.js';
import { dropConsoleOutput } from '../../qemu/console-output.js';
import type { WarmMachine } from '../../qemu/command-line.js';
import { startVm } from '../../qemu/start-vm.js';
import type { VmProcess } from '../../qemu/vm-process.js';
import type { QmpClient } from '../../qmp/client.js';
import type { SshTarget } from '../../ssh/connect.js';
import type { GuestPlan } from '../guest-identity.js';
import type { JobScope } from '../job-scope.js';
import { VmWatch } from './vm-watch.js';

/**
 * What every way of starting a guest shares (a cold boot, a warm restore, a template build): QEMU
 * started and announced, under watch, its closers registered with the teardown, the job's SSH endpoint;
 * then, once SSH answers, the running guest.
 */

/** The running guest: QEMU, its QMP connection and watch, and the job's SSH connection to it. */
export interface Guest {
  vm: VmProcess;
  qmp: QmpClient;
  watch: VmWatch;
  ssh: Client;
  target: SshTarget;
  /** QEMU start → SSH answered. */
  bootSeconds: number;
  bootTimeoutSeconds: number;
}

/** One QEMU to start: whose guest, what it writes its console to, and what it runs from. */
export interface LaunchRequest {
  plan: GuestPlan;
  console: ConsoleTail;
  /** The guest's disk (its own overlay, or a clone's on a template's). */
  disk: string;
  seed: string;
  warm?: WarmMachine;
  /** What it comes up from when it does not boot ("the warm-start template 1a2b3c"), for the log line. */
  restoring?: string;
}

/** A started QEMU under watch; the guest in it may not answer yet. */
export interface Launched {
  vm: VmProcess;
  qmp: QmpClient;
  watch: VmWatch;
  target: SshTarget;
  startedAt: number;
  /** Stops the watch, the VM and its QMP connection now (a failed attempt), rather than at teardown. */
  release(): Promise<void>;
}

export async function launch(scope: JobScope, request: LaunchRequest): Promise<Launched> {
  const { config, clock, signal } = scope;
  const { plan } = request;
  const { vm, qmp } = await clock.time(
    'qemu-start',
    startVm(
      {
        name: plan.job.vmName,
        arch: config.machine.arch,
        ...(plan.uefi ? { uefi: plan.uefi } : {}),
        accel: plan.accel,
        ...(config.network ? {} : { isolated: true }),
        cpus: config.cpus,
        memoryMiB: config.memoryMiB,
        diskPath: request.disk,
        seed: { path: request.seed, device: seedDevice(config.guest.seed) },
        ...(config.guest.seed === 'console'
          ? { provisionOverConsole: { consoleSocketPath: plan.files.consoleSocket } }
          : {}),
        ...(request.warm ? { warm: request.warm } : {}),
        consoleLogPath: plan.consoleLogPath,
        qmpSocketPath: plan.files.qmpSocket,
        pidFilePath: plan.files.qemuPid,
      },
      plan.files.qemuStderr,
      signal,
    ),
  );
  const startedAt = Date.now();
  const { watch, release } = supervise(scope, request, vm, qmp);
  scope.reporter.info(
    `QEMU started (pid ${vm.pid}, ${plan.accel.toUpperCase()}, ${config.cpus} vCPU, ${config.memoryMiB} MiB)${request.restoring ? `, restoring ${request.restoring}` : ''}; ${vm.spec.provisionOverConsole ? `no SSH forward until ${request.restoring ? "the agent has put the job's keys in" : 'the guest is provisioned over its serial console'} (then 127.0.0.1:${vm.spec.sshPort})` : `SSH forwarded from 127.0.0.1:${vm.spec.sshPort}`}.`,
  );
  return { vm, qmp, watch, target: sshTarget(scope, plan, vm.spec.sshPort), startedAt, release };
}

/** The running guest, once `ssh` answered on `launched`: the connection closes at teardown. */
export function answeringGuest(scope: JobScope, launched: Launched, ssh: Client, plan: GuestPlan): Guest {
  scope.teardown.add(() => ssh.end());
  const { vm, qmp, watch, target, startedAt } = launched;
  return {
    vm,
    qmp,
    watch,
    ssh,
    target,
    bootSeconds: (Date.now() - startedAt) / 1000,
    bootTimeoutSeconds: effectiveBootTimeoutSeconds(scope.config, plan.accel),
  };
}

/** The job's SSH endpoint: the forwarded port, the guest's login key and its pinned host key. */
function sshTarget({ config }: JobScope, plan: GuestPlan, port: number): SshTarget {
  return {
    host: '127.0.0.1',
    port,
    user: config.user,
    privateKey: plan.loginKey.privateKey,
    hostPublicKey: plan.hostKey.publicKey,
  };
}

function supervise(
  { teardown, reporter }: JobScope,
  { plan, console }: LaunchRequest,
  vm: VmProcess,
  qmp: QmpClient,
): Pick<Launched, 'watch' | 'release'> {
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
      reporter.warning(consoleLimitMessage(plan.consoleLogPath));
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
