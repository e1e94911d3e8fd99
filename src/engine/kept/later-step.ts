import { asRoot, type AdminCommand } from '../../core/guest-userland.js';
import { shellQuote } from '../../shell/shell.js';
import { open, readFile, stat } from 'node:fs/promises';
import type { Client } from 'ssh2';
import { bootFailureMessage, consoleLimitMessage, MAX_CONSOLE_LOG_BYTES } from '../../console/console-tail.js';
import { dropConsoleOutput } from '../../qemu/console-output.js';
import { QmpClient } from '../../qmp/client.js';
import { connectSsh, type SshTarget } from '../../ssh/connect.js';
import { execCapture, execCommand } from '../../ssh/exec.js';
import { waitForSsh } from '../../ssh/readiness.js';
import { SolsticeError } from '../../core/errors.js';
import { forgetSyncedManifest, loadKeptVm, saveSyncedManifest, type KeptVm } from './kept-vm.js';
import type { Reporter } from '../../core/reporter.js';
import { jobFiles } from '../job-directory.js';
import { sleep } from '../../core/sleep.js';
import { runStep } from '../step/run-step.js';
import { distrustForPrograms } from '../../core/program-search.js';

export interface LaterStepRequest {
  tempRoot: string;
  name: string;
  /** Path of the step's script (what `{0}` stands for in `shell: solstice {0}`); none with --reboot alone. */
  scriptPath?: string;
  reboot: boolean;
  runnerEnv: Record<string, string | undefined>;
}

const CONNECT_TIMEOUT_MS = 30_000;
const TAIL_BYTES = 16 * 1024;

/**
 * A later step of the job on a VM that `keep-running` left up: same rules as the first step (sync in
 * what changed, variables, shell, copy back), exact exit code. Optionally reboots the guest first and
 * waits until it is back.
 */
export async function runLaterStep(
  request: LaterStepRequest,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<{ exitCode: number; lastLines: string[] }> {
  const { kept, privateKey, synced } = await loadKeptVm(request.tempRoot, request.name);
  distrustForPrograms(kept.rules.workspace, kept.jobDirectory);
  if (!processAlive(kept.qemuPid))
    throw new SolsticeError(
      `The kept VM '${kept.name}' is not running any more (QEMU pid ${kept.qemuPid} is gone); see its console log: ${kept.consoleLogPath}`,
    );
  const target: SshTarget = {
    host: '127.0.0.1',
    port: kept.sshPort,
    user: kept.user,
    privateKey,
    hostPublicKey: kept.hostPublicKey,
  };
  await limitConsoleLog(kept.consoleLogPath, kept.jobDirectory, reporter, signal);
  let ssh = await connectSsh(target, CONNECT_TIMEOUT_MS);
  try {
    let previouslySynced = synced;
    if (request.reboot) {
      ssh = await reboot(ssh, { target, kept, reporter, signal });
      // A reboot may clear the working directory (e.g. under /tmp): the next step syncs everything.
      await forgetSyncedManifest(kept);
      previouslySynced = undefined;
    }
    if (!request.scriptPath) return { exitCode: 0, lastLines: [] };
    const script = await readFile(request.scriptPath, 'utf8');
    const outcome = await runStep(ssh, {
      script,
      rules: kept.rules,
      ...(previouslySynced ? { previouslySynced } : {}),
      runnerEnv: request.runnerEnv,
      reporter,
      signal,
      moreStepsFollow: true,
      jobDirectory: kept.jobDirectory,
    });
    if (outcome.synced) await saveSyncedManifest(kept, outcome.synced);
    return { exitCode: outcome.result.exitCode, lastLines: outcome.lastLines };
  } finally {
    ssh.end();
  }
}

/**
 * Nobody reads a kept VM's console between steps, so its size is checked as each step starts: past the
 * limit, the guest's serial output is cut off (as the first step does while it watches).
 */
async function limitConsoleLog(
  logPath: string,
  jobDirectory: string,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<void> {
  const size = (await stat(logPath).catch(() => undefined))?.size ?? 0;
  if (size < MAX_CONSOLE_LOG_BYTES) return;
  const qmp = await QmpClient.connect(jobFiles(jobDirectory).qmpSocket, { timeoutMs: CONNECT_TIMEOUT_MS, signal });
  try {
    await dropConsoleOutput(qmp);
  } finally {
    qmp.close();
  }
  reporter.warning(consoleLimitMessage(logPath));
}

/** Reboots the guest and returns a connection to the new boot (checked by its boot id). */
interface RebootContext {
  target: SshTarget;
  kept: KeptVm;
  reporter: Reporter;
  signal: AbortSignal;
}

/** systemd's reboot where there is one, else the system's own (BSDs, busybox, illumos). */
function rebootCommand(admin: AdminCommand): string {
  const root = asRoot(admin);
  return `${root}systemctl reboot || ${root}reboot`;
}

async function reboot(ssh: Client, { target, kept, reporter, signal }: RebootContext): Promise<Client> {
  const { qemuPid, bootTimeoutSeconds, consoleLogPath } = kept;
  const bootId = await readBootId(ssh);
  reporter.info('Rebooting the guest…');
  const startedAt = Date.now();
  // Immune to the hangup and holding nothing of the SSH session, so the session's end cannot take the reboot with it.
  await execCommand(
    ssh,
    `nohup sh -c ${shellQuote(`sleep 1; ${rebootCommand(kept.rules.userland.admin)}`)} </dev/null >/dev/null 2>&1 &`,
    { signal },
  );
  ssh.end();
  const deadline = startedAt + bootTimeoutSeconds * 1000;
  // Watches QEMU for the whole wait, and stops watching when the wait ends.
  const waiting = new AbortController();
  const vmExited = untilGone(qemuPid, AbortSignal.any([signal, waiting.signal]));
  try {
    for (;;) {
      const fresh = await waitForSsh(target, {
        deadlineMs: Math.max(1_000, deadline - Date.now()),
        vmExited,
        signal,
        describeFailure: async (reason) =>
          bootFailureMessage(`${reason} after the reboot`, '', await consoleTail(consoleLogPath)),
      });
      if ((await readBootId(fresh)) !== bootId) {
        reporter.info(`The guest is back after ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
        return fresh;
      }
      fresh.end(); // still the old boot, shutting down (or a guest that ignored the reboot)
      if (Date.now() >= deadline) {
        throw new SolsticeError(
          `The guest did not reboot within ${bootTimeoutSeconds} s: it still answers over SSH with the same boot id, so the reboot command did nothing; see its console log: ${consoleLogPath}`,
        );
      }
      await sleep(500, signal);
    }
  } finally {
    waiting.abort();
  }
}

async function readBootId(ssh: Client): Promise<string> {
  const answer = await execCapture(ssh, 'cat /proc/sys/kernel/random/boot_id', {
    what: 'read the boot id',
    maxStdoutBytes: 256,
    timeoutMs: CONNECT_TIMEOUT_MS,
  });
  return answer.stdout.toString().trim();
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when the process is gone; never, if the signal aborts first (the wait was given up). */
async function untilGone(pid: number, signal: AbortSignal): Promise<void> {
  while (processAlive(pid)) {
    await sleep(500, signal);
    if (signal.aborted) return new Promise(() => {});
  }
}

/** The console log's last lines (only its end is read: the guest decides how large it is). */
async function consoleTail(path: string): Promise<string[]> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return [];
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    return buffer.toString('utf8').split(/\r?\n/).slice(-16, -1);
  } finally {
    await handle.close();
  }
}
