/** Programs Solstice runs on the runner are never found where the guest can write (real files, real PATH). */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { childEnvironment } from '../../src/core/child-environment.js';
import { distrustForPrograms, programPath, trustedSearchPath } from '../../src/core/program-search.js';

describe('program search', () => {
  it('skips PATH entries inside the workspace or job directory, relative ones, and links into them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'solstice-programs-'));
    const workspace = join(root, 'work', 'repo');
    const job = join(root, 'temp', 'solstice-job');
    const trusted = join(root, 'usr-bin');
    for (const directory of [join(workspace, 'bin'), join(job, 'bin'), trusted])
      await mkdir(directory, { recursive: true });
    for (const directory of [join(workspace, 'bin'), join(job, 'bin'), trusted]) {
      await writeFile(join(directory, 'tar'), '#!/bin/sh\n');
      await chmod(join(directory, 'tar'), 0o755);
    }
    await symlink(join(workspace, 'bin'), join(root, 'innocent-looking'));
    const path = [
      '',
      '.',
      'bin',
      join(workspace, 'bin'),
      join(root, 'innocent-looking'),
      join(job, 'bin'),
      trusted,
    ].join(delimiter);
    const saved = process.env['PATH'];
    process.env['PATH'] = path;
    try {
      distrustForPrograms(workspace, job);
      assert.equal(trustedSearchPath(), trusted);
      assert.equal(programPath('tar'), join(trusted, 'tar'));
      assert.equal(childEnvironment()['PATH'], trusted, 'children search the same PATH');
      assert.equal(programPath('no-such-program-here'), undefined);
    } finally {
      process.env['PATH'] = saved;
    }
  });
});
