/**
 * Section warm: warm start (`warm-start: true`) on one guest, in one run.
 *  1. The template build: the first warm run on an empty template cache (cold boot, save, then the restore
 *     of the first clone), against a cold run of the same action.
 *  2. Interleaved rounds of three sides: a warm run, a cold run, and the warm floor — plain QEMU restoring
 *     the same template (its device model, RAM file and state) and a loop of the real ssh client with the
 *     template's own login key, which is what restoring costs before the action makes the clone the job's.
 *  3. Four warm clones at once against one alone: the wall time to every first line, and how much of the
 *     template's RAM the clones share (the sum of their PSS against one clone's).
 * With --baseline, each round also has a warm run of the earlier version (it must know warm start): it
 * restores the same template when its template key is the same, so before and after share one machine.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QEMU_X86_64, qemuArguments } from '../src/qemu/command-line.js';
import { freePort } from '../src/qemu/port.js';
import { QmpClient } from '../src/qmp/client.js';
import { shellQuote } from '../src/shell/shell.js';
import { generateEd25519 } from '../src/ssh/keys.js';
import { AgentSession } from '../src/warm/agent.js';
import { restoreMachineState } from '../src/warm/machine-state.js';
import { templateFiles, type TemplateRecord } from '../src/warm/template-store.js';
import { CPUS, MEMORY_MIB, ourQemuPids, type ActionBoot, type ActionBootOptions } from './boot.js';
import { alive, medianOf, now, ratio, seconds, sleep, waitGone } from './util.js';
import type { Accel } from '../src/core/vocabulary.js';

/** No prepare: the build then costs a cold boot and a save, and the goal's "prepare" term is 0. */
const PREPARE = '';
const WARM_INPUTS = { 'warm-start': 'true', prepare: PREPARE };
/**
 * The clones' script: FIRST-LINE, then stay up until all four are running and their PSS is read. 30 s, not
 * 10: under TCG on a loaded 2-core machine the four first lines came up to 10 s apart, and the first clone
 * would be gone before the last printed.
 */
const HOLD_SCRIPT = 'echo FIRST-LINE; sleep 30';
const CLONES_AT_ONCE = 4;
/** After the last clone's FIRST-LINE, before reading PSS: the pages touched on the way to the first line are in. */
const PSS_SAMPLE_DELAY_MS = 1_000;
/** The template build is a whole cold boot plus a save: under TCG on a loaded machine, minutes. */
const BUILD_TIMEOUT_MS = 20 * 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
/** The floor waits as long for the state to load as the action does under KVM, and generously for ssh. */
const FLOOR_RESTORE_DEADLINE_MS = 30_000;
const FLOOR_QMP_CONNECT_TIMEOUT_MS = 15_000;
const FLOOR_TIMEOUT_MS = 2 * 60_000;
/** One ssh attempt may not outlast this (ConnectTimeout covers only the TCP connect). */
const SSH_ATTEMPT_TIMEOUT_MS = 20_000;
/** QMP `quit` normally ends QEMU in tens of ms; past this it is SIGKILLed. */
const QUIT_GRACE_MS = 2_000;

/** What bench.ts's action helper takes besides the guest: it fills in the image, shape and a fresh RUNNER_TEMP. */
export type WarmActionOptions = Pick<ActionBootOptions, 'extraInputs' | 'script' | 'onFirstLine' | 'timeoutMs'>;

export interface WarmSectionOptions {
  guest: string;
  runs: number;
  /** The accelerator the action used in the warm-up (the floor's QEMU must match the template's). */
  accel: Accel;
  toolCache: string;
  workDir: string;
  action: (options: WarmActionOptions) => Promise<ActionBoot>;
  /** The earlier version's warm run (--baseline), a fourth side of each round. */
  baselineAction?: (options: WarmActionOptions) => Promise<ActionBoot>;
  floorConnectTimeoutS: number;
  floorIntervalMs: number;
  log: (line: string) => void;
}

