import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { rangeText } from '../../src/config/input-kinds.js';
import { INPUTS } from '../../src/config/inputs.js';
import { parseJobInputs } from '../../src/config/parse.js';
import { REPO_ROOT } from '../helpers/action-runner.js';

describe('action.yml', () => {
  it('runs on node24 with main, post and declares every input the action reads', async () => {
    const metadata = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8'));
    assert.equal(metadata.runs.using, 'node24');
    assert.equal(metadata.runs.main, 'dist/index.js');
    assert.equal(metadata.runs.post, 'dist/post.js');
    const read = new Set<string>();
    parseJobInputs(
      (name) => {
        read.add(name);
        return { 'image-url': 'https://example.org/x.qcow2', run: 'true' }[name] ?? '';
      },
      { defaultCacheRoot: '/c', workspace: '/w' },
    );
    read.add('github-token');
    read.add('catalog'); // read by the front end, which hands parseJobInputs the merged catalog
    assert.deepEqual(Object.keys(metadata.inputs).sort(), [...read].sort());
    for (const [name, input] of Object.entries<{ description?: string }>(metadata.inputs))
      assert.ok(input.description, `${name} has a description`);
  });

  it('declares exactly the inputs of src/config/inputs.ts, in its order, with its defaults', async () => {
    const metadata = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: unknown; required?: boolean }>;
    };
    assert.deepEqual(
      Object.keys(metadata.inputs),
      INPUTS.map((input) => input.name),
      'the same names, in the same order',
    );
    for (const input of INPUTS) {
      const declared = metadata.inputs[input.name]!;
      // YAML reads `default: '2'` as the string 2 and `default: 2G` as 2G; an absent default is ''.
      assert.equal(
        declared.default === undefined ? '' : String(declared.default),
        input.default,
        `the default of ${input.name}`,
      );
      assert.equal(declared.required === true, input.required === true, `whether ${input.name} is required`);
    }
  });

  it("README's inputs table lists the same inputs with the same defaults (an empty one described in words)", async () => {
    const rows = await readmeInputRows();
    assert.deepEqual(
      rows.map((row) => row.name),
      INPUTS.map((input) => input.name),
    );
    for (const { name, defaultCell: cell } of rows) {
      const input = INPUTS.find((candidate) => candidate.name === name)!;
      if (input.required) assert.equal(cell, '(required)', name);
      else if (input.default !== '') assert.equal(cell, `\`${input.default}\``, `README's default of ${name}`);
      else
        assert.ok(
          !cell.startsWith('`') || name === 'cache-dir',
          `README's default of ${name} is '${cell}', action.yml's is empty`,
        );
    }
  });

  it('README, action.yml and the usage state the range each number or size input enforces, and no other', async () => {
    const rows = new Map((await readmeInputRows()).map((row) => [row.name, row.description]));
    const metadata = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>;
    };
    const rangesIn = (text: string) => text.match(/\d[\d.]*[MGT]?\s?[-–]\s?\d[\d.]*[MGT]?/g) ?? [];
    for (const input of INPUTS) {
      const range = rangeText(input);
      const described = {
        README: rows.get(input.name)!,
        'action.yml': metadata.inputs[input.name]!.description,
        'the usage': input.help,
      };
      for (const [where, text] of Object.entries(described)) {
        assert.deepEqual(rangesIn(text), range === undefined ? [] : [range], `${where} on ${input.name}: ${text}`);
      }
    }
  });

  it('README names every choice of a choice input (so a new one cannot go undocumented)', async () => {
    const rows = new Map((await readmeInputRows()).map((row) => [row.name, row.description]));
    for (const input of INPUTS) {
      if (input.kind !== 'choice') continue;
      for (const choice of input.choices)
        assert.ok(rows.get(input.name)!.includes(`\`${choice}\``), `README on ${input.name} names \`${choice}\``);
    }
  });
});

/** README's inputs table: each row's input, its default cell and its description. */
async function readmeInputRows(): Promise<{ name: string; defaultCell: string; description: string }[]> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('| `image` |'), readme.indexOf('| `exit-code` |'));
  return [...section.matchAll(/^\| `([a-z-]+)` \|([^|]*)\|(.*)\|$/gm)].map(([, name, cell, description]) => ({
    name: name!,
    defaultCell: cell!.trim(),
    description: description!.trim(),
  }));
}
