/**
 * The download size cap (review #13): a server that announces, or keeps sending, more than the cap is
 * stopped with a clear error, and nothing of the download is left in the cache. The real prepareImage
 * against a real HTTP server on 127.0.0.1, with a 1 MiB cap (ImageRequest.maxSize, as a catalog
 * entry's maxSize sets it).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { SolsticeError } from '../../src/core/errors.js';
import { prepareImage } from '../../src/image/prepare.js';
import { assertNothingCached, MiB, recordingReporter, sha, temporaryDirectories } from '../helpers/image-fixtures.js';
import { serve, serveSlowly, startRouteServer, type RouteServer } from '../helpers/route-server.js';

const CAP = MiB;
const dirs = temporaryDirectories();
let server: RouteServer;
const justFits = randomBytes(CAP);
const tooLarge = randomBytes(CAP + 1);
/** A few kB that expand to 2 MiB: under the cap as downloaded, over it once decompressed. */
const bomb = gzipSync(Buffer.alloc(2 * CAP));

before(async () => {
  server = await startRouteServer({
    '/announced.img': serve(tooLarge),
    // Chunked, no Content-Length: only counting tells; sent as fast as the event loop goes.
    '/unannounced.img': serveSlowly(tooLarge, 1, { announce: false }),
    '/just-fits.img': serveSlowly(justFits, 1, { announce: false }),
    '/bomb.img.gz': serve(bomb),
  });
});
after(async () => {
  await server.close();
  await dirs.removeAll();
});

async function download(path: string, body: Buffer, compression: 'none' | 'gz' = 'none') {
  const cacheDir = await dirs.make('solstice-size-cap-');
  const request = { source: server.url(path), cacheDir, compression, checksum: sha('sha256', body), maxSize: CAP };
  return { cacheDir, result: prepareImage(request, recordingReporter().reporter, undefined, { retryDelayMs: 10 }) };
}

describe('the download size cap', () => {
  for (const [path, how] of [
    ['/announced.img', `the server announces ${CAP + 1} bytes \\(Content-Length\\)`],
    ['/unannounced.img', `the server sent more than ${CAP} bytes`],
  ] as const) {
    test(`${path.slice(1, -4)}: more than the cap is an error naming the limit and maxSize, not retried, and nothing is left`, async () => {
      const { cacheDir, result } = await download(path, tooLarge);
      await assert.rejects(result, (error: Error) => {
        assert.ok(error instanceof SolsticeError);
        assert.match(
          error.message,
          new RegExp(
            `^Downloading the image ${server.url(path)} failed: ${how}, more than the limit of ${CAP} bytes \\(1\\.0 MB\\)\\. The download was discarded\\. .*larger maxSize`,
          ),
        );
        return true;
      });
      assert.equal(server.requests(path), 1, 'a verdict, not a failure in passing');
      await assertNothingCached(cacheDir);
    });
  }

  test('a small compressed download that expands beyond the cap is stopped too, and nothing is left', async () => {
    assert.ok(bomb.length < CAP / 100);
    const { cacheDir, result } = await download('/bomb.img.gz', bomb, 'gz');
    await assert.rejects(
      result,
      new RegExp(
        `^SolsticeError: Decompressing the image ${server.url('/bomb.img.gz')} \\(gz\\) failed: it expands to more than the limit of ${CAP} bytes\\. The download was discarded\\.`,
      ),
    );
    await assertNothingCached(cacheDir);
  });

  test('exactly the cap is accepted', async () => {
    const { result } = await download('/just-fits.img', justFits);
    const image = await result;
    assert.equal(image.verified, true);
    assert.equal(image.fetchedBytes, CAP);
  });
});
