/**
 * Never hang, never leak, never lose: faults and cancels end to end, through the runner-faithful
 * harness with the bundled action, on the tiny guest (guest/TINY.md) served over HTTP from 127.0.0.1
 * under TCG. Every scenario ends the step with a message naming what happened, within a bound meant
 * for TCG on a loaded 2-core machine (hang detection, not a benchmark), and leaves no QEMU, no job
 * directory, no listener on the forwarded port, and an intact image cache.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { generateEd25519 } from '../../src/ssh/keys.js';
import { runAction, type ActionRun, type CancelPlan, type RunOptions } from '../helpers/action-runner.js';
import { standInGitHub, type StandInGitHub } from '../helpers/github-api.js';
import { assertCacheIntact, assertNothingLeft, forwardedPorts } from '../helpers/nothing-left.js';
import { serve, serveSlowly, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import { tinyGuest, type TestGuest } from '../helpers/test-guest.js';
import { tinyGuestVariant } from '../helpers/tiny-variants.js';

/** The most any scenario may take from start to end of the step (boots of 4–15 s under TCG, 20 s keepalive, 2 × 20 s boot timeouts). */
const STEP_BOUND_MS = 90_000;
/** The runner sends SIGTERM this long after SIGINT: a cancelled step must have ended by then. */
const RUNNER_SIGTERM_MS = 7_500;

let server: RouteServer;
let api: StandInGitHub;
let toolCache: string;
/** Directories this file made (variant images, image caches), removed at the end. */
const scratch: string[] = [];
let guest: TestGuest;
/** The tiny guest that never finds its seed (the CD-ROM's ATA port disabled): up on the network, no SSH for us. */
let noSeed: TestGuest;
/** The tiny guest whose init blocks forever reading the console: the boot hangs, nothing answers. */
let hung: TestGuest;

before(async () => {
  guest = tinyGuest();
  const variants = await scratchDirectory('solstice-tiny-variants-');
  noSeed = tinyGuestVariant(variants, 'no-seed', (commandLine) => `${commandLine} libata.force=disable`);
  hung = tinyGuestVariant(variants, 'hung', (commandLine) => `${commandLine.replace(' quiet', '')} rdinit=/bin/cat`);
  const image = readFileSync(guest.path);
  server = await startRouteServer({
    '/tiny.qcow2': serve(image),
    '/tiny-shared.qcow2': serve(image),
    '/tiny-slow.qcow2': serveSlowly(image, 50),
    '/no-seed.raw': serve(readFileSync(noSeed.path)),
    '/hung.raw': serve(readFileSync(hung.path)),
  });
  // As GitHub serves them: type and key, no comment.
  api = await standInGitHub({ octocat: [generateEd25519('octocat').publicKey.split(' ').slice(0, 2).join(' ')] });
  toolCache = await scratchDirectory('solstice-toolcache-');
});

after(async () => {
  await server?.close();
  await api?.close();
  for (const directory of scratch) await rm(directory, { recursive: true, force: true });
});

async function scratchDirectory(prefix: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(directory);
  return directory;
}

/** When each run's main step ended (the harness returns after the post step too). */
const mainEndedAt = new WeakMap<ActionRun, number>();

async function tinyRun(run: string, options: Partial<RunOptions> = {}): Promise<ActionRun> {
  const { inputs, ...rest } = options;
  const result = await runAction({
    toolCache,
    timeoutMs: 3 * STEP_BOUND_MS,
    ...rest,
    inputs: { 'image-url': server.url('/tiny.qcow2'), 'image-checksum': `sha256:${guest.sha256}`, run, ...inputs },
  });
  mainEndedAt.set(result, Date.now() - result.post.durationMs);
  return result;
}

/** Milliseconds from `since` (a fault, a cancel) to the end of the main step. */
function msUntilEnd(run: ActionRun, since: number): number {
  return mainEndedAt.get(run)! - since;
}

/** The data of the step's `::command::` lines, decoded the way the runner shows them. */
function annotations(run: ActionRun, command: 'error' | 'warning'): string[] {
  return run.main.commands
    .filter((entry) => entry.command === command)
    .map((entry) => entry.data.replaceAll('%0A', '\n').replaceAll('%0D', '\r').replaceAll('%25', '%'));
}

