/**
 * The job's files, variables and steps inside the VM, end to end through the bundled action and the
 * runner-faithful harness on the cloud-init test guest.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { personSsh } from '../helpers/person-ssh.js';
import { runJob, type JobRun } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { findQemuProcesses } from '../../src/qemu/find-processes.js';
import { forwardedPorts } from '../helpers/nothing-left.js';
import { rhelLikeGuest, testGuest, warmStartInputs } from '../helpers/test-guest.js';

let server: ImageServer;
let toolCache: string;
let image: Record<string, string>;
/** The same guest restored from a warm-start template: these tests are about what runs in it, not its boot. */
let warm: Record<string, string>;
/** Debian 13: OpenSSH 10, whose per-source penalties count every connection through SLIRP as one source. */
let image13: Record<string, string>;

before(async () => {
  const guest = testGuest();
  const guest13 = rhelLikeGuest();
  server = await serveFiles({ '/guest.qcow2': guest.path, '/guest-13.qcow2.xz': guest13.path });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-toolcache-'));
  image = { 'image-url': server.url('/guest.qcow2'), 'image-checksum': `sha256:${guest.sha256}` };
  warm = { ...image, ...warmStartInputs() };
  image13 = { 'image-url': server.url('/guest-13.qcow2.xz'), 'image-checksum': `sha256:${guest13.sha256}` };
});
after(() => server.close());

const UNICODE_NAME = 'name with spaces ünï 🚀.txt';
const HOSTILE: Record<string, string> = {
  QUOTES: `it's "quoted" 'twice'`,
  SUBST: '$(touch /tmp/pwned) `touch /tmp/pwned2` ${HOME}',
  NEWLINE: 'line one\nline two\n',
  BACKSLASH: 'c:\\temp\\ \\n \\\\',
  EMOJI: '🚀 ünïcødé ✓',
};

