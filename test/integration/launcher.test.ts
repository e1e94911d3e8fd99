/** The step's launcher program, run by the runner's own sh and bash: what the guest runs for every step. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DIALECT_USERLAND } from '../../src/core/guest-userland.js';
import { launcher } from '../../src/engine/step/launcher.js';
import { exportStatements } from '../../src/shell/environment.js';

async function runLauncher(
  script: string,
  variables: Record<string, string>,
  shell: 'sh' | 'bash' = 'sh',
  sync: 'in' | 'both' = 'both',
) {
  const root = await mkdtemp(join(tmpdir(), 'solstice-launcher-'));
  const stepDirectory = join(root, 'step');
  const workingDirectory = join(root, 'work dir');
  const program = launcher(stepDirectory, script, exportStatements(variables), {
    workingDirectory,
    shell: { kind: shell },
    userland: DIALECT_USERLAND['cloud-config'],
    sync,
  });
  const result = spawnSync('sh', ['-s'], { input: program, encoding: 'utf8' });
  return { result, stepDirectory, workingDirectory, program };
}

describe('the step launcher', () => {
  it('runs the script in the working directory with the variables, byte for byte, and its exact exit code', async () => {
    const hostile = `$(touch /tmp/solstice-pwned) 'quote' "double" \\ \n second line SOLSTICE_EOF_x`;
    const { result, stepDirectory, workingDirectory } = await runLauncher(
      'printf "%s|" "$PWD" "$HOSTILE"; read line || echo "stdin is empty"; exit 7',
      { HOSTILE: hostile },
    );
    assert.equal(result.status, 7);
    assert.equal(result.stdout, `${workingDirectory}|${hostile}|stdin is empty\n`);
    const marker = await stat(join(stepDirectory, 'marker'));
    const age = Date.now() - marker.mtimeMs;
    assert.ok(age >= 1000 && age < 3000, `the copy-back marker is dated about one second back (${age} ms)`);
    assert.equal((await stat(stepDirectory)).mode & 0o777, 0o700, 'the step directory is private');
    assert.match(await readFile(join(stepDirectory, 'script'), 'utf8'), /exit 7\n$/);
    await assert.rejects(stat('/tmp/solstice-pwned'), 'no byte of a variable was interpreted');
  });

  it('what the script changes in its first second is newer than the marker, also for busybox find (whole seconds)', async () => {
    const { result, stepDirectory, workingDirectory } = await runLauncher('echo made > made.txt', {});
    assert.equal(result.status, 0, result.stderr);
    const found = spawnSync('busybox', ['find', workingDirectory, '-newer', join(stepDirectory, 'marker')], {
      encoding: 'utf8',
    });
    assert.match(found.stdout, /made\.txt$/m);
  });

  it('without copy-back it makes no marker, and still runs the script in its working directory', async () => {
    const { result, stepDirectory, workingDirectory } = await runLauncher(
      'printf "%s|%s" "$PWD" "$X"',
      { X: 'y' },
      'sh',
      'in',
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${workingDirectory}|y`);
    await assert.rejects(stat(join(stepDirectory, 'marker')), 'no marker without copy-back');
  });

  it('a script that contains the here-document end of another run cannot end its own early', async () => {
    const { result } = await runLauncher("echo before\ncat <<'X'\nSOLSTICE_EOF_\nX\necho after", {}, 'bash');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'before\nSOLSTICE_EOF_\nafter\n');
  });
});
