/**
 * Faults of the image stage against real parts: an HTTP server on 127.0.0.1 that breaks connections,
 * answers errors, lies about lengths and stalls; a tmpfs that fills up; cached images changed on disk;
 * unsafe qcow2 files made by qemu-img. After each fault: a clear error, nothing left in the cache, the
 * lock released, and the same URL fetched fine once it is served well.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import lockfile from 'proper-lockfile';
import { CancelledError, SolsticeError } from '../../src/core/errors.js';
import { prepareImage } from '../../src/image/prepare.js';
import type { ImageOptions } from '../../src/image/types.js';
import {
  assertNothingCached,
  entryDir,
  listTree,
  makeQcow2,
  MiB,
  recordingReporter,
  sha,
  stampOf,
  temporaryDirectories,
} from '../helpers/image-fixtures.js';
import {
  answer,
  breakAfter,
  failFirst,
  serve,
  serveSlowly,
  startRouteServer,
  type Handler,
  type RouteServer,
} from '../helpers/route-server.js';

/** Small waits, so that retries and stalls cost the tests little time. */
const FAST: ImageOptions = { retryDelayMs: 50, stallTimeoutMs: 400, progressIntervalMs: 100 };
const PROGRESS_LINE = /^\s+[\d.]+ [kMG]?B of [\d.]+ [kMG]B \(\d+%\), [\d.]+ MB\/s$/;

const dirs = temporaryDirectories();
let fixtures: string;
let server: RouteServer;
let raw: Buffer;
let qcow2: Buffer;
const refused: Record<string, Buffer> = {};

before(async () => {
  fixtures = await dirs.make('solstice-image-faults-');
  raw = randomBytes(3 * MiB);
  await makeQcow2(join(fixtures, 'image.qcow2'), 16 * MiB, 2 * MiB);
  qcow2 = await readFile(join(fixtures, 'image.qcow2'));
  const qemuImg = (...args: string[]) => execa('qemu-img', ['create', '-q', '-f', 'qcow2', ...args]);
  await qemuImg('-F', 'raw', '-b', '/etc/passwd', join(fixtures, 'backing-file.qcow2'));
  await qemuImg(
    '-o',
    `data_file=${join(fixtures, 'data.raw')},data_file_raw=on`,
    join(fixtures, 'data-file.qcow2'),
    '16M',
  );
  await writeFile(
    join(fixtures, 'html-page.qcow2'),
    '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not here</body></html>\n',
  );
  for (const name of ['backing-file.qcow2', 'data-file.qcow2', 'html-page.qcow2']) {
    refused[name] = await readFile(join(fixtures, name));
  }
  server = await startRouteServer();
});

after(async () => {
  await server.close();
  await dirs.removeAll();
});

const newCacheDir = (): Promise<string> => dirs.make('solstice-image-cache-');

function retryLines(messages: string[]): string[] {
  return messages.filter((m) => / Retrying in [\d.]+ s \(attempt 2 of 2\)\.$/.test(m));
}

/**
 * Serves `fault` at `path` and expects prepareImage to fail with a SolsticeError naming the URL after
 * `attempts` requests, leaving nothing in the cache; then serves `body` well at the same URL and expects
 * it to be fetched and cached. Returns the error and the lines reported while failing.
 */
async function faultThenRecovery(
  t: TestContext,
  path: string,
  fault: Handler,
  {
    attempts,
    body = raw,
    cacheDir,
    options = FAST,
  }: { attempts: number; body?: Buffer; cacheDir?: string; options?: ImageOptions },
): Promise<{ message: string; messages: string[] }> {
  cacheDir ??= await newCacheDir();
  const url = server.url(path);
  server.route(path, fault);
  const before = server.requests(path);
  const { reporter, messages } = recordingReporter();
  const error = await prepareImage({ source: url, cacheDir }, reporter, undefined, options).then(
    () => assert.fail('the fault should have failed prepareImage'),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof SolsticeError && !(error instanceof CancelledError), String(error));
  assert.ok(error.message.includes(url), error.message);
  t.diagnostic(error.message);
  assert.equal(server.requests(path) - before, attempts, 'requests made');
  assert.equal(retryLines(messages).length, attempts - 1, messages.join('\n'));
  await assertNothingCached(cacheDir);

  server.route(path, serve(body));
  const good = await prepareImage(
    { source: url, checksum: sha('sha256', body), cacheDir },
    recordingReporter().reporter,
    undefined,
    options,
  );
  assert.equal(good.cacheHit, false);
  assert.equal(good.fetchedBytes, body.length);
  assert.deepEqual(await readFile(good.path), body);
  assert.equal(server.requests(path) - before, attempts + 1);
  return { message: error.message, messages };
}

