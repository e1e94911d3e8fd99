/**
 * One boot of each side, timed the same way:
 *  - the action: the bundled dist/ in the runner-faithful harness, from step start to FIRST-LINE in its log;
 *  - the floor: plain qemu-system-x86_64 with the action's own arguments, seed and overlay, and a retry
 *    loop of the real ssh client, from QEMU spawn to FIRST-LINE on ssh's stdout.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction } from '../test/helpers/action-runner.js';
import { QEMU_X86_64, qemuArguments } from '../src/qemu/command-line.js';
import { freePort } from '../src/qemu/port.js';
import { DEFAULT_GUEST } from '../src/config/job.js';
import { writeSeed } from '../src/seed/seed.js';
import { generateEd25519 } from '../src/ssh/keys.js';
import { alive, now, sleep, waitGone, watchConsole, type ConsoleMarks } from './util.js';
import type { Accel } from '../src/core/vocabulary.js';

/** The VM shape both sides use (passed to the action explicitly, so the two cannot drift apart). */
export const CPUS = 2;
export const MEMORY_MIB = 2048;
export const SCRIPT = 'echo FIRST-LINE';

/** Every QEMU this benchmark caused, so the load sampler can tell them apart and exit can kill them. */
export const ourQemuPids = new Set<number>();

export interface ActionBoot {
  ok: boolean;
  /** All times in ms from step start (just before the harness spawns the step). */
  qemuStartedMs?: number;
  firstConsoleByteMs?: number;
  /** The console's "Started ssh.service" line. */
  sshdStartedMs?: number;
  answeredMs?: number;
  firstLineMs?: number;
  stepEndMs?: number;
  /** From FIRST-LINE in the log to the job's QEMU gone from /proc. */
  qemuGoneAfterScriptMs?: number;
  /** From FIRST-LINE in the log to the main step's process exit. */
  stepEndAfterScriptMs?: number;
  phases?: Record<string, number>;
  /** The workspace sync before the script, as the action reports it (versions that sync). */
  workspaceSyncMs?: number;
  /** The action's `accel` output (the floor boots with the same). */
  accel?: string;
  /** The action's `start` output: `warm` (restored from a template) or `cold`. */
  start?: string;
  /** The job's last QEMU (with a template build, the clone's, not the template's). */
  qemuPid?: number;
  /** The step's ::warning lines (e.g. why a warm start fell back to a cold boot). */
  warnings?: string[];
  exitCode: number | null;
  error?: string;
}

export interface ActionBootOptions {
  imageUrl: string;
  sha256: string;
  toolCache: string;
  /** RUNNER_TEMP of this run: the console log lands here and QEMU's command line contains it. */
  runnerTemp: string;
  timeoutMs?: number;
  /** The harness to run it with (another checkout's harness runs that checkout's dist/). */
  runAction?: typeof runAction;
  /** Inputs besides the image, shape and script (e.g. `warm-start`); they may not replace those. */
  extraInputs?: Record<string, string>;
  /** The `run` input (default SCRIPT); its output must contain a line FIRST-LINE. */
  script?: string;
  /** Called when FIRST-LINE appears in the log, with the job's QEMU at that moment (e.g. to sample it while it runs). */
  onFirstLine?: (qemuPid: number | undefined) => void;
}