export interface WarmFloor {
  ok: boolean;
  /** All times in ms from just before QEMU's spawn. */
  qmpConnectedMs?: number;
  /** The state loaded and the guest running again. */
  restoredMs?: number;
  firstLineMs?: number;
  sshAttempts: number;
  /** When the ssh attempt that printed FIRST-LINE started (the rest of firstLineMs is that one login). */
  lastSshAttemptStartedMs?: number;
  error?: string;
}

export interface CloneGroup {
  clones: number;
  /** From just before the runs started to the last FIRST-LINE in their logs. */
  wallToAllFirstLinesMs?: number;
  /** From just before the runs started to the last step's end. */
  wallToAllEndedMs: number;
  /** Each clone's QEMU PSS (kB, /proc/<pid>/smaps_rollup), read together once all had printed FIRST-LINE. */
  pssKiB: (number | undefined)[];
  /** Each clone's whole smaps_rollup at that moment (kB): Pss_Anon against Pss_File tells copied RAM from shared. */
  rollups: (Record<string, number> | undefined)[];
  /**
   * Each clone's mapping of the template's RAM file at that moment (kB: Rss, Pss, Anonymous = pages the
   * clone copied on write). Under TCG most of a clone's anonymous memory is QEMU's own (the translated-code
   * buffer), not guest RAM: this tells the two apart.
   */
  ramMappings: (Record<string, number> | undefined)[];
  ok: boolean;
  boots: ActionBoot[];
}

export interface WarmResults {
  guest: string;
  /** The first warm run: it built the template, then restored it. */
  templateBuild: ActionBoot;
  template: {
    key: string;
    /** As the action recorded it: cold boot + prepare + save. */
    buildSeconds: number;
    /** Allocated bytes of the template's files. */
    bytes: { disk: number; memory: number; state: number };
  };
  warmRuns: ActionBoot[];
  baselineWarmRuns: ActionBoot[];
  coldRuns: ActionBoot[];
  floorRuns: WarmFloor[];
  alone?: CloneGroup;
  atOnce?: CloneGroup;
}