describe('download faults', () => {
  const lengths = `of ${3 * MiB} bytes \\(Content-Length\\)`;
  const cases: Array<{ name: string; fault: () => Handler; attempts: number; expect: RegExp[] }> = [
    {
      name: 'a connection reset mid-file is retried once, then an error',
      fault: () => breakAfter(raw, MiB, 'reset'),
      attempts: 2,
      expect: [
        new RegExp(`the connection ended after \\d+ ${lengths}`),
        /ECONNRESET/,
        /Tried 2 times; the download was discarded/,
      ],
    },
    {
      name: 'a truncated body under a lying Content-Length is retried once, then an error',
      fault: () => breakAfter(raw, 1.5 * MiB, 'close'),
      attempts: 2,
      expect: [new RegExp(`the connection ended after ${1.5 * MiB} ${lengths}`), /Tried 2 times/],
    },
    {
      name: 'HTTP 500 is retried once, then an error naming the status',
      fault: () => answer(500, 'boom'),
      attempts: 2,
      expect: [/the server answered HTTP 500 Internal Server Error\./, /Tried 2 times/],
    },
    {
      name: 'HTTP 404 is an error naming the status, not retried',
      fault: () => answer(404, 'not found'),
      attempts: 1,
      expect: [/the server answered HTTP 404 Not Found\. Check that the URL is right/],
    },
  ];
  for (const [index, { name, fault, attempts, expect }] of cases.entries()) {
    test(name, async (t) => {
      const { message } = await faultThenRecovery(t, `/fault/${index}.img`, fault(), { attempts });
      for (const pattern of expect) assert.match(message, pattern);
    });
  }

  for (const [what, fault] of [
    ['a connection reset', () => breakAfter(raw, MiB, 'reset')],
    ['HTTP 503', () => answer(503, 'busy')],
  ] as const) {
    test(`${what} once, then a good answer: one retry, success`, async () => {
      const cacheDir = await newCacheDir();
      const path = `/flaky/${what.replace(/\W+/g, '-')}.img`;
      server.route(path, failFirst(fault(), serve(raw)));
      const { reporter, messages, warnings } = recordingReporter();
      const result = await prepareImage(
        { source: server.url(path), checksum: sha('sha256', raw), cacheDir },
        reporter,
        undefined,
        FAST,
      );
      assert.equal(result.fetchedBytes, raw.length);
      assert.deepEqual(await readFile(result.path), raw);
      assert.equal(server.requests(path), 2);
      const retries = retryLines(messages);
      assert.equal(retries.length, 1, messages.join('\n'));
      assert.ok(retries[0]!.includes(server.url(path)), retries[0]);
      assert.deepEqual(warnings, []);
    });
  }

  test('the wait before a retry ends at once on cancel', async () => {
    const cacheDir = await newCacheDir();
    const path = '/flaky/cancelled.img';
    server.route(path, answer(500, 'boom'));
    const controller = new AbortController();
    const { reporter, messages } = recordingReporter();
    const cancelOnRetry = {
      ...reporter,
      info: (m: string) => (reporter.info(m), / Retrying in /.test(m) && controller.abort()),
    };
    await assert.rejects(
      prepareImage({ source: server.url(path), cacheDir }, cancelOnRetry, controller.signal, { retryDelayMs: 600_000 }),
      CancelledError,
    );
    assert.equal(retryLines(messages).length, 1);
    assert.equal(server.requests(path), 1);
    await assertNothingCached(cacheDir);
  });

  test('a slow server: progress lines while bytes trickle, then a stall aborts', async (t) => {
    const trickle = serveSlowly(raw, 30, { chunkBytes: 16 * 1024, stopAfter: 25 }); // ≈ 0.75 s, then nothing
    const { message, messages } = await faultThenRecovery(t, '/fault/stall.img', trickle, { attempts: 1 });
    assert.match(
      message,
      /stalled: no data arrived for 0\.4 s \(after 409\.6 kB of 3\.1 MB\)\. The download was aborted/,
    );
    const progress = messages.filter((m) => PROGRESS_LINE.test(m));
    assert.ok(progress.length >= 3, `progress lines while trickling: ${JSON.stringify(messages)}`);
  });
});

