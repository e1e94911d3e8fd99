/**
 * Whom the image cache trusts (review #3): a forged entry is never served as verified. The real
 * prepareImage against a real HTTP server on 127.0.0.1, entries planted the way the review did, and real
 * ownership (the tests run as root: chown to uid 65534, nobody, plays the other user).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { UrlRecord } from '../../src/image/cache-store.js';
import { prepareImage } from '../../src/image/prepare.js';
import type { PreparedImage } from '../../src/image/types.js';
import { entryDir, MiB, recordingReporter, sha, stampOf, temporaryDirectories } from '../helpers/image-fixtures.js';
import { serve, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import type { Digest } from '../../src/core/vocabulary.js';

const NOBODY = 65534;
const dirs = temporaryDirectories();
let server: RouteServer;
/** What the server publishes, and what the pin names. */
const genuine = randomBytes(MiB);
const pin = sha('sha256', genuine);

before(async () => {
  server = await startRouteServer();
});
after(async () => {
  await server.close();
  await dirs.removeAll();
});

let routes = 0;
/** A fresh URL serving `body`, and a fresh cache. */
async function setup(body: Buffer = genuine): Promise<{ url: string; path: string; cacheDir: string }> {
  const path = `/trust/${routes++}.img`;
  server.route(path, serve(body));
  return { url: server.url(path), path, cacheDir: await dirs.make('solstice-cache-trust-') };
}

/**
 * The review's forgery: other bytes under the requested digest's name, with a record that claims them,
 * whose own `sha256` is of the forged bytes (so a re-hash against the record passes). Returns the image path.
 */
async function plantForgery(
  cacheDir: string,
  url: string,
  options: { stamp: boolean; owner?: number },
): Promise<string> {
  const dir = entryDir(cacheDir, url);
  await mkdir(dir, { recursive: true });
  const forged = randomBytes(MiB);
  const image = join(dir, `sha256-${pin.hex}.img`);
  const recordPath = join(dir, `sha256-${pin.hex}.json`);
  await writeFile(image, forged);
  await chmod(image, 0o444);
  if (options.owner !== undefined) await chown(image, options.owner, options.owner);
  const record: UrlRecord = {
    url,
    digest: pin,
    size: forged.length,
    format: 'raw',
    virtualSize: forged.length,
    fetchedAt: new Date().toISOString(),
    sha256: sha('sha256', forged).hex,
    ...(options.stamp ? { stamp: await stampOf(image) } : {}), // copied last: chown changes ctime
  };
  await writeFile(recordPath, JSON.stringify(record));
  if (options.owner !== undefined) await chown(recordPath, options.owner, options.owner);
  return image;
}

async function prepare(
  url: string,
  cacheDir: string,
  checksum: Digest | undefined = pin,
  compression: 'none' | 'gz' = 'none',
) {
  const recorded = recordingReporter();
  const result = await prepareImage(
    { source: url, cacheDir, compression, ...(checksum ? { checksum } : {}) },
    recorded.reporter,
  );
  return { result, ...recorded };
}

/** Downloaded afresh: the publisher's bytes, in a file of ours. */
async function assertRedownloaded(result: PreparedImage, expected: Buffer = genuine): Promise<void> {
  assert.equal(result.cacheHit, false);
  assert.equal(result.verified, true);
  assert.ok(result.fetchedBytes > 0);
  assert.deepEqual(await readFile(result.path), expected, "the image is the publisher's, not the planted one");
  const st = await stat(result.path);
  assert.equal(st.uid, process.getuid!(), 'the new entry is ours');
  assert.equal(st.mode & 0o777, 0o444);
}

