/**
 * A guest that really misbehaves, through the bundled action and the runner-faithful harness: it
 * replaces its own tar, login shell and find, floods its output, and lies about who is connected.
 * Each scenario checks that nothing reached the runner outside the job and that nothing is left.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { firstActionRun, runAction, runJob } from '../helpers/action-runner.js';
import { standInGitHub, type StandInGitHub } from '../helpers/github-api.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { testGuest, tinyGuest, warmStartInputs } from '../helpers/test-guest.js';
import { inodesBelow } from '../helpers/inodes.js';
import { personSsh, type SshOutcome } from '../helpers/person-ssh.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';
import { freePort } from '../../src/qemu/port.js';
import { QmpClient } from '../../src/qmp/client.js';

const exec = promisify(execFile);
let server: ImageServer;
let toolCache: string;
let debian: Record<string, string>;
let tiny: Record<string, string>;

before(async () => {
  const [cloud, small] = [testGuest(), tinyGuest()];
  server = await serveFiles({ '/debian.qcow2': cloud.path, '/tiny.qcow2': small.path });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-toolcache-'));
  debian = { 'image-url': server.url('/debian.qcow2'), 'image-checksum': `sha256:${cloud.sha256}` };
  tiny = { 'image-url': server.url('/tiny.qcow2'), 'image-checksum': `sha256:${small.sha256}`, 'boot-timeout': '60' };
});
after(() => server.close());

/** Console logs are kept on purpose: they must be private to the runner user. */
async function assertConsoleLogsPrivate(runnerTemp: string): Promise<void> {
  const logs = (await readdir(runnerTemp)).filter((name) => name.endsWith('-console.log'));
  assert.ok(logs.length > 0);
  for (const log of logs) assert.equal((await stat(join(runnerTemp, log))).mode & 0o777, 0o600, `${log} is 0600`);
}

/**
 * The guest's tar, replaced: when /tmp/hostile-on exists, `tar -cf …` (copy-back) answers with an archive
 * Python builds (cloud-init's Python is in the guest): writes through the repository's `up -> ..` and
 * through a link an earlier step left, hard links (to a member, and to a runner secret), setuid and
 * world-writable modes, a FIFO, a block device, a link to /etc, `..` and a mode change of `.`.
 */
const HOSTILE_TAR = String.raw`
sudo mv /usr/bin/tar /usr/bin/tar.real
sudo tee /usr/local/lib/evil-archive.py >/dev/null <<'PY'
import io, sys, tarfile
out = tarfile.open(fileobj=sys.stdout.buffer, mode='w|', format=tarfile.GNU_FORMAT)
def add(name, kind=tarfile.REGTYPE, data=b'', mode=0o644, link='', major=0, minor=0):
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.linkname, info.devmajor, info.devminor = kind, mode, link, major, minor
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    out.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
add('.', tarfile.DIRTYPE, mode=0o777)
add('legit2.txt', data=b'legit\n')
add('up/_outside/PWNED', data=b'pwned\n')
add('inlink/PWNED2', data=b'pwned\n')
add('hl-target', data=b'x')
add('stolen', tarfile.LNKTYPE, link='hl-target')
add('stolen-secret', tarfile.LNKTYPE, link='up/_outside/secret')
add('suid', data=b'#!/bin/sh\n', mode=0o6755)
add('ww', data=b'x', mode=0o666)
add('fifo', tarfile.FIFOTYPE)
add('block', tarfile.BLKTYPE, major=7, minor=0)
add('abs', tarfile.SYMTYPE, link='/etc')
add('../x', data=b'x')
out.close()
PY
sudo tee /usr/bin/tar >/dev/null <<'SH'
#!/bin/sh
if [ -e /tmp/hostile-on ] && [ "$1" = "-cf" ]; then exec python3 /usr/local/lib/evil-archive.py; fi
exec /usr/bin/tar.real "$@"
SH
sudo chmod 755 /usr/bin/tar
`;

