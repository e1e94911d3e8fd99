/**
 * seed: console — images with no first-boot reader, shaped like the peers' (root logs in on ttyS0 with
 * an empty password; sshd allows empty passwords, with baked host keys and a baked authorized key). The
 * job boots them with no SSH forward, provisions them over the serial console and only then opens the
 * forward: a probe loop from the test finds the port refused until then; afterwards the baked key and
 * an empty password are refused, and the host key is fresh and the one the job pinned. The tiny guest's
 * console variant (busybox ash, dropbear) shows the script is POSIX and gives the console path's cost
 * against the cloud-init path on the same guest. A silent console and a login the console never
 * accepts end within the boot timeout, with nothing left running.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { firstActionRun, runAction, runJob } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { keptVmRecord, personView, type PersonView } from '../helpers/kept-vm-record.js';
import { peerLikeGuest, tinyGuest, type PeerLikeTestGuest } from '../helpers/test-guest.js';
import { tinyGuestVariant } from '../helpers/tiny-variants.js';

const exec = promisify(execFile);
const AWKWARD = `it's "quoted" $HOME \`x\` \\ ünï`;

let server: ImageServer;
let catalogFile: string;
let toolCache: string;
let peer: PeerLikeTestGuest;

before(async () => {
  const directory = await mkdtemp(join(tmpdir(), 'solstice-console-'));
  toolCache = join(directory, 'cache');
  peer = peerLikeGuest();
  const tiny = tinyGuest();
  const variants = {
    'tiny-console': tinyGuestVariant(directory, 'tiny-console', (line) => `${line} solstice.reader=console`),
    // The serial console shows nothing: the kernel writes elsewhere and no getty runs on it.
    'tiny-silent': tinyGuestVariant(
      directory,
      'tiny-silent',
      (line) => `${line.replace(/console=ttyS0\S*/, 'console=tty0')} solstice.reader=none`,
    ),
    // root has a password the catalog does not know: the prompt never accepts the login.
    'tiny-locked': tinyGuestVariant(
      directory,
      'tiny-locked',
      (line) => `${line} solstice.reader=console solstice.root=locked`,
    ),
  };
  server = await serveFiles({
    '/peer.qcow2': peer.path,
    '/tiny.qcow2': tiny.path,
    ...Object.fromEntries(Object.entries(variants).map(([name, guest]) => [`/${name}.raw`, guest.path])),
  });
  const arches = (path: string, format: string, sha256: string) => ({
    x86_64: {
      url: server.url(path),
      format,
      compression: 'none',
      firmware: 'bios',
      checksum: { pinned: `sha256:${sha256}` },
    },
  });
  const tinyConsole = (name: keyof typeof variants) => ({
    title: `Tiny guest, ${name}`,
    user: 'root',
    shell: '/bin/sh',
    seed: 'console',
    console: { user: 'root', password: '' },
    userland: { admin: 'root', tar: 'gnu', sshd: 'dropbear', sshdReload: '/etc/init.d/dropbear restart' },
    arches: arches(`/${name}.raw`, 'raw', variants[name].sha256),
  });
  catalogFile = join(directory, 'catalog.json');
  await writeFile(
    catalogFile,
    JSON.stringify({
      images: {
        'peer-12': {
          title: 'Debian 12 shaped like the peers images (root, empty password)',
          user: 'root',
          shell: '/bin/bash',
          seed: 'console',
          console: { user: 'root', password: '' },
          userland: { admin: 'root', tar: 'gnu', sshd: 'openssh', sshdReload: 'systemctl reload ssh' },
          arches: arches('/peer.qcow2', 'qcow2', peer.sha256),
        },
        'tiny-console-1': tinyConsole('tiny-console'),
        'tiny-silent-1': tinyConsole('tiny-silent'),
        'tiny-locked-1': tinyConsole('tiny-locked'),
        'tiny-cloud-1': {
          title: 'The same tiny guest, seeded for cloud-init',
          user: 'runner',
          sudoGroup: 'sudo',
          shell: '/bin/sh',
          seed: 'cloud-config',
          arches: arches('/tiny.qcow2', 'qcow2', tiny.sha256),
        },
      },
    }),
  );
});

after(async () => {
  await server?.close();
});

/** One TCP connection attempt: 'refused' (nothing listens: no forward) or 'open'. */
function probe(port: number): Promise<'refused' | 'open' | 'other'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'other'),
    );
  });
}

/** Seconds from QEMU's start until SSH answered, from the phases the action logs in debug mode. */
function secondsToSshReady(log: string): number {
  const phases = JSON.parse(/Phases \(ms\): (\{.*\})/.exec(log)?.[1] ?? '{}') as Record<string, number>;
  return ((phases['qemu-start'] ?? NaN) + (phases['ssh-ready'] ?? NaN)) / 1000;
}

describe('seed: console, on images with no first-boot reader', () => {
  it('the peer-shaped guest: no forward until provisioned; afterwards only the job key and the pinned fresh host key', async () => {
    const probes: { at: number; result: string }[] = [];
    let provisionedAt = Infinity;
    let probing: Promise<void> | undefined;
    let log = '';
    const after: (PersonView & { empty: number })[] = [];
    const run = await runJob({
      toolCache,
      timeoutMs: 8 * 60_000,
      env: { RUNNER_DEBUG: '1' },
      onLog: (text) => {
        log += text;
        const port =
          /no SSH forward until the guest is provisioned over its serial console \(then 127\.0\.0\.1:(\d+)\)/.exec(log);
        if (log.includes('Provisioned over the serial console')) provisionedAt = Math.min(provisionedAt, Date.now());
        if (port && !probing)
          probing = (async () => {
            while (Date.now() < provisionedAt) {
              probes.push({ at: Date.now(), result: await probe(Number(port[1])) });
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
          })();
      },
      beforeStep: async (index, workspace) => {
        if (index === 0) return writeFile(join(workspace, 'in.txt'), 'from the runner\n');
        const home = await mkdtemp(join(tmpdir(), 'solstice-console-person-'));
        // A first step that failed left no VM: its log tells why.
        const view = await personView(workspace, 'root', home, { baked: peer.bakedKeyPath }).catch(() => undefined);
        if (!view) return;
        const port = (await keptVmRecord(workspace)).sshPort;
        const empty = await exec('sshpass', [
          ...[
            '-p',
            '',
            'ssh',
            '-F',
            '/dev/null',
            '-p',
            String(port),
            '-o',
            `UserKnownHostsFile=${join(home, 'known_hosts')}`,
          ],
          ...['-o', 'StrictHostKeyChecking=yes', '-o', 'PubkeyAuthentication=no'],
          ...['-o', 'PreferredAuthentications=password,keyboard-interactive', 'root@127.0.0.1', 'true'],
        ]).then(
          () => 0,
          (error: { code: number }) => error.code,
        );
        after.push({ ...view, empty });
      },
      steps: [
        {
          uses: 'solstice',
          env: { SOLSTICE_BYTES: AWKWARD },
          inputs: {
            image: 'peer-12',
            catalog: catalogFile,
            accel: 'tcg',
            sync: 'both',
            env: 'SOLSTICE_BYTES',
            'keep-running': 'true',
            run: 'cat in.txt; printf "%s" "$SOLSTICE_BYTES" > bytes.txt; echo "login=$(id -un)"',
          },
        },
        { shell: 'solstice {0}', run: 'exit 5' },
      ],
    });
    await probing;
    const [first, second] = run.steps;
    assert.equal(first!.exitCode, 0, first!.log);
    assert.match(first!.log, /from the runner/);
    assert.match(first!.log, /login=root/);
    assert.equal(await readFile(join(run.workspace, 'bytes.txt'), 'utf8'), AWKWARD);
    assert.equal(second!.exitCode, 5);
    assert.ok(probes.length >= 3, `the test probed the port while the guest booted (${probes.length} probes)`);
    assert.deepEqual(
      [...new Set(probes.map((entry) => entry.result))],
      ['refused'],
      'no connection to the guest was possible before provisioning ended',
    );
    const [person] = after;
    assert.ok(person);
    assert.equal(person.served, person.pinned, 'the guest serves the key the console printed, which the job pinned');
    const baked = await readFile(peer.bakedHostKeysPath, 'utf8');
    assert.ok(!baked.includes(person.served.split(' ')[1]!), 'not one of the baked host keys');
    assert.equal(person.logins['baked'], 255, 'the baked authorized key is refused');
    assert.notEqual(person.empty, 0, 'an empty-password login is refused');
    assert.equal(person.logins['job'], 0, person.jobOutput);
    await assertNothingLeft(firstActionRun(run));
  });

  it('busybox ash and dropbear take the same script; its cost against the cloud-init path on the same guest', async () => {
    const timed = async (image: string) =>
      runAction({
        toolCache,
        timeoutMs: 4 * 60_000,
        env: { RUNNER_DEBUG: '1' },
        inputs: { image, catalog: catalogFile, accel: 'tcg', run: 'echo "login=$(id -un)"' },
      });
    const consoleRun = await timed('tiny-console-1');
    const cloudRun = await timed('tiny-cloud-1');
    assert.equal(consoleRun.main.exitCode, 0, consoleRun.main.log);
    assert.match(consoleRun.main.log, /login=root/);
    assert.equal(cloudRun.main.exitCode, 0, cloudRun.main.log);
    const viaConsole = secondsToSshReady(consoleRun.main.log);
    const viaSeed = secondsToSshReady(cloudRun.main.log);
    assert.ok(Number.isFinite(viaConsole) && Number.isFinite(viaSeed), 'both logs carry the phases');
    // A number for the closing note and docs/guests.md, not a timed assertion.
    console.log(
      `console path ${viaConsole.toFixed(2)} s vs cloud-init path ${viaSeed.toFixed(2)} s (QEMU start → SSH ready, tiny guest, TCG)`,
    );
    await assertNothingLeft(consoleRun);
    await assertNothingLeft(cloudRun);
  });

  it('warm start: the template is provisioned once over the console; a clone gets its forward after the job keys', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'solstice-console-warm-'));
    const warm = (run: string) =>
      runAction({
        toolCache,
        timeoutMs: 8 * 60_000,
        inputs: {
          image: 'peer-12',
          catalog: catalogFile,
          accel: 'tcg',
          'warm-start': 'true',
          'cache-dir': cacheDir,
          run,
        },
      });
    const first = await warm('echo "first=$(id -un)"');
    assert.equal(first.main.exitCode, 0, first.main.log);
    assert.match(first.main.log, /Provisioned over the serial console/);
    // The clone holds only the job's key: the baked one went when the template was provisioned.
    const baked = (await readFile(peer.bakedPublicKeyPath, 'utf8')).split(' ')[1]!;
    const second = await warm(`echo "second=$(id -un)"; ! grep -qF '${baked}' /root/.ssh/authorized_keys`);
    assert.equal(second.main.exitCode, 0, second.main.log);
    assert.match(second.main.log, /restoring the warm-start template/);
    assert.match(second.main.log, /no SSH forward until the agent has put the job's keys in/);
    assert.doesNotMatch(second.main.log, /Provisioned over the serial console/, 'the clone is not provisioned again');
    assert.match(second.main.log, /second=root/);
    await assertNothingLeft(first);
    await assertNothingLeft(second);
  });

  it('a silent console and a login the console never accepts end within the boot timeout', async () => {
    const [silent, locked] = await Promise.all(
      ['tiny-silent-1', 'tiny-locked-1'].map((image) =>
        runAction({
          toolCache,
          timeoutMs: 4 * 60_000,
          inputs: { image, catalog: catalogFile, accel: 'tcg', 'boot-timeout': '8', 'boot-retries': '0', run: 'true' },
        }),
      ),
    );
    assert.notEqual(silent!.main.exitCode, 0);
    assert.match(silent!.main.log, /The serial console did not show a login prompt in time/);
    assert.notEqual(locked!.main.exitCode, 0);
    assert.match(locked!.main.log, /The serial console (refused|did not accept) the login 'root'/);
    await assertNothingLeft(silent!);
    await assertNothingLeft(locked!);
  });
});
