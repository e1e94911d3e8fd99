import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/action-runner.js';

describe('dist/', () => {
  it('is exactly what a fresh `npm run bundle` produces (commit it after changing src/)', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'solstice-bundle-'));
    try {
      execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', fresh], { cwd: REPO_ROOT });
      const names = (await readdir(fresh)).sort();
      assert.deepEqual((await readdir(join(REPO_ROOT, 'dist'))).sort(), names);
      for (const name of names) {
        const committed = await readFile(join(REPO_ROOT, 'dist', name));
        assert.ok(committed.equals(await readFile(join(fresh, name))), `dist/${name} is stale: run npm run bundle`);
      }
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('carries no native addon (they are tied to the Node ABI that built them)', async () => {
    const names = await readdir(join(REPO_ROOT, 'dist'), { recursive: true });
    assert.deepEqual(
      names.filter((name) => String(name).endsWith('.node')),
      [],
    );
  });
});
