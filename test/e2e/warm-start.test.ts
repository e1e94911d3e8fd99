/**
 * Warm start end to end through the bundled action on the cloud-init test guest: one template built by
 * two first jobs at once, the clones it gives (each its own machine), and the ways a template must not
 * come to be or must not be trusted (cancel during the build, a damaged state file, a failing prepare).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, createReadStream, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, runJob } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { testGuest, warmStartInputs } from '../helpers/test-guest.js';
import { findQemuProcesses } from '../../src/qemu/find-processes.js';

let server: ImageServer;
let image: Record<string, string>;

before(async () => {
  const guest = testGuest();
  server = await serveFiles({ '/guest.qcow2': guest.path });
  image = { 'image-url': server.url('/guest.qcow2'), 'image-checksum': `sha256:${guest.sha256}` };
});
after(() => server.close());

/** Counts its runs in a file of the guest's disk: a clone of the template sees 1 however many jobs ran. */
const PREPARE = [
  'sudo sh -c "echo run >> /var/solstice-prepare-count"',
  'echo prepare-ran',
  // Only CI=true and a GITHUB_WORKSPACE of /tmp: nothing of the runner's, which a template would keep for later jobs.
  'echo "PREPARE_SAW=$(env | grep -c -e ^GITHUB_ -e ^RUNNER_) in $(pwd)"',
].join('\n');
/** First thing, 32 bytes of the guest's RNG; then the clock, the identity, and what an earlier job left. */
const PROBE = [
  'echo "RANDOM=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d " \\n")"',
  'echo "CLOCK=$(date +%s.%N)"',
  'echo "HOST=$(hostname)"',
  'echo "HOSTKEY=$(sudo cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub)"',
  'echo "PREPARED=$(wc -l < /var/solstice-prepare-count)"',
  'echo "VMGENID=$(ls /sys/bus/acpi/devices | grep -c QEMUVGID)"',
  'echo "LEFT_BY_OTHERS=$(ls /var/tmp | grep -c written-by-)"',
  'touch "/var/tmp/written-by-$(hostname)"',
].join('\n');

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function field(log: string, name: string): string {
  const value = new RegExp(`^${name}=(.+)$`, 'm').exec(log)?.[1];
  assert.ok(value !== undefined, `${name}= with a value is in the log:\n${log.slice(-3000)}`);
  return value;
}

const templatesOf = (toolCache: string) => join(toolCache, 'solstice', 'templates');

/** No file of the template holds private key material (its seed's host key is scrubbed to a placeholder). */
async function assertNoPrivateKey(templateDir: string): Promise<void> {
  const names = await entries(templateDir);
  assert.deepEqual(
    names.filter((name) => /key/.test(name)),
    [],
    `no key file in the template (${names.join(', ')})`,
  );
  for (const name of names.filter((name) => !['disk.qcow2', 'memory'].includes(name))) {
    const text = (await readFile(join(templateDir, name))).toString('latin1');
    for (const [, body] of text.matchAll(/-----BEGIN OPENSSH PRIVATE KEY-----([^-]*)-----END/g))
      assert.match(body!.replace(/\s/g, ''), /^A*$/, `${name} holds no private key material`);
  }
}

/**
 * A file of the guest's root filesystem as the template saved it: the qcow2 overlay read as a raw disk
 * (the test guest's one ext4 partition starts at 1 MiB), through debugfs. Empty for an empty file.
 */
