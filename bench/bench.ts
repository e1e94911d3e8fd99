/**
 * Benchmark: the action against the physical floor on this machine, in one run, side by side.
 * Prints a table and writes bench/results/latest.json.
 *
 *   npm run bench [-- --runs 5 --download-runs 3 --download-paced 125,400 --parallel 1,2,4
 *                     --sections boot,download,parallel,warm --guests debian-12,debian-13
 *                     --floor-connect-timeout 2 --floor-interval-ms 500 --baseline DIR]
 *
 * --guests: the boot section's guests, interleaved in each round: debian-12 (OpenSSH 9.2) and debian-13 (the
 * rhel-like guest: OpenSSH 10, whose per-source penalties see every connection through SLIRP as one source).
 *
 * --sections warm: warm start on each of --guests (bench/warm.ts): the template build, --runs rounds of warm
 * run / cold run / warm floor (plain QEMU restoring the same template) and, with --baseline, the earlier
 * version's warm run, then 4 clones at once against one.
 *
 * --download-paced: network speeds in MB/s (125 = 1 Gbit/s) at which the download is measured again.
 *
 * The action runs as the bundled dist/ in the runner-faithful harness (rebundle after changing src/).
 * --baseline DIR also runs an earlier version (a checkout with its own dist/ and node_modules, e.g.
 * `git archive <rev> | tar -x -C DIR`) in the same rounds, so before/after share the machine's load.
 * The machine's CPU is shared with other VM tests: medians of interleaved runs, and the load is recorded.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as harness from '../test/helpers/action-runner.js';
import { rhelLikeGuest, testGuest, type TestGuest } from '../test/helpers/test-guest.js';
import { actionBoot, floorBoot, ourQemuPids, type ActionBoot, type FloorBoot } from './boot.js';
import { downloadSection, type DownloadRun } from './download.js';
import { warmRows, warmSection, type WarmActionOptions, type WarmResults } from './warm.js';
import { countingServer } from './http.js';
import { findQemuProcesses } from '../src/qemu/find-processes.js';
import { median, medianOf, now, ratio, seconds, startLoadSampler, summariseLoad } from './util.js';
import type { Accel } from '../src/core/vocabulary.js';

interface ParallelRun {
  vms: number;
  wallMs: number;
  firstLineMs: (number | undefined)[];
  ok: boolean;
  boots: ActionBoot[];
}

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'download-runs': { type: 'string', default: '3' },
    'download-paced': { type: 'string', default: '125,400' },
    parallel: { type: 'string', default: '1,2,4' },
    sections: { type: 'string', default: 'boot,download,parallel,warm' },
    guests: { type: 'string', default: 'debian-12,debian-13' },
    'floor-connect-timeout': { type: 'string', default: '2' },
    'floor-interval-ms': { type: 'string', default: '500' },
    baseline: { type: 'string' },
  },
});
const runs = Math.max(1, Number(flags.runs));
const downloadRuns = Math.max(1, Number(flags['download-runs']));
const pacedRates = flags['download-paced']
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0)
  .map((rate) => rate * 1e6);
const parallelCounts = flags.parallel
  .split(',')
  .map(Number)
  .filter((count) => count > 0);
const sections = new Set(flags.sections.split(','));
const baselineDir = flags.baseline ? resolve(flags.baseline) : undefined;
const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const workDir = await mkdtemp(join(tmpdir(), 'solstice-bench-'));

/**
 * Kills whatever QEMU of ours is still running, on every way out, normal or not: the ones seen starting,
 * and any whose command line names this run's directory (every job's RUNNER_TEMP and the floor's files are
 * in it). Synchronous, so it also works from an exit handler.
 */
