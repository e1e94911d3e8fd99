/**
 * Images published inside an archive (OpenBSD's `.tar.gz` holding `disk.raw`), served over a real HTTP
 * server on 127.0.0.1 and made with the system's GNU tar: the member is unpacked while the download
 * streams into the cache (the cache holds the member, the digest is of the download), and an archive
 * with a missing, doubled, linked, sparse or oversized member, or no tar at all, is refused by name
 * with nothing cached.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { execa } from 'execa';
import { SolsticeError } from '../../src/core/errors.js';
import { prepareImage } from '../../src/image/prepare.js';
import type { ArchiveMember } from '../../src/image/archive-member.js';
import {
  assertNothingCached,
  makeQcow2,
  MiB,
  recordingReporter,
  sha,
  temporaryDirectories,
} from '../helpers/image-fixtures.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';

const DISK: ArchiveMember = { format: 'tar', member: 'disk.raw' };
const directories = temporaryDirectories();
let server: ImageServer;
let work: string;
let qcow2: Buffer;
let raw: Buffer;
const archives: Record<string, string> = {};

/** `tar -czf <name> -C <dir> <members…>` with GNU tar; extra options go before the members. */
async function tarball(name: string, dir: string, members: string[], options: string[] = []): Promise<void> {
  const path = join(work, name);
  await execa('tar', ['-czf', path, ...options, '-C', dir, ...members]);
  archives[`/${name}`] = path;
}

before(async () => {
  work = await directories.make();
  const plain = await directories.make();
  // The OpenBSD layout: one file, disk.raw (here a qcow2 in it, so the format is detected from the bytes).
  await makeQcow2(join(plain, 'disk.raw'), 64 * MiB, 3 * MiB);
  qcow2 = await readFile(join(plain, 'disk.raw'));
  await tarball('openbsd.tar.gz', plain, ['disk.raw']);

  // A raw disk written as ./disk.raw after another file: the other member is skipped, `./` ignored.
  const dotted = await directories.make();
  raw = randomBytes(2 * MiB + 123);
  await writeFile(join(dotted, 'disk.raw'), raw);
  await writeFile(join(dotted, 'README'), 'not the image\n');
  await writeFile(join(dotted, 'other.raw'), raw.subarray(0, MiB));
  await tarball('dotted.tar.gz', dotted, ['./README', './disk.raw', './other.raw']);

  await tarball('other-name.tar.gz', dotted, ['README']);

  // The same name twice: tar -r appends a second disk.raw to an uncompressed archive.
  const twice = join(work, 'twice.tar');
  await execa('tar', ['-cf', twice, '-C', plain, 'disk.raw']);
  await execa('tar', ['-rf', twice, '-C', dotted, 'disk.raw']);
  await execa('gzip', ['-k', twice]);
  archives['/twice.tar.gz'] = `${twice}.gz`;

  const linked = await directories.make();
  await writeFile(join(linked, 'real.raw'), raw);
  await symlink('real.raw', join(linked, 'disk.raw'));
  await tarball('symlink.tar.gz', linked, ['disk.raw']);

  // A sparse member (GNU tar's pax sparse format): its data is a map plus the written parts, not the disk.
  const holes = await directories.make();
  await writeFile(join(holes, 'disk.raw'), raw.subarray(0, 4096));
  await truncate(join(holes, 'disk.raw'), 16 * MiB);
  await tarball('sparse.tar.gz', holes, ['disk.raw'], ['--sparse', '--format=pax']);

  // Zeros compress to almost nothing: a download far under the cap holding a member far over it.
  const zeros = await directories.make();
  await writeFile(join(zeros, 'disk.raw'), Buffer.alloc(8 * MiB));
  await tarball('zeros.tar.gz', zeros, ['disk.raw']);

  const gz = join(work, 'not-a-tar.raw.gz');
  await writeFile(join(work, 'not-a-tar.raw'), raw);
  await execa('gzip', ['-k', join(work, 'not-a-tar.raw')]);
  archives['/not-a-tar.raw.gz'] = gz;

  server = await serveFiles(archives);
});
after(async () => {
  await server.close();
  await directories.removeAll();
});

/** prepareImage for an archive served at `path`, its member `member`. */
function fetchMember(path: string, cacheDir: string, extra: { maxSize?: number; member?: string } = {}) {
  return prepareImage(
    {
      source: server.url(path),
      cacheDir,
      compression: 'gz',
      archive: { ...DISK, ...(extra.member ? { member: extra.member } : {}) },
      ...(extra.maxSize ? { maxSize: extra.maxSize } : {}),
    },
    recordingReporter().reporter,
  );
}

