import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseJobInputs } from '../../src/config/parse.js';
import { REPO_ROOT } from '../helpers/action-runner.js';

describe('action.yml', () => {
  it('runs on node24 with main, post and declares every input the action reads', async () => {
    const metadata = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8'));
    assert.equal(metadata.runs.using, 'node24');
    assert.equal(metadata.runs.main, 'dist/index.js');
    assert.equal(metadata.runs.post, 'dist/post.js');
    const read = new Set<string>();
    parseJobInputs((name) => {
      read.add(name);
      return { 'image-url': 'https://example.org/x.qcow2', run: 'true' }[name] ?? '';
    }, { defaultCacheRoot: '/c', workspace: '/w' });
    read.add('github-token');
    read.add('catalog'); // read by the front end, which hands parseJobInputs the merged catalog
    assert.deepEqual(Object.keys(metadata.inputs).sort(), [...read].sort());
    for (const [name, input] of Object.entries<{ description?: string }>(metadata.inputs)) assert.ok(input.description, `${name} has a description`);
  });
});
