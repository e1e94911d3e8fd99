/** One code style: every TypeScript and script file is as Prettier (.prettierrc.json) writes it. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import * as prettier from 'prettier';
import { REPO_ROOT } from '../helpers/action-runner.js';

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' || entry.name === 'fixtures' ? [] : sources(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('formatting', () => {
  it('every source file is formatted (npm run format fixes it)', async () => {
    const unformatted: string[] = [];
    for (const file of ['src', 'test', 'bench', 'scripts'].flatMap((folder) => sources(join(REPO_ROOT, folder)))) {
      const options = await prettier.resolveConfig(file);
      if (!(await prettier.check(readFileSync(file, 'utf8'), { ...options, filepath: file })))
        unformatted.push(relative(REPO_ROOT, file));
    }
    assert.deepEqual(unformatted, []);
  });
});
