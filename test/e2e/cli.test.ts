/**
 * End to end: the `solstice` command line (bin/solstice.js → the bundled dist/cli.js, under Node 24)
 * on the tiny test guest served over HTTP from 127.0.0.1, with the real OpenSSH client for `ssh`.
 * The tiny guest (guest/TINY.md) is enough here: these tests are about the command line's own
 * mechanics; the seed and cloud-init are covered by the action's tests on the Debian guest.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NODE24, REPO_ROOT } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { tinyGuest } from '../helpers/test-guest.js';
import { findQemuProcesses } from '../../src/qemu/find-processes.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';
import { temporaryDirectories } from '../helpers/image-fixtures.js';

let server: ImageServer;
let sha256: string;
let cacheDir: string;
let stateRoot: string;
let workspace: string;
const scratch = temporaryDirectories();

before(async () => {
  const guest = tinyGuest();
  sha256 = guest.sha256;
  server = await serveFiles({ '/tiny.qcow2': guest.path });
  cacheDir = await scratch.make('solstice-cli-cache-');
  // XDG_RUNTIME_DIR holds the CLI's job directories: one per test file, so nothing else matches it.
  stateRoot = await scratch.make('solstice-cli-state-');
  workspace = await scratch.make('solstice-cli-work-');
});
after(async () => {
  await server.close();
  await scratch.removeAll();
});

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  input?: string;
  /** Called with the process once `marker` appears in its output. */
  onOutput?: { marker: RegExp; then: (pid: number) => void };
  /** Run through `script` so the command sees a terminal (for the interactive ssh shell). */
  pty?: boolean;
  /** XDG_RUNTIME_DIR, where the CLI keeps its state directory; default: this file's own. */
  runtimeDirectory?: string;
  /** More environment for the command line (GITHUB_ACTIONS, as a workflow step has it; PATH). */
  env?: Record<string, string>;
}