export async function warmSection(options: WarmSectionOptions): Promise<WarmResults> {
  const { guest, runs, log } = options;
  const templatesDir = join(options.toolCache, 'solstice', 'templates');
  // The cache is this run's own: emptied so the first warm run surely builds.
  await rm(templatesDir, { recursive: true, force: true });

  log(`warm: template build on ${guest} (the first warm run, empty template cache)`);
  const templateBuild = await options.action({ extraInputs: WARM_INPUTS, timeoutMs: BUILD_TIMEOUT_MS });
  if (!templateBuild.ok || templateBuild.start !== 'warm')
    throw new Error(
      `the template-building warm run failed (start: ${templateBuild.start ?? 'n/a'}): ${templateBuild.error ?? 'no FIRST-LINE'}`,
    );
  log(
    `warm: template built, first line after ${seconds(templateBuild.firstLineMs)} (phase template ${seconds(templateBuild.phases?.['template'])})`,
  );
  const template = await onlyTemplate(templatesDir);
  checkFloorMatches(template.record, options.accel);

  const warmRuns: ActionBoot[] = [];
  const baselineWarmRuns: ActionBoot[] = [];
  const coldRuns: ActionBoot[] = [];
  const floorRuns: WarmFloor[] = [];
  for (let round = 1; round <= runs; round++) {
    const label = `warm ${round}/${runs} ${guest}`;
    const sides: (() => Promise<void>)[] = [
      async () => {
        const w = await options.action({ extraInputs: WARM_INPUTS, timeoutMs: RUN_TIMEOUT_MS });
        warmRuns.push(w);
        log(`${label} warm:  first line ${seconds(w.firstLineMs)}${notRestored(w)}${w.ok ? '' : ` FAILED ${w.error}`}`);
      },
      async () => {
        const c = await options.action({ timeoutMs: RUN_TIMEOUT_MS });
        coldRuns.push(c);
        log(`${label} cold:  first line ${seconds(c.firstLineMs)}${c.ok ? '' : ` FAILED ${c.error}`}`);
      },
      async () => {
        const f = await warmFloor({
          templateDir: template.dir,
          user: template.record.identity.user,
          isolated: !template.record.identity.network,
          readOnlyRam: template.record.readOnlyRam,
          accel: options.accel,
          directory: join(options.workDir, `warm-floor-${round}`),
          connectTimeoutS: options.floorConnectTimeoutS,
          retryIntervalMs: options.floorIntervalMs,
        });
        floorRuns.push(f);
        log(
          `${label} floor: first line ${seconds(f.firstLineMs)} (restored ${seconds(f.restoredMs)}, ${f.sshAttempts} ssh attempts)${f.ok ? '' : ` FAILED ${f.error}`}`,
        );
      },
    ];
    const { baselineAction } = options;
    if (baselineAction)
      sides.push(async () => {
        const b = await baselineAction({ extraInputs: WARM_INPUTS, timeoutMs: RUN_TIMEOUT_MS });
        baselineWarmRuns.push(b);
        log(
          `${label} baseline warm: first line ${seconds(b.firstLineMs)}${notRestored(b)}${b.ok ? '' : ` FAILED ${b.error}`}`,
        );
      });
    // Rotating who starts, so a slow stretch of the machine does not always hit one side.
    for (let side = 0; side < sides.length; side++) await sides[(side + round - 1) % sides.length]!();
  }

  log('warm: one clone alone, holding its VM up');
  const memoryPath = templateFiles(template.dir).memory;
  const alone = await cloneGroup(1, options.action, memoryPath);
  log(`warm: alone: first line ${seconds(alone.wallToAllFirstLinesMs)}, PSS ${mib(alone.pssKiB[0])}`);
  log(`warm: ${CLONES_AT_ONCE} clones at once`);
  const atOnce = await cloneGroup(CLONES_AT_ONCE, options.action, memoryPath);
  log(
    `warm: ${CLONES_AT_ONCE} at once: all first lines ${seconds(atOnce.wallToAllFirstLinesMs)}, PSS ${atOnce.pssKiB.map(mib).join(', ')}${atOnce.ok ? '' : ' (FAILED)'}${atOnce.boots.map(notRestored).join('')}`,
  );

  return {
    guest,
    templateBuild,
    template: { key: template.record.key, buildSeconds: template.record.buildSeconds, bytes: template.bytes },
    warmRuns,
    baselineWarmRuns,
    coldRuns,
    floorRuns,
    alone,
    atOnce,
  };
}

/**
 * A warm run that did not simply restore the template: it fell back to a cold boot (and discarded the
 * template), or found none and built one first (after an earlier fallback). Either is no warm start's time.
 */
function restoredOnly(run: ActionBoot): boolean {
  return run.ok && run.start === 'warm' && run.phases?.['template:template-save'] === undefined;
}

/** Why a run is left out of the warm numbers, for the log ('' when it is not). */
function notRestored(run: ActionBoot): string {
  if (!run.ok || restoredOnly(run)) return '';
  const why = run.start !== 'warm' ? `FELL BACK TO ${run.start ?? 'n/a'}` : 'REBUILT THE TEMPLATE';
  return ` ${why}${run.warnings?.length ? `: ${run.warnings.join(' ')}` : ''}`;
}

/** The one template the build left: `<templates>/<64 hex>` (staging and discarded ones start with a dot). */
async function onlyTemplate(templatesDir: string) {
  const keys = (await readdir(templatesDir)).filter((name) => /^[0-9a-f]{64}$/.test(name));
  if (keys.length !== 1) throw new Error(`expected one template in ${templatesDir}, found ${keys.length}`);
  const dir = join(templatesDir, keys[0]!);
  const files = templateFiles(dir);
  const record = JSON.parse(await readFile(files.record, 'utf8')) as TemplateRecord;
  const allocated = async (path: string) => (await stat(path)).blocks * 512;
  return {
    dir,
    record,
    bytes: {
      disk: await allocated(files.disk),
      memory: await allocated(files.memory),
      state: await allocated(files.state),
    },
  };
}