describe('a full cache disk (a 2 MiB tmpfs)', () => {
  /** A fresh 2 MiB tmpfs for one test, unmounted after it (the test command runs as root, which mount needs). */
  async function smallTmpfs(t: TestContext): Promise<string> {
    const mountPoint = await dirs.make('solstice-tmpfs-');
    const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { reject: false });
    assert.equal(
      mounted.failed,
      false,
      `mounting a tmpfs failed (the tests run as root): ${mounted.stderr || mounted.shortMessage}`,
    );
    t.after(() => execa('umount', [mountPoint]));
    return mountPoint;
  }
  const small = randomBytes(512 * 1024);

  test('an announced size that does not fit is refused before writing', async (t) => {
    const cacheDir = await smallTmpfs(t);
    const { message } = await faultThenRecovery(t, '/disk/announced.img', serve(raw), {
      attempts: 1,
      body: small,
      cacheDir,
    });
    const dir = entryDir(cacheDir, server.url('/disk/announced.img'));
    assert.match(
      message,
      new RegExp(
        `^The image cache directory ${dir} is full: the image \\S+ needs 3\\.1 MB and only [\\d.]+ [kM]B is free\\.`,
      ),
    );
    assert.match(message, /Free space there, or point cache-dir at a disk with room\.$/);
  });

  test('a body without a length that fills the disk (ENOSPC) is an error naming the directory', async (t) => {
    const cacheDir = await smallTmpfs(t);
    const large = Buffer.concat([raw, raw, raw]); // 9 MiB, sent over ≥ 150 ms
    const unannounced = serveSlowly(large, 1, { announce: false });
    const { message } = await faultThenRecovery(t, '/disk/unannounced.img', unannounced, {
      attempts: 1,
      body: small,
      cacheDir,
    });
    const dir = entryDir(cacheDir, server.url('/disk/unannounced.img'));
    assert.ok(message.startsWith(`The image cache directory ${dir} is full: writing the image `), message);
    const received = /failed with ([\d.]+) MB received \(ENOSPC: no space left on device, write\)\./.exec(message);
    assert.ok(received, message);
    assert.ok(Number(received[1]) * 1e6 < large.length, 'the download stopped when the write failed');
  });
});

