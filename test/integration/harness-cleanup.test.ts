/**
 * The test harness (and `npm run example`, which uses it) leaves nothing in the system temp dir: the
 * installed action and each job's runner directories go when the process that made them exits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/action-runner.js';

test('the harness removes the installed action and the job directories when its process exits', () => {
  // A job of one `run:` step (no VM), in a process of its own, like a test file or the example.
  const script = `
    import { installedAction, runJob } from './test/helpers/action-runner.ts';
    const run = await runJob({ toolCache: '/nonexistent', steps: [{ shell: 'sh -e {0}', run: 'echo ran' }] });
    console.log(JSON.stringify({ action: await installedAction(), runnerTemp: run.runnerTemp, log: run.steps[0].log }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  const made = JSON.parse(child.stdout) as { action: string; runnerTemp: string; log: string };
  assert.equal(made.log, 'ran\n', 'the job ran');
  for (const directory of [made.action, dirname(made.runnerTemp)])
    assert.equal(existsSync(directory), false, `${directory} is left behind`);
});