/** The floor builds its QEMU from bench constants: it restores only if they are the template's machine. */
function checkFloorMatches(record: TemplateRecord, accel: Accel): void {
  const { identity } = record;
  const expected = { arch: 'x86_64', firmware: 'bios', accel, cpus: CPUS, memoryMiB: MEMORY_MIB };
  for (const [field, value] of Object.entries(expected)) {
    const actual = identity[field as keyof typeof identity];
    if (actual !== value)
      throw new Error(`the template's ${field} is ${String(actual)}, the warm floor's ${String(value)}`);
  }
}

interface WarmFloorOptions {
  templateDir: string;
  user: string;
  /** The template's QEMU had no network out (network: false); the forward is the same either way. */
  isolated: boolean;
  /** The RAM file mapped as the action's clones map it. */
  readOnlyRam: boolean;
  accel: Accel;
  /** This floor run's own files (overlay, sockets, logs): removed at the end. */
  directory: string;
  connectTimeoutS: number;
  retryIntervalMs: number;
}

/**
 * Plain QEMU restoring the template on a fresh overlay, one agent round trip that authorizes a login key
 * (the template's authorized_keys is saved empty and its key is not kept), then ssh until
 * `echo FIRST-LINE` prints: no RNG reseed, no host key, no clock, no sync. The template's host key is not
 * pinned (StrictHostKeyChecking=no), as a person restoring a snapshot by hand would log in.
 */
export async function warmFloor(options: WarmFloorOptions): Promise<WarmFloor> {
  const files = templateFiles(options.templateDir);
  const { directory } = options;
  await mkdir(directory, { recursive: true });
  const diskPath = join(directory, 'disk.qcow2');
  const qmpSocketPath = join(directory, 'qmp.sock');
  const stderrPath = join(directory, 'qemu.stderr');
  const agentSocketPath = join(directory, 'agent.sock');
  const loginKey = generateEd25519('bench-warm-floor');
  const loginKeyPath = join(directory, 'login-key');
  const result: WarmFloor = { ok: false, sshAttempts: 0 };
  let pid: number | undefined;
  let qmp: QmpClient | undefined;
  try {
    // Outside the timing, like the boot floor's overlay: the floor is QEMU and ssh.
    await qemuImgOverlay(files.disk, diskPath);
    await writeFile(loginKeyPath, loginKey.privateKey, { mode: 0o600 });
    const port = await freePort();
    const args = qemuArguments({
      name: `bench-warm-floor-${process.pid}`,
      arch: 'x86_64',
      accel: options.accel,
      ...(options.isolated ? { isolated: true } : {}),
      cpus: CPUS,
      memoryMiB: MEMORY_MIB,
      diskPath,
      seed: { path: files.seed, device: { kind: 'cdrom' } },
      sshPort: port,
      consoleLogPath: join(directory, 'console.log'),
      qmpSocketPath,
      pidFilePath: join(directory, 'qemu.pid'),
      warm: { memoryPath: files.memory, role: 'clone', agentSocketPath, readOnlyRam: options.readOnlyRam },
    });
    const stderrFd = openSync(stderrPath, 'w');
    const exited = new AbortController();
    const spawnedAt = now();
    const qemu = spawn(QEMU_X86_64, args, { stdio: ['ignore', 'ignore', stderrFd], detached: true });
    closeSync(stderrFd);
    qemu.on('error', (error) => exited.abort(error));
    qemu.on('exit', () => exited.abort(new Error('QEMU exited')));
    pid = qemu.pid;
    if (pid === undefined) throw new Error(`${QEMU_X86_64} did not start`);
    ourQemuPids.add(pid);
    const deadline = spawnedAt + FLOOR_TIMEOUT_MS;
    // Every wait below ends at the floor's deadline or when QEMU exits, whichever comes first.
    const signal = AbortSignal.any([exited.signal, AbortSignal.timeout(FLOOR_TIMEOUT_MS)]);
    const explain = async (what: string) => {
      const stderr = (await readFile(stderrPath, 'utf8').catch(() => '')).trim();
      return exited.signal.aborted
        ? `QEMU exited ${what}${stderr ? `: ${stderr}` : ''}`
        : `${what}: timed out after ${FLOOR_TIMEOUT_MS / 1000} s`;
    };
    try {
      qmp = await QmpClient.connect(qmpSocketPath, { timeoutMs: FLOOR_QMP_CONNECT_TIMEOUT_MS, signal });
      result.qmpConnectedMs = now() - spawnedAt;
      await restoreMachineState(qmp, files.state, FLOOR_RESTORE_DEADLINE_MS, signal);
      result.restoredMs = now() - spawnedAt;
      await authorizeThroughAgent(agentSocketPath, loginKey.publicKey, options.user, signal);
    } catch (error) {
      throw new Error(signal.aborted ? await explain('while restoring') : (error as Error).message);
    }
    while (now() < deadline && !signal.aborted) {
      result.sshAttempts++;
      const attemptStartedAt = now();
      const markerAt = await sshFirstLine(
        floorSshArgs(loginKeyPath, port, options.user, options.connectTimeoutS),
        Math.min(SSH_ATTEMPT_TIMEOUT_MS, deadline - now()),
      );
      if (markerAt !== undefined) {
        result.firstLineMs = markerAt - spawnedAt;
        result.lastSshAttemptStartedMs = attemptStartedAt - spawnedAt;
        break;
      }
      await sleep(options.retryIntervalMs, signal);
    }
    if (result.firstLineMs === undefined) throw new Error(await explain('before ssh printed FIRST-LINE'));
    result.ok = true;
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    await stopQemu(pid, qmp);
    await rm(directory, { recursive: true, force: true });
  }
  return result;
}