/** A repository checkout: nested dirs, a symlink, an executable, a unicode name, 50 MB, an empty dir, .git. */
async function makeWorkspace(workspace: string): Promise<void> {
  await mkdir(join(workspace, 'src/nested/deep'), { recursive: true });
  await writeFile(join(workspace, 'src/nested/deep/file.txt'), 'deep content\n');
  await symlink('src/nested/deep/file.txt', join(workspace, 'link'));
  await writeFile(join(workspace, 'run.sh'), '#!/bin/sh\necho run.sh ran\n');
  await chmod(join(workspace, 'run.sh'), 0o755);
  await writeFile(join(workspace, UNICODE_NAME), 'unicode\n');
  await writeFile(join(workspace, 'big.bin'), randomBytes(50 * 2 ** 20));
  await mkdir(join(workspace, 'empty-dir'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=CI', '-c', 'user.email=ci@example.org', '-c', 'init.defaultBranch=main', ...args],
      { cwd: workspace, stdio: 'ignore' },
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the first commit message');
}

async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function assertNoQemu(run: JobRun): Promise<void> {
  assert.deepEqual(await findQemuProcesses(run.runnerTemp), [], 'no QEMU outlives the job');
  for (const post of run.posts) assert.equal(post.exitCode, 0, post.log);
}

describe('workspace, variables and steps', () => {
  it('syncs the workspace in intact, passes hostile variables byte for byte, and copies back only what copy-back selects', async () => {
    const run = await runJob({
      toolCache,
      env: { ...HOSTILE },
      beforeStep: async (index, workspace) => {
        if (index === 0) await makeWorkspace(workspace);
      },
      steps: [
        {
          uses: 'solstice',
          inputs: {
            ...warm,
            sync: 'both',
            env: 'QUOTES, SUBST\nNEWLINE,BACKSLASH,EMOJI,MISSING_ONE',
            'copy-back': 'out/\nsrc/\n*.txt',
            run: [
              'echo "PWD=$(pwd)"',
              "find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum | sed 's/^/SUM /'",
              'echo "LINK=$(readlink link)"',
              './run.sh',
              'test -d empty-dir && echo EMPTY_DIR_OK',
              'echo "GIT=$(git log --format=%s -1)"',
              `for n in ${Object.keys(HOSTILE).join(' ')}; do printf '%s' "\${!n}" | sha256sum | sed "s/^/ENV_$n=/"; done`,
              'test ! -e /tmp/pwned && test ! -e /tmp/pwned2 && echo NOT_EXECUTED',
              'echo "CI=$CI WS=$GITHUB_WORKSPACE"',
              'mkdir -p out other && echo created > out/new.txt && echo outside > other/kept-in-guest.txt',
              'echo changed >> src/nested/deep/file.txt',
              `rm ${JSON.stringify(UNICODE_NAME)}`,
            ].join('\n'),
          },
        },
      ],
    });
    const main = run.steps[0]!;
    assert.equal(main.exitCode, 0, main.log);
    const ws = run.workspace;
    assert.match(main.log, new RegExp(`PWD=${ws}\\n`), 'same absolute path as on the runner');
    // Checksums of what arrived, compared with the runner's originals (before the script changed them).
    const sums = Object.fromEntries(
      [...main.log.matchAll(/^SUM ([0-9a-f]{64}) {2}\.\/(.+)$/gm)].map((match) => [match[2], match[1]]),
    );
    assert.equal(sums['big.bin'], await sha256File(join(ws, 'big.bin')));
    assert.equal(sums['run.sh'], await sha256File(join(ws, 'run.sh')));
    assert.equal(sums[UNICODE_NAME], createHash('sha256').update('unicode\n').digest('hex'));
    assert.equal(sums['src/nested/deep/file.txt'], createHash('sha256').update('deep content\n').digest('hex'));
    assert.match(main.log, /LINK=src\/nested\/deep\/file\.txt/);
    assert.match(main.log, /run\.sh ran/);
    assert.match(main.log, /EMPTY_DIR_OK/);
    assert.match(main.log, /GIT=the first commit message/);
    for (const [name, value] of Object.entries(HOSTILE)) {
      assert.match(
        main.log,
        new RegExp(`ENV_${name}=${createHash('sha256').update(value).digest('hex')}`),
        `${name} arrives byte-identical`,
      );
      // Passed on stdin, never logged by Solstice: only what the script itself prints reaches the log.
      assert.ok(!main.log.includes(value.split('\n')[0]!), `the value of ${name} appears nowhere in the log`);
    }
    assert.match(main.log, /NOT_EXECUTED/);
    assert.match(main.log, new RegExp(`CI=true WS=${ws}`));
    assert.ok(
      main.commands.some((command) => command.command === 'warning' && /MISSING_ONE/.test(command.data)),
      'a missing name warns',
    );
    // Copy back: new and changed files and the deletion inside copy-back; nothing outside it.
    assert.equal(await readFile(join(ws, 'out/new.txt'), 'utf8'), 'created\n');
    assert.equal(await readFile(join(ws, 'src/nested/deep/file.txt'), 'utf8'), 'deep content\nchanged\n');
    assert.equal(existsSync(join(ws, UNICODE_NAME)), false, 'a deletion in the guest is applied');
    assert.equal(existsSync(join(ws, 'other')), false, 'copy-back limits what returns');
    assert.equal(existsSync(join(ws, 'big.bin')), true);
    await assertNoQemu(run);
  });

  it('runs later steps in kept VMs via shell: solstice {0}, two warm clones side by side, with a reboot', async () => {
    let workspaceBefore: string[] = [];
    const run = await runJob({
      toolCache,
      beforeStep: async (index, workspace) => {
        if (index === 0) await writeFile(join(workspace, 'from-runner.txt'), 'v1\n');
        if (index === 5) await writeFile(join(workspace, 'added-later.txt'), 'later\n');
        if (index === 1) workspaceBefore = (await readdir(workspace)).sort();
      },
      steps: [
        {
          uses: 'solstice',
          inputs: {
            ...warm,
            name: 'alpha',
            'keep-running': 'true',
            sync: 'none',
            run: 'echo alpha-up; hostname > ~/alpha-host',
          },
        },
        { shell: 'solstice --name alpha {0}', run: 'echo from-step-1 > ~/state.txt' },
        { shell: 'solstice --name alpha {0}', run: 'echo step2-runs; echo "the cause is here" >&2; exit 4' },
        { shell: 'solstice --vm alpha {0}', run: 'echo "STATE=$(cat ~/state.txt)"; echo "NO_WORKSPACE=$(ls | wc -l)"' },
        { uses: 'solstice', inputs: { ...warm, name: 'beta', 'keep-running': 'true', run: 'cat from-runner.txt' } },
        {
          shell: 'solstice --vm beta {0}',
          run: 'echo "LATER=$(cat added-later.txt)"; cat /proc/sys/kernel/random/boot_id | sed s/^/BOOT1=/; hostname | sed s/^/BETA_HOST=/',
        },
        { shell: 'sh -e {0}', run: 'solstice --vm beta --reboot' },
        {
          shell: 'solstice --vm beta {0}',
          run: 'cat /proc/sys/kernel/random/boot_id | sed s/^/BOOT2=/; cat from-runner.txt',
        },
      ],
    });
    const [alpha, step1, step2, step3, beta, betaStep, rebootStep, afterReboot] = run.steps;
    assert.equal(alpha!.exitCode, 0, alpha!.log);
    assert.deepEqual([alpha!.outputs['start'], beta!.outputs['start']], ['warm', 'warm']);
    assert.match(alpha!.log, /alpha-up/);
    assert.equal(step1!.exitCode, 0, step1!.log);
    assert.equal(step2!.exitCode, 4, 'step 2 fails with its own exit code');
    assert.match(step2!.log, /step2-runs/);
    assert.match(
      step2!.log,
      /::error::The script exited with code 4\. Its last lines:%0A {2}\| step2-runs%0A {2}\| the cause is here/,
      'a later step says why it failed, like the first',
    );
    assert.equal(step3!.exitCode, 0, step3!.log);
    assert.match(step3!.log, /STATE=from-step-1/, 'step 3 sees what step 1 left');
    assert.match(step3!.log, /NO_WORKSPACE=0/, 'sync: none copies nothing');
    assert.equal(beta!.exitCode, 0, beta!.log);
    assert.match(beta!.log, /v1/);
    assert.equal(betaStep!.exitCode, 0, betaStep!.log);
    assert.match(betaStep!.log, /LATER=later/, 'files changed on the runner are synced before a later step');
    const betaHost = /BETA_HOST=(\S+)/.exec(betaStep!.log)?.[1];
    assert.ok(betaHost && betaHost.startsWith('solstice-'));
    assert.equal(rebootStep!.exitCode, 0, rebootStep!.log);
    assert.match(rebootStep!.log, /The guest is back after/);
    assert.equal(afterReboot!.exitCode, 0, afterReboot!.log);
    const boot1 = /BOOT1=(\S+)/.exec(betaStep!.log)?.[1];
    const boot2 = /BOOT2=(\S+)/.exec(afterReboot!.log)?.[1];
    assert.ok(boot1 && boot2 && boot1 !== boot2, 'the guest really rebooted');
    assert.deepEqual(
      (await readdir(run.workspace)).sort().filter((name) => name !== 'added-later.txt'),
      workspaceBefore,
      "sync: none and sync: in leave the runner's workspace untouched",
    );
    assert.equal(run.posts.length, 2);
    await assertNoQemu(run);
  });

  it('Debian 13 (OpenSSH 10, systemd 257) restored warm: a shell: solstice {0} step gets in although a stranger just failed to log in four times', async () => {
    const stranger = join(await mkdtemp(join(tmpdir(), 'solstice-stranger-')), 'id');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    let log = '';
    const strangerExits: (number | null)[] = [];
    const run = await runJob({
      toolCache,
      onLog: (text) => (log += text),
      beforeStep: async (index) => {
        if (index !== 1) return;
        // 4 × 5 s of penalty passes the 15 s from which OpenSSH ≥ 9.8 refuses the source: through SLIRP, everyone.
        const port = forwardedPorts(log).at(-1); // the clone's (the template's came first)
        for (let attempt = 0; attempt < 4; attempt++) {
          strangerExits.push((await personSsh({ key: stranger, port: port!, command: 'true' })).code);
        }
      },
      steps: [
        {
          uses: 'solstice',
          // The suite's shared template cache: the Debian 13 template the debug tests built, if they ran first.
          inputs: { ...image13, ...warmStartInputs(), 'keep-running': 'true', sync: 'none', run: 'true' },
        },
        { shell: 'solstice {0}', run: 'echo "later step on $(. /etc/os-release; echo $VERSION_ID)"' },
      ],
    });
    const [boot, later] = run.steps;
    assert.equal(boot!.exitCode, 0, boot!.log);
    assert.equal(boot!.outputs['start'], 'warm', `a template built and restored on Debian 13: ${boot!.log}`);
    assert.deepEqual(strangerExits, [255, 255, 255, 255], 'the stranger was refused every time');
    assert.equal(later!.exitCode, 0, later!.log);
    assert.match(later!.log, /^later step on 13$/m);
    await assertNoQemu(run);
  });
});