export async function actionBoot(options: ActionBootOptions): Promise<ActionBoot> {
  await mkdir(options.runnerTemp, { recursive: true });
  const marks: Partial<Record<'qemu' | 'answered' | 'first', number>> = {};
  let qemuPid: number | undefined;
  let phases: Record<string, number> | undefined;
  let workspaceSyncMs: number | undefined;
  let pending = '';
  let gone: Promise<number | undefined> | undefined;
  const consoleWatch = { done: false };
  const onLine = (line: string, at: number) => {
    const started = /QEMU started \(pid (\d+)/.exec(line);
    if (started) {
      marks.qemu ??= at;
      qemuPid = Number(started[1]);
      ourQemuPids.add(qemuPid);
    }
    if (line.startsWith('The guest answered over SSH')) marks.answered ??= at;
    if (line === 'FIRST-LINE' && marks.first === undefined) {
      marks.first = at;
      // The script is over once its one line is out: from here on it is teardown.
      if (qemuPid !== undefined) gone = waitGone(qemuPid);
      options.onFirstLine?.(qemuPid);
    }
    const synced = /^Workspace synced into the guest .* in ([\d.]+) s\.$/.exec(line);
    if (synced) workspaceSyncMs = Number(synced[1]) * 1000;
    const phaseLine = /^::debug::Phases \(ms\): (\{.*\})$/.exec(line);
    if (phaseLine) phases = JSON.parse(phaseLine[1]!) as Record<string, number>;
  };
  // The console log's name is only known once the job runs: found in RUNNER_TEMP.
  const locateConsole = async () => {
    const name = (await readdir(options.runnerTemp).catch(() => [] as string[])).find((entry) =>
      entry.endsWith('-console.log'),
    );
    return name ? join(options.runnerTemp, name) : undefined;
  };
  const startedAt = now();
  const consoleMarks = watchConsole(locateConsole, consoleWatch);
  try {
    const run = await (options.runAction ?? runAction)({
      toolCache: options.toolCache,
      env: { RUNNER_TEMP: options.runnerTemp },
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      inputs: {
        ...options.extraInputs,
        'image-url': options.imageUrl,
        'image-checksum': `sha256:${options.sha256}`,
        run: options.script ?? SCRIPT,
        cpus: String(CPUS),
        memory: `${MEMORY_MIB}M`,
      },
      onLog: (text) => {
        const at = now() - startedAt;
        const lines = (pending + text).split(/\r?\n/);
        pending = lines.pop()!;
        for (const line of lines) onLine(line, at);
      },
    });
    consoleWatch.done = true;
    const warnings = run.main.log.split('\n').filter((line) => line.startsWith('::warning'));
    const goneAt = await gone;
    const { firstByteAt, sshdStartedAt } = await consoleMarks;
    const firstLineAbs = marks.first === undefined ? undefined : startedAt + marks.first;
    const stepEndMs = run.main.durationMs;
    return {
      ok: run.main.exitCode === 0 && marks.first !== undefined,
      ...(marks.qemu !== undefined ? { qemuStartedMs: marks.qemu } : {}),
      ...(firstByteAt !== undefined ? { firstConsoleByteMs: firstByteAt - startedAt } : {}),
      ...(sshdStartedAt !== undefined ? { sshdStartedMs: sshdStartedAt - startedAt } : {}),
      ...(marks.answered !== undefined ? { answeredMs: marks.answered } : {}),
      ...(marks.first !== undefined ? { firstLineMs: marks.first, stepEndAfterScriptMs: stepEndMs - marks.first } : {}),
      stepEndMs,
      ...(goneAt !== undefined && firstLineAbs !== undefined ? { qemuGoneAfterScriptMs: goneAt - firstLineAbs } : {}),
      ...(phases ? { phases } : {}),
      ...(workspaceSyncMs !== undefined ? { workspaceSyncMs } : {}),
      ...(run.main.outputs['accel'] ? { accel: run.main.outputs['accel'] } : {}),
      ...(run.main.outputs['start'] ? { start: run.main.outputs['start'] } : {}),
      ...(qemuPid !== undefined ? { qemuPid } : {}),
      ...(warnings.length ? { warnings } : {}),
      exitCode: run.main.exitCode,
      ...(run.main.exitCode === 0
        ? {}
        : {
            error:
              run.main.log
                .split('\n')
                .filter((line) => line.startsWith('::error'))
                .join(' ') || `exit ${run.main.exitCode}`,
          }),
    };
  } finally {
    consoleWatch.done = true;
    // Whatever happened, no QEMU of this run may stay behind (the action's own teardown should have done it).
    if (qemuPid !== undefined && (await alive(qemuPid))) process.kill(qemuPid, 'SIGKILL');
  }
}

export interface FloorBoot {
  ok: boolean;
  /** All times in ms from QEMU spawn. */
  firstConsoleByteMs?: number;
  sshdStartedMs?: number;
  /** First `ssh … true` that succeeded. */
  sshTrueMs?: number;
  firstLineMs?: number;
  sshAttempts: number;
  /** SIGKILL → process gone: what stopping costs at the least. */
  killToGoneMs?: number;
  error?: string;
}

export interface FloorOptions {
  baseImage: string;
  accel: Accel;
  workDir: string;
  /** ssh -o ConnectTimeout=… (seconds) and the pause between attempts, as a person would write the loop. */
  connectTimeoutS: number;
  retryIntervalMs: number;
  timeoutMs: number;
}

/** ssh as a person would call it: the real client, key only, host key pinned through a known_hosts file. */
function sshArgs(directory: string, port: number, connectTimeoutS: number, command: string): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    join(directory, 'id_ed25519'),
    '-p',
    String(port),
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${join(directory, 'known_hosts')}`,
    '-o',
    `ConnectTimeout=${connectTimeoutS}`,
    '-o',
    'LogLevel=ERROR',
    'runner@127.0.0.1',
    command,
  ];
}

/** Runs ssh; resolves with its exit code and the moment `marker` first appeared on its stdout. */
function runSsh(args: string[], marker?: string): Promise<{ code: number | null; markerAt?: number }> {
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let markerAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (marker && markerAt === undefined && out.includes(marker)) markerAt = now();
    });
    child.on('close', (code) => resolve({ code, ...(markerAt !== undefined ? { markerAt } : {}) }));
  });
}

export async function floorBoot(options: FloorOptions): Promise<FloorBoot> {
  const name = `bench-floor-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const directory = join(options.workDir, name);
  await mkdir(directory, { recursive: true });
  const login = generateEd25519(`${name}-login`);
  const hostKey = generateEd25519(`${name}-host`);
  await writeFile(join(directory, 'id_ed25519'), login.privateKey, { mode: 0o600 });
  const diskPath = join(directory, 'disk.qcow2');
  const seedPath = join(directory, 'seed');
  const consoleLogPath = join(directory, 'console.log');
  await writeSeed(
    {
      instanceId: name,
      hostname: name,
      user: 'runner',
      authorizedKeys: [login.publicKey],
      hostKey,
      guest: DEFAULT_GUEST,
    },
    seedPath,
  );
  await new Promise<void>((resolve, reject) => {
    spawn('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', options.baseImage, '-F', 'qcow2', diskPath], {
      stdio: 'inherit',
    }).on('close', (code) => (code === 0 ? resolve() : reject(new Error(`qemu-img exited ${code}`))));
  });
  const port = await freePort();
  await writeFile(join(directory, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey.publicKey}\n`);
  const args = qemuArguments({
    name,
    arch: 'x86_64',
    accel: options.accel,
    cpus: CPUS,
    memoryMiB: MEMORY_MIB,
    diskPath,
    seed: { path: seedPath, device: { kind: 'cdrom' } },
    sshPort: port,
    consoleLogPath,
    qmpSocketPath: join(directory, 'qmp.sock'),
    pidFilePath: join(directory, 'qemu.pid'),
  });
  const consoleWatch = { done: false };
  const result: FloorBoot = { ok: false, sshAttempts: 0 };
  const spawnedAt = now();
  const qemu = spawn(QEMU_X86_64, args, { stdio: 'ignore', detached: true });
  const pid = qemu.pid!;
  ourQemuPids.add(pid);
  let exited = false;
  qemu.on('exit', () => (exited = true));
  const consoleMarks = watchConsole(async () => consoleLogPath, consoleWatch);
  try {
    const deadline = spawnedAt + options.timeoutMs;
    while (now() < deadline && !exited) {
      result.sshAttempts++;
      const { code } = await runSsh(sshArgs(directory, port, options.connectTimeoutS, 'true'));
      if (code === 0) {
        result.sshTrueMs = now() - spawnedAt;
        break;
      }
      await sleep(options.retryIntervalMs);
    }
    if (result.sshTrueMs === undefined) throw new Error(exited ? 'QEMU exited' : 'timed out');
    const { markerAt } = await runSsh(sshArgs(directory, port, options.connectTimeoutS, SCRIPT), 'FIRST-LINE');
    if (markerAt === undefined) throw new Error('ssh echo FIRST-LINE printed nothing');
    result.firstLineMs = markerAt - spawnedAt;
    result.ok = true;
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    consoleWatch.done = true;
    const marks: ConsoleMarks = await consoleMarks;
    if (marks.firstByteAt !== undefined) result.firstConsoleByteMs = marks.firstByteAt - spawnedAt;
    if (marks.sshdStartedAt !== undefined) result.sshdStartedMs = marks.sshdStartedAt - spawnedAt;
    const killedAt = now();
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    const goneAt = await waitGone(pid);
    if (goneAt !== undefined) result.killToGoneMs = goneAt - killedAt;
    await rm(directory, { recursive: true, force: true });
  }
  return result;
}