/** Rejects with a SolsticeError naming the archive's URL, the member and every fragment. */
function refusedWith(path: string, ...fragments: string[]): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof SolsticeError, `expected a SolsticeError, got ${String(error)}`);
    const text = error.message;
    for (const fragment of [`The image ${server.url(path)} is a tar archive that`, ...fragments])
      assert.ok(text.includes(fragment), `"${text}" should mention "${fragment}"`);
    return true;
  };
}

describe('images inside an archive', () => {
  test('the cache holds the member, checked against the digest of the download, and is hit next time', async () => {
    const cacheDir = await directories.make();
    const { reporter, messages } = recordingReporter();
    const download = await readFile(archives['/openbsd.tar.gz']!);
    const request = {
      source: server.url('/openbsd.tar.gz'),
      checksum: sha('sha256', download),
      cacheDir,
      compression: 'gz' as const,
      archive: DISK,
    };
    const prepared = await prepareImage(request, reporter);
    assert.equal(prepared.format, 'qcow2');
    assert.equal(prepared.virtualSize, 64 * MiB);
    assert.equal(prepared.verified, true);
    assert.equal(prepared.fetchedBytes, download.length);
    assert.deepEqual(await readFile(prepared.path), qcow2, 'the stored file is the member itself');
    assert.ok(
      messages.some((line) => line.includes('decompressed (gz) and unpacked disk.raw to')),
      messages.join('\n'),
    );
    const again = await prepareImage(request, reporter);
    assert.equal(again.cacheHit, true);
    assert.equal(again.path, prepared.path);
    assert.equal(server.requests('/openbsd.tar.gz'), 1);
  });

  test('a member written as ./disk.raw after other files is found; its own digest is accepted too', async () => {
    const cacheDir = await directories.make();
    const prepared = await prepareImage(
      {
        source: server.url('/dotted.tar.gz'),
        checksum: sha('sha512', raw),
        cacheDir,
        compression: 'gz',
        archive: DISK,
      },
      recordingReporter().reporter,
    );
    assert.equal(prepared.format, 'raw');
    assert.deepEqual(await readFile(prepared.path), raw);
    // Another member of the same archive is another image, with an entry of its own.
    const other = await fetchMember('/dotted.tar.gz', cacheDir, { member: 'other.raw' });
    assert.notEqual(other.path, prepared.path);
    assert.deepEqual(await readFile(other.path), raw.subarray(0, MiB));
  });

  test('a missing member: refused, naming what the archive holds and the fix', async () => {
    const cacheDir = await directories.make();
    await assert.rejects(
      fetchMember('/other-name.tar.gz', cacheDir),
      refusedWith('/other-name.tar.gz', "has no member 'disk.raw' (it holds README)", "archive.member ('disk.raw')"),
    );
    await assertNothingCached(cacheDir);
  });

  test('two members of that name: refused as ambiguous', async () => {
    const cacheDir = await directories.make();
    await assert.rejects(
      fetchMember('/twice.tar.gz', cacheDir),
      refusedWith('/twice.tar.gz', "holds more than one member named 'disk.raw'"),
    );
    await assertNothingCached(cacheDir);
  });

  test('a member that is a symbolic link: refused, not followed', async () => {
    const cacheDir = await directories.make();
    await assert.rejects(
      fetchMember('/symlink.tar.gz', cacheDir),
      refusedWith('/symlink.tar.gz', "holds 'disk.raw' as a symlink entry, not a regular file"),
    );
    await assertNothingCached(cacheDir);
  });

  test('a sparse member: refused (its data is not the disk)', async () => {
    const cacheDir = await directories.make();
    await assert.rejects(fetchMember('/sparse.tar.gz', cacheDir), refusedWith('/sparse.tar.gz', 'as a sparse file'));
    await assertNothingCached(cacheDir);
  });

  test('a member declared larger than the cap: refused from its header, with the maxSize fix', async () => {
    const cacheDir = await directories.make();
    await assert.rejects(
      fetchMember('/zeros.tar.gz', cacheDir, { maxSize: 4 * MiB }),
      refusedWith('/zeros.tar.gz', "declares 'disk.raw' as", 'over the limit of', 'larger maxSize'),
    );
    await assertNothingCached(cacheDir);
  });

  test('a download that is no tar: refused as unreadable', async () => {
    const cacheDir = await directories.make();
    await assert.rejects(
      fetchMember('/not-a-tar.raw.gz', cacheDir),
      refusedWith('/not-a-tar.raw.gz', 'cannot be read'),
    );
    await assertNothingCached(cacheDir);
  });

  test('a local archive is refused with what to do', async () => {
    await assert.rejects(
      prepareImage(
        { source: '/srv/images/openbsd.tar.gz', cacheDir: await directories.make(), compression: 'gz', archive: DISK },
        recordingReporter().reporter,
      ),
      /The local image \/srv\/images\/openbsd\.tar\.gz is an archive: unpack its disk\.raw/,
    );
  });
});
