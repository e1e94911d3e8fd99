import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { commandLineScript, parseCli, RUN_INPUT_OPTIONS } from '../../src/cli/arguments.js';
import { parseJobInputs } from '../../src/config/parse.js';
import { SolsticeError } from '../../src/core/errors.js';
import { TerminalReporter } from '../../src/cli/terminal-reporter.js';
import { readFileSync } from 'node:fs';
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

  test('bad command lines name the problem and where help is', () => {
    assert.throws(
      () => parseCli(['launch']),
      (error: Error) =>
        error instanceof SolsticeError && /Unknown command 'launch'.*run, ssh, stop, images/.test(error.message),
    );
    assert.throws(() => parseCli(['run', '--cpu', '2']), /Unknown option '--cpu'.*solstice run --help/s);
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
    assert.deepEqual(parseCli([]), { command: 'help', verbose: false });
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
    assert.deepEqual(out, ['hello from the command\n']);
    assert.equal(
      err.join(''),
      '== Boot console (serial)\n[    0.000000] Linux version\n  10 MiB (5%)\n  20 MiB (10%)\nwarning: slow\n',
    );
    assert.doesNotMatch(err.join(''), /\x1b/);
  });

  test('a TTY: colours, and progress rewritten in place then cleared before the next line', () => {
    const { reporter, err } = capture(true);
    reporter.progress('  10 MiB');
    reporter.progress('  20 MiB');
    reporter.info('Downloaded');
    const text = err.join('');
    assert.match(text, /\r\x1b\[2K\x1b\[2m  10 MiB\x1b\[0m\r\x1b\[2K\x1b\[2m  20 MiB\x1b\[0m\r\x1b\[2KDownloaded\n$/);
    assert.doesNotMatch(text, /10 MiB\n/);
  });
});
