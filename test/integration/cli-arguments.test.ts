import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { commandLineScript, parseCli, RUN_INPUT_OPTIONS, UsageError } from '../../src/cli/arguments.js';
import { remoteShellCommand } from '../../src/cli/ssh.js';
import { parseJobInputs } from '../../src/config/parse.js';
import { SolsticeError } from '../../src/core/errors.js';
import { TerminalReporter } from '../../src/cli/terminal-reporter.js';
import { WorkflowReporter } from '../../src/action/workflow-reporter.js';
import { unsetVariableWarning } from '../../src/engine/step/run-step.js';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

describe('solstice command line', () => {
  test('run options become the action inputs of the same name; the command after -- is the script', () => {
    const cli = parseCli([
      'run',
      '--image-url',
      'https://example.org/a.qcow2',
      '--cpus',
      '4',
      '--memory',
      '3G',
      '--sync',
      'both',
      '--keep',
      '--warm-start',
      '--prepare',
      'sudo apt-get install -y make',
      '--name',
      'box',
      '--',
      'make',
      'test',
    ]);
    assert.equal(cli.command, 'run');
    assert.ok(cli.command === 'run');
    assert.deepEqual(cli.inputs, {
      'image-url': 'https://example.org/a.qcow2',
      cpus: '4',
      memory: '3G',
      sync: 'both',
      name: 'box',
      run: 'make test',
      'keep-running': 'true',
      'warm-start': 'true',
      prepare: 'sudo apt-get install -y make',
      debug: 'false',
    });
    // The same validation as the action: a real JobConfig comes out.
    const config = parseJobInputs((name) => cli.inputs[name] ?? '', { defaultCacheRoot: '/cache', workspace: '/work' });
    assert.equal(config.cpus, 4);
    assert.equal(config.memoryMiB, 3072);
    assert.equal(config.keepRunning, true);
    assert.equal(config.warmStart, true);
    assert.equal(config.prepare, 'sudo apt-get install -y make');
    assert.equal(config.debug.mode, 'never');
  });

  test('every run option is an input declared in action.yml (one vocabulary for both front ends)', () => {
    const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
    for (const name of [...RUN_INPUT_OPTIONS, 'run', 'keep-running', 'warm-start', 'debug'])
      assert.ok(name in action.inputs, `${name} is not an action input`);
  });

  test('one argument is a script; several are quoted so each keeps its exact bytes', () => {
    assert.equal(commandLineScript(['make -j4 && make test']), 'make -j4 && make test');
    assert.equal(
      commandLineScript(['printf', '%s\\n', "it's", 'a b', '$HOME']),
      "printf '%s\\n' 'it'\\''s' 'a b' '$HOME'",
    );
    const script = commandLineScript(['printf', '[%s]', "it's", 'a b', '$HOME', '']);
    const shell = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    assert.equal(shell.stdout, "[it's][a b][$HOME][]");
  });

  test('relative paths in options are taken against the working directory; URLs and empty values stay', () => {
    const cli = parseCli(
      ['run', '--image-url', './disk.qcow2', '--cache-dir', 'cache', '--catalog', '../own.json', '--', 'true'],
      '/home/me/project',
    );
    assert.ok(cli.command === 'run');
    assert.equal(cli.inputs['image-url'], '/home/me/project/disk.qcow2');
    assert.equal(cli.inputs['cache-dir'], '/home/me/project/cache');
    assert.equal(cli.inputs['catalog'], '/home/me/own.json');
    const url = parseCli(['run', '--image-url', 'https://example.org/a.qcow2', '--cache-dir', '', '--', 'true'], '/w');
    assert.ok(url.command === 'run' && url.inputs['image-url'] === 'https://example.org/a.qcow2');
    assert.equal(url.command === 'run' && url.inputs['cache-dir'], '');
    const refused = parseCli(['run', '--image-url', 'ftp://x/y.img', '--', 'true'], '/w');
    assert.ok(refused.command === 'run' && refused.inputs['image-url'] === 'ftp://x/y.img', 'its own check refuses it');
    assert.deepEqual(parseCli(['images', '--cache-dir', 'c'], '/w'), {
      command: 'images',
      action: 'list',
      cacheDir: '/w/c',
      all: false,
      dryRun: false,
      verbose: false,
    });
    assert.deepEqual(parseCli(['catalog', '--catalog', 'own.json'], '/w'), {
      command: 'catalog',
      catalogFile: '/w/own.json',
      verbose: false,
    });
  });

  test('usage errors are UsageErrors with the usage they go with (exit 2); no command at all is one', () => {
    const usage = (argv: string[], topic: string) =>
      assert.throws(
        () => parseCli(argv),
        (error: Error) => error instanceof UsageError && error.topic === topic,
        argv.join(' '),
      );
    usage([], 'main');
    usage(['launch'], 'main');
    usage(['help', 'launch'], 'main');
    usage(['run', '--cpu', '2'], 'run');
    usage(['run', '--name'], 'run');
    usage(['run', '--run', 'x', '--', 'y'], 'run');
    usage(['ssh', '--name'], 'ssh');
    usage(['stop', 'extra'], 'stop');
    usage(['catalog', '--catalog'], 'catalog');
    usage(['images', 'prune', '--all', '--older-than', '3'], 'images');
    usage(['images', 'remove'], 'images');
  });

  test("ssh's remote command: the working directory, then the command quoted as run quotes it", () => {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), "solstice-ssh-it's dir-")));
    try {
      const run = (words: string[]) =>
        spawnSync('sh', ['-c', remoteShellCommand(workspace, words)], { encoding: 'utf8', cwd: '/' });
      assert.equal(run(['sh', '-c', 'printf "[%s]" "$1" "$PWD"', 'sh', "it's a b"]).stdout, `[it's a b][${workspace}]`);
      assert.equal(run(['printf "%s" "$PWD" && exit 4']).stdout, workspace, 'one argument is a script');
      assert.equal(run(['printf "%s" "$PWD" && exit 4']).status, 4);
      const gone = spawnSync('sh', ['-c', remoteShellCommand('/nonexistent/dir', ['echo ran'])], { encoding: 'utf8' });
      assert.equal(gone.status, 1);
      assert.equal(gone.stdout, '', 'nothing runs in the wrong directory');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  test('bad command lines name the problem and where help is', () => {
    assert.throws(
      () => parseCli(['launch']),
      (error: Error) =>
        error instanceof SolsticeError && /Unknown command 'launch'.*run, ssh, stop, images/.test(error.message),
    );
    assert.throws(() => parseCli(['run', '--cpu', '2']), /Unknown option '--cpu'/);
    assert.throws(() => parseCli(['run', '--run', 'x', '--', 'y']), /either with --run or after '--'/);
    assert.throws(
      () => parseCli(['images', 'prune', '--older-than', 'soon']),
      /--older-than is 'soon'.*number of days/,
    );
    assert.throws(() => parseCli(['images', '--all']), /belong to 'solstice images prune'/);
    assert.throws(() => parseCli(['stop', 'extra']), /Unexpected argument 'extra'|positional/i);
  });

  test('--help anywhere before -- gives the command help; after -- it belongs to the command', () => {
    assert.deepEqual(parseCli(['run', '--help']), { command: 'help', topic: 'run', verbose: false });
    assert.deepEqual(parseCli(['--help']), { command: 'help', verbose: false });
    assert.deepEqual(parseCli(['help', 'images']), { command: 'help', topic: 'images', verbose: false });
    const run = parseCli(['run', '--image-url', '/i.qcow2', '--', 'ls', '--help']);
    assert.ok(run.command === 'run' && run.inputs['run'] === 'ls --help');
    const images = parseCli(['images', 'prune', '--older-than', '7', '--dry-run']);
    assert.deepEqual(images, {
      command: 'images',
      action: 'prune',
      olderThanDays: 7,
      all: false,
      dryRun: true,
      verbose: false,
    });
  });
});

