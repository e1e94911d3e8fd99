/**
 * downloadFailure on its own, without sockets: which error a failed attempt ends with, in the order
 * that decides it (cancelled, stalled, no room, write failure, our own verdict, connection), and which
 * of them are retried (TransientDownloadError).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, SolsticeError } from '../../src/core/errors.js';
import { downloadFailure, type FailureContext } from '../../src/image/download-failure.js';

const base: FailureContext = {
  shown: 'http://mirror.example/x.img',
  destination: '/cache/images/0123/.partial-ab',
  cancelled: false,
  stalled: false,
  stallTimeoutMs: 60_000,
  bytes: 1_000_000,
};

function errno(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

const retried = (error: Error) => error.name === 'TransientDownloadError';

test('cancelled wins over everything else', () => {
  const error = downloadFailure(new Error('aborted'), {
    ...base,
    cancelled: true,
    stalled: true,
    writeError: errno('full', 'ENOSPC'),
  });
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, 'The download of http://mirror.example/x.img was cancelled.');
});

test('a stall names the deadline and what had arrived, and is not retried', () => {
  const error = downloadFailure(new Error('stalled'), { ...base, stalled: true, expected: 3_000_000 });
  assert.match(error.message, /stalled: no data arrived for 60 s \(after 1\.0 MB of 3\.0 MB\)/);
  assert.ok(!retried(error));
  assert.doesNotMatch(downloadFailure(new Error('stalled'), { ...base, stalled: true }).message, / of /);
});

test('a full disk names the cache directory, what was received, and keeps the cause', () => {
  const writeError = errno('no space left on device', 'ENOSPC');
  const error = downloadFailure(new Error('write'), { ...base, writeError, expected: 2_000_000 });
  assert.match(
    error.message,
    /^The image cache directory \/cache\/images\/0123 is full: writing the image http:\/\/mirror\.example\/x\.img failed with 1\.0 MB of 2\.0 MB received \(no space left on device\)\./,
  );
  assert.equal(error.cause, writeError);
  assert.match(downloadFailure(undefined, { ...base, writeError: errno('quota', 'EDQUOT') }).message, /is full:/);
});

test("the decompressor's verdict is passed on as it is", () => {
  const verdict = new SolsticeError('The download is not valid xz data.');
  assert.equal(downloadFailure(new Error('x'), { ...base, writeError: verdict }), verdict);
});

test('another write failure names the destination and is not retried', () => {
  const writeError = errno('file already exists', 'EEXIST');
  const error = downloadFailure(writeError, { ...base, writeError });
  assert.equal(
    error.message,
    'Writing the image http://mirror.example/x.img to /cache/images/0123/.partial-ab failed: file already exists',
  );
  assert.equal(error.cause, writeError);
  assert.ok(!retried(error));
});

test('our own verdicts are passed on as they are', () => {
  const verdict = new SolsticeError('Downloading the image x failed: the server answered HTTP 404 Not Found.');
  assert.equal(downloadFailure(verdict, base), verdict);
});

test('a broken connection is retried, naming its cause', () => {
  const refused = errno('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED');
  const error = downloadFailure(refused, base);
  assert.ok(retried(error));
  assert.equal(
    error.message,
    'Downloading the image http://mirror.example/x.img failed: connect ECONNREFUSED 127.0.0.1:1.',
  );
  assert.equal(error.cause, refused);
});

test('a body cut short names what the socket saw, or else says the connection closed early', () => {
  const mismatch = errno('Response body length mismatch', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH');
  const reset = errno('read ECONNRESET', 'ECONNRESET');
  const seen = downloadFailure(mismatch, { ...base, expected: 3_000_000, socketError: reset });
  assert.ok(retried(seen));
  assert.equal(
    seen.message,
    'Downloading the image http://mirror.example/x.img failed: the connection ended after 1000000 of 3000000 bytes (Content-Length): read ECONNRESET.',
  );
  assert.equal(seen.cause, reset);
  const unseen = downloadFailure(errno('other side closed', 'UND_ERR_SOCKET'), base);
  assert.ok(retried(unseen));
  assert.equal(
    unseen.message,
    'Downloading the image http://mirror.example/x.img failed: the connection closed before the end of the body.',
  );
});