function killOurQemus(): void {
  const pids = new Set(ourQemuPids);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(workDir)) pids.add(Number(entry));
    } catch {
      // gone
    }
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('qemu-system')) process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
process.on('exit', killOurQemus);
// Even a SIGKILLed benchmark leaves no VM: a detached watchdog sweeps this run's QEMUs once we are gone.
spawn(
  'sh',
  [
    '-c',
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done
for p in /proc/[0-9]*; do case "$(tr '\\0' ' ' <"$p/cmdline" 2>/dev/null)" in qemu-system*"$1"*) kill -9 "\${p#/proc/}";; esac; done`,
    'watchdog',
    workDir,
  ],
  { detached: true, stdio: 'ignore' },
).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    killOurQemus();
    process.exit(130);
  });
}

// Only the boot, parallel and warm sections run VMs: the download section alone needs no guest and no dist/ copy.
const needsVm = sections.has('boot') || sections.has('parallel') || sections.has('warm');
// The baseline's own harness: it installs the baseline's dist/ (REPO_ROOT is relative to the harness file).
const baselineHarness =
  baselineDir && needsVm
    ? ((await import(pathToFileURL(join(baselineDir, 'test/helpers/action-runner.ts')).href)) as typeof harness)
    : undefined;
interface BenchGuest extends TestGuest {
  name: string;
  /** Where the bench's server offers it. */
  file: string;
}
const knownGuests: Record<string, () => BenchGuest> = {
  'debian-12': () => ({ ...testGuest(), name: 'debian-12', file: '/guest.qcow2' }),
  'debian-13': () => ({ ...rhelLikeGuest(), name: 'debian-13', file: '/guest-13.qcow2.xz' }),
};
// The parallel and warm sections boot the first.
const guests = needsVm
  ? flags.guests.split(',').map((name) => {
      const make = knownGuests[name];
      if (!make) throw new Error(`unknown guest '${name}' (known: ${Object.keys(knownGuests).join(', ')})`);
      return make();
    })
  : [];
const server = await countingServer(Object.fromEntries(guests.map((guest) => [guest.file, guest.path])));
const toolCache = join(workDir, 'toolcache');
if (needsVm) {
  await harness.installedAction(); // copy dist/ once, outside any timing
  await baselineHarness?.installedAction();
}
const sampler = startLoadSampler((pid) => ourQemuPids.has(pid));
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  runs,
  downloadRuns,
  parallelCounts,
  baseline: baselineDir ?? null,
};
let jobCount = 0;
const action = (
  guest: BenchGuest,
  which: typeof harness = harness,
  timeoutMs?: number,
  extra: WarmActionOptions = {},
) =>
  actionBoot({
    imageUrl: server.url(guest.file),
    sha256: guest.sha256,
    toolCache,
    runnerTemp: join(workDir, `job-${++jobCount}`),
    runAction: which.runAction,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...extra,
  });

try {
  // Warm-up, not measured: fills the image cache (a cache miss) and tells us the accelerator in use.
  let warm: ActionBoot | undefined;
  for (const guest of guests) {
    log(`warm-up: first action run on ${guest.name} (downloads the image into the cache)`);
    warm = await action(guest);
    if (!warm.ok) throw new Error(`the warm-up run on ${guest.name} failed: ${warm.error}`);
    if (baselineHarness) {
      log(`warm-up: the baseline on ${guest.name} (its cache layout may differ)`);
      await action(guest, baselineHarness);
    }
  }
  const accel = (warm?.accel ?? 'tcg') as Accel;
  const fetchedBefore = guests.map((guest) => server.counts(guest.file));

  if (sections.has('boot')) {
    const imagesDir = join(toolCache, 'solstice', 'images');
    const cachedImage = async (guest: BenchGuest) => {
      for (const entry of await readdir(imagesDir)) {
        const names = await readdir(join(imagesDir, entry));
        const image = names.find((name) => name === `sha256-${guest.sha256}.img`);
        if (image) return join(imagesDir, entry, image);
      }
      throw new Error(`the cached image of ${guest.name} was not found`);
    };
    const boots = await Promise.all(
      guests.map(async (guest) => ({
        guest: guest.name,
        baseImage: await cachedImage(guest),
        actionRuns: [] as ActionBoot[],
        baselineRuns: [] as ActionBoot[],
        floorRuns: [] as FloorBoot[],
      })),
    );
    const floor = (baseImage: string) =>
      floorBoot({
        baseImage,
        accel,
        workDir,
        timeoutMs: 10 * 60_000,
        connectTimeoutS: Number(flags['floor-connect-timeout']),
        retryIntervalMs: Number(flags['floor-interval-ms']),
      });
    for (let round = 1; round <= runs; round++) {
      // A B (C) A B (C) … for each guest in turn, rotating who starts so a slow stretch of the machine does not
      // always hit one side.
      for (const [index, guest] of guests.entries()) {
        const boot = boots[index]!;
        const label = `boot ${round}/${runs} ${guest.name}`;
        const sides: (() => Promise<void>)[] = [
          async () => {
            const a = await action(guest);
            boot.actionRuns.push(a);
            log(`${label} action:   first line ${seconds(a.firstLineMs)}${a.ok ? '' : ` FAILED ${a.error}`}`);
          },
          async () => {
            const f = await floor(boot.baseImage);
            boot.floorRuns.push(f);
            log(
              `${label} floor:    first line ${seconds(f.firstLineMs)} (${f.sshAttempts} ssh attempts)${f.ok ? '' : ` FAILED ${f.error}`}`,
            );
          },
        ];
        if (baselineHarness) {
          sides.push(async () => {
            const b = await action(guest, baselineHarness);
            boot.baselineRuns.push(b);
            log(`${label} baseline: first line ${seconds(b.firstLineMs)}${b.ok ? '' : ` FAILED ${b.error}`}`);
          });
        }
        for (let side = 0; side < sides.length; side++) await sides[(side + round - 1) % sides.length]!();
      }
    }
    results['boot'] = boots.map(({ guest, actionRuns, baselineRuns, floorRuns }) => ({
      guest,
      actionRuns,
      baselineRuns,
      floorRuns,
    }));
    results['bootSettings'] = {
      accel,
      floorConnectTimeoutS: Number(flags['floor-connect-timeout']),
      floorIntervalMs: Number(flags['floor-interval-ms']),
    };
    const fetched = guests.map((guest, index) => {
      const after = server.counts(guest.file);
      return {
        requests: after.requests - fetchedBefore[index]!.requests,
        bytes: after.bytes - fetchedBefore[index]!.bytes,
      };
    });
    results['cacheHit'] = {
      requests: fetched.reduce((sum, each) => sum + each.requests, 0),
      bytes: fetched.reduce((sum, each) => sum + each.bytes, 0),
    };
  }

  if (sections.has('download')) {
    log('download: 512 MiB from 127.0.0.1 (the downloader as bundled by esbuild)');
    results['download'] = await downloadSection(
      workDir,
      downloadRuns,
      log,
      baselineDir && join(baselineDir, 'src/image/download.ts'),
      pacedRates,
    );
  }

  if (sections.has('parallel')) {
    const parallel: ParallelRun[] = [];
    for (const count of parallelCounts) {
      log(`parallel: ${count} VM(s) at once`);
      const startedAt = now();
      const boots = await Promise.all(Array.from({ length: count }, () => action(guests[0]!, harness, 20 * 60_000)));
      parallel.push({
        vms: count,
        wallMs: now() - startedAt,
        firstLineMs: boots.map((boot) => boot.firstLineMs),
        ok: boots.every((boot) => boot.ok),
        boots,
      });
      log(
        `parallel ${count}: wall ${seconds(parallel.at(-1)!.wallMs)}, first lines ${boots.map((boot) => seconds(boot.firstLineMs, 1)).join(', ')}`,
      );
    }
    results['parallel'] = parallel;
  }

  if (sections.has('warm')) {
    const warmResults: WarmResults[] = [];
    for (const guest of guests) {
      warmResults.push(
        await warmSection({
          guest: guest.name,
          runs,
          accel,
          // Each section empties the template cache first: it holds that guest's template only.
          toolCache,
          workDir,
          action: (options) => action(guest, harness, undefined, options),
          ...(baselineHarness
            ? { baselineAction: (options: WarmActionOptions) => action(guest, baselineHarness, undefined, options) }
            : {}),
          floorConnectTimeoutS: Number(flags['floor-connect-timeout']),
          floorIntervalMs: Number(flags['floor-interval-ms']),
          log,
        }),
      );
    }
    results['warm'] = warmResults;
  }
} finally {
  await server.close();
  killOurQemus();
  const leftovers = await findQemuProcesses(workDir);
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  results['leftoverQemu'] = leftovers.length;
  results['load'] = summariseLoad(sampler.stop());
  await rm(workDir, { recursive: true, force: true });
}

const resultsDir = join(harness.REPO_ROOT, 'bench', 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\n${table(results)}\nJSON: bench/results/latest.json\n`);

