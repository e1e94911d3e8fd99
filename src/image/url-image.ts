/**
 * An image given by URL: served from the cache (cache-store.ts) when an entry for it is there and
 * still the verified bytes, else downloaded into a new entry. A hit costs a few lstats and a 4 KiB
 * header read; everything else (confirming a changed entry by re-hashing it, removing a bad one,
 * downloading) happens under the entry directory's lock, whose loss aborts the work at once.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SolsticeError, throwIfCancelled } from '../core/errors.js';
import type { Digest } from '../core/vocabulary.js';
import { withLock } from '../store/lock.js';
import { writeRecord } from '../store/records.js';
import { untrustedPath } from '../store/trust.js';
import { markUsed } from '../store/usage.js';
import {
  checkCacheDirectories,
  lookup,
  makeEntryDirectory,
  removeLeftovers,
  urlEntryDirectory,
  usedMarkerPath,
  type CacheEntry,
  type UrlRecord,
} from './cache-store.js';
import { displayUrl, formatBytes } from '../core/format.js';
import { DEFAULT_MAX_DOWNLOAD_BYTES, downloadToFile, isNoRoom, noRoomError, type DownloadResult } from './download.js';
import { hashFile, sameStamp, stampFile } from './file-stamp.js';
import { inspectHeader, inspectImage, type ImageInfo } from './inspect.js';
import type { ImageJob, PreparedImage } from './types.js';

const DEFAULT_STALL_TIMEOUT_MS = 60_000;
const DEFAULT_PROGRESS_INTERVAL_MS = 5_000;
const DEFAULT_LOCK_TIMEOUT_MS = 30 * 60_000;

/** What the steps under the lock share. */
interface UrlImageContext extends ImageJob {
  /** The URL as shown in messages (a password masked), also the URL records are kept under. */
  shown: string;
  /** The URL's entry directory. */
  dir: string;
  /** The caller's signal, fired too when the lock is lost. */
  signal: AbortSignal;
}

export async function prepareFromUrl(job: ImageJob): Promise<PreparedImage> {
  const { request, checksum, cacheDir, reporter, signal, options } = job;
  const shown = displayUrl(request.source);
  // Another member of the same archive is another image: it gets an entry directory of its own.
  const key = request.archive
    ? `${request.source}\n${request.archive.format}:${request.archive.member}`
    : request.source;
  const dir = urlEntryDirectory(cacheDir, key);

  // The common case: a few lstats and a 4 KiB read, no lock, no hashing.
  await checkCacheDirectories(cacheDir, dir);
  const hit = await lookup(dir, shown, checksum);
  if (hit && !hit.changed && hit.untrusted === undefined && (await headerProblem(hit)) === undefined) {
    reporter.debug(`Image cache hit for ${shown}: ${hit.path}`);
    await markUsed(usedMarkerPath(hit.path));
    return fromEntry(hit, checksum);
  }
  await makeEntryDirectory(cacheDir, dir);
  // The lock's signal fires too when the lock is lost, so the download stops.
  const lock = {
    activity: `downloading ${shown} into the image cache`,
    dirKind: 'image cache directory',
    reporter,
    signal,
    timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
  };
  return withLock(dir, lock, (lockSignal) => confirmOrDownload({ ...job, shown, dir, signal: lockSignal }));
}

/** Under the lock: an entry another job completed or re-verified while we waited, or a new download. */
async function confirmOrDownload(context: UrlImageContext): Promise<PreparedImage> {
  const { dir, shown, checksum } = context;
  for (let entry = await lookup(dir, shown, checksum); entry; entry = await lookup(dir, shown, checksum)) {
    if (await confirmEntry(entry, context)) {
      await markUsed(usedMarkerPath(entry.path));
      return fromEntry(entry, checksum);
    }
  }
  await removeLeftovers(dir);
  return (await restoreEntry(context)) ?? (await downloadEntry(context));
}

function fromEntry(entry: CacheEntry, checksum: Digest | undefined): PreparedImage {
  const { record } = entry;
  let digest: Digest;
  if (checksum) digest = checksum;
  else if (record.sha256) digest = { algorithm: 'sha256', hex: record.sha256 };
  else digest = record.digest;
  return {
    path: entry.path,
    format: record.format,
    virtualSize: record.virtualSize,
    digest,
    verified: checksum !== undefined,
    fetchedBytes: 0,
    cacheHit: true,
  };
}

/** Why the entry's image header is no longer that of a safe image of the recorded format, or undefined. */
async function headerProblem(entry: CacheEntry): Promise<string | undefined> {
  try {
    const { format } = await inspectHeader(entry.path, entry.path);
    return format === entry.record.format ? undefined : `it is no longer a ${entry.record.format} image`;
  } catch (error) {
    if (error instanceof SolsticeError) return error.message;
    throw error;
  }
}

/**
 * Whether an entry still holds the bytes that were verified (we hold the lock): it must be this user's,
 * its header is checked, and its content re-verified when its stamp changed. Otherwise it is removed,
 * with a warning.
 */