/** QEMU's `info usernet` for the kept VM of a job, over its QMP socket between steps (when no step holds it). */
async function usernetOfTheJob(runnerTemp: string): Promise<string | undefined> {
  for (const name of await readdir(runnerTemp)) {
    const socket = join(runnerTemp, name, 'qmp.sock');
    if (!(await stat(socket).catch(() => undefined))) continue;
    const qmp = await QmpClient.connect(socket, { timeoutMs: 10_000 });
    try {
      return await qmp.humanMonitorCommand('info usernet');
    } finally {
      qmp.close();
    }
  }
  return undefined;
}

describe('a hostile guest stays inside its VM', () => {
  it('copy-back never writes, links or reads outside the workspace, whatever archive the guest sends', async () => {
    let rootMode = 0;
    const run = await runJob({
      toolCache,
      timeoutMs: 10 * 60_000,
      beforeStep: async (index, workspace) => {
        if (index !== 0) return;
        // The runner's layout: the workspace with a sentinel directory beside it, and a committed `up -> ..`.
        const outside = join(dirname(workspace), '_outside');
        await mkdir(outside);
        await writeFile(join(outside, 'secret'), 'runner secret\n');
        await symlink('..', join(workspace, 'up'));
        rootMode = (await stat(workspace)).mode & 0o7777;
      },
      steps: [
        // Step 1: an honest copy-back that leaves a symlink inside the workspace, and arms the hostile tar.
        {
          uses: 'solstice',
          inputs: {
            ...debian,
            ...warmStartInputs(),
            sync: 'both',
            'keep-running': 'true',
            run: `mkdir sub && ln -s sub inlink && echo ok > legit.txt\n${HOSTILE_TAR}`,
          },
        },
        // Step 2: the entries the archive claims exist in the guest too (so `find` lists them), then the hostile tar answers.
        {
          shell: 'solstice {0}',
          run: 'touch legit2.txt hl-target stolen suid ww && mkfifo fifo && sudo mknod block b 7 0 && ln -s /etc abs && touch /tmp/hostile-on',
        },
      ],
    });
    const [first, second] = run.steps;
    const jobRoot = dirname(run.workspace);
    assert.equal(first!.exitCode, 0, first!.log);
    assert.equal(await readlink(join(run.workspace, 'inlink')), 'sub', 'a symlink inside the workspace comes back');
    assert.equal(await readFile(join(run.workspace, 'legit.txt'), 'utf8'), 'ok\n');

    assert.notEqual(second!.exitCode, 0, 'refused members fail the step');
    assert.match(second!.log, /Copy-back refused \d+ of the entries the guest sent back/);
    for (const name of ['up/_outside/PWNED', 'inlink/PWNED2', 'stolen', 'fifo', 'block', 'abs'])
      assert.ok(second!.log.includes(`"${name}"`), `${name} is named`);
    assert.deepEqual(await readdir(join(jobRoot, '_outside')), ['secret'], 'nothing appears beside the workspace');
    assert.deepEqual(
      await readdir(join(run.workspace, 'sub')),
      [],
      'nothing is written through the link an earlier step left',
    );
    await assert.rejects(lstat(join(jobRoot, 'x')), 'no ../x next to the workspace');
    const outsideInodes = await inodesBelow(join(jobRoot, '_outside'));
    for (const inode of await inodesBelow(run.workspace))
      assert.equal(outsideInodes.has(inode), false, 'no workspace entry shares an inode with a file outside');
    assert.equal((await stat(run.workspace)).mode & 0o7777, rootMode, 'the workspace root keeps its mode');
    assert.equal((await stat(join(run.workspace, 'suid'))).mode & 0o7777, 0o755, 'no setuid/setgid comes back');
    assert.equal((await stat(join(run.workspace, 'ww'))).mode & 0o7777, 0o644, 'no group/world write comes back');
    assert.equal(
      await readFile(join(run.workspace, 'legit2.txt'), 'utf8'),
      'legit\n',
      'what is allowed still comes back',
    );
    for (const name of ['fifo', 'block', 'abs', 'stolen'])
      await assert.rejects(lstat(join(run.workspace, name)), `${name} is not created`);
    // The hard link's target is an ordinary member of its own: it comes back, as a file of its own.
    assert.equal(await readFile(join(run.workspace, 'hl-target'), 'utf8'), 'x');
    assert.equal((await stat(join(run.workspace, 'hl-target'))).nlink, 1);
    assert.ok((await lstat(join(run.workspace, 'up'))).isSymbolicLink(), "the repository's link is left as it was");
    await assertConsoleLogsPrivate(run.runnerTemp);
    await assertNothingLeft(firstActionRun(run));
  });

  describe('the debug hold', () => {
    let api: StandInGitHub;
    let home: string;
    before(async () => {
      home = await mkdtemp(join(tmpdir(), 'solstice-person-'));
      await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'octocat', '-f', join(home, 'id')]);
      api = await standInGitHub({
        octocat: [(await readFile(join(home, 'id.pub'), 'utf8')).split(' ').slice(0, 2).join(' ')],
      });
    });
    after(() => api.close());

    it('counts a real visitor on the runner side: a connected person outlasts the idle timeout', async () => {
      let log = '';
      let visit: Promise<SshOutcome> | undefined;
      const run = await runAction({
        toolCache,
        inputs: { ...tiny, debug: 'true', 'debug-bind': '127.0.0.1', 'debug-timeout-minutes': '0.1', run: 'true' },
        env: { GITHUB_ACTOR: 'octocat', GITHUB_API_URL: api.url },
        timeoutMs: 5 * 60_000,
        onLog: (text) => {
          log += text;
          const port = /ssh -p (\d+) runner@127\.0\.0\.1/.exec(log);
          // Connected for 20 s against a 6 s idle timeout: only the count from QEMU's side keeps the hold.
          if (port && !visit)
            visit = personSsh({ key: join(home, 'id'), port: Number(port[1]), command: 'sleep 20; touch ~/continue' });
        },
      });
      assert.equal((await visit)?.code, 0);
      assert.match(run.main.log, /Debug session\(s\) connected: 1; the idle countdown is paused/);
      assert.match(run.main.log, /The debug hold ended: ~\/continue was created/);
      await assertNothingLeft(run);
    });

    it('with keep-running, nothing of the hold outlives it: the next step finds no forward, real ssh is refused, the key is gone', async () => {
      const port = await freePort();
      let log = '';
      let visit: Promise<SshOutcome> | undefined;
      let afterHold: { ssh: SshOutcome; usernet: string | undefined } | undefined;
      const run = await runJob({
        toolCache,
        env: { GITHUB_ACTOR: 'octocat', GITHUB_API_URL: api.url },
        timeoutMs: 5 * 60_000,
        onLog: (text) => {
          log += text;
          if (/ssh -p \d+ runner@127\.0\.0\.1/.test(log) && !visit)
            visit = personSsh({ key: join(home, 'id'), port, command: 'touch ~/continue' });
        },
        beforeStep: async (index, workspace) => {
          if (index !== 1) return;
          afterHold = {
            ssh: await personSsh({ key: join(home, 'id'), port, command: 'echo still in' }),
            usernet: await usernetOfTheJob(join(dirname(workspace), 'temp')),
          };
        },
        steps: [
          {
            uses: 'solstice',
            inputs: {
              ...tiny,
              debug: 'true',
              'debug-bind': '127.0.0.1',
              'debug-port': String(port),
              'keep-running': 'true',
              run: 'true',
            },
          },
          { shell: 'solstice {0}', run: 'cat ~/.ssh/authorized_keys' },
        ],
      });
      const [held, later] = run.steps;
      assert.equal((await visit)?.code, 0, 'the person got in during the hold');
      assert.equal(held!.exitCode, 0, held!.log);
      assert.ok(afterHold!.usernet !== undefined, `the VM was kept: ${held!.log}`);
      assert.equal(afterHold!.ssh.code, 255, 'real ssh cannot reach the debug port after the hold');
      assert.match(afterHold!.ssh.stderr, /Connection refused/);
      assert.doesNotMatch(
        afterHold!.usernet,
        new RegExp(`TCP\\[(HOST_FORWARD|ESTABLISHED)\\] .* ${port} `),
        `no debug forward listens, nobody is connected through it (the person's closed connection may linger):\n${afterHold!.usernet}`,
      );
      assert.equal(later!.exitCode, 0, `the job's own key still logs in: ${later!.log}`);
      assert.doesNotMatch(later!.log, /github:octocat/, "the debug user's key is out of authorized_keys");
      assert.match(later!.log, /^ssh-ed25519 \S+/m, "the job's own key is still there");
      assert.match(
        held!.log,
        /~\/continue was created\. The debug SSH forward \(127\.0\.0\.1:\d+\) is closed and the debug users' keys are removed/,
      );
      await assertNothingLeft(firstActionRun(run));
    });

    it("the guest's own connections do not hold it: to 10.0.2.2:<debug port>, or out from the debug port", async () => {
      const port = await freePort();
      // Something on the runner's loopback for the guest to connect to from its port `port`.
      const held = new Set<Socket>();
      const listener = createServer((socket) => held.add(socket.on('error', () => {})));
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const listenerPort = (listener.address() as AddressInfo).port;
      const script = String.raw`
sudo sysctl -w net.ipv4.ip_local_port_range="${port} ${port}" >/dev/null
(sleep 600 | nc 10.0.2.2 ${listenerPort} >/dev/null 2>&1 &)
sleep 2
sudo sysctl -w net.ipv4.ip_local_port_range="32768 60999" >/dev/null
mkfifo /tmp/quiet
(sleep 600 >/tmp/quiet &)
(while ! nc 10.0.2.2 ${port} </tmp/quiet >/dev/null 2>&1; do sleep 1; done &)`;
      const run = await runJob({
        toolCache,
        env: { GITHUB_ACTOR: 'octocat', GITHUB_API_URL: api.url },
        timeoutMs: 5 * 60_000,
        steps: [
          {
            uses: 'solstice',
            inputs: {
              ...tiny,
              debug: 'true',
              'debug-bind': '127.0.0.1',
              'debug-port': String(port),
              'debug-timeout-minutes': '0.5',
              'keep-running': 'true',
              run: script,
            },
          },
          { shell: 'solstice {0}', run: 'netstat -tn' },
        ],
      }).finally(() => {
        for (const socket of held) socket.destroy();
        listener.close();
      });
      const [hold, later] = run.steps;
      assert.equal(hold!.exitCode, 0, hold!.log);
      assert.equal(later!.exitCode, 0, later!.log);
      const connected = (from: string, to: string) =>
        new RegExp(`${from.replaceAll('.', '\\.')}\\s+${to.replaceAll('.', '\\.')}\\s+ESTABLISHED`);
      assert.match(
        later!.log,
        connected(`10.0.2.15:${port}`, `10.0.2.2:${listenerPort}`),
        'the guest connected out from the debug port',
      );
      assert.match(
        later!.log,
        connected('10.0.2.15:\\d+', `10.0.2.2:${port}`),
        'the guest connected to the debug forward',
      );
      assert.doesNotMatch(hold!.log, /Debug session\(s\) connected/, 'nobody was counted');
      assert.match(hold!.log, /The debug hold ended: nobody was connected for 0.5 min/);
      await assertNothingLeft(firstActionRun(run));
    });

    it('prints nothing the guest says as a workflow command, and ends at its timeout although the guest claims visitors', async () => {
      // The guest's mkdir answers the key installation with injected commands (its output and the
      // reported $HOME arrive together); the guest holds a connection to its own sshd and replaces awk
      // to report five visitors. The tiny guest (busybox, dropbear) serves: nothing here needs cloud-init.
      const script = String.raw`
target=$(command -v mkdir)
sudo rm -f "$target"
sudo tee "$target" >/dev/null <<'SH'
#!/bin/sh
case "$*" in *.ssh*) printf '/h
::error title=INJECTED::x
::add-mask::runner
::save-state name=kept-name::../../x
##[warning]old syntax
';; esac
exec busybox mkdir "$@"
SH
sudo chmod 755 "$target"
sudo mkdir -p /usr/local/bin
printf '#!/bin/sh
echo established 5
' | sudo tee /usr/local/bin/awk >/dev/null && sudo chmod 755 /usr/local/bin/awk
(sleep 300 | nc 127.0.0.1 22 >/dev/null 2>&1 &)
exit 3`;
      const run = await runAction({
        toolCache,
        inputs: {
          ...tiny,
          debug: 'on-failure',
          'debug-bind': '127.0.0.1',
          'debug-timeout-minutes': '0.1',
          run: script,
        },
        env: { GITHUB_ACTOR: 'octocat', GITHUB_API_URL: api.url },
        timeoutMs: 10 * 60_000,
      });
      assert.equal(run.main.outputs['exit-code'], '3', run.main.log);
      const commands = parseWorkflowCommands(run.main.log).filter((command) => command.command !== 'stop-commands');
      assert.deepEqual(
        commands.filter(
          (command) =>
            /INJECTED|kept-name|old syntax/.test(`${command.properties} ${command.data}`) ||
            command.command === 'add-mask',
        ),
        [],
        'no injected command',
      );
      assert.equal(run.main.state['kept-name'], undefined);
      assert.match(run.main.log, /touch ~\/continue in the VM \(~\/continue\)/, 'the guest-made home is not repeated');
      assert.match(run.main.log, /The debug hold ended: nobody was connected for 0.1 min/);
      await assertNothingLeft(run);
    });
  });

  describe('floods', () => {
    it('256 MiB without a line break ends the step with a clear error, memory bounded', async () => {
      const run = await runAction({
        toolCache,
        inputs: { ...tiny, run: "head -c 268435456 /dev/zero | tr '\\000' a" },
        timeoutMs: 5 * 60_000,
      });
      assert.equal(run.main.exitCode, 1);
      assert.match(run.main.log, /The script printed more than 8 MiB without a line break: the step was stopped/);
      assert.ok(run.main.peakRssKiB > 0 && run.main.peakRssKiB < 300 * 1024, `peak RSS ${run.main.peakRssKiB} KiB`);
      console.log(`output flood: peak RSS of the action ${Math.round(run.main.peakRssKiB / 1024)} MiB`);
      await assertNothingLeft(run);
    });

    it('a multi-GiB listing from a replaced find ends copy-back with a clear error, memory bounded', async () => {
      const script = String.raw`
target=$(command -v find)
rm -f "$target"
printf '#!/bin/sh\nhead -c 4294967296 /dev/zero | tr "\\000" a\n' > "$target"
chmod 755 "$target"`;
      const run = await runAction({ toolCache, inputs: { ...tiny, sync: 'both', run: script }, timeoutMs: 5 * 60_000 });
      assert.equal(run.main.exitCode, 1, run.main.log);
      assert.match(
        run.main.log,
        /The guest's command to list the working directory answered with more than 67108864 bytes/,
      );
      assert.ok(run.main.peakRssKiB > 0 && run.main.peakRssKiB < 300 * 1024, `peak RSS ${run.main.peakRssKiB} KiB`);
      console.log(`listing flood: peak RSS of the action ${Math.round(run.main.peakRssKiB / 1024)} MiB`);
      await assertNothingLeft(run);
    });
  });
});