/** The summary table: medians, the action's ratio to the floor, and each goal of the issue with whether it is met. */
function table(r: Record<string, unknown>): string {
  const rows: string[][] = [['measure', 'action', 'baseline', 'floor / curl', 'action ÷ floor', 'goal', 'met']];
  const row = (measure: string, action: string, baseline = '', floor = '', quotient = '', goal = '', ok?: boolean) =>
    rows.push([measure, action, baseline, floor, quotient, goal, ok === undefined ? '' : ok ? 'yes' : 'NO']);
  const withBaseline = Boolean(r['baseline']);
  const boots =
    (r['boot'] as
      { guest: string; actionRuns: ActionBoot[]; baselineRuns: ActionBoot[]; floorRuns: FloorBoot[] }[] | undefined) ??
    [];
  for (const boot of boots) {
    row(`boot on ${boot.guest}`, '');
    const okA = boot.actionRuns.filter((run) => run.ok);
    const okB = boot.baselineRuns.filter((run) => run.ok);
    const okF = boot.floorRuns.filter((run) => run.ok);
    /** The same statistic for the action and the baseline, formatted. */
    const both = (pick: (run: ActionBoot) => number | undefined, digits = 2): [string, string] => [
      seconds(medianOf(okA, pick), digits),
      withBaseline ? seconds(medianOf(okB, pick), digits) : '',
    ];
    const a = medianOf(okA, (run) => run.firstLineMs);
    const f = medianOf(okF, (run) => run.firstLineMs);
    const limit = f === undefined ? undefined : 1.03 * f + 300;
    row(
      `a. step start → first script line (median of ${okA.length}${withBaseline ? `/${okB.length}` : ''}/${okF.length})`,
      ...both((run) => run.firstLineMs),
      seconds(f),
      ratio(a !== undefined && f !== undefined ? a / f : undefined),
      `≤ 1.03×floor + 0.3 s = ${seconds(limit)}`,
      a !== undefined && limit !== undefined ? a <= limit : undefined,
    );
    row('   … step start → "QEMU started"', ...both((run) => run.qemuStartedMs), '0 (t0 = spawn)');
    const afterSshd = (run: { firstLineMs?: number; sshdStartedMs?: number }) =>
      (run.firstLineMs ?? NaN) - (run.sshdStartedMs ?? NaN);
    const aS = medianOf(okA, afterSshd);
    const fS = medianOf(okF, afterSshd);
    row(
      '   … console "Started ssh.service" → first line',
      ...both(afterSshd),
      seconds(fS),
      ratio(aS !== undefined && fS !== undefined ? aS / fS : undefined),
    );
    row(
      '   … QEMU start → "Started ssh.service" (guest boot)',
      ...both((run) => (run.sshdStartedMs ?? NaN) - (run.qemuStartedMs ?? NaN)),
      seconds(medianOf(okF, (run) => run.sshdStartedMs)),
    );
    row(
      'b. first console byte (from QEMU start)',
      ...both((run) => (run.firstConsoleByteMs ?? NaN) - (run.qemuStartedMs ?? NaN)),
      seconds(medianOf(okF, (run) => run.firstConsoleByteMs)),
    );
    row(
      '   floor: first `ssh true` ok / ssh attempts',
      '',
      '',
      `${seconds(medianOf(okF, (run) => run.sshTrueMs))} / ${median(okF.map((run) => run.sshAttempts)) ?? 'n/a'}`,
    );
    for (const phase of ['accel-probe', 'image', 'overlay', 'seed', 'qemu-start', 'ssh-ready', 'script', 'teardown']) {
      row(`   phase ${phase}`, ...both((run) => run.phases?.[phase], 3));
    }
    row('   … of "script": workspace sync before it', ...both((run) => run.workspaceSyncMs));
    const prep = medianOf(okA, (run) => run.phases?.['image']);
    row('d. cache hit: step start → "QEMU started"', ...both((run) => run.qemuStartedMs, 3));
    row(
      '   cache hit: image phase (lookup)',
      ...both((run) => run.phases?.['image'], 3),
      '',
      '',
      '< 0.2 s',
      prep === undefined ? undefined : prep < 200,
    );
    const teardown = medianOf(okA, (run) => run.phases?.['teardown']);
    const gone = medianOf(okA, (run) => run.qemuGoneAfterScriptMs);
    row(
      'f. teardown phase',
      ...both((run) => run.phases?.['teardown'], 3),
      '',
      '',
      '< 1 s',
      teardown === undefined ? undefined : teardown < 1000,
    );
    row(
      '   FIRST-LINE → QEMU gone from /proc',
      ...both((run) => run.qemuGoneAfterScriptMs, 3),
      `${seconds(
        medianOf(okF, (run) => run.killToGoneMs),
        3,
      )} (SIGKILL)`,
      '',
      '< 1 s',
      gone === undefined ? undefined : gone < 1000,
    );
    row('   FIRST-LINE → main step process exit', ...both((run) => run.stepEndAfterScriptMs, 3));
  }
  if (boots.length > 0) {
    const hit = r['cacheHit'] as { requests: number; bytes: number };
    row(
      '   cache hit: image requests / bytes fetched (all guests)',
      `${hit.requests} / ${hit.bytes}`,
      '',
      '',
      '',
      '0 / 0',
      hit.requests === 0 && hit.bytes === 0,
    );
  }
  const download = r['download'] as DownloadRun[] | undefined;
  if (download) {
    const pick = (tool: DownloadRun['tool'], value: (run: DownloadRun) => number | undefined, pace?: number) =>
      medianOf(
        download.filter((run) => run.tool === tool && run.pacedBytesPerS === pace),
        value,
      );
    const a = pick('action', (run) => run.mbPerS);
    const b = pick('baseline', (run) => run.mbPerS);
    const c = pick('curl', (run) => run.mbPerS);
    const digestsOk = download.every((run) => run.digestOk !== false);
    row(
      `c. download 512 MiB, MB/s (median of ${downloadRuns})`,
      `${a?.toFixed(0)}${digestsOk ? ' (sha256 ok)' : ' (DIGEST WRONG)'}`,
      b === undefined ? '' : b.toFixed(0),
      `${c?.toFixed(0)}`,
      ratio(a !== undefined && c !== undefined ? a / c : undefined),
      '≥ 0.95 × curl',
      a !== undefined && c !== undefined ? a >= 0.95 * c && digestsOk : undefined,
    );
    // Each round's action and curl ran back to back: their ratio is paired against the machine's drift.
    const actions = download.filter((run) => run.tool === 'action' && run.pacedBytesPerS === undefined);
    const curls = download.filter((run) => run.tool === 'curl' && run.pacedBytesPerS === undefined);
    const paired = median(
      actions.map((run, index) => run.mbPerS / (curls[index]?.mbPerS ?? NaN)).filter((value) => Number.isFinite(value)),
    );
    row('   median of the per-round ratios (paired)', '', '', '', ratio(paired));
    const cpu = (tool: DownloadRun['tool']) => pick(tool, (run) => run.cpuS)?.toFixed(2) ?? '';
    row('   client CPU seconds', cpu('action'), cpu('baseline'), cpu('curl'));
    const twoPass = pick('curl+sha256', (run) => run.mbPerS);
    row(
      '   curl -o, then openssl sha256 of the file (2 passes)',
      '',
      '',
      `${twoPass?.toFixed(0)}`,
      ratio(a !== undefined && twoPass !== undefined ? a / twoPass : undefined),
    );
    const paces = [
      ...new Set(download.map((run) => run.pacedBytesPerS).filter((pace): pace is number => pace !== undefined)),
    ];
    for (const pace of paces) {
      const ap = pick('action', (run) => run.mbPerS, pace);
      const cp = pick('curl', (run) => run.mbPerS, pace);
      row(
        `   server paced at ${(pace / 1e6).toFixed(0)} MB/s (${((pace * 8) / 1e9).toFixed(1)} Gbit/s), MB/s`,
        `${ap?.toFixed(0)}`,
        '',
        `${cp?.toFixed(0)}`,
        ratio(ap !== undefined && cp !== undefined ? ap / cp : undefined),
      );
    }
  }
  for (const p of (r['parallel'] as ParallelRun[] | undefined) ?? []) {
    const teardowns = p.boots.map((boot) => boot.qemuGoneAfterScriptMs).filter((ms): ms is number => ms !== undefined);
    const worst = teardowns.length ? Math.max(...teardowns) : undefined;
    row(
      `e. ${p.vms} VM(s) at once: wall / each to first line${p.ok ? '' : ' (FAILED)'}`,
      `${seconds(p.wallMs, 1)} / ${p.firstLineMs.map((ms) => seconds(ms, 1)).join(', ')}`,
    );
    row(
      `   ${p.vms} at once: FIRST-LINE → QEMU gone, worst`,
      seconds(worst, 3),
      '',
      '',
      '',
      '< 1 s',
      worst === undefined ? undefined : worst < 1000,
    );
  }
  for (const warm of (r['warm'] as WarmResults[] | undefined) ?? []) warmRows(warm, row);
  const load = r['load'] as ReturnType<typeof summariseLoad>;
  const used = withBaseline ? rows : rows.map((cells) => cells.filter((_, column) => column !== 2));
  const widths = used[0]!.map((_, column) => Math.max(...used.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(used[0]!),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...used.slice(1).map(line),
    '',
    `Machine load during the run (min / median / max): 1-min loadavg ${load.loadavg1.join(' / ')} on 2 cores; CPU busy ${load.busyPercent.join(' / ')} %; other people's QEMUs ${load.foreignQemu.join(' / ')}.`,
    `QEMU processes of this benchmark left at the end: ${r['leftoverQemu']}.`,
  ].join('\n');
}