/** The pid of the job's QEMU (the latest one after a boot retry), from the action's log. */
function qemuPid(log: string): number {
  const pids = [...log.matchAll(/QEMU started \(pid (\d+)/g)];
  assert.ok(pids.length > 0, 'QEMU was started');
  return Number(pids.at(-1)![1]);
}

interface Fault {
  onLog: (text: string) => void;
  /** When the fault was done (undefined: the log never asked for it). */
  at?: number;
}

/** Does `fault` once, as soon as the step's log matches `pattern`. */
function faultWhen(pattern: RegExp, fault: (log: string) => void): Fault {
  let log = '';
  const state: Fault = {
    onLog: (text) => {
      log += text;
      if (state.at !== undefined || !pattern.test(log)) return;
      state.at = Date.now();
      fault(log);
    },
  };
  return state;
}

const killQemu = (signal: NodeJS.Signals) => (log: string) => process.kill(qemuPid(log), signal);

/** A runner cancel once `when` holds, remembering when it was sent. */
function cancelWhen(when: CancelPlan['when']): CancelPlan & { at?: number } {
  const plan: CancelPlan & { at?: number } = {
    when: (log, runnerTemp) => {
      if (plan.at === undefined && when(log, runnerTemp)) plan.at = Date.now();
      return plan.at !== undefined;
    },
  };
  return plan;
}

/** True once the job directory in `runnerTemp` holds `file`: the mark of a phase too short for a log line. */
function jobDirectoryHas(runnerTemp: string, file: string): boolean {
  if (!existsSync(runnerTemp)) return false;
  return readdirSync(runnerTemp).some(
    (name) => name.startsWith('solstice-') && !name.endsWith('.log') && existsSync(join(runnerTemp, name, file)),
  );
}

/** Milliseconds the teardown took, from the action's debug line of phase times. */
function teardownMs(run: ActionRun): number {
  const phases = /Phases \(ms\): (\{.*\})/.exec(run.main.log);
  assert.ok(phases, 'the action logged its phase times');
  return (JSON.parse(phases[1]!) as Record<string, number>)['teardown']!;
}

/** The checks every scenario ends with. */
async function assertEndedCleanly(run: ActionRun, t: TestContext, report: string, cache = toolCache): Promise<void> {
  t.diagnostic(`${report}; step ${(run.main.durationMs / 1000).toFixed(1)} s`);
  assert.ok(
    run.main.durationMs < STEP_BOUND_MS,
    `the step ended within ${STEP_BOUND_MS / 1000} s (took ${run.main.durationMs} ms)`,
  );
  await assertNothingLeft(run);
  await assertCacheIntact(cache);
}

describe('faults: the step ends with a clear message, in bounded time, leaving nothing', () => {
  it('QEMU killed during boot: fails at once naming the kill, and is not retried (it came from outside)', async (t) => {
    const fault = faultWhen(/QEMU started \(pid \d+/, killQemu('SIGKILL'));
    const run = await tinyRun('true', { onLog: fault.onLog });
    assert.equal(run.main.exitCode, 1, run.main.log);
    const [message] = annotations(run, 'error');
    assert.match(message ?? '', /^QEMU exited during boot \(killed by SIGKILL\)\./);
    assert.equal(forwardedPorts(run.main.log).length, 1, 'booted once: a kill from outside is not retried');
    const afterFault = msUntilEnd(run, fault.at!);
    assert.ok(afterFault < 10_000, `noticed at once (${afterFault} ms)`);
    await assertEndedCleanly(run, t, `failed ${afterFault} ms after the kill: ${message?.split('\n')[0]}`);
  });

  it('QEMU crashing during boot (SIGSEGV) is retried from a fresh disk, and the job passes', async (t) => {
    const fault = faultWhen(/QEMU started \(pid \d+/, killQemu('SIGSEGV'));
    const run = await tinyRun('echo second-boot-ok', { onLog: fault.onLog });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.match(run.main.log, /second-boot-ok/);
    const [warning] = annotations(run, 'warning');
    assert.match(
      warning ?? '',
      /^Boot 1 failed: QEMU exited during boot \(killed by SIGSEGV\)\. Booting again from a fresh disk, since QEMU crashed with SIGSEGV \(boot-retries: 1\)\.$/,
    );
    assert.equal(forwardedPorts(run.main.log).length, 2, 'two boots, each with its own QEMU');
    await assertEndedCleanly(run, t, `passed after a retry: ${warning}`);
  });

  it('QEMU killed during the script', async (t) => {
    const fault = faultWhen(/script-started/, killQemu('SIGKILL'));
    const run = await tinyRun('echo script-started; sleep 600', { onLog: fault.onLog });
    assert.equal(run.main.exitCode, 1);
    const [message] = annotations(run, 'error');
    assert.match(message ?? '', /^QEMU exited during the script \(killed by SIGKILL\)\.\nLast console lines:\n/);
    const afterFault = msUntilEnd(run, fault.at!);
    assert.ok(afterFault < 10_000, `noticed at once (${afterFault} ms)`);
    await assertEndedCleanly(run, t, `failed ${afterFault} ms after the kill: ${message?.split('\n')[0]}`);
  });

  it('QEMU killed during a debug hold: the hold ends saying so, the step keeps the script result', async (t) => {
    const fault = faultWhen(/held for debugging/, killQemu('SIGKILL'));
    const run = await tinyRun('exit 3', {
      onLog: fault.onLog,
      inputs: { debug: 'on-failure', 'debug-bind': '127.0.0.1' },
      env: { GITHUB_API_URL: api.url },
    });
    assert.ok(fault.at, `the hold began:\n${run.main.log}`);
    assert.equal(run.main.exitCode, 1);
    assert.equal(run.main.outputs['exit-code'], '3');
    assert.deepEqual(annotations(run, 'error'), ['The script exited with code 3.']);
    const ended = annotations(run, 'warning').find((warning) => warning.startsWith('The debug hold ended'));
    assert.equal(ended, 'The debug hold ended: QEMU exited (killed by SIGKILL).');
    const afterFault = msUntilEnd(run, fault.at);
    assert.ok(afterFault < 10_000, `noticed within a poll (${afterFault} ms)`);
    await assertEndedCleanly(run, t, `hold ended ${afterFault} ms after the kill: ${ended}`);
  });

  it("the guest's sshd killed during the script, with its power button ignored: clear message, teardown needs no help from the guest", async (t) => {
    const announced = faultWhen(/killing-sshd/, () => {}); // the script does it, a second later
    const run = await tinyRun('killall acpid; echo killing-sshd; sleep 1; killall dropbear; sleep 600', {
      onLog: announced.onLog,
    });
    assert.equal(run.main.exitCode, 1);
    const [message] = annotations(run, 'error');
    assert.match(
      message ?? '',
      /^The guest closed the (SSH connection|command channel without an exit status) during the script \(its sshd was killed/,
    );
    assert.match(message ?? '', /Terminated by signal/, 'the console tail shows dropbear going');
    assert.ok(teardownMs(run) < 3_000, `QMP quit, not the guest, ends the VM (teardown ${teardownMs(run)} ms)`);
    const afterFault = msUntilEnd(run, announced.at! + 1_000);
    assert.ok(afterFault < 10_000, `noticed at once (${afterFault} ms)`);
    await assertEndedCleanly(
      run,
      t,
      `failed ≈${afterFault} ms after killall dropbear, teardown ${teardownMs(run)} ms: ${message?.split('\n')[0]}`,
    );
  });

  it('the guest kernel panics during the script: the panic line on the console ends the step at once', async (t) => {
    const announced = faultWhen(/panicking/, () => {}); // the script does it, a second later
    const run = await tinyRun('echo panicking; sleep 1; echo c > /proc/sysrq-trigger; sleep 600', {
      onLog: announced.onLog,
    });
    assert.equal(run.main.exitCode, 1);
    const [message] = annotations(run, 'error');
    assert.match(
      message ?? '',
      /^The guest kernel panicked during the script \(sysrq triggered crash\)\.\nLast console lines:\n/,
    );
    const afterFault = msUntilEnd(run, announced.at! + 1_000);
    assert.ok(afterFault < 10_000, `not left to the keepalive (${afterFault} ms)`);
    await assertEndedCleanly(run, t, `failed ≈${afterFault} ms after the panic: ${message?.split('\n')[0]}`);
  });

  it('QEMU frozen (SIGSTOP) during the script: the keepalive notices, and teardown still ends the stopped QEMU', async (t) => {
    const fault = faultWhen(/script-started/, killQemu('SIGSTOP'));
    const run = await tinyRun('echo script-started; sleep 600', { onLog: fault.onLog });
    assert.equal(run.main.exitCode, 1);
    const [message] = annotations(run, 'error');
    assert.match(
      message ?? '',
      /^The guest stopped answering SSH keepalives during the script \(no answer for 20 s: it is frozen, or its kernel hung\)\./,
    );
    const afterFault = msUntilEnd(run, fault.at!);
    assert.ok(afterFault > 14_000 && afterFault < 45_000, `the keepalive's bound, not hours (${afterFault} ms)`);
    assert.ok(
      teardownMs(run) < 3_500,
      `QMP quit unanswered, SIGTERM pending: SIGKILL ends it (teardown ${teardownMs(run)} ms)`,
    );
    await assertEndedCleanly(
      run,
      t,
      `failed ${afterFault} ms after SIGSTOP, teardown ${teardownMs(run)} ms: ${message?.split('\n')[0]}`,
    );
  });

  it('the guest never lets SSH in (seed missing): boot-timeout fires with the console tail, and is not retried', async (t) => {
    const run = await tinyRun('true', {
      inputs: {
        'image-url': server.url('/no-seed.raw'),
        'image-checksum': `sha256:${noSeed.sha256}`,
        'boot-timeout': '5',
      },
    });
    assert.equal(run.main.exitCode, 1);
    const [message] = annotations(run, 'error');
    assert.match(
      message ?? '',
      /^SSH did not become ready within 20 s \(last: .*\) \(TCG; boot-timeout 5 s × 4\)\. The seed was written for the first-boot reader cloud-config \(cloud-init or nuageinit: a cidata ISO\): .*\nLast console lines:\n {2}\| tiny-init: /,
    );
    assert.deepEqual(
      annotations(run, 'warning'),
      [],
      'the guest answers on the network: a second boot would fail the same way',
    );
    assert.equal(forwardedPorts(run.main.log).length, 1);
    assert.doesNotMatch(message!, /\\x1b|\x1b/, 'no colour codes, neither raw nor as text');
    assert.doesNotMatch(message!, /still printing/, 'a console silent for long is not a slow boot');
    // A red build explains itself: the console log's path is an output although the job never ran its
    // script, and the summary says how far it got, the error, the console's last lines and the log.
    const logPath = run.main.outputs['console-log']!;
    assert.ok(logPath && existsSync(logPath), `the console-log output names the kept log: ${logPath}`);
    assert.match(run.main.outputs['image-digest'] ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(run.main.outputs['exit-code'], undefined, 'no script ran, so there is no exit code');
    assert.match(run.main.summary, /\| Result \| ❌ failed during starting the guest \|/);
    assert.ok(run.main.summary.includes(logPath), 'the summary names the console log');
    assert.match(run.main.summary, /\*\*Error\*\*\n\n~~~text\nSSH did not become ready/);
    assert.match(run.main.summary, /\*\*Last console lines\*\*\n\n~~~text\n(.*\n)*tiny-init: /);
    assert.match(run.main.summary, /Phases: .*image [\d.]+ s/);
    await assertEndedCleanly(run, t, message!.split('\n')[0]!);
  });

  it('a failing prepare and a failing script say why: their last lines in the error, outputs and summary', async (t) => {
    const prepare = await tinyRun('echo never', {
      inputs: { prepare: 'echo preparing the toolchain\necho "E: Unable to locate package gcc-99" >&2\nexit 4' },
    });
    assert.equal(prepare.main.exitCode, 1);
    assert.equal(prepare.main.outputs['exit-code'], '4');
    assert.ok(existsSync(prepare.main.outputs['console-log']!), 'the console log is an output');
    const [prepareError] = annotations(prepare, 'error');
    assert.match(
      prepareError ?? '',
      /^prepare failed with exit code 4, so run did not start .*\. Its last lines:\n {2}\| preparing the toolchain\n {2}\| E: Unable to locate package gcc-99$/,
    );
    assert.doesNotMatch(prepare.main.log, /^never$/m, 'run did not start');
    assert.match(prepare.main.summary, /\| Result \| ❌ failed during the prepare script \|/);
    assert.match(
      prepare.main.summary,
      /~~~text\nprepare failed with exit code 4(.*\n)*\s+\| E: Unable to locate package gcc-99/,
    );
    await assertEndedCleanly(prepare, t, prepareError!.split('\n')[0]!);

    // A script whose cause is further up than its last line, with guest text that tries to be a command,
    // a Markdown fence and HTML: in the error and the summary it is shown, never obeyed or rendered.
    const script = await tinyRun(
      'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do echo "line $i"; done\necho "::error::forged"\necho "~~~~"\necho "<img src=x>"\necho "FAILED: tests/test_io.py::test_read - OSError" >&2\nexit 2',
    );
    assert.equal(script.main.outputs['exit-code'], '2');
    const [scriptError] = annotations(script, 'error');
    const quoted = scriptError!.split('\n').slice(1);
    assert.equal(scriptError!.split('\n')[0], 'The script exited with code 2. Its last lines:');
    assert.equal(quoted.length, 15, 'the last 15 lines');
    assert.equal(quoted.at(-1), '  | FAILED: tests/test_io.py::test_read - OSError');
    assert.ok(quoted.includes('  | ::error::forged'), 'quoted, so no line starts with ::');
    assert.equal(annotations(script, 'error').length, 1, 'the forged ::error:: made no annotation');
    assert.match(script.main.summary, /\*\*The script's last lines\*\*\n\n~~~~~text\n(.*\n)*~~~~\n<img src=x>\n/);
    assert.ok(script.main.summary.includes(script.main.outputs['console-log']!), 'the summary names the console log');
    await assertEndedCleanly(script, t, scriptError!.split('\n')[0]!);
  });

  it('a hung boot is retried once from a fresh disk, then fails with the console tail', async (t) => {
    const run = await tinyRun('true', {
      inputs: { 'image-url': server.url('/hung.raw'), 'image-checksum': `sha256:${hung.sha256}`, 'boot-timeout': '5' },
    });
    assert.equal(run.main.exitCode, 1);
    const [warning] = annotations(run, 'warning');
    assert.match(
      warning ?? '',
      /^Boot 1 failed: SSH did not become ready within 20 s \(last: no SSH banner yet\).* Booting again from a fresh disk, since the boot hung: the console went quiet for \d+ s and the guest never answered on the network \(boot-retries: 1\)\.$/,
    );
    const [message] = annotations(run, 'error');
    assert.match(message ?? '', /^SSH did not become ready within 20 s/);
    assert.match(message ?? '', /Run \/bin\/cat as init process\n/, 'the console tail shows where it hung');
    assert.match(message ?? '', /That was boot 2 of at most 2 \(boot-retries: 1\)\.$/);
    assert.equal(forwardedPorts(run.main.log).length, 2);
    await assertEndedCleanly(run, t, `${warning} / ${message!.split('\n')[0]}`);
  });

  it('SIGKILL of the action itself during the script: the post step finds and stops the VM', async (t) => {
    const fault = faultWhen(/script-started/, (log) => process.kill(parentPid(qemuPid(log)), 'SIGKILL'));
    const run = await tinyRun('echo script-started; sleep 600', { onLog: fault.onLog });
    assert.equal(run.main.signal, 'SIGKILL');
    assert.match(
      run.post.log,
      /A QEMU process of this job \(pid \d+\) was still running after the main step; killed it\./,
    );
    await assertEndedCleanly(run, t, `post: ${run.post.log.trim().split('\n').at(-1)}`);
  });
});

describe('cancel at every phase: the step ends by itself before the runner escalates, leaving nothing', () => {
  /** Runs with a runner cancel at `plan` and checks the common outcome; returns the run for more checks. */
  async function cancelled(
    t: TestContext,
    plan: CancelPlan & { at?: number },
    run: string,
    options: Partial<RunOptions> = {},
  ): Promise<ActionRun> {
    const result = await tinyRun(run, { ...options, cancel: plan });
    assert.ok(plan.at, `the cancel was sent:\n${result.main.log}`);
    assert.equal(result.main.signal, null, 'the action ended by itself, before SIGKILL');
    assert.ok(
      annotations(result, 'error').some(
        (message) => message === 'Cancelled: the VM was stopped and its files removed.',
      ),
      result.main.log,
    );
    const afterCancel = msUntilEnd(result, plan.at);
    assert.ok(afterCancel < RUNNER_SIGTERM_MS, `ended on SIGINT alone (${afterCancel} ms)`);
    const reached = result.main.log.includes('QEMU started') ? 'after "QEMU started"' : 'before "QEMU started"';
    await assertEndedCleanly(result, t, `ended ${afterCancel} ms after SIGINT (${reached})`, options.toolCache);
    return result;
  }

  it('during the download: no partial file is left, none becomes a cache entry', async (t) => {
    const ownCache = await scratchDirectory('solstice-toolcache-');
    const plan = cancelWhen((log) => /Downloading .*tiny-slow/.test(log));
    const run = await cancelled(t, plan, 'true', {
      toolCache: ownCache,
      inputs: { 'image-url': server.url('/tiny-slow.qcow2') },
    });
    assert.doesNotMatch(run.main.log, /QEMU started/);
  });

  it('while the disk overlay and the seed are written', async (t) => {
    await cancelled(
      t,
      cancelWhen(
        (_log, runnerTemp) => jobDirectoryHas(runnerTemp, 'disk.qcow2') || jobDirectoryHas(runnerTemp, 'seed.iso'),
      ),
      'true',
    );
  });

  it('while QEMU starts', async (t) => {
    await cancelled(
      t,
      cancelWhen((_log, runnerTemp) => jobDirectoryHas(runnerTemp, 'qemu-stderr.log')),
      'true',
    );
  });

  it('during boot', async (t) => {
    await cancelled(
      t,
      cancelWhen((log) => /QEMU started/.test(log)),
      'true',
    );
  });

  it('during the script', async (t) => {
    await cancelled(
      t,
      cancelWhen((log) => /script-started/.test(log)),
      'echo script-started; sleep 600',
    );
  });

  it('during the copy back', async (t) => {
    let scriptEndedAt: number | undefined;
    const plan = cancelWhen((log) => {
      if (log.includes('made-big')) scriptEndedAt ??= Date.now();
      return scriptEndedAt !== undefined && Date.now() - scriptEndedAt > 500;
    });
    const run = await cancelled(t, plan, 'dd if=/dev/zero of=big bs=1M count=200 2>/dev/null; echo made-big', {
      inputs: { sync: 'both' },
    });
    assert.doesNotMatch(run.main.log, /Copied back from the guest/, 'the cancel came before the copy back finished');
  });

  it('during a debug hold', async (t) => {
    await cancelled(
      t,
      cancelWhen((log) => /held for debugging/.test(log)),
      'true',
      { inputs: { debug: 'true', 'debug-bind': '127.0.0.1' }, env: { GITHUB_API_URL: api.url } },
    );
  });
});

describe('jobs side by side', () => {
  it('four jobs at once on one runner and one empty cache, one cancelled: the others pass, one download', async (t) => {
    const sharedCache = await scratchDirectory('solstice-toolcache-');
    const job = (index: number) =>
      runAction({
        toolCache: sharedCache,
        timeoutMs: 3 * STEP_BOUND_MS,
        inputs: {
          'image-url': server.url('/tiny-shared.qcow2'),
          'image-checksum': `sha256:${guest.sha256}`,
          run: `echo job-${index}-ok`,
        },
        ...(index === 0 ? { cancel: { when: (log: string) => /QEMU started/.test(log) } } : {}),
      });
    const runs = await Promise.all([0, 1, 2, 3].map(job));
    assert.equal(runs[0]!.main.signal, null);
    assert.ok(annotations(runs[0]!, 'error').some((message) => /^Cancelled/.test(message)));
    for (const [index, run] of runs.entries()) {
      if (index > 0) {
        assert.equal(run.main.exitCode, 0, run.main.log);
        assert.match(run.main.log, new RegExp(`job-${index}-ok`));
      }
      await assertNothingLeft(run);
    }
    assert.equal(server.requests('/tiny-shared.qcow2'), 1, 'downloaded once for all four');
    await assertCacheIntact(sharedCache);
    t.diagnostic(`steps: ${runs.map((run) => `${(run.main.durationMs / 1000).toFixed(1)} s`).join(', ')}`);
  });

  it('after all of it the cache still serves the tiny guest: every later run was a cache hit', async () => {
    await assertCacheIntact(toolCache);
    assert.equal(server.requests('/tiny.qcow2'), 1);
  });
});

/** The parent of `pid` (for QEMU: the action's own process), from /proc. */
function parentPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}