async function confirmEntry(entry: CacheEntry, context: UrlImageContext): Promise<boolean> {
  const verdict = await entryVerdict(entry, context);
  if (verdict === undefined) return true;
  try {
    await rm(entry.recordPath, { force: true });
    await rm(entry.path, { force: true });
  } catch (error) {
    throw new SolsticeError(
      `The cached image ${entry.path} ${verdict} and cannot be removed: ${(error as Error).message}. ` +
        'Remove it and its .json record by hand.',
    );
  }
  context.reporter.warning(
    `The cached image ${entry.path} ${verdict}; it was removed. Downloading ${context.shown} again.`,
  );
  return false;
}

/** Why an entry must go, as "was …" for the warning, or undefined when it holds the verified bytes. */
async function entryVerdict(entry: CacheEntry, context: UrlImageContext): Promise<string | undefined> {
  const { checksum } = context;
  const compression = context.request.compression ?? 'none';
  if (entry.untrusted !== undefined) return `was refused (${entry.untrusted}: another user could have written it)`;
  const header = await headerProblem(entry);
  if (header !== undefined) return `was corrupted (${header})`;
  if (!entry.changed) return undefined;
  const why = entry.record.stamp ? 'the file changed since it was verified' : 'its record is from an older version';
  // The cache keeps only the decompressed image: a digest of the download cannot be checked again.
  if (checksum && compression !== 'none' && entry.record.digestOf !== 'uncompressed') {
    return `could not be re-verified (${why}, and the requested ${checksum.algorithm} is of the ${compression} download, which the cache does not keep)`;
  }
  const problem = await rehashProblem(entry, why, context);
  return problem === undefined ? undefined : `was corrupted (${problem})`;
}

/**
 * Re-hashes an entry whose stamp changed: undefined (and the new stamp recorded) when it still has the
 * requested digest. Without one (an unverified image) only the record's own sha256 is there to compare
 * with: that catches accidents, and such a hit is reported as unverified anyway.
 */
async function rehashProblem(entry: CacheEntry, why: string, context: UrlImageContext): Promise<string | undefined> {
  const { checksum, reporter, signal } = context;
  const { path, record } = entry;
  reporter.info(`Verifying the cached image ${path} (${formatBytes(record.size)}): ${why}.`);
  const stamp = await stampFile(path);
  const { algorithm, hex } =
    checksum ?? (record.sha256 ? { algorithm: 'sha256' as const, hex: record.sha256 } : record.digest);
  const actual = (await hashFile(path, [algorithm], signal))[algorithm];
  if (actual !== hex) return `its ${algorithm} is ${actual}, not the verified ${hex}`;
  if (!sameStamp(stamp, await stampFile(path))) return 'it changed while it was being verified';
  try {
    await writeRecord(entry.recordPath, { ...record, stamp });
  } catch (error) {
    reporter.debug(`Could not record the verification of ${path} in ${entry.recordPath}: ${(error as Error).message}`);
  }
  return undefined;
}

/**
 * The image from the remote store (the Actions cache) when it has the requested digest, moved into the
 * entry directory and verified there as a download is (the requested checksum, the size cap, a safe
 * image) before it becomes an entry: that the store filed it under this digest proves nothing. A copy
 * that fails is removed with a warning, and the image is downloaded.
 */
async function restoreEntry(context: UrlImageContext): Promise<PreparedImage | undefined> {
  const { checksum, options, dir, shown, reporter, signal } = context;
  const store = options.remoteStore;
  if (!store || !checksum) return undefined;
  const restored = await store.restore(checksum, signal);
  if (restored === undefined) return undefined;
  const partial = partialPath(dir);
  try {
    await rename(restored, partial);
    const verified = await verifyRestored(partial, checksum, context);
    if (typeof verified === 'string') {
      reporter.warning(
        `The copy of ${shown} restored from ${store.name} was refused: ${verified}. Downloading the image instead.`,
      );
      await rm(partial, { force: true });
      return undefined;
    }
    const path = await storeEntry(partial, context, {
      digest: checksum,
      sha256: verified.sha256,
      size: verified.size,
      info: verified.info,
      digestOf: 'uncompressed',
    });
    reporter.info(`Verified the copy of ${shown} restored from ${store.name}: ${checksum.algorithm} matches.`);
    return { ...preparedEntry(path, verified.info, checksum, true, 0), restored: true };
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw storingError(error, context);
  }
}

/** What a restored file is, once it proved to be the requested image; else why it is refused. */
async function verifyRestored(
  path: string,
  checksum: Digest,
  { request, shown, signal }: UrlImageContext,
): Promise<{ sha256: string; size: number; info: ImageInfo } | string> {
  const st = await lstat(path, { bigint: true });
  const untrusted = untrustedPath(path, st);
  if (untrusted !== undefined) return `${untrusted}, so another user could have written it`;
  // A hard link would make the entry (and its chmod) another file's too.
  if (!st.isFile() || st.nlink !== 1n) return 'it is not a regular file of its own';
  const maxSize = request.maxSize ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  if (st.size > BigInt(maxSize))
    return `it has ${formatBytes(Number(st.size))}, over the cap of ${formatBytes(maxSize)}`;
  const hashes = await hashFile(path, [...new Set([checksum.algorithm, 'sha256' as const])], signal);
  const actual = hashes[checksum.algorithm];
  if (actual !== checksum.hex) return `its ${checksum.algorithm} is ${actual}, not the requested ${checksum.hex}`;
  try {
    return { sha256: hashes.sha256!, size: Number(st.size), info: await inspectImage(path, shown, signal) };
  } catch (error) {
    if (error instanceof SolsticeError) return error.message;
    throw error;
  }
}