/** QMP `quit` (how the action stops its VMs), then SIGKILL if QEMU is still there; resolves once it is gone. */
async function stopQemu(pid: number | undefined, qmp: QmpClient | undefined): Promise<void> {
  if (qmp) {
    // QEMU may close the socket before it replies: a rejection here is no failure.
    await qmp.execute('quit', undefined, { timeoutMs: QUIT_GRACE_MS }).catch(() => {});
    qmp.close();
  }
  if (pid === undefined) return;
  if ((await waitGone(pid, 10, QUIT_GRACE_MS)) !== undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
  await waitGone(pid);
}

/** Puts `publicKey` in the restored guest's authorized_keys through its agent (one script, then the agent exits). */
async function authorizeThroughAgent(socketPath: string, publicKey: string, user: string, signal: AbortSignal) {
  const agent = await AgentSession.open(socketPath, { deadlineMs: FLOOR_RESTORE_DEADLINE_MS, signal });
  try {
    const status = await agent.run(`printf '%s\\n' ${shellQuote(publicKey)} > ~${user}/.ssh/authorized_keys`);
    if (status !== 0) throw new Error(`the agent could not authorize the floor's key (exit status ${status})`);
  } finally {
    agent.close();
  }
}

function floorSshArgs(keyPath: string, port: number, user: string, connectTimeoutS: number): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    keyPath,
    '-p',
    String(port),
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    `ConnectTimeout=${connectTimeoutS}`,
    '-o',
    'LogLevel=ERROR',
    `${user}@127.0.0.1`,
    'echo FIRST-LINE',
  ];
}

/** One ssh attempt; the moment FIRST-LINE appeared on its stdout, or undefined. Killed at `timeoutMs`. */
function sshFirstLine(args: string[], timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let markerAt: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(1, timeoutMs));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (markerAt === undefined && out.includes('FIRST-LINE')) markerAt = now();
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(markerAt);
    });
  });
}

