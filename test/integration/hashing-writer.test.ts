/**
 * The hashing threads on their own: many batches of socket-sized chunks, one algorithm or two (sha512
 * on a thread of its own that hands each batch on to the sha256 thread, which writes), against digests
 * computed here and the file's bytes.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HashingWriter, type Algorithm } from '../../src/image/hashing-writer.js';
import { MiB, temporaryDirectories } from '../helpers/image-fixtures.js';

const directories = temporaryDirectories();
after(() => directories.removeAll());

/** 24 MiB in 64 KiB chunks of their own (transferable), 2 MiB per batch: 12 batches. */
const payload = randomFillSync(Buffer.allocUnsafe(24 * MiB));
function batches(): Buffer[][] {
  const all: Buffer[][] = [];
  for (let start = 0; start < payload.length; start += 2 * MiB) {
    const batch: Buffer[] = [];
    for (let at = start; at < start + 2 * MiB; at += 64 * 1024)
      batch.push(Buffer.from(payload.subarray(at, at + 64 * 1024)));
    all.push(batch);
  }
  return all;
}

for (const algorithms of [['sha256'], ['sha256', 'sha512']] as Algorithm[][]) {
  test(`${algorithms.join(' + ')}: every digest and every byte, across batches`, { timeout: 30_000 }, async () => {
    const path = join(await directories.make(), 'image');
    const file = await open(path, 'wx');
    const writer = new HashingWriter(algorithms, () => {});
    try {
      writer.attach(file.fd);
      for (const batch of batches()) writer.write(batch);
      const { stored: digests } = await writer.finish(new AbortController().signal);
      for (const algorithm of algorithms) {
        assert.equal(digests[algorithm], createHash(algorithm).update(payload).digest('hex'), algorithm);
      }
      assert.deepEqual(Object.keys(digests).sort(), [...algorithms].sort());
      assert.equal(writer.inFlight, 0);
    } finally {
      await writer.stop();
      await file.close();
    }
    assert.ok((await readFile(path)).equals(payload), 'the file holds the payload');
  });
}

test('a write that fails (a read-only descriptor) is reported, and finish() rejects', { timeout: 30_000 }, async () => {
  const path = join(await directories.make(), 'image');
  await (await open(path, 'wx')).close();
  const file = await open(path, 'r');
  const writer = new HashingWriter(['sha256', 'sha512'], () => {});
  try {
    writer.attach(file.fd);
    writer.write(batches()[0]!);
    await assert.rejects(
      writer.finish(new AbortController().signal),
      (error: NodeJS.ErrnoException) => error.code === 'EBADF',
    );
    assert.equal((writer.error as NodeJS.ErrnoException | undefined)?.code, 'EBADF');
  } finally {
    await writer.stop();
    await file.close();
  }
});
