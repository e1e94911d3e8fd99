import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { CancelledError, SolsticeError } from '../../src/core/errors.js';
import { prepareImage } from '../../src/image/prepare.js';
import type { PreparedImage } from '../../src/image/types.js';
import {
  assertNothingCached,
  entryDir,
  listTree,
  makeQcow2,
  MiB,
  recordingReporter,
  runPrepareImageCli,
  sha,
  stampOf,
  temporaryDirectories,
} from '../helpers/image-fixtures.js';
import { serve, serveSlowly, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import type { Digest } from '../../src/core/vocabulary.js';

// Faults (network, disk, corrupted entries, refused images) are in image-faults.test.ts.

const QCOW2_VIRTUAL_SIZE = 64 * MiB;

const dirs = temporaryDirectories();
let fixtures: string;
let server: RouteServer;
let baseUrl: string;
const files: Record<string, Buffer> = {};

function count(path: string): number {
  return server.requests(path);
}

const newCacheDir = (): Promise<string> => dirs.make('solstice-image-cache-');

before(async () => {
  fixtures = await dirs.make('solstice-image-fixtures-');
  await makeQcow2(join(fixtures, 'image.qcow2'), QCOW2_VIRTUAL_SIZE, 2 * MiB);
  await writeFile(join(fixtures, 'raw.img'), randomBytes(3 * MiB));
  for (const name of ['image.qcow2', 'raw.img']) {
    files[name] = await readFile(join(fixtures, name));
  }
  const raw = files['raw.img']!;
  server = await startRouteServer({
    '/image.qcow2': serve(files['image.qcow2']!),
    '/raw.img': serve(raw),
    '/slow.img': serveSlowly(raw, 20), // ≈ 1 s
  });
  baseUrl = server.url('');
});

after(async () => {
  await server.close();
  await dirs.removeAll();
});

describe('prepareImage from a URL', () => {
  test('downloads and verifies a qcow2 (sha256), then hits the cache without any request', async (t) => {
    const cacheDir = await newCacheDir();
    const url = `${baseUrl}/image.qcow2`;
    const checksum = sha('sha256', files['image.qcow2']!);
    const before = count('/image.qcow2');

    const first = await prepareImage({ source: url, checksum, cacheDir }, recordingReporter().reporter);
    assert.equal(first.cacheHit, false);
    assert.equal(first.verified, true);
    assert.equal(first.format, 'qcow2');
    assert.equal(first.virtualSize, QCOW2_VIRTUAL_SIZE);
    assert.equal(first.fetchedBytes, files['image.qcow2']!.length);
    assert.deepEqual(first.digest, checksum);
    assert.equal(count('/image.qcow2'), before + 1);
    const key = createHash('sha256').update(url).digest('hex').slice(0, 16);
    assert.equal(first.path, join(entryDir(cacheDir, url), `sha256-${checksum.hex}.img`));
    assert.deepEqual(await readFile(first.path), files['image.qcow2']);
    assert.equal((await stat(first.path)).mode & 0o777, 0o444);
    const record = JSON.parse(await readFile(first.path.replace(/\.img$/, '.json'), 'utf8'));
    assert.equal(record.url, url);
    assert.deepEqual(record.digest, checksum);
    assert.equal(record.size, files['image.qcow2']!.length);
    assert.equal(record.format, 'qcow2');
    assert.equal(record.virtualSize, QCOW2_VIRTUAL_SIZE);
    assert.ok(!Number.isNaN(Date.parse(record.fetchedAt)));
    assert.deepEqual(record.stamp, await stampOf(first.path));

    const started = performance.now();
    const second = await prepareImage({ source: url, checksum, cacheDir }, recordingReporter().reporter);
    const elapsed = performance.now() - started;
    t.diagnostic(`cache hit took ${elapsed.toFixed(1)} ms`);
    assert.equal(second.cacheHit, true);
    assert.equal(second.fetchedBytes, 0);
    assert.equal(second.verified, true);
    assert.equal(second.path, first.path);
    assert.equal(second.virtualSize, QCOW2_VIRTUAL_SIZE);
    assert.equal(count('/image.qcow2'), before + 1, 'a hit makes no HTTP request');
    assert.deepEqual((await listTree(join(cacheDir, 'images'))).sort(), [
      key,
      `${key}/sha256-${checksum.hex}.img`,
      `${key}/sha256-${checksum.hex}.json`,
      `${key}/sha256-${checksum.hex}.used`, // the hit's last-use mark (solstice images)
    ]);
  });

  test('a sha512 checksum works', async () => {
    const cacheDir = await newCacheDir();
    const checksum = sha('sha512', files['raw.img']!);
    const result = await prepareImage(
      { source: `${baseUrl}/raw.img`, checksum, cacheDir },
      recordingReporter().reporter,
    );
    assert.equal(result.verified, true);
    assert.deepEqual(result.digest, checksum);
    assert.equal(result.format, 'raw');
    assert.equal(result.virtualSize, files['raw.img']!.length);
    assert.ok(result.path.endsWith(`sha512-${checksum.hex}.img`));
    const again = await prepareImage(
      { source: `${baseUrl}/raw.img`, checksum, cacheDir },
      recordingReporter().reporter,
    );
    assert.equal(again.cacheHit, true);
  });

  test('a wrong checksum is an error naming expected and actual, and leaves nothing behind', async () => {
    const cacheDir = await newCacheDir();
    const url = `${baseUrl}/raw.img`;
    const wrong: Digest = { algorithm: 'sha256', hex: 'ab'.repeat(32) };
    const actual = sha('sha256', files['raw.img']!).hex;
    await assert.rejects(
      prepareImage({ source: url, checksum: wrong, cacheDir }, recordingReporter().reporter),
      (error: Error) => {
        assert.ok(error instanceof SolsticeError);
        assert.match(error.message, /mismatch/i);
        assert.ok(error.message.includes(url), error.message);
        assert.ok(error.message.includes(wrong.hex), error.message);
        assert.ok(error.message.includes(actual), error.message);
        return true;
      },
    );
    await assertNothingCached(cacheDir);
  });

  test('without a checksum the digest is the real sha256 and the newest entry is a hit', async () => {
    const cacheDir = await newCacheDir();
    const url = `${baseUrl}/raw.img`;
    const before = count('/raw.img');
    const result = await prepareImage({ source: url, cacheDir }, recordingReporter().reporter);
    assert.deepEqual(result.digest, sha('sha256', files['raw.img']!));
    assert.equal(result.verified, false);
    assert.equal(result.cacheHit, false);
    const again = await prepareImage({ source: url, cacheDir }, recordingReporter().reporter);
    assert.equal(again.cacheHit, true);
    assert.equal(again.verified, false);
    assert.equal(again.fetchedBytes, 0);
    assert.equal(again.path, result.path);
    assert.deepEqual(again.digest, result.digest);
    assert.equal(count('/raw.img'), before + 1);
    // With the matching checksum, the same entry is a verified hit.
    const verified = await prepareImage(
      { source: url, cacheDir, checksum: sha('sha256', files['raw.img']!) },
      recordingReporter().reporter,
    );
    assert.equal(verified.cacheHit, true);
    assert.equal(verified.verified, true);
    assert.equal(count('/raw.img'), before + 1);
  });

  test('two concurrent calls in one process make one request and share the entry', async () => {
    const cacheDir = await newCacheDir();
    const url = `${baseUrl}/slow.img`;
    const checksum = sha('sha256', files['raw.img']!);
    const before = count('/slow.img');
    const results = await Promise.all([
      prepareImage({ source: url, checksum, cacheDir }, recordingReporter().reporter),
      prepareImage({ source: url, checksum, cacheDir }, recordingReporter().reporter),
    ]);
    assert.equal(count('/slow.img'), before + 1);
    assert.equal(results[0].path, results[1].path);
    assert.equal(results.filter((r) => r.fetchedBytes > 0).length, 1);
    assert.equal(results.filter((r) => r.cacheHit).length, 1);
    await assert.rejects(stat(join(dirname(results[0].path) + '.lock')), { code: 'ENOENT' });
  });

  test('two concurrent calls in separate processes make one request and share the entry', async () => {
    const cacheDir = await newCacheDir();
    const request = { source: `${baseUrl}/slow.img`, checksum: sha('sha256', files['raw.img']!), cacheDir };
    const before = count('/slow.img');
    const runs = await Promise.all([runPrepareImageCli(request), runPrepareImageCli(request)]);
    const results = runs.map((run) => {
      assert.equal(run.code, 0, `helper failed: ${run.out} ${run.err}`);
      return JSON.parse(run.out) as PreparedImage;
    });
    assert.equal(count('/slow.img'), before + 1);
    assert.equal(results[0]!.path, results[1]!.path);
    assert.equal(results.filter((r) => r.fetchedBytes > 0).length, 1);
    assert.deepEqual(await readFile(results[0]!.path), files['raw.img']);
  });

  test('a separate process without a checksum hits the entry made here', async () => {
    const cacheDir = await newCacheDir();
    const source = `${baseUrl}/raw.img`;
    const here = await prepareImage({ source, cacheDir }, recordingReporter().reporter);
    const before = count('/raw.img');
    const run = await runPrepareImageCli({ source, cacheDir });
    assert.equal(run.code, 0, run.out + run.err);
    const there = JSON.parse(run.out) as PreparedImage;
    assert.equal(there.cacheHit, true);
    assert.equal(there.path, here.path);
    assert.equal(count('/raw.img'), before);
  });

  test('an abort mid-download is a CancelledError and leaves nothing behind', async () => {
    const cacheDir = await newCacheDir();
    const controller = new AbortController();
    const { reporter, messages } = recordingReporter();
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(
      prepareImage({ source: `${baseUrl}/slow.img`, cacheDir }, reporter, controller.signal, {
        progressIntervalMs: 50,
      }),
      (error: Error) => error instanceof CancelledError,
    );
    assert.ok(
      messages.some((m) => /MB\/s/.test(m)),
      'the download had started',
    );
    await assertNothingCached(cacheDir);
  });

  test('an already aborted signal fails at once', async () => {
    const cacheDir = await newCacheDir();
    const before = count('/raw.img');
    await assert.rejects(
      prepareImage({ source: `${baseUrl}/raw.img`, cacheDir }, recordingReporter().reporter, AbortSignal.abort()),
      CancelledError,
    );
    assert.equal(count('/raw.img'), before);
  });

  test('a URL with credentials is refused without leaking the password', async () => {
    const cacheDir = await newCacheDir();
    const url = baseUrl.replace('http://', 'http://user:hunter2@') + '/raw.img';
    await assert.rejects(prepareImage({ source: url, cacheDir }, recordingReporter().reporter), (error: Error) => {
      assert.ok(error instanceof SolsticeError);
      assert.match(error.message, /user name or password/);
      assert.ok(!error.message.includes('hunter2'), error.message);
      return true;
    });
    await assertNothingCached(cacheDir);
  });

  test('progress lines are reported at a bounded cadence, with a final line', async () => {
    const cacheDir = await newCacheDir();
    const { reporter, messages } = recordingReporter();
    const started = performance.now();
    await prepareImage({ source: `${baseUrl}/slow.img`, cacheDir }, reporter, undefined, { progressIntervalMs: 100 });
    const elapsed = performance.now() - started;
    const progress = messages.filter((m) => /^\s+[\d.]+ [kMG]B of [\d.]+ [kMG]B \(\d+%\), [\d.]+ MB\/s$/.test(m));
    assert.ok(progress.length >= 3, `progress lines: ${JSON.stringify(messages)}`);
    assert.ok(progress.length <= elapsed / 100 + 2, `too many progress lines: ${progress.length} in ${elapsed} ms`);
    assert.match(messages.at(-1)!, /^Downloaded .*slow\.img: 3\.1 MB in [\d.]+ s \([\d.]+ MB\/s\)$/);
  });

  test('a stale lock left by a crashed holder is taken over', async () => {
    const cacheDir = await newCacheDir();
    const url = `${baseUrl}/raw.img`;
    const dir = entryDir(cacheDir, url);
    await mkdir(dir, { recursive: true });
    await mkdir(`${dir}.lock`);
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(`${dir}.lock`, old, old);
    await writeFile(join(dir, '.partial-deadbeef'), 'left by a crash');
    const result = await prepareImage({ source: url, cacheDir }, recordingReporter().reporter);
    assert.equal(result.cacheHit, false);
    const tree = await listTree(cacheDir);
    assert.ok(!tree.some((p) => p.includes('.partial-') || p.endsWith('.lock')), tree.join(', '));
  });

  test('a lock held by a live job times out after lockTimeoutMs', async () => {
    const cacheDir = await newCacheDir();
    const url = `${baseUrl}/raw.img`;
    const dir = entryDir(cacheDir, url);
    await mkdir(dir, { recursive: true });
    const release = await lockfile.lock(dir, { realpath: false });
    try {
      const { reporter, messages } = recordingReporter();
      await assert.rejects(
        prepareImage({ source: url, cacheDir }, reporter, undefined, { lockTimeoutMs: 400 }),
        /Timed out .* waiting for another job/,
      );
      assert.ok(messages.some((m) => m.includes('Another job is downloading')));
    } finally {
      await release();
    }
  });
});

describe('prepareImage from a local file', () => {
  test('with a sha256 checksum: verified, the path itself, digest recorded', async () => {
    const cacheDir = await newCacheDir();
    const path = join(fixtures, 'image.qcow2');
    const checksum = sha('sha256', files['image.qcow2']!);
    const result = await prepareImage({ source: path, checksum, cacheDir }, recordingReporter().reporter);
    assert.deepEqual(result, {
      path,
      format: 'qcow2',
      virtualSize: QCOW2_VIRTUAL_SIZE,
      digest: checksum,
      verified: true,
      fetchedBytes: 0,
      cacheHit: false,
    });
    const key = createHash('sha256').update(path).digest('hex').slice(0, 16);
    const record = JSON.parse(await readFile(join(cacheDir, 'local', `${key}.json`), 'utf8'));
    assert.equal(record.path, path);
    assert.deepEqual(record.digest, checksum);
    assert.deepEqual(record.stamp, await stampOf(path));
  });

  test('with a sha512 checksum, and a wrong one', async () => {
    const cacheDir = await newCacheDir();
    const path = join(fixtures, 'raw.img');
    const checksum = sha('sha512', files['raw.img']!);
    const result = await prepareImage({ source: path, checksum, cacheDir }, recordingReporter().reporter);
    assert.equal(result.verified, true);
    assert.equal(result.format, 'raw');
    assert.equal(result.virtualSize, 3 * MiB);
    const wrong: Digest = { algorithm: 'sha512', hex: '0'.repeat(128) };
    await assert.rejects(
      prepareImage({ source: path, checksum: wrong, cacheDir }, recordingReporter().reporter),
      (error: Error) => {
        assert.match(error.message, /mismatch/i);
        assert.ok(
          error.message.includes(path) && error.message.includes(wrong.hex) && error.message.includes(checksum.hex),
        );
        return true;
      },
    );
  });

  test('without a checksum: the sha256, trusted from the record while the file is unchanged', async () => {
    const cacheDir = await newCacheDir();
    const path = join(await newCacheDir(), 'copy.img');
    await writeFile(path, files['raw.img']!);
    const real = sha('sha256', files['raw.img']!);
    const first = await prepareImage({ source: path, cacheDir }, recordingReporter().reporter);
    assert.deepEqual(first.digest, real);
    assert.equal(first.verified, false);
    assert.equal(first.path, path);

    // Prove the record is trusted (no re-hash): doctor its digest.
    const recordPath = join(cacheDir, 'local', `${createHash('sha256').update(path).digest('hex').slice(0, 16)}.json`);
    const record = JSON.parse(await readFile(recordPath, 'utf8'));
    record.digest.hex = 'f'.repeat(64);
    await writeFile(recordPath, JSON.stringify(record));
    const trusted = await prepareImage({ source: path, cacheDir }, recordingReporter().reporter);
    assert.equal(trusted.digest.hex, 'f'.repeat(64));

    // A changed mtime invalidates it.
    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);
    const rehashed = await prepareImage({ source: path, cacheDir }, recordingReporter().reporter);
    assert.deepEqual(rehashed.digest, real);
  });

  test('a nonexistent path or a directory is an error naming it', async () => {
    const cacheDir = await newCacheDir();
    const missing = join(fixtures, 'does-not-exist.qcow2');
    await assert.rejects(prepareImage({ source: missing, cacheDir }, recordingReporter().reporter), (error: Error) => {
      assert.ok(error instanceof SolsticeError);
      assert.ok(error.message.includes(missing));
      assert.match(error.message, /does not exist/);
      assert.match(error.message, /existing absolute path or an http\(s\) URL/);
      return true;
    });
    await assert.rejects(
      prepareImage({ source: fixtures, cacheDir }, recordingReporter().reporter),
      /not a regular file/,
    );
  });

  test('an invalid checksum is refused before any work', async () => {
    const cacheDir = await newCacheDir();
    await assert.rejects(
      prepareImage(
        { source: join(fixtures, 'raw.img'), cacheDir, checksum: { algorithm: 'sha256', hex: '../../etc' } },
        recordingReporter().reporter,
      ),
      /64 hexadecimal digits/,
    );
  });
});