async function savedGuestFile(disk: string, path: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'solstice-saved-disk-'));
  try {
    const raw = join(scratch, 'disk.raw');
    execFileSync('qemu-img', ['convert', '-U', '-O', 'raw', disk, raw]);
    const debugfs = (request: string) =>
      execFileSync('debugfs', ['-R', request, `${raw}?offset=1048576`], { encoding: 'utf8', stdio: 'pipe' });
    const found = debugfs(`stat ${path}`);
    assert.match(found, /Type: regular/, `${path} exists in the saved guest:\n${found}`);
    return debugfs(`cat ${path}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
const entries = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();

async function assertNoQemu(runnerTemp: string): Promise<void> {
  assert.deepEqual(await findQemuProcesses(runnerTemp), [], 'no QEMU outlives the job');
}

describe('warm start', () => {
  let toolCache: string;
  before(async () => (toolCache = await mkdtemp(join(tmpdir(), 'solstice-warm-'))));

  it('two first jobs at once build one template; its two clones are two machines', async () => {
    const inputs = { ...image, 'warm-start': 'true', prepare: PREPARE, sync: 'none', run: PROBE };
    let logA = '';
    /** When the runner received the CLOCK= line (the guest printed it a moment before). */
    let clockSeenAt = 0;
    const [a, b] = await Promise.all([
      runJob({
        toolCache,
        onLog: (text) => {
          logA += text;
          if (!clockSeenAt && /^CLOCK=/m.test(logA)) clockSeenAt = Date.now();
        },
        steps: [
          { uses: 'solstice', inputs: { ...inputs, 'keep-running': 'true' } },
          { shell: 'sh -e {0}', run: 'true' },
        ],
      }),
      runAction({ toolCache, inputs }),
    ]);
    const [jobA, jobB] = [a.steps[0]!, b.main];
    assert.equal(jobA.exitCode, 0, jobA.log);
    assert.equal(jobB.exitCode, 0, jobB.log);
    const logs = [jobA.log, jobB.log];
    assert.equal(logs.filter((log) => /Building the warm-start template/.test(log)).length, 1, 'one build');
    assert.equal(logs.filter((log) => /Another job is building the warm-start template/.test(log)).length, 1);
    assert.equal(logs.filter((log) => /^prepare-ran$/m.test(log)).length, 1, 'prepare ran once');
    const builder = logs.find((log) => /^prepare-ran$/m.test(log))!;
    assert.equal(field(builder, 'PREPARE_SAW'), '1 in /tmp', 'prepare sees no workspace and no runner variables');
    assert.equal((await entries(templatesOf(toolCache))).length, 1, 'one template in the cache');
    for (const job of [jobA, jobB]) {
      assert.equal(job.outputs['start'], 'warm');
      assert.match(job.outputs['template'] ?? '', /^[0-9a-f]{12}$/);
      assert.equal(field(job.log, 'PREPARED'), '1', 'the clone has the template disk: prepare ran there once');
      assert.equal(field(job.log, 'VMGENID'), '1', 'the vmgenid device is there');
      assert.match(job.summary, /warm: restored the template/);
    }
    assert.equal(jobA.outputs['template'], jobB.outputs['template']);
    assert.notEqual(field(jobA.log, 'RANDOM'), field(jobB.log, 'RANDOM'), 'the RNG was reseeded');
    assert.notEqual(field(jobA.log, 'HOST'), field(jobB.log, 'HOST'));
    assert.notEqual(field(jobA.log, 'HOSTKEY'), field(jobB.log, 'HOSTKEY'));
    const template = JSON.parse(
      await readFile(
        join(templatesOf(toolCache), (await entries(templatesOf(toolCache)))[0]!, 'template.json'),
        'utf8',
      ),
    ) as { hostPublicKey: string };
    for (const job of [jobA, jobB]) assert.notEqual(field(job.log, 'HOSTKEY'), template.hostPublicKey.split(' ')[1]);
    assert.equal(field(jobA.log, 'LEFT_BY_OTHERS'), '0');
    assert.equal(field(jobB.log, 'LEFT_BY_OTHERS'), '0', 'nothing one job wrote reaches the other');
    const guestClock = Number(field(jobA.log, 'CLOCK')) * 1000;
    assert.ok(Math.abs(clockSeenAt - guestClock) < 2_000, `guest clock ${guestClock} vs runner ${clockSeenAt}`);
    // The template keeps nothing a clone could be entered with: no private key in its directory, and the
    // saved guest authorizes no login key (each clone's agent installs the job's).
    const templateDir = join(templatesOf(toolCache), (await entries(templatesOf(toolCache)))[0]!);
    await assertNoPrivateKey(templateDir);
    const authorizedKeys = await savedGuestFile(join(templateDir, 'disk.qcow2'), '/home/runner/.ssh/authorized_keys');
    assert.equal(authorizedKeys, '', "the saved guest's authorized_keys is empty");
    await assertNoQemu(a.runnerTemp);
    await assertNoQemu(b.runnerTemp);

    // A clone that writes RAM and disk hard leaves the template's files as they were.
    const dir = join(templatesOf(toolCache), (await entries(templatesOf(toolCache)))[0]!);
    const before = [await sha256File(join(dir, 'memory')), await sha256File(join(dir, 'disk.qcow2'))];
    const writer = await runAction({
      toolCache,
      inputs: {
        ...image,
        'warm-start': 'true',
        prepare: PREPARE,
        sync: 'none',
        run: 'head -c 200000000 /dev/urandom > /dev/shm/ram-filler; sudo dd if=/dev/urandom of=/var/disk-filler bs=1M count=50 status=none; sync',
      },
    });
    assert.equal(writer.main.exitCode, 0, writer.main.log);
    assert.equal(writer.main.outputs['start'], 'warm');
    assert.deepEqual(
      [await sha256File(join(dir, 'memory')), await sha256File(join(dir, 'disk.qcow2'))],
      before,
      "the template's RAM file and disk are unchanged",
    );
  });

  it('a damaged state file: a warning, the template is discarded, the job boots cold and passes', async () => {
    const [key] = await entries(templatesOf(toolCache));
    const statePath = join(templatesOf(toolCache), key!, 'state');
    await writeFile(statePath, Buffer.alloc((await stat(statePath)).size, 0x5a));
    const run = await runAction({
      toolCache,
      inputs: { ...image, 'warm-start': 'true', prepare: PREPARE, sync: 'none', run: PROBE },
    });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.ok(
      run.main.commands.some(
        (command) => command.command === 'warning' && /template [0-9a-f]{12} did not restore/.test(command.data),
      ),
      'a warning names the template that did not restore',
    );
    assert.equal(run.main.outputs['start'], 'cold');
    assert.match(run.main.log, /Prepare \(before run\)/, 'a cold start runs prepare before run');
    assert.equal(field(run.main.log, 'PREPARED'), '1');
    assert.equal(existsSync(join(templatesOf(toolCache), key!)), false, 'the damaged template is gone');
    await assertNoQemu(run.runnerTemp);
  });

  it('a prepare that fails fails the step with its exit code and leaves no template', async () => {
    const run = await runAction({
      toolCache,
      inputs: { ...image, 'warm-start': 'true', prepare: 'echo about-to-fail; exit 7', sync: 'none', run: 'true' },
    });
    assert.notEqual(run.main.exitCode, 0);
    assert.equal(run.main.outputs['exit-code'], '7');
    assert.ok(
      run.main.commands.some(
        (command) => command.command === 'error' && /prepare failed with exit code 7/.test(command.data),
      ),
      run.main.log,
    );
    assert.match(run.main.log, /about-to-fail/);
    assert.deepEqual(await entries(templatesOf(toolCache)), [], 'no template, no staging directory');
    await assertNoQemu(run.runnerTemp);
  });

  it('cancelled during the template build: no template, no staging directory, no QEMU', async () => {
    const run = await runAction({
      toolCache,
      inputs: { ...image, 'warm-start': 'true', prepare: 'echo never-reached', sync: 'none', run: 'true' },
      // While the template boots: its QEMU is up, its staging directory and lock exist.
      cancel: { when: (log) => /Building the warm-start template[\s\S]*QEMU started/.test(log) },
    });
    assert.notEqual(run.main.exitCode, 0);
    assert.match(run.main.log, /Received SIGINT/);
    assert.deepEqual(await entries(templatesOf(toolCache)), [], 'nothing under the templates directory');
    await assertNoQemu(run.runnerTemp);
  });
});

describe('a restored clone has the protections of a cold boot', () => {
  let toolCache: string;
  before(async () => (toolCache = await mkdtemp(join(tmpdir(), 'solstice-warm-clone-'))));

  it('a clone that floods its serial console is cut off at 64 MiB, and its console log is 0600', async () => {
    // The serial port takes ≈ 0.3 MiB/s under TCG: the test writes the first 63 MiB into the log itself
    // (what the guest printed before), and the guest's own flood crosses the limit.
    const paddingBytes = 63 * 2 ** 20;
    const floodBytes = 8 * 2 ** 20;
    let padded = false;
    const run = await runAction({
      toolCache,
      inputs: {
        ...image,
        ...warmStartInputs(),
        sync: 'none',
        run: [
          'echo "flood: $(echo starts)"',
          'sleep 2',
          `sudo sh -c 'yes "$(printf "%078d" 0)" | head -c ${floodBytes} > /dev/ttyS0; echo AFTER-THE-FLOOD > /dev/ttyS0'`,
          'echo flood-done',
        ].join('\n'),
      },
      cancel: {
        when: (log, runnerTemp) => {
          if (!padded && log.includes('flood: starts')) {
            padded = true;
            const [consoleLog] = readdirSync(runnerTemp).filter((name) => name.endsWith('-console.log'));
            appendFileSync(join(runnerTemp, consoleLog!), `${'p'.repeat(79)}\n`.repeat(paddingBytes / 80));
          }
          return false;
        },
      },
    });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.equal(run.main.outputs['start'], 'warm');
    assert.ok(padded, 'the script ran');
    assert.match(run.main.log, /^flood-done$/m);
    assert.ok(
      run.main.commands.some(
        (command) => command.command === 'warning' && /more than 64 MiB on its serial console/.test(command.data),
      ),
      'a warning says the console was cut off',
    );
    const consoleLog = run.main.outputs['console-log']!;
    const { size, mode } = await stat(consoleLog);
    console.log(`console flood from a clone: the log ends at ${(size / 2 ** 20).toFixed(2)} MiB`);
    assert.ok(size < 65 * 2 ** 20, `the log stopped near its limit (${size} bytes)`);
    assert.ok(!(await readFile(consoleLog, 'utf8')).includes('AFTER-THE-FLOOD'), 'QEMU wrote nothing after the cut');
    assert.equal(mode & 0o777, 0o600, 'the console log is private');
    await assertNothingLeft(run);
  });
});