describe('terminal reporter', () => {
  const capture = (isTTY: boolean) => {
    const out: string[] = [];
    const err: string[] = [];
    const reporter = new TerminalReporter(
      { write: (t: string) => out.push(t), isTTY },
      { write: (t: string) => err.push(t), isTTY },
      { colour: isTTY, inWorkflow: false },
    );
    return { reporter, out, err };
  };

  test('not a TTY: plain lines, progress kept line by line, command output alone on stdout', () => {
    const { reporter, out, err } = capture(false);
    reporter.startGroup('Boot console (serial)');
    reporter.guestLine('[    0.000000] Linux version');
    reporter.endGroup();
    reporter.progress('  10 MiB (5%)');
    reporter.progress('  20 MiB (10%)');
    reporter.warning('slow');
    reporter.debug('hidden');
    reporter.guestLine('hello from the command');
    reporter.guestLine('complaint from the command', 'stderr');
    assert.deepEqual(out, ['hello from the command\n']);
    assert.equal(
      err.join(''),
      '== Boot console (serial)\n[    0.000000] Linux version\n  10 MiB (5%)\n  20 MiB (10%)\nwarning: slow\ncomplaint from the command\n',
    );
    assert.doesNotMatch(err.join(''), /\x1b/);
  });

  test("the engine's own warnings name inputs in its front end's words: options here, inputs in the action", () => {
    const cli = new TerminalReporter({ write: () => true }, { write: () => true });
    assert.equal(
      unsetVariableWarning('FOO', cli.wording),
      'Option --env names FOO, which is not set on the runner: it is not passed to the guest.',
    );
    assert.equal(
      unsetVariableWarning('FOO', new WorkflowReporter(() => {}).wording),
      "Input 'env' names FOO, which is not set on the runner: it is not passed to the guest.",
      "the action's wording as it was",
    );
  });

  test('a TTY: colours, and progress rewritten in place then cleared before the next line', () => {
    const { reporter, err } = capture(true);
    reporter.progress('  10 MiB');
    reporter.progress('  20 MiB');
    reporter.info('Downloaded');
    const text = err.join('');
    assert.match(text, /\r\x1b\[2K\x1b\[2m  10 MiB\x1b\[0m\r\x1b\[2K\x1b\[2m  20 MiB\x1b\[0m\r\x1b\[2KDownloaded\n$/);
    assert.doesNotMatch(text, /10 MiB\n/);
    reporter.guestLine('error: from the command', 'stderr');
    assert.match(err.join(''), /\nerror: from the command\n$/, "the command's stderr is not dimmed as the console is");
  });
});
