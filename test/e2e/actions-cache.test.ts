/**
 * End to end: the bundled action in the runner-faithful harness with the runner's cache variables
 * pointing at the stand-in cache service (test/helpers/cache-service.ts). Two jobs on fresh runners
 * (an empty tool cache at the same path, as every GitHub-hosted or ephemeral job gets): the first
 * downloads the tiny guest and saves it in its post step, the second restores it instead of downloading.
 * Before them, a job whose script fails downloads the image and saves nothing; after them, one with
 * `cache: none` downloads into a directory of its own that goes with the job. Then the same with warm
 * start on the cloud-init guest: the second job restores the booted template instead of building it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { imageCacheKey } from '../../src/action/actions-cache.js';
import { templateCacheKey } from '../../src/action/actions-cache-templates.js';
import { runAction, type ActionRun } from '../helpers/action-runner.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { testGuest, tinyGuest, warmStartInputs, type TestGuest } from '../helpers/test-guest.js';

let guest: TestGuest;
let cloudGuest: TestGuest;
let images: ImageServer;
let service: CacheService;
let toolCache: string;

before(async () => {
  guest = tinyGuest();
  cloudGuest = testGuest();
  images = await serveFiles({ '/tiny.qcow2': guest.path, '/guest.qcow2': cloudGuest.path });
  service = await startCacheService();
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-toolcache-'));
});

after(async () => {
  await images.close();
  await service.close();
  await rm(toolCache, { recursive: true, force: true });
});

/** One job on a fresh runner: its tool cache empty, at the path every job of the runner image has. */
async function freshRunnerJob(
  script = 'true',
  inputs: Record<string, string> = {},
  image: { path: string; guest: TestGuest } = { path: '/tiny.qcow2', guest },
  seedToolCache?: () => Promise<void>,
): Promise<ActionRun> {
  await rm(toolCache, { recursive: true, force: true });
  await seedToolCache?.();
  const run = await runAction({
    toolCache,
    env: service.env,
    inputs: {
      'image-url': images.url(image.path),
      'image-checksum': `sha256:${image.guest.sha256}`,
      run: script,
      ...inputs,
    },
  });
  assert.equal(run.main.exitCode, script === 'false' ? 1 : 0, run.main.log);
  assert.equal(run.post.exitCode, 0, run.post.log);
  await assertNothingLeft(run);
  return run;
}

describe('the action with the Actions cache', () => {
  const key = () => imageCacheKey({ algorithm: 'sha256', hex: guest.sha256 });

  it('a job whose script fails saves nothing', async () => {
    const failed = await freshRunnerJob('false');
    assert.equal(images.requests('/tiny.qcow2'), 1);
    assert.doesNotMatch(failed.post.log, /Saved .* in the Actions cache/);
    assert.deepEqual(service.keys(), []);
    assert.equal(service.requests('CreateCacheEntry'), 0);
  });

  it('a second job on an empty local cache restores the image instead of downloading it', async () => {
    const first = await freshRunnerJob();
    assert.equal(images.requests('/tiny.qcow2'), 2);
    assert.match(
      first.main.log,
      /Using the Actions cache for images and warm-start templates: the local image cache is empty/,
    );
    assert.match(first.post.log, new RegExp(`Saved ${key()} in the Actions cache: [\\d.]+ MB in`));
    assert.match(first.post.summary, new RegExp(`\`${key()}\` \\| saved \\|`));
    assert.deepEqual(service.keys(), [key()]);

    const second = await freshRunnerJob();
    assert.equal(images.requests('/tiny.qcow2'), 2, 'not downloaded again');
    assert.match(second.main.log, new RegExp(`Restored ${key()} from the Actions cache: [\\d.]+ MB in`));
    assert.match(second.main.log, /Verified the copy of .* restored from the Actions cache: sha256 matches/);
    assert.match(second.main.summary, /restored from the Actions cache and verified \(nothing downloaded\)/);
    assert.match(second.main.summary, new RegExp(`\`${key()}\` \\| restored \\|`));
    assert.equal(second.main.outputs['image-digest'], `sha256:${guest.sha256}`);
    assert.doesNotMatch(second.post.log, /Saved .* in the Actions cache/, 'nothing new to save');
    assert.equal(service.requests('CreateCacheEntry'), 1);
  });

  it("cache: none downloads into the job's own directory, which the post step removes", async () => {
    const before = images.requests('/tiny.qcow2');
    const run = await freshRunnerJob('true', { cache: 'none' });
    assert.equal(images.requests('/tiny.qcow2'), before + 1, 'downloaded, not restored');
    assert.doesNotMatch(run.main.log, /Actions cache/);
    assert.deepEqual(await readdir(toolCache).catch(() => []), [], 'nothing in the tool cache');
    assert.equal(service.requests('CreateCacheEntry'), 1, 'nothing saved');
  });
});

