/**
 * The CLI's state directory (review #5): another user who makes it first, or plants a run record in
 * it, must not get the CLI to kill or remove anything. Real directories, real ownership (the tests run
 * as root: chown to uid 65534, nobody) and the CLI's own functions.
 */
import assert from 'node:assert/strict';
import { chmod, chown, lstat, mkdir, readdir, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pruneConsoleLogs } from '../../src/cli/console-logs.js';
import { stopOrphanedRuns } from '../../src/cli/orphans.js';
import { cliStateDirectory } from '../../src/cli/state-directory.js';
import { SolsticeError } from '../../src/core/errors.js';
import { recordingReporter, temporaryDirectories } from '../helpers/image-fixtures.js';

const NOBODY = 65534;
const dirs = temporaryDirectories();
after(() => dirs.removeAll());

/** A victim directory with a file in it, and a run record in `stateDirectory` that names it (a pid that is gone). */
async function plantRecord(stateDirectory: string, jobDirectory: string): Promise<void> {
  await mkdir(join(stateDirectory, 'runs'), { recursive: true });
  await writeFile(join(stateDirectory, 'runs', 'planted.json'), JSON.stringify({ pid: 999_999_999, jobDirectory }));
}

async function victim(): Promise<string> {
  const directory = await dirs.make('solstice-victim-');
  await writeFile(join(directory, 'precious'), 'keep me');
  return directory;
}

/** What main() does first: the state directory, then the orphaned runs. */
async function cliStart(env: NodeJS.ProcessEnv): Promise<{ warnings: string[] }> {
  const { reporter, warnings } = recordingReporter();
  await stopOrphanedRuns(await cliStateDirectory(env), reporter);
  return { warnings };
}

describe('the CLI state directory', () => {
  test("the review's experiment: a 0777 directory made in advance, with a planted record, is refused and nothing is removed", async () => {
    const runtime = await dirs.make('solstice-runtime-');
    const planted = join(runtime, 'solstice');
    await mkdir(planted);
    await chmod(planted, 0o777);
    const target = await victim();
    await plantRecord(planted, target);
    await assert.rejects(cliStart({ XDG_RUNTIME_DIR: runtime }), (error: Error) => {
      assert.ok(error instanceof SolsticeError);
      assert.match(
        error.message,
        new RegExp(`state directory ${planted} is writable by other users \\(mode 0777\\).*Fix: chmod 700 ${planted}`),
      );
      return true;
    });
    assert.deepEqual(await readdir(target), ['precious'], 'the victim directory survives');
    assert.deepEqual(await readdir(join(planted, 'runs')), ['planted.json'], 'the refused directory is left as it was');
  });

  test('a directory of another user (uid 65534), even 0700, is refused and nothing is removed', async () => {
    const runtime = await dirs.make('solstice-runtime-');
    const planted = join(runtime, 'solstice');
    await mkdir(planted, { mode: 0o700 });
    const target = await victim();
    await plantRecord(planted, target);
    await chown(planted, NOBODY, NOBODY);
    await assert.rejects(
      cliStart({ XDG_RUNTIME_DIR: runtime }),
      new RegExp(`${planted} is owned by uid ${NOBODY}, not by uid 0 .*remove ${planted}`),
    );
    assert.deepEqual(await readdir(target), ['precious']);
  });

  test('a symbolic link, even to a private directory of ours, is refused and its target untouched', async () => {
    const runtime = await dirs.make('solstice-runtime-');
    const elsewhere = await dirs.make('solstice-elsewhere-');
    await chmod(elsewhere, 0o700);
    const target = await victim();
    await plantRecord(elsewhere, target);
    await symlink(elsewhere, join(runtime, 'solstice'));
    await assert.rejects(cliStart({ XDG_RUNTIME_DIR: runtime }), /state directory .*\/solstice is a symbolic link/);
    assert.deepEqual(await readdir(target), ['precious']);
    assert.deepEqual(await readdir(join(elsewhere, 'runs')), ['planted.json']);
  });

  test('without XDG_RUNTIME_DIR: ~/.local/state/solstice, made 0700 with its parents, never under /tmp', async () => {
    const home = await dirs.make('solstice-home-');
    const path = await cliStateDirectory({ HOME: home });
    assert.equal(path, join(home, '.local/state/solstice'));
    for (const directory of ['.local', '.local/state', '.local/state/solstice']) {
      assert.equal((await lstat(join(home, directory))).mode & 0o777, 0o700, `${directory} is 0700`);
    }
    assert.equal(
      await cliStateDirectory({ HOME: home, XDG_RUNTIME_DIR: 'relative/dir' }),
      path,
      'a relative XDG_RUNTIME_DIR is ignored (XDG spec)',
    );
  });

  test('in a private state directory, a record naming a directory outside it (directly or through a link) is dropped with a warning; one inside is stopped', async () => {
    const runtime = await dirs.make('solstice-runtime-');
    const state = await cliStateDirectory({ XDG_RUNTIME_DIR: runtime });
    const target = await victim();
    await plantRecord(state, target);
    const { reporter, warnings } = recordingReporter();
    await stopOrphanedRuns(state, reporter);
    assert.deepEqual(await readdir(target), ['precious'], 'the victim directory survives');
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      new RegExp(`Ignored the run record ${state}/runs/planted.json: its job directory ${target} is outside ${state}`),
    );
    assert.deepEqual(await readdir(join(state, 'runs')), [], 'the bad record is dropped');

    await symlink(target, join(state, 'solstice-link'));
    await plantRecord(state, join(state, 'solstice-link'));
    await stopOrphanedRuns(state, reporter);
    assert.deepEqual(await readdir(target), ['precious'], 'a link inside the state directory does not lead outside');
    assert.match(warnings[1]!, /is outside/);

    const own = join(state, 'solstice-orphan');
    await mkdir(own);
    await plantRecord(state, own);
    await stopOrphanedRuns(state, reporter);
    await assert.rejects(stat(own), { code: 'ENOENT' }, 'an orphaned job directory of ours is removed');
    assert.match(warnings[2]!, /Stopped the VM of an earlier 'solstice run' that was killed/);
  });
});

describe('console logs in the state directory', () => {
  test('the newest are kept, and those of VMs whose job directory exists (running or kept); nothing else is touched', async () => {
    const state = await dirs.make('solstice-state-');
    const now = Date.now() / 1000;
    const logs = Array.from({ length: 6 }, (_, age) => `solstice-run${age}-console.log`);
    for (const [age, name] of logs.entries()) {
      await writeFile(join(state, name), 'console');
      await utimes(join(state, name), now - age * 3600, now - age * 3600);
    }
    await mkdir(join(state, 'solstice-run5')); // the oldest log's VM is kept: its job directory exists
    await mkdir(join(state, 'runs'));
    await writeFile(join(state, 'other.log'), 'not ours');
    await pruneConsoleLogs(state, 3);
    assert.deepEqual((await readdir(state)).sort(), [
      'other.log',
      'runs',
      'solstice-run0-console.log',
      'solstice-run1-console.log',
      'solstice-run2-console.log',
      'solstice-run5',
      'solstice-run5-console.log',
    ]);
  });
});