function qemuImgOverlay(backing: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', backing, '-F', 'qcow2', path], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`qemu-img exited ${code}`))));
  });
}

/**
 * `count` warm runs started together, each holding its VM up after FIRST-LINE; once all have printed it
 * (or a run ended without, or the deadline passed), every clone's PSS is read at the same moment.
 */
async function cloneGroup(
  count: number,
  action: WarmSectionOptions['action'],
  memoryPath: string,
): Promise<CloneGroup> {
  const pids: (number | undefined)[] = Array.from({ length: count }, () => undefined);
  const firstLineAt: (number | undefined)[] = Array.from({ length: count }, () => undefined);
  let printed = 0;
  let allPrinted!: () => void;
  const allUp = new Promise<void>((resolve) => (allPrinted = resolve));
  const startedAt = now();
  const running = Promise.all(
    Array.from({ length: count }, (_, index) =>
      action({
        extraInputs: WARM_INPUTS,
        script: HOLD_SCRIPT,
        timeoutMs: RUN_TIMEOUT_MS,
        onFirstLine: (pid) => {
          pids[index] = pid;
          firstLineAt[index] = now();
          if (++printed === count) allPrinted();
        },
      }),
    ),
  );
  // The runs' own timeout ends them all; this deadline only keeps the wait bounded if that failed too.
  const deadline = new AbortController();
  await Promise.race([allUp, running.then(() => {}), sleep(RUN_TIMEOUT_MS + 60_000, deadline.signal)]);
  deadline.abort();
  let rollups: (Record<string, number> | undefined)[] = pids.map(() => undefined);
  let ramMappings: (Record<string, number> | undefined)[] = pids.map(() => undefined);
  if (printed === count) {
    await sleep(PSS_SAMPLE_DELAY_MS);
    [rollups, ramMappings] = await Promise.all([
      Promise.all(pids.map((pid) => (pid === undefined ? undefined : smapsRollup(pid)))),
      Promise.all(pids.map((pid) => (pid === undefined ? undefined : fileMapping(pid, memoryPath)))),
    ]);
  }
  const pssKiB = rollups.map((rollup) => rollup?.['Pss']);
  const boots = await running;
  const lastFirstLine = printed === count ? Math.max(...firstLineAt.map((at) => at!)) : undefined;
  return {
    clones: count,
    ...(lastFirstLine !== undefined ? { wallToAllFirstLinesMs: lastFirstLine - startedAt } : {}),
    wallToAllEndedMs: now() - startedAt,
    pssKiB,
    rollups,
    ramMappings,
    ok: boots.every(restoredOnly) && pssKiB.every((value) => value !== undefined),
    boots,
  };
}

/**
 * A live process's memory totals in kB (Rss, Pss, Pss_Anon, Pss_File, Private_Dirty, …). PSS counts a
 * page shared by n processes as 1/n in each: the sum over clones is what they cost together.
 */
async function smapsRollup(pid: number): Promise<Record<string, number> | undefined> {
  if (!(await alive(pid))) return undefined;
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'latin1').catch(() => '');
  const fields = Object.fromEntries(
    [...text.matchAll(/^(\w+):\s+(\d+) kB$/gm)].map(([, name, kb]) => [name!, Number(kb)]),
  );
  return 'Pss' in fields ? fields : undefined;
}

/** The kB fields of every mapping of `path` in a live process's /proc/<pid>/smaps, summed over its VMAs. */
async function fileMapping(pid: number, path: string): Promise<Record<string, number> | undefined> {
  if (!(await alive(pid))) return undefined;
  const text = await readFile(`/proc/${pid}/smaps`, 'latin1').catch(() => '');
  const totals: Record<string, number> = {};
  let inside = false;
  let found = false;
  for (const line of text.split('\n')) {
    // A VMA's header: "start-end perms offset dev inode   [path]".
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      inside = header[1] === path;
      found ||= inside;
      continue;
    }
    const field = inside ? /^(\w+):\s+(\d+) kB$/.exec(line) : null;
    if (field) totals[field[1]!] = (totals[field[1]!] ?? 0) + Number(field[2]);
  }
  return found ? totals : undefined;
}