describe('warm start with the Actions cache', () => {
  const warmJob = (inputs: Record<string, string>, seedToolCache?: () => Promise<void>) =>
    freshRunnerJob(
      'echo clone-ran',
      { 'warm-start': 'true', ...inputs },
      { path: '/guest.qcow2', guest: cloudGuest },
      seedToolCache,
    );
  /**
   * A lasting runner's cache with the templates the suite's warm jobs built (hard links: nothing is
   * copied), so the first job needs no build of its own; without them (this file alone) it builds one.
   */
  const withSuiteTemplates = async () => {
    const templates = join(warmStartInputs()['cache-dir']!, 'templates');
    await mkdir(join(toolCache, 'solstice', 'templates'), { recursive: true });
    for (const name of await readdir(templates).catch(() => []))
      if (/^[0-9a-f]{64}$/.test(name))
        execFileSync('cp', ['-al', join(templates, name), join(toolCache, 'solstice', 'templates', name)]);
  };
  const seconds = (log: string, pattern: RegExp) => Number(pattern.exec(log)?.[1]);

  it('a template a job used is saved once; a fresh runner restores it instead of booting', async (t) => {
    const first = await warmJob({ cache: 'actions' }, withSuiteTemplates);
    assert.match(first.main.log, /Using the Actions cache for images and warm-start templates: cache is 'actions'/);
    assert.equal(first.main.outputs['start'], 'warm');
    const short = first.main.outputs['template']!;
    const key = service.keys().find((name) => name.startsWith('solstice-template-'));
    assert.ok(key, `a template entry was saved: ${service.keys().join(', ')}`);
    assert.equal(key, templateCacheKey(key.slice(-64)));
    assert.equal(key.slice(-64, -52), short);
    assert.match(first.post.log, new RegExp(`Saved ${key} in the Actions cache: [\\d.]+ MB in`));
    assert.match(first.post.summary, new RegExp(`\`${key}\` \\| saved \\|`));
    const entriesAfterFirst = service.requests('CreateCacheEntry');

    const second = await warmJob({});
    assert.match(second.main.log, new RegExp(`Restored ${key} from the Actions cache: [\\d.]+ MB in`));
    assert.match(second.main.log, /Checked and unpacked the warm-start template [0-9a-f]{12} from the Actions cache/);
    assert.doesNotMatch(second.main.log, /Building the warm-start template/);
    assert.match(second.main.log, /QEMU started .*, restoring the warm-start template [0-9a-f]{12}/);
    assert.doesNotMatch(second.main.log, /Boot console/, 'nothing booted');
    assert.match(second.main.log, /^clone-ran$/m);
    assert.equal(second.main.outputs['start'], 'warm');
    assert.equal(second.main.outputs['template'], short);
    assert.match(second.main.summary, new RegExp(`\`${key}\` \\| restored \\|`));
    assert.doesNotMatch(second.post.log, /Saved solstice-/, 'the Actions cache has both already');
    assert.equal(service.requests('CreateCacheEntry'), entriesAfterFirst);

    const imageKey = imageCacheKey({ algorithm: 'sha256', hex: cloudGuest.sha256 });
    t.diagnostic(
      `template: save ${seconds(first.post.log, new RegExp(`Saved ${key} in the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s, ` +
        `restore ${seconds(second.main.log, new RegExp(`Restored ${key} from the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s ` +
        `+ check ${seconds(second.main.log, /Checked and unpacked the warm-start template \w+ from the Actions cache in ([\d.]+) s/)} s; ` +
        `image: download ${seconds(first.main.log, /Downloaded \S+guest.qcow2: [\d.]+ MB in ([\d.]+) s/)} s, ` +
        `save ${seconds(first.post.log, new RegExp(`Saved ${imageKey} in the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s, ` +
        `restore ${seconds(second.main.log, new RegExp(`Restored ${imageKey} from the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s`,
    );
  });
});