describe('a planted cache entry is not served as verified', () => {
  test("the review's experiment with a copied stamp, planted by another user (uid 65534): refused and downloaded again", async () => {
    const { url, path, cacheDir } = await setup();
    const image = await plantForgery(cacheDir, url, { stamp: true, owner: NOBODY });
    const { result, warnings } = await prepare(url, cacheDir);
    await assertRedownloaded(result);
    assert.equal(server.requests(path), 1);
    assert.deepEqual(warnings, [
      `The cached image ${image} was refused (${image.replace(/\.img$/, '.json')} is owned by uid ${NOBODY}, not by uid ${process.getuid!()} ` +
        `(the user running Solstice): another user could have written it); it was removed. Downloading ${url} again.`,
    ]);
  });

  test("the review's experiment without a stamp: re-hashed against the requested checksum, not the record's, and downloaded again", async () => {
    const { url, path, cacheDir } = await setup();
    const image = await plantForgery(cacheDir, url, { stamp: false });
    const { result, warnings, messages } = await prepare(url, cacheDir);
    await assertRedownloaded(result);
    assert.equal(server.requests(path), 1);
    assert.ok(
      messages.includes(`Verifying the cached image ${image} (1.0 MB): its record is from an older version.`),
      messages.join('\n'),
    );
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0]!,
      new RegExp(
        `^The cached image ${image} was corrupted \\(its sha256 is [0-9a-f]{64}, not the verified ${pin.hex}\\)`,
      ),
    );
  });

  test('an entry of ours made group-writable is refused with a warning and downloaded again', async () => {
    const { url, path, cacheDir } = await setup();
    const first = await prepare(url, cacheDir);
    const recordPath = first.result.path.replace(/\.img$/, '.json');
    await chmod(recordPath, 0o664);
    const { result, warnings } = await prepare(url, cacheDir);
    await assertRedownloaded(result);
    assert.equal(server.requests(path), 2);
    assert.deepEqual(warnings, [
      `The cached image ${result.path} was refused (${recordPath} is writable by other users (mode 0664): another user could have written it); it was removed. Downloading ${url} again.`,
    ]);
  });

  test('an image owned by another user is refused even with the right bytes and stamp', async () => {
    const { url, path, cacheDir } = await setup();
    const image = (await prepare(url, cacheDir)).result.path;
    await chown(image, NOBODY, NOBODY);
    const recordPath = image.replace(/\.img$/, '.json');
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as UrlRecord;
    await writeFile(recordPath, JSON.stringify({ ...record, stamp: await stampOf(image) }));
    const { result, warnings } = await prepare(url, cacheDir);
    await assertRedownloaded(result);
    assert.equal(server.requests(path), 2);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`was refused \\(${image} is owned by uid ${NOBODY}, not by uid`));
  });

  for (const [what, spoil] of [
    ['owned by another user', (directory: string) => chown(directory, NOBODY, NOBODY)],
    ['world-writable', (directory: string) => chmod(directory, 0o777)],
  ] as const) {
    test(`an images directory ${what} fails the step, naming cache-dir and the fix; nothing is downloaded`, async () => {
      const { url, path, cacheDir } = await setup();
      const images = join(cacheDir, 'images');
      await mkdir(images);
      await spoil(images);
      await assert.rejects(prepare(url, cacheDir), (error: Error) => {
        assert.match(
          error.message,
          new RegExp(
            `^The image cache directory ${images} (is owned by uid ${NOBODY}|is writable by other users \\(mode 0777\\))`,
          ),
        );
        assert.match(error.message, /Point cache-dir at a directory of your own/);
        assert.match(error.message, new RegExp(`chmod -R go-w ${images}`));
        return true;
      });
      assert.equal(server.requests(path), 0);
    });
  }

  test('a changed entry whose requested digest is of the compressed download is downloaded again, not trusted', async () => {
    const compressed = gzipSync(genuine);
    const { url, path, cacheDir } = await setup(compressed);
    const ofDownload = sha('sha256', compressed);
    const first = await prepare(url, cacheDir, ofDownload, 'gz');
    assert.equal(
      (JSON.parse(await readFile(first.result.path.replace(/\.img$/, '.json'), 'utf8')) as UrlRecord).digestOf,
      'compressed',
    );
    await chmod(first.result.path, 0o444); // same bytes, new ctime: the stamp no longer matches
    const { result, warnings } = await prepare(url, cacheDir, ofDownload, 'gz');
    await assertRedownloaded(result);
    assert.equal(server.requests(path), 2);
    assert.deepEqual(warnings, [
      `The cached image ${result.path} could not be re-verified (the file changed since it was verified, and the requested sha256 is of the gz download, which the cache does not keep); it was removed. Downloading ${url} again.`,
    ]);
  });

  test("under umask 002 the cache's own entries are still accepted (it sets its modes itself)", async () => {
    const { url, path, cacheDir } = await setup();
    const umask = process.umask(0o002);
    try {
      await prepare(url, cacheDir);
      const second = await prepare(url, cacheDir);
      assert.equal(second.result.cacheHit, true);
      assert.deepEqual(second.warnings, []);
      assert.equal(server.requests(path), 1);
    } finally {
      process.umask(umask);
    }
  });

  test("a local file's checksum record planted by another user is ignored: the file is hashed and the pin refused", async () => {
    const cacheDir = await dirs.make('solstice-cache-trust-');
    const file = join(await dirs.make('solstice-local-image-'), 'disk.img');
    await writeFile(file, randomBytes(MiB));
    await prepareImage({ source: file, cacheDir }, recordingReporter().reporter); // writes the record
    const [recordName] = await readdir(join(cacheDir, 'local'));
    const recordPath = join(cacheDir, 'local', recordName!);
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as { digest: Digest };
    await writeFile(recordPath, JSON.stringify({ ...record, digest: pin }));
    await chown(recordPath, NOBODY, NOBODY);
    const { reporter, warnings } = recordingReporter();
    await assert.rejects(
      prepareImage({ source: file, cacheDir, checksum: pin }, reporter),
      /Checksum mismatch for the image/,
    );
    assert.deepEqual(warnings, [
      `Ignored a checksum record another user could have written: ${recordPath} is owned by uid ${NOBODY}, not by uid ${process.getuid!()} (the user running Solstice).`,
    ]);
  });
});