const mib = (kib: number | undefined) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);

type Row = (
  measure: string,
  action: string,
  baseline?: string,
  floor?: string,
  quotient?: string,
  goal?: string,
  ok?: boolean,
) => void;

/** The warm section's rows of bench.ts's table (columns: action, baseline, floor, action ÷ floor, goal, met). */
export function warmRows(warm: WarmResults, row: Row): void {
  const warmOk = warm.warmRuns.filter(restoredOnly);
  const baselineOk = (warm.baselineWarmRuns ?? []).filter(restoredOnly);
  const b = medianOf(baselineOk, (run) => run.firstLineMs);
  const coldOk = warm.coldRuns.filter((run) => run.ok);
  const floorOk = warm.floorRuns.filter((run) => run.ok);
  const w = medianOf(warmOk, (run) => run.firstLineMs);
  const c = medianOf(coldOk, (run) => run.firstLineMs);
  const f = medianOf(floorOk, (run) => run.firstLineMs);
  row(`warm start on ${warm.guest} (prepare: ${PREPARE === '' ? 'none' : 'yes'})`, '');

  const build = warm.templateBuild.firstLineMs;
  const buildLimit = c === undefined ? undefined : c + 5000; // + prepare, which is none here
  row(
    'template build: step start → first line (first warm run)',
    seconds(build),
    '',
    `${seconds(c)} (cold)`,
    ratio(build !== undefined && c !== undefined ? build / c : undefined),
    `≤ cold + prepare + 5 s = ${seconds(buildLimit)}`,
    build !== undefined && buildLimit !== undefined ? build <= buildLimit : undefined,
  );
  row('   template as recorded (cold boot + prepare + save)', seconds(warm.template.buildSeconds * 1000));
  // template:… are the template's cold boot and save; the rest is the clone's restore.
  for (const phase of [
    'template',
    'template:qemu-start',
    'template:ssh-ready',
    'template:template-save',
    'qemu-start',
    'restore-state',
    'agent',
    'secure-identity',
    'job-login',
  ]) {
    row(`   phase ${phase}`, seconds(warm.templateBuild.phases?.[phase], 3));
  }
  const { disk, memory, state } = warm.template.bytes;
  row(
    '   template files: disk / RAM / state (allocated)',
    `${mib(disk / 1024)} / ${mib(memory / 1024)} / ${(state / 1024).toFixed(0)} KiB`,
  );

  const limit = f === undefined ? undefined : 1.3 * f + 500;
  const leftOut = warm.warmRuns.filter((run) => run.ok && !restoredOnly(run)).length;
  row(
    `warm: first line (median of ${warmOk.length}/${baselineOk.length}/${floorOk.length})${leftOut ? ` (${leftOut} fell back or rebuilt: left out)` : ''}`,
    seconds(w),
    seconds(b),
    seconds(f),
    ratio(w !== undefined && f !== undefined ? w / f : undefined),
    '≤ 3 s',
    w === undefined ? undefined : w <= 3000,
  );
  row(
    '   warm against its floor',
    '',
    ratio(b !== undefined && f !== undefined ? b / f : undefined),
    '',
    '',
    `≤ 1.3×floor + 0.5 s = ${seconds(limit)}`,
    w !== undefined && limit !== undefined ? w <= limit : undefined,
  );
  // Every phase a warm job reported, in the order the action reported them.
  const phases = [...new Set(warmOk.flatMap((run) => Object.keys(run.phases ?? {})))];
  for (const phase of phases)
    row(
      `   phase ${phase}`,
      seconds(
        medianOf(warmOk, (run) => run.phases?.[phase]),
        3,
      ),
      seconds(
        medianOf(baselineOk, (run) => run.phases?.[phase]),
        3,
      ),
    );
  row(
    'warm floor: first line (QEMU restore + ssh loop)',
    '',
    '',
    `${seconds(f)} (${medianOf(floorOk, (run) => run.sshAttempts) ?? 'n/a'} ssh attempts)`,
  );
  row(
    '   warm floor: QEMU spawn → successful ssh attempt started',
    '',
    '',
    seconds(
      medianOf(floorOk, (run) => run.lastSshAttemptStartedMs),
      3,
    ),
  );
  row(
    '   warm floor: QEMU spawn → QMP / → restored',
    '',
    '',
    `${seconds(
      medianOf(floorOk, (run) => run.qmpConnectedMs),
      3,
    )} / ${seconds(
      medianOf(floorOk, (run) => run.restoredMs),
      3,
    )}`,
  );
  row(`cold: first line (median of ${coldOk.length})`, seconds(c));
  row('   warm ÷ cold', ratio(w !== undefined && c !== undefined ? w / c : undefined));

  const { alone, atOnce } = warm;
  if (alone && atOnce) {
    const one = alone.wallToAllFirstLinesMs;
    const all = atOnce.wallToAllFirstLinesMs;
    row(
      `${atOnce.clones} clones: wall to all first lines / one alone${atOnce.ok && alone.ok ? '' : ' (FAILED)'}`,
      `${seconds(all)} / ${seconds(one)}`,
      '',
      '',
      ratio(all !== undefined && one !== undefined ? all / one : undefined),
      '≤ 2 × one',
      all !== undefined && one !== undefined ? all <= 2 * one : undefined,
    );
    row(
      `   ${atOnce.clones} clones: each to first line`,
      atOnce.boots.map((boot) => seconds(boot.firstLineMs, 1)).join(', '),
    );
    const onePss = alone.pssKiB[0];
    const sum = atOnce.pssKiB.every((value) => value !== undefined)
      ? atOnce.pssKiB.reduce((total, value) => total! + value!, 0)
      : undefined;
    row(
      `${atOnce.clones} clones: PSS sum / one alone`,
      `${mib(sum)} / ${mib(onePss)}`,
      '',
      '',
      ratio(sum !== undefined && onePss !== undefined ? sum / onePss : undefined),
      '≤ 1.5 × one',
      sum !== undefined && onePss !== undefined ? sum <= 1.5 * onePss : undefined,
    );
    row(`   ${atOnce.clones} clones: each PSS`, atOnce.pssKiB.map(mib).join(', '));
    const split = (rollup: Record<string, number> | undefined) =>
      rollup ? `${mib(rollup['Pss_Anon'])} + ${mib(rollup['Pss_File'])}` : 'n/a';
    row('   PSS anon + file: one alone', split(alone.rollups[0]));
    row(`   PSS anon + file: each of ${atOnce.clones}`, atOnce.rollups.map(split).join(', '));
    // The template's RAM file alone: what the clones share of it (Pss) and what each copied (Anonymous).
    const ram = (mapping: Record<string, number> | undefined) =>
      mapping ? `${mib(mapping['Pss'])} (${mib(mapping['Anonymous'])} copied)` : 'n/a';
    row('   RAM file mapping PSS (copied): one alone', ram(alone.ramMappings[0]));
    row(`   RAM file mapping PSS (copied): each of ${atOnce.clones}`, atOnce.ramMappings.map(ram).join(', '));
    const oneRam = alone.ramMappings[0]?.['Pss'];
    const sumRam = atOnce.ramMappings.every((mapping) => mapping !== undefined)
      ? atOnce.ramMappings.reduce((total, mapping) => total + mapping!['Pss']!, 0)
      : undefined;
    row(
      `   RAM file mapping PSS: sum of ${atOnce.clones} / one alone`,
      `${mib(sumRam)} / ${mib(oneRam)}`,
      '',
      '',
      ratio(sumRam !== undefined && oneRam !== undefined ? sumRam / oneRam : undefined),
    );
  }
}
