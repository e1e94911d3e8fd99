/**
 * Images in the Actions cache: the action's module (src/action/actions-cache.ts) with the real
 * @actions/cache client, over real HTTP, against the stand-in cache service (test/helpers/cache-service.ts),
 * and the image stage taking its copy. Each "job" starts on an empty local cache at the same path, as a
 * GitHub-hosted runner does.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import * as cache from '@actions/cache';
import {
  ActionsImageCache,
  imageCacheKey,
  jobCaches,
  saveImages,
  type ActionsCacheMode,
} from '../../src/action/actions-cache.js';
import type { Transfer } from '../../src/action/actions-cache-client.js';
import { InputError } from '../../src/core/errors.js';
import type { Digest } from '../../src/core/vocabulary.js';
import { prepareImage } from '../../src/image/prepare.js';
import type { PreparedImage } from '../../src/image/types.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { recordingReporter, temporaryDirectories } from '../helpers/image-fixtures.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { tinyGuest } from '../helpers/test-guest.js';

const dirs = temporaryDirectories();
let service: CacheService;
let images: ImageServer;
let digest: Digest;
let cacheDir: string;
let workspace: string;
const savedEnv = { ...process.env };

before(async () => {
  const guest = tinyGuest();
  digest = { algorithm: 'sha256', hex: guest.sha256 };
  images = await serveFiles({ '/tiny.qcow2': guest.path });
  service = await startCacheService();
  const runner = await dirs.make('solstice-actions-cache-runner-');
  workspace = join(runner, 'work');
  cacheDir = join(runner, 'tool-cache', 'solstice');
  // What the client reads: the service (as the runner sets it), the workspace its archives are relative to, its temp.
  Object.assign(process.env, service.env, { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(runner, 'temp') });
  await mkdir(workspace, { recursive: true });
  await mkdir(join(runner, 'temp'), { recursive: true });
});

after(async () => {
  process.env = savedEnv;
  await images.close();
  await service.close();
  await dirs.removeAll();
});

// A new runner: nothing in the local cache (at the same path, where the service's entry version points).
beforeEach(() => rm(cacheDir, { recursive: true, force: true }));

interface Job {
  image: PreparedImage;
  store: ActionsImageCache;
  warnings: string[];
  messages: string[];
}

/** The image stage of one job with the Actions cache as its remote store. */
async function imageStage(): Promise<Job> {
  const { reporter, warnings, messages } = recordingReporter();
  const store = new ActionsImageCache(cacheDir, reporter);
  const image = await prepareImage(
    { source: images.url('/tiny.qcow2'), checksum: digest, cacheDir },
    reporter,
    new AbortController().signal,
    { remoteStore: store },
  );
  return { image, store, warnings, messages };
}

/** The post step's save of what the job downloaded. */
async function postSave(job: Job): Promise<{ saves: Transfer[]; warnings: string[] }> {
  const { reporter, warnings } = recordingReporter();
  return { saves: await saveImages(job.store.toSave, reporter), warnings };
}

