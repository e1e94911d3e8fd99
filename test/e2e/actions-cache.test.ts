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
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { imageCacheKey } from '../../src/action/actions-cache.js';
import { templateCacheKey } from '../../src/action/actions-cache-templates.js';
import { runAction, type ActionRun } from '../helpers/action-runner.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { testGuest, tinyGuest, type TestGuest } from '../helpers/test-guest.js';

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
): Promise<ActionRun> {
  await rm(toolCache, { recursive: true, force: true });
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
  const PREPARE = 'sudo sh -c "echo prepared-in-the-template > /var/solstice-prepared"';
  const warmJob = () =>
    freshRunnerJob(
      'cat /var/solstice-prepared',
      { 'warm-start': 'true', prepare: PREPARE },
      { path: '/guest.qcow2', guest: cloudGuest },
    );
  const seconds = (log: string, pattern: RegExp) => Number(pattern.exec(log)?.[1]);

  it('the second job on a fresh runner restores the booted template instead of building it', async (t) => {
    const first = await warmJob();
    assert.match(first.main.log, /Building the warm-start template [0-9a-f]{12}: a cold boot, prepare, then a save/);
    assert.match(first.main.log, /Nothing restored for solstice-template-v\d+-[0-9a-f]{64} .*: building the template/);
    assert.equal(first.main.outputs['start'], 'warm');
    const short = first.main.outputs['template']!;
    const key = service.keys().find((name) => name.startsWith('solstice-template-'));
    assert.ok(key, `a template entry was saved: ${service.keys().join(', ')}`);
    assert.equal(key.slice('solstice-template-v2-'.length, 'solstice-template-v2-'.length + 12), short);
    assert.equal(key, templateCacheKey(key.slice(-64)));
    assert.match(first.post.log, new RegExp(`Saved ${key} in the Actions cache: [\\d.]+ MB in`));
    assert.match(first.post.summary, new RegExp(`\`${key}\` \\| saved \\|`));
    const entriesAfterFirst = service.requests('CreateCacheEntry');

    const second = await warmJob();
    assert.match(second.main.log, new RegExp(`Restored ${key} from the Actions cache: [\\d.]+ MB in`));
    assert.match(second.main.log, /Checked and unpacked the warm-start template [0-9a-f]{12} from the Actions cache/);
    assert.doesNotMatch(second.main.log, /Building the warm-start template/);
    assert.equal(second.main.outputs['start'], 'warm');
    assert.equal(second.main.outputs['template'], short);
    // What prepare wrote in the first job's template, and prepare did not run again.
    assert.match(second.main.log, /^prepared-in-the-template$/m);
    assert.match(second.main.summary, new RegExp(`\`${key}\` \\| restored \\|`));
    assert.doesNotMatch(second.post.log, /Saved .* in the Actions cache/, 'nothing new to save');
    assert.equal(service.requests('CreateCacheEntry'), entriesAfterFirst);

    const imageKey = imageCacheKey({ algorithm: 'sha256', hex: cloudGuest.sha256 });
    t.diagnostic(
      `template: build ${seconds(first.main.log, /Saved the warm-start template \w+ in ([\d.]+) s/)} s, ` +
        `save ${seconds(first.post.log, new RegExp(`Saved ${key} in the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s, ` +
        `restore ${seconds(second.main.log, new RegExp(`Restored ${key} from the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s ` +
        `+ check ${seconds(second.main.log, /Checked and unpacked the warm-start template \w+ from the Actions cache in ([\d.]+) s/)} s; ` +
        `image: save ${seconds(first.post.log, new RegExp(`Saved ${imageKey} in the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s, ` +
        `restore ${seconds(second.main.log, new RegExp(`Restored ${imageKey} from the Actions cache: [\\d.]+ MB in ([\\d.]+) s`))} s`,
    );
  });
});
