/** The workflows in docs/examples/ use only inputs the action has and images the catalog knows. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/action-runner.js';

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
const catalog = JSON.parse(readFileSync(join(REPO_ROOT, 'catalog/images.json'), 'utf8')) as { images: object };
const examples = join(REPO_ROOT, 'docs/examples');

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

describe('docs/examples', () => {
  for (const file of readdirSync(examples).filter((name) => name.endsWith('.yml'))) {
    it(`${file}: every input of the Solstice step exists, every image is in the catalog`, () => {
      const workflow = parse(readFileSync(join(examples, file), 'utf8')) as {
        jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { image?: string[] } } }>;
      };
      for (const job of Object.values(workflow.jobs)) {
        const solstice = job.steps.filter((step) => step.uses?.endsWith('/solstice@v1'));
        assert.ok(solstice.length > 0, 'the job uses the action');
        for (const step of solstice)
          for (const input of Object.keys(step.with ?? {})) assert.ok(input in action.inputs, `input ${input}`);
        for (const image of job.strategy?.matrix?.image ?? []) assert.ok(image in catalog.images, `image ${image}`);
      }
    });
  }
});