function solstice(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const command = [NODE24, join(REPO_ROOT, 'bin/solstice.js'), ...args];
  const [file, argv] = options.pty
    ? ['script', ['-qefc', command.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' '), '/dev/null']]
    : [command[0]!, command.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: workspace,
      env: { ...process.env, XDG_RUNTIME_DIR: options.runtimeDirectory ?? stateRoot, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let fired = false;
    const check = () => {
      if (!fired && options.onOutput?.marker.test(stdout + stderr)) {
        fired = true;
        options.onOutput.then(child.pid!);
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      check();
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const imageOptions = () => [
  '--image-url',
  server.url('/tiny.qcow2'),
  '--image-checksum',
  `sha256:${sha256}`,
  '--cache-dir',
  cacheDir,
];

async function assertNoVm(): Promise<void> {
  assert.deepEqual(await findQemuProcesses(stateRoot), [], 'no QEMU of the command line may be left');
  const state = join(stateRoot, 'solstice');
  const jobDirectories = (await readdir(state)).filter(
    (name) => name.startsWith('solstice-') && name !== 'solstice-vms' && !name.endsWith('-console.log'),
  );
  assert.deepEqual(jobDirectories, [], 'no job directory is left');
  assert.deepEqual(await readdir(join(state, 'runs')).catch(() => []), [], 'no run is still recorded as running');
  assert.deepEqual(await readdir(join(state, 'solstice-vms')).catch(() => []), [], 'no VM is still registered as kept');
}

describe('the solstice command line', () => {
  it('refuses a state directory made in advance by someone else (0777, with a planted run record): exit 125, nothing removed', async () => {
    const runtime = await scratch.make('solstice-cli-planted-');
    const planted = join(runtime, 'solstice');
    await mkdir(join(planted, 'runs'), { recursive: true });
    await chmod(planted, 0o777);
    const victim = await scratch.make('solstice-cli-victim-');
    await writeFile(join(victim, 'precious'), 'keep me');
    await writeFile(join(planted, 'runs', 'planted.json'), JSON.stringify({ pid: 999_999_999, jobDirectory: victim }));
    const requests = server.requests('/tiny.qcow2');

    const run = await solstice(['run', ...imageOptions(), '--', 'true'], { runtimeDirectory: runtime });
    assert.equal(run.code, 125, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`state directory ${planted} is writable by other users \\(mode 0777\\).*Fix: chmod 700 ${planted}`),
    );
    assert.deepEqual(await readdir(victim), ['precious'], 'the directory the planted record names survives');
    assert.deepEqual(await readdir(join(planted, 'runs')), ['planted.json'], 'the refused directory is left as it was');
    assert.equal(server.requests('/tiny.qcow2'), requests, 'nothing was downloaded');
    assert.deepEqual(await findQemuProcesses(runtime), [], 'no VM was started');
  });

  it("run: the command's output on stdout and its exact exit code; a second run downloads nothing", async () => {
    const failing = await solstice([
      'run',
      ...imageOptions(),
      '--',
      'sh',
      '-c',
      'echo "in $(hostname): $1"; exit 7',
      'sh',
      'a b',
    ]);
    assert.equal(failing.code, 7, failing.stderr);
    assert.match(failing.stdout, /^in solstice-\w+: a b$/m);
    assert.doesNotMatch(failing.stdout, /Linux version/, 'the boot console goes to stderr, not with the output');
    assert.match(failing.stderr, /Downloading http:\/\/127\.0\.0\.1:\d+\/tiny\.qcow2/);
    assert.match(failing.stderr, /TCG/);
    assert.match(failing.stderr, /The command exited with code 7\./);
    assert.equal(server.requests('/tiny.qcow2'), 1);

    const passing = await solstice([
      'run',
      ...imageOptions(),
      '--run',
      'test -f marker.txt || echo "no marker"; echo ok',
    ]);
    assert.equal(passing.code, 0, passing.stderr);
    assert.match(passing.stdout, /ok/);
    assert.equal(server.requests('/tiny.qcow2'), 1, 'the cached image was used');
    await assertNoVm();
  });

  it("run: relative paths (README's ./disk.qcow2), the command's stderr on stderr, the console log path, option wording", async () => {
    const images = await scratch.make('solstice-cli-images-');
    await copyFile(tinyGuest().path, join(images, 'disk.qcow2'));
    const run = await solstice([
      'run',
      '--image-url',
      join(relative(workspace, images), 'disk.qcow2'),
      '--image-checksum',
      `sha256:${sha256}`,
      '--cache-dir',
      relative(workspace, cacheDir),
      '--env',
      'SOLSTICE_NOT_SET_ANYWHERE',
      '--',
      'echo to-stdout; echo to-stderr >&2; exit 3',
    ]);
    assert.equal(run.code, 3, run.stderr);
    assert.equal(run.stdout, 'to-stdout\n', "stdout is the command's stdout only");
    assert.match(run.stderr, /^to-stderr$/m);
    assert.match(run.stderr, /Option --env names SOLSTICE_NOT_SET_ANYWHERE, which is not set/);
    assert.doesNotMatch(run.stderr, /Input '/);
    const log = /The boot console is logged to (\S+)$/m.exec(run.stderr)?.[1] ?? '';
    assert.ok(log.startsWith(join(stateRoot, 'solstice')), run.stderr);
    assert.match(await readFile(log, 'utf8'), /tiny-init: .* start/, 'the boot console is in it');
    await assertNoVm();
  });

  it('a machine without QEMU: one error naming every package to install, exit 125, nothing started', async () => {
    const requests = server.requests('/tiny.qcow2');
    const bare = await scratch.make('solstice-cli-bare-path-');
    const run = await solstice(['run', ...imageOptions(), '--', 'true'], { env: { PATH: bare } });
    assert.equal(run.code, 125, run.stderr);
    assert.equal(
      run.stderr,
      'solstice: This machine lacks what the job runs: qemu-system-x86_64, qemu-img (programs are looked for on PATH). ' +
        'Install them first (Debian/Ubuntu: sudo apt-get install qemu-system-x86 qemu-utils).\n',
      'one line, no stack trace',
    );
    assert.equal(server.requests('/tiny.qcow2'), requests, 'nothing was downloaded');
    await assertNoVm();
  });

  it('usage errors exit 2 with the usage on stderr; help exits 0 on stdout; catalog says whose user it lists', async () => {
    for (const args of [
      [],
      ['launch'],
      ['run', '--cpu', '2'],
      ['ssh', '--name'],
      ['images', 'prune', '--all', '--older-than', '3'],
    ]) {
      const run = await solstice(args);
      assert.equal(run.code, 2, `solstice ${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^solstice: .*\n\nusage: solstice /);
    }
    const help = await solstice(['help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: solstice <command>/);
    const catalog = await solstice(['catalog']);
    assert.equal(catalog.code, 0, catalog.stderr);
    assert.match(catalog.stdout, /^Images for --image /);
    assert.match(catalog.stdout, /image's user \(admin group\)/);
    assert.doesNotMatch(catalog.stdout, / login /);
  });

  it('run --keep, then ssh (command and interactive shell through a pty, real OpenSSH), then stop', async () => {
    const kept = await solstice(['run', ...imageOptions(), '--keep', '--name', 'box', '--', 'echo kept > /tmp/state']);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stderr, /'solstice ssh --name box' opens a shell/);
    assert.equal((await findQemuProcesses(stateRoot)).length, 1, 'the kept VM runs after the command line exited');

    const command = await solstice(['ssh', '--name', 'box', '--', 'cat /tmp/state; exit 5']);
    assert.equal(command.code, 5, command.stderr);
    assert.equal(command.stdout.trim(), 'kept');
    // Several words are one command, each word kept as run keeps it; it runs where run's command ran.
    const words = await solstice(['ssh', '--name', 'box', '--', 'sh', '-c', 'echo "[$1] $PWD"', 'sh', "it's a b"]);
    assert.equal(words.code, 0, words.stderr);
    assert.equal(words.stdout, `[it's a b] ${workspace}\n`);

    const shell = await solstice(['ssh', '--name', 'box'], {
      pty: true,
      input: 'echo "PTY-$((40+2))-$(tty)-$PWD"; exit\n',
    });
    assert.equal(shell.code, 0, shell.stdout + shell.stderr);
    assert.match(shell.stdout, new RegExp(`PTY-42-/dev/pts/\\d+-${workspace}`), 'an interactive shell where run ran');

    const twice = await solstice(['run', ...imageOptions(), '--keep', '--name', 'box', '--', 'true']);
    assert.equal(twice.code, 125);
    assert.match(twice.stderr, /A VM named 'box' is already kept running/);

    const inUse = await solstice(['images', 'prune', '--all', '--cache-dir', cacheDir]);
    assert.equal(inUse.code, 0, inUse.stderr);
    assert.match(inUse.stderr, /Kept http:\/\/127\.0\.0\.1:\d+\/tiny\.qcow2: a running VM uses it/);
    assert.match(inUse.stdout, /Removed 0 images/);

    const stopped = await solstice(['stop', '--name', 'box']);
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /Stopped the VM 'box'/);
    const gone = await solstice(['ssh', '--name', 'box', '--', 'true']);
    assert.equal(gone.code, 125);
    assert.match(gone.stderr, /No VM named 'box' is kept running/);
    await assertNoVm();
  });

  it('Ctrl-C (SIGINT) during boot and during the command stops the VM and leaves nothing', async () => {
    for (const marker of [/QEMU started/, /RUNNING/]) {
      const started = Date.now();
      const run = await solstice(['run', ...imageOptions(), '--', 'echo RUNNING; sleep 600'], {
        onOutput: { marker, then: (pid) => process.kill(pid, 'SIGINT') },
      });
      assert.equal(run.code, 130, run.stderr);
      assert.match(run.stderr, /Received SIGINT: stopping the VM/);
      assert.match(run.stderr, /Cancelled: the VM was stopped/);
      assert.ok(Date.now() - started < 120_000);
      await assertNoVm();
    }
  });

  it('a run killed outright (SIGKILL) has its VM stopped by the next command', async () => {
    const killed = await solstice(['run', ...imageOptions(), '--', 'echo RUNNING; sleep 600'], {
      onOutput: { marker: /RUNNING/, then: (pid) => process.kill(pid, 'SIGKILL') },
    });
    assert.equal(killed.signal, 'SIGKILL');
    assert.equal((await findQemuProcesses(stateRoot)).length, 1, 'nothing could stop it yet');
    const next = await solstice(['images', '--cache-dir', cacheDir]);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /Stopped the VM of an earlier 'solstice run' that was killed/);
    await assertNoVm();
  });

  it('images lists the cache with size and last use, and prune removes what is asked', async () => {
    const listed = await solstice(['images', '--cache-dir', cacheDir]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`http://127\\.0\\.0\\.1:\\d+/tiny\\.qcow2`));
    assert.match(listed.stdout, /\d+(\.\d+)? MB/);
    assert.match(listed.stdout, new RegExp(`sha256:${sha256.slice(0, 12)}`));
    assert.match(listed.stdout, /last used/i);

    const keptRecent = await solstice(['images', 'prune', '--older-than', '1', '--cache-dir', cacheDir]);
    assert.equal(keptRecent.code, 0, keptRecent.stderr);
    assert.match(keptRecent.stdout, /Removed 0 images/);
    const nothingToDo = await solstice(['images', 'prune', '--dry-run', '--cache-dir', cacheDir]);
    assert.equal(nothingToDo.code, 0, nothingToDo.stderr);
    assert.match(
      nothingToDo.stdout,
      /^Would remove 0 images \(0 B\) from /m,
      'a dry run says so even when nothing goes',
    );
    const dryRun = await solstice(['images', 'prune', '--all', '--dry-run', '--cache-dir', cacheDir]);
    assert.match(dryRun.stdout, /Would remove .*tiny\.qcow2/);
    assert.match(dryRun.stdout, /^Would remove 1 image \(/m);
    assert.match((await solstice(['images', '--cache-dir', cacheDir])).stdout, /tiny\.qcow2/);
    const pruned = await solstice(['images', 'prune', '--all', '--cache-dir', cacheDir]);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /Removed 1 image/);
    assert.match((await solstice(['images', '--cache-dir', cacheDir])).stdout, /The image cache .* is empty/);
  });

  it('in a workflow step, guest text reaches neither the terminal as escapes nor the runner as commands', async () => {
    // The guest's lines on stdout, a link target in the copy-back refusal, and its find's stderr in an error.
    const inWorkflow = { env: { GITHUB_ACTIONS: 'true' } };
    const refused = await solstice(
      [
        'run',
        ...imageOptions(),
        '--sync',
        'both',
        '--run',
        String.raw`printf '::error title=INJECTED::stdout\n  ::add-mask::runner\n##[warning]old syntax\n'
# busybox find -newer compares whole seconds: the link must be a second younger than the sync.
sleep 2
outside="/tmp/$(printf '\033]0;PWNED-TITLE\007')"
mkdir "$outside" && ln -s "$outside" evil`,
      ],
      inWorkflow,
    );
    const brokenFind = await solstice(
      [
        'run',
        ...imageOptions(),
        '--sync',
        'both',
        '--run',
        String.raw`target=$(command -v find)
rm -f "$target"
printf '#!/bin/sh\nprintf "\\033]52;c;ZWNobyBoaQ==\\007 find broke\\n::error title=INJECTED::stderr\\n" >&2\nexit 2\n' >"$target"
chmod 755 "$target"`,
      ],
      inWorkflow,
    );
    assert.notEqual(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /"evil" \(a symlink to \/tmp\/\\x1b\]0;PWNED-TITLE\\x07, which leads outside/);
    assert.notEqual(brokenFind.code, 0, brokenFind.stderr);
    assert.match(brokenFind.stderr, /\\x1b\]52;c;ZWNobyBoaQ==\\x07 find broke/);
    for (const run of [refused, brokenFind]) {
      assert.doesNotMatch(run.stderr, /\x1b\]|\x07/, 'no escape of the guest reaches the terminal');
      const commands = parseWorkflowCommands(run.stdout + run.stderr).filter((command) =>
        /INJECTED|old syntax|add-mask/.test(`${command.command} ${command.properties} ${command.data}`),
      );
      assert.deepEqual(commands, [], 'no guest line is a workflow command');
    }
    assert.match(refused.stdout, /INJECTED::stdout/, 'the line is still shown');
    await assertNoVm();
  });

  it('--help for every command, and errors name the option and the fix', async () => {
    for (const command of ['run', 'ssh', 'stop', 'images']) {
      const help = await solstice([command, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^usage: solstice ${command}`));
    }
    const bad = await solstice(['run', '--image-url', 'ftp://x/y.img', '--cpus', 'many', '--', 'true']);
    assert.equal(bad.code, 125);
    assert.match(bad.stderr, /Option --image-url is 'ftp:\/\/x\/y\.img': only http:\/\/ and https:\/\//);
    assert.match(bad.stderr, /^solstice: Invalid options:\n/);
    assert.match(bad.stderr, /Option --cpus is 'many'/);
    assert.doesNotMatch(bad.stderr, /Input '/, 'the command line names options, not action inputs');
    const missing = await solstice([
      'run',
      '--catalog',
      '/nonexistent/catalog.json',
      '--image',
      'debian-12',
      '--',
      'true',
    ]);
    assert.equal(missing.code, 125);
    assert.match(
      missing.stderr,
      /^solstice: Option --catalog is '\/nonexistent\/catalog\.json': cannot read it \(ENOENT\)\. Give the path/,
    );
    const help = await solstice(['run', '--help']);
    assert.match(
      help.stdout,
      /^ {2}--cpus N {20}vCPUs, 1–255 \(default: 2\)$/m,
      'the option lines come from the table of inputs',
    );
  });
});