describe('a cached image changed on disk', () => {
  /** Caches `qcow2` from `path` (with its checksum, or without) and returns the entry's image path. */
  async function cached(path: string, cacheDir: string, withChecksum = true): Promise<string> {
    server.route(path, serve(qcow2));
    const source = server.url(path);
    const result = await prepareImage(
      { source, cacheDir, ...(withChecksum ? { checksum: sha('sha256', qcow2) } : {}) },
      recordingReporter().reporter,
    );
    assert.equal(result.cacheHit, false);
    return result.path;
  }

  /** Changes a (read-only) cached image in place. */
  async function editInPlace(image: string, edit: (handle: FileHandle) => Promise<unknown>): Promise<void> {
    await chmod(image, 0o644);
    const handle = await open(image, 'r+');
    await edit(handle);
    await handle.close();
    await chmod(image, 0o444);
  }

  const flipMiddleByte = (image: string) =>
    editInPlace(image, async (handle) => {
      const middle = Math.floor((await handle.stat()).size / 2);
      const byte = Buffer.alloc(1);
      await handle.read(byte, 0, 1, middle);
      byte[0] = byte[0]! ^ 0xff;
      await handle.write(byte, 0, 1, middle);
    });

  async function hit(path: string, cacheDir: string, withChecksum = true) {
    const recorded = recordingReporter();
    const checksum = withChecksum ? { checksum: sha('sha256', qcow2) } : {};
    const result = await prepareImage({ source: server.url(path), cacheDir, ...checksum }, recorded.reporter);
    return {
      result,
      ...recorded,
      verifying: recorded.messages.filter((m) => m.startsWith('Verifying the cached image ')),
    };
  }

  for (const withChecksum of [true, false]) {
    test(`a byte flipped in place is detected and the image downloaded again (${withChecksum ? 'with' : 'without'} a checksum)`, async () => {
      const cacheDir = await newCacheDir();
      const path = `/changed/flipped-${withChecksum}.qcow2`;
      const image = await cached(path, cacheDir, withChecksum);
      await flipMiddleByte(image);

      const refetched = await hit(path, cacheDir, withChecksum);
      assert.equal(refetched.result.cacheHit, false);
      assert.equal(refetched.result.fetchedBytes, qcow2.length);
      assert.equal(refetched.result.path, image);
      assert.deepEqual(await readFile(image), qcow2);
      assert.equal(server.requests(path), 2);
      assert.equal(refetched.verifying.length, 1, refetched.messages.join('\n'));
      assert.equal(refetched.warnings.length, 1, refetched.messages.join('\n'));
      assert.match(
        refetched.warnings[0]!,
        new RegExp(
          `^The cached image ${image} was corrupted \\(its sha256 is [0-9a-f]{64}, not the verified ${sha('sha256', qcow2).hex}\\); it was removed\\. Downloading ${server.url(path)} again\\.$`,
        ),
      );

      // Unchanged since: a plain hit, no re-hash, nothing fetched.
      const unchanged = await hit(path, cacheDir, withChecksum);
      assert.equal(unchanged.result.cacheHit, true);
      assert.equal(unchanged.result.fetchedBytes, 0);
      assert.deepEqual(unchanged.verifying, []);
      assert.deepEqual(unchanged.warnings, []);
      assert.equal(server.requests(path), 2);
    });
  }

  const sameBytes: Array<[string, string, (image: string) => Promise<unknown>]> = [
    [
      'a changed stamp (chmod) with the same bytes',
      'the file changed since it was verified',
      (image) => chmod(image, 0o444),
    ],
    [
      'a record from before stamps existed',
      'its record is from an older version',
      async (image) => {
        const recordPath = image.replace(/\.img$/, '.json');
        const { stamp: _dropped, ...oldRecord } = JSON.parse(await readFile(recordPath, 'utf8')) as Record<
          string,
          unknown
        >;
        await writeFile(recordPath, JSON.stringify(oldRecord));
      },
    ],
  ];
  for (const [index, [what, reason, change]] of sameBytes.entries()) {
    test(`${what}: re-hashed once, not treated as corrupt, and stays a hit`, async () => {
      const cacheDir = await newCacheDir();
      const path = `/changed/same-bytes-${index}.qcow2`;
      const image = await cached(path, cacheDir);
      await change(image);
      const first = await hit(path, cacheDir);
      assert.equal(first.result.cacheHit, true);
      assert.equal(first.result.fetchedBytes, 0);
      assert.deepEqual(first.verifying, [
        `Verifying the cached image ${image} (${(qcow2.length / 1e6).toFixed(1)} MB): ${reason}.`,
      ]);
      assert.deepEqual(first.warnings, []);
      assert.deepEqual(
        JSON.parse(await readFile(image.replace(/\.img$/, '.json'), 'utf8')).stamp,
        await stampOf(image),
      );
      const second = await hit(path, cacheDir);
      assert.deepEqual(second.verifying, [], 'the new stamp was recorded');
      assert.equal(server.requests(path), 1);
    });
  }

  test('a damaged header is caught on every hit, even with an unchanged stamp', async () => {
    const cacheDir = await newCacheDir();
    const path = '/changed/header.qcow2';
    const image = await cached(path, cacheDir);
    await editInPlace(image, (handle) => handle.write(Buffer.from('X'), 0, 1, 0)); // "QFI\xfb" → "XFI\xfb": no longer qcow2
    // Make the record match the new stamp, as a change the file system does not show would.
    const recordPath = image.replace(/\.img$/, '.json');
    const record = JSON.parse(await readFile(recordPath, 'utf8'));
    record.stamp = await stampOf(image);
    await writeFile(recordPath, JSON.stringify(record));

    const result = await hit(path, cacheDir);
    assert.equal(result.result.cacheHit, false);
    assert.deepEqual(await readFile(image), qcow2);
    assert.deepEqual(result.verifying, [], 'the header alone condemned it');
    assert.deepEqual(result.warnings, [
      `The cached image ${image} was corrupted (it is no longer a qcow2 image); it was removed. Downloading ${server.url(path)} again.`,
    ]);
    assert.equal(server.requests(path), 2);
  });

  test('a corrupted entry is only re-checked and replaced under the cache lock', async () => {
    const cacheDir = await newCacheDir();
    const path = '/changed/locked.qcow2';
    const image = await cached(path, cacheDir);
    await flipMiddleByte(image);
    const release = await lockfile.lock(entryDir(cacheDir, server.url(path)), { realpath: false });
    try {
      const { reporter, messages } = recordingReporter();
      await assert.rejects(
        prepareImage({ source: server.url(path), cacheDir }, reporter, undefined, { lockTimeoutMs: 300 }),
        /Timed out after 0\.3 s waiting for another job/,
      );
      assert.ok(!messages.some((m) => m.startsWith('Verifying')), messages.join('\n'));
      assert.ok(
        (await listTree(cacheDir)).some((p) => p.endsWith('.img')),
        'the entry is untouched without the lock',
      );
    } finally {
      await release();
    }
    const after = await hit(path, cacheDir);
    assert.equal(after.result.fetchedBytes, qcow2.length);
    assert.deepEqual(await readFile(image), qcow2);
  });
});