/** Downloads the image into a new entry (we hold the lock): renamed into place, then its record written. */
async function downloadEntry(context: UrlImageContext): Promise<PreparedImage> {
  const { request, shown, dir, checksum, reporter, signal, options } = context;
  const partial = partialPath(dir);
  try {
    const result = await downloadToFile(request.source, partial, {
      reporter,
      signal,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      retryDelayMs: options.retryDelayMs,
      sha512: checksum?.algorithm === 'sha512',
      compression: request.compression ?? 'none',
      ...(request.archive ? { archive: request.archive } : {}),
      ...(request.maxSize !== undefined ? { maxBytes: request.maxSize } : {}),
    });
    const digestOf = checkDownload(result, checksum, shown);
    const digest: Digest = checksum ?? { algorithm: 'sha256', hex: result.sha256 };
    const info = await inspectImage(partial, shown, signal);
    const path = await storeEntry(partial, context, {
      digest,
      sha256: result.sha256,
      size: result.storedBytes,
      info,
      digestOf,
    });
    // Only an image its digest names can be restored and verified again (the cache keeps no download).
    if (checksum && digestOf === 'uncompressed') options.remoteStore?.stored({ path, digest });
    return preparedEntry(path, info, digest, checksum !== undefined, result.bytes);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw storingError(error, context);
  }
}

function partialPath(dir: string): string {
  return join(dir, `.partial-${randomBytes(8).toString('hex')}`);
}

interface VerifiedImage {
  digest: Digest;
  sha256: string;
  size: number;
  info: ImageInfo;
  digestOf: UrlRecord['digestOf'];
}

/** Makes the verified `partial` (in the entry directory) an entry: read-only, renamed into place, its record written. */
async function storeEntry(
  partial: string,
  { dir, shown, signal }: UrlImageContext,
  image: VerifiedImage,
): Promise<string> {
  const { digest, sha256, size, info, digestOf } = image;
  await chmod(partial, 0o444);
  throwIfCancelled(signal);
  const base = `${digest.algorithm}-${digest.hex}`;
  const path = join(dir, `${base}.img`);
  await rename(partial, path);
  try {
    const record: UrlRecord = {
      url: shown,
      digest,
      size,
      format: info.format,
      virtualSize: info.virtualSize,
      fetchedAt: new Date().toISOString(),
      sha256,
      digestOf,
      // Taken after chmod and rename (both change ctime); the bytes were hashed before.
      stamp: await stampFile(path),
    };
    await writeRecord(join(dir, `${base}.json`), record);
    return path;
  } catch (error) {
    await rm(path, { force: true }).catch(() => {});
    throw error;
  }
}

function preparedEntry(
  path: string,
  info: ImageInfo,
  digest: Digest,
  verified: boolean,
  fetchedBytes: number,
): PreparedImage {
  return { path, format: info.format, virtualSize: info.virtualSize, digest, verified, fetchedBytes, cacheHit: false };
}

/** A failure while filling the entry, in words naming the image and the cache. */
function storingError(error: unknown, { dir, shown }: UrlImageContext): Error {
  if (error instanceof SolsticeError) return error;
  if (isNoRoom(error))
    return noRoomError(dir, `storing the image ${shown} failed (${(error as Error).message})`, error as Error);
  return new SolsticeError(`Storing the image ${shown} in the cache ${dir} failed: ${(error as Error).message}`, {
    cause: error,
  });
}

/**
 * Checks a download against the requested checksum: what that checksum covers (for the record), or a
 * mismatch error. A compressed download matches if either the download or the image inside has it.
 */
function checkDownload(result: DownloadResult, checksum: Digest | undefined, shown: string): UrlRecord['digestOf'] {
  let digestOf: UrlRecord['digestOf'] = 'uncompressed';
  if (!checksum) return digestOf;
  if (result.compressed && result[checksum.algorithm] !== checksum.hex) digestOf = 'compressed';
  const found = result.compressed
    ? [
        { hex: result.compressed[checksum.algorithm], what: ' (download)' },
        { hex: result[checksum.algorithm], what: ' (decompressed)' },
      ]
    : [{ hex: result[checksum.algorithm], what: '' }];
  if (!found.some(({ hex }) => hex === checksum.hex)) {
    throw new SolsticeError(
      `Checksum mismatch for the image ${shown}: expected ${checksum.algorithm}:${checksum.hex}, ` +
        `got ${found.map(({ hex, what }) => `${checksum.algorithm}:${hex}${what}`).join(' and ')}. The download was discarded. ` +
        'If the image changed upstream, update the checksum; otherwise the download was corrupted or tampered with.',
    );
  }
  return digestOf;
}