describe('images in the Actions cache (real @actions/cache client, stand-in service)', () => {
  const key = () => imageCacheKey(digest);

  it('a miss downloads the image, and the post step saves it under its digest', async () => {
    const downloadsBefore = images.requests('/tiny.qcow2');
    const job = await imageStage();
    assert.equal(job.image.cacheHit, false);
    assert.ok(job.image.fetchedBytes > 0, 'downloaded');
    assert.equal(images.requests('/tiny.qcow2'), downloadsBefore + 1);
    assert.deepEqual(
      job.store.restores.map((restore) => restore.outcome),
      ['missed'],
    );
    assert.deepEqual(
      job.store.toSave.map((image) => image.key),
      [key()],
    );

    const { saves, warnings } = await postSave(job);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      saves.map((save) => [save.key, save.outcome]),
      [[key(), 'saved']],
    );
    assert.equal(saves[0]!.bytes, (await readFile(tinyGuest().path)).length);
    assert.deepEqual(service.keys(), [key()]);
  });

  it('a hit restores the image and verifies it: nothing is downloaded, nothing saved again', async () => {
    const downloadsBefore = images.requests('/tiny.qcow2');
    const rangesBefore = service.requests('blob-range');
    const job = await imageStage();
    assert.equal(images.requests('/tiny.qcow2'), downloadsBefore, 'not downloaded');
    // As from Azure storage: the blob's properties, then its bytes in 4 MiB pieces.
    assert.ok(service.requests('blob-head') >= 1);
    assert.ok(service.requests('blob-range') - rangesBefore >= 4, 'read in pieces with the Azure SDK');
    assert.equal(job.image.restored, true);
    assert.equal(job.image.verified, true);
    assert.deepEqual(job.image.digest, digest);
    assert.deepEqual(await readFile(job.image.path), await readFile(tinyGuest().path));
    assert.deepEqual(
      job.store.restores.map((restore) => restore.outcome),
      ['restored'],
    );
    assert.ok(job.messages.some((line) => /Verified the copy .* restored from the Actions cache/.test(line)));
    assert.deepEqual(job.store.toSave, [], 'already in the Actions cache');
    assert.deepEqual(job.warnings, []);

    // The next use on this runner is a plain local hit.
    const source = images.url('/tiny.qcow2');
    const again = await prepareImage({ source, checksum: digest, cacheDir }, recordingReporter().reporter);
    assert.equal(again.cacheHit, true);
  });

  it('an entry holding other bytes under the key is refused by verification, and the image downloaded', async () => {
    const genuine = service.archive(key())!;
    // Another file, archived by the real client at the entry's path, put under the image's key.
    const forged = join(cacheDir, 'actions-cache', `${digest.algorithm}-${digest.hex}.img`);
    await mkdir(join(cacheDir, 'actions-cache'), { recursive: true });
    await writeFile(forged, Buffer.alloc(1024 * 1024, 7));
    assert.notEqual(await cache.saveCache([forged], 'forged'), -1);
    await rm(cacheDir, { recursive: true, force: true });
    service.setArchive(key(), service.archive('forged')!);
    try {
      const downloadsBefore = images.requests('/tiny.qcow2');
      const job = await imageStage();
      assert.equal(images.requests('/tiny.qcow2'), downloadsBefore + 1, 'downloaded after the refusal');
      assert.notEqual(job.image.restored, true);
      assert.deepEqual(await readFile(job.image.path), await readFile(tinyGuest().path));
      assert.equal(job.warnings.length, 1, job.warnings.join('\n'));
      assert.match(
        job.warnings[0]!,
        /restored from the Actions cache was refused: its sha256 is [0-9a-f]{64}, not the requested/,
      );
    } finally {
      service.setArchive(key(), genuine);
    }
  });

  it('a truncated entry is refused (the archive does not extract), and the image downloaded', async () => {
    const genuine = service.archive(key())!;
    service.setArchive(key(), genuine.subarray(0, Math.floor(genuine.length / 2)));
    try {
      const downloadsBefore = images.requests('/tiny.qcow2');
      const job = await imageStage();
      assert.equal(images.requests('/tiny.qcow2'), downloadsBefore + 1, 'downloaded');
      assert.notEqual(job.image.restored, true);
      assert.deepEqual(await readFile(job.image.path), await readFile(tinyGuest().path));
      assert.deepEqual(
        job.store.restores.map((restore) => restore.outcome),
        ['missed'],
      );
    } finally {
      service.setArchive(key(), genuine);
    }
  });

  it('a save the service refuses (cache quota) is a warning, not an error', async () => {
    const { reporter, warnings } = recordingReporter();
    const image = join(cacheDir, 'images', 'other.img');
    await mkdir(join(cacheDir, 'images'), { recursive: true });
    await writeFile(image, Buffer.alloc(4096, 1));
    const other: Digest = { algorithm: 'sha256', hex: 'f'.repeat(64) };
    const store = new ActionsImageCache(cacheDir, reporter);
    store.stored({ path: image, digest: other });
    service.refuseSaves('cache storage quota exceeded for this repository');
    const saves = await saveImages(store.toSave, reporter);
    assert.deepEqual(
      saves.map((save) => save.outcome),
      ['not saved'],
    );
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0]!,
      /was not saved in the Actions cache as solstice-image-v1-sha256-f{64}: .*The job is not affected/,
    );
    assert.ok(!service.keys().includes(imageCacheKey(other)));
  });
});

describe('which jobs use the Actions cache (the cache input)', () => {
  // The runner's kind comes from `env`; whether the service is there, the client reads from the process.
  const hosted = { RUNNER_ENVIRONMENT: 'github-hosted' };
  const selfHosted = { RUNNER_ENVIRONMENT: 'self-hosted' };

  const choose = async (mode: ActionsCacheMode, env: Record<string, string> = selfHosted, cacheDirGiven = false) => {
    const { reporter, messages, warnings } = recordingReporter();
    const caches = await jobCaches(mode, { cacheDir, cacheDirGiven, tempRoot: '/runner/temp', env }, reporter);
    return { uses: caches.actionsCache !== undefined, cacheDir: caches.cacheDir, messages, warnings };
  };
  it('auto: on GitHub-hosted runners, and on self-hosted ones only while the local image cache is empty', async () => {
    assert.equal((await choose('auto', hosted)).uses, true);
    const fresh = await choose('auto', selfHosted);
    assert.equal(fresh.uses, true);
    assert.match(
      fresh.messages.join('\n'),
      /Using the Actions cache for images and warm-start templates: the local image cache is empty/,
    );
    await mkdir(join(cacheDir, 'images', '0123456789abcdef'), { recursive: true });
    const lasting = await choose('auto', selfHosted);
    assert.equal(lasting.uses, false);
    assert.equal((await choose('auto', hosted)).uses, true, 'hosted: whatever is in the cache');
  });

  it('actions: on any runner that offers the service; local and none never', async () => {
    await mkdir(join(cacheDir, 'images', '0123456789abcdef'), { recursive: true });
    assert.equal((await choose('actions')).uses, true);
    assert.equal((await choose('local', hosted)).uses, false);
    assert.equal((await choose('none', hosted)).uses, false);
    const saved = process.env['ACTIONS_RESULTS_URL'];
    delete process.env['ACTIONS_RESULTS_URL'];
    try {
      const unavailable = await choose('actions', hosted);
      assert.equal(unavailable.uses, false);
      assert.match(unavailable.warnings.join('\n'), /\(cache: actions\): the runner offers no Actions cache service/);
      assert.deepEqual((await choose('auto', hosted)).warnings, [], 'auto says nothing when it stays local');
    } finally {
      process.env['ACTIONS_RESULTS_URL'] = saved;
    }
  });

  it('none: images go under RUNNER_TEMP, and a cache-dir beside it is refused naming both inputs', async () => {
    assert.equal((await choose('none')).cacheDir, '/runner/temp/solstice-cache');
    await assert.rejects(choose('none', selfHosted, true), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /cache.*is 'none'.*cache-dir is set.*remove cache-dir, or set cache to 'local'/s);
      return true;
    });
  });
});