describe('refused images', () => {
  const cases = [
    [
      'qcow2 with a backing file',
      'backing-file.qcow2',
      /^The qcow2 image \S+ refers to a backing file \("\/etc\/passwd"\)\. Images with a backing file are refused/,
    ],
    [
      'qcow2 with an external data file',
      'data-file.qcow2',
      /^The qcow2 image \S+ uses an external data file\. Such images are refused/,
    ],
    [
      'HTML page saved as .qcow2',
      'html-page.qcow2',
      /^The image \S+ is not a disk image: it is an HTML page \(it starts with "<!DOCTYPE html> <html>/,
    ],
  ] as const;

  for (const [what, name, expected] of cases) {
    test(`a ${what} is refused from a URL before it is used`, async (t) => {
      const { message } = await faultThenRecovery(t, `/refused/${name}`, serve(refused[name]!), { attempts: 1 });
      assert.match(message, expected);
    });

    test(`a local ${what} is refused`, async () => {
      const cacheDir = await newCacheDir();
      const source = join(fixtures, name);
      await assert.rejects(prepareImage({ source, cacheDir }, recordingReporter().reporter), (error: Error) => {
        assert.ok(error instanceof SolsticeError);
        assert.match(error.message, expected);
        assert.ok(error.message.includes(source), error.message);
        return true;
      });
      assert.deepEqual(await listTree(cacheDir), [], 'no record of a refused file');
    });
  }

  for (const [source, scheme] of [
    ['ftp://mirror.example/debian.qcow2', 'ftp'],
    ['file:///var/lib/images/debian.qcow2', 'file'],
  ] as const) {
    test(`a ${scheme}: URL reaching the image stage is refused`, async () => {
      const cacheDir = await newCacheDir();
      await assert.rejects(prepareImage({ source, cacheDir }, recordingReporter().reporter), (error: Error) => {
        assert.ok(error instanceof SolsticeError);
        assert.ok(
          error.message.startsWith(
            `The image URL ${source} uses an unsupported scheme (${scheme}:): give an http(s) URL or an absolute path.`,
          ),
          error.message,
        );
        if (scheme === 'file') assert.match(error.message, /give its absolute path without file:\/\//);
        return true;
      });
      assert.deepEqual(await listTree(cacheDir), []);
    });
  }
});
