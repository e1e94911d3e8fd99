/**
 * The image stage: obtain a verified base image, downloading it into a cache shared by jobs (and by
 * runners sharing a volume) or checking a local file.
 *
 * URL cache layout: <cacheDir>/images/<first 16 hex of sha256(url)>/
 *   <algorithm>-<hex>.img   the image, mode 0444, renamed into place only once complete and verified
 *   <algorithm>-<hex>.json  its record { url, digest, size, format, virtualSize, fetchedAt, sha256, stamp }
 * A download happens under a proper-lockfile lock on that directory (lock directory "<dir>.lock").
 * A hit trusts the image while its stamp (size, inode, mtime, ctime) is the one recorded when its
 * digest was verified, and re-checks its header (4 KiB); otherwise, under the lock, it is re-hashed
 * against the requested checksum (never the record's own digest, which whoever wrote the record chose),
 * or downloaded again when that checksum is of the compressed download; a corrupted entry is removed.
 * The stamp only detects accidents: anyone who can write the cache can forge an entry with a matching
 * stamp. So entries and directories that another user owns or can write are refused (a shared cache
 * still trusts every writer with the same uid).
 *
 * Local files: <cacheDir>/local/<first 16 hex of sha256(path)>.json remembers the digest of a file
 * while its stamp is unchanged, so it is not re-hashed on every use.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type BigIntStats } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { CancelledError, SolsticeError, throwIfCancelled } from '../core/errors.js';
import { ownershipProblem, WRITABLE_BY_OTHERS } from '../core/ownership.js';
import type { Reporter } from '../core/reporter.js';
import { displayUrl, downloadToFile, formatBytes, formatSeconds, isNoRoom, noRoomError } from './download.js';
import { inspectHeader, inspectImage } from './inspect.js';
import { type ImageFormat, type ImageOptions, type ImageRequest, type PreparedImage } from './types.js';
import { type Compression, DIGEST_HEX_LENGTH, type Digest, type DigestAlgorithm } from '../core/vocabulary.js';

const DEFAULT_STALL_TIMEOUT_MS = 60_000;
const DEFAULT_PROGRESS_INTERVAL_MS = 5_000;
const DEFAULT_LOCK_TIMEOUT_MS = 30 * 60_000;
/** A lock not refreshed for this long belongs to a crashed holder and is taken over. */
export const LOCK_STALE_MS = 30_000;
/** The holder refreshes the lock's mtime this often. */
const LOCK_UPDATE_MS = 5_000;

/**
 * What tells, without reading a file, that it is still the one whose digest was computed: any write,
 * replacement or chmod changes one of these. Nanosecond times and the inode as decimal strings (bigint).
 */
interface FileStamp {
  size: number;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
}

/** The record stored next to a cached image. */
export interface UrlRecord {
  url: string;
  digest: Digest;
  size: number;
  format: ImageFormat;
  virtualSize: number;
  fetchedAt: string;
  /** sha256 of the image (always computed while downloading), so an unverified hit can report it. */
  sha256?: string;
  /** What `digest` covers: the stored image, or the compressed download (not kept, so not re-hashable). */
  digestOf?: 'compressed' | 'uncompressed';
  /** The image's stamp when its digest was last verified; absent from older records (then re-hashed once). */
  stamp?: FileStamp;
}

/** The record remembering a local file's digest while the file is unchanged. */
interface LocalRecord {
  path: string;
  stamp: FileStamp;
  digest: Digest; // sha256
  sha512?: string;
}

export async function prepareImage(
  request: ImageRequest,
  reporter: Reporter,
  signal?: AbortSignal,
  options: ImageOptions = {},
): Promise<PreparedImage> {
  throwIfCancelled(signal);
  const checksum = request.checksum ? normaliseDigest(request.checksum) : undefined;
  const cacheDir = resolve(request.cacheDir);
  if (/^https?:\/\//i.test(request.source)) {
    return prepareFromUrl(request, checksum, cacheDir, reporter, signal, options);
  }
  if (request.compression && request.compression !== 'none') {
    throw new SolsticeError(`The local image ${request.source} is ${request.compression}-compressed: decompress it first (the cache keeps local files where they are), or serve it over http(s).`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(request.source)?.[1];
  if (scheme !== undefined) {
    const local = scheme.toLowerCase() === 'file' ? ' For a file on the runner, give its absolute path without file://.' : '';
    throw new SolsticeError(
      `The image URL ${displayUrl(request.source)} uses an unsupported scheme (${scheme}:): give an http(s) URL ` +
        `or an absolute path.${local}`,
    );
  }
  return prepareLocalFile(request.source, checksum, cacheDir, reporter, signal);
}

function normaliseDigest(digest: Digest): Digest {
  const hex = digest.hex.trim().toLowerCase();
  const length = DIGEST_HEX_LENGTH[digest.algorithm];
  if (length === undefined) {
    throw new SolsticeError(`Unsupported checksum algorithm "${String(digest.algorithm)}": use sha256 or sha512.`);
  }
  if (!isDigest({ algorithm: digest.algorithm, hex })) {
    throw new SolsticeError(
      `The ${digest.algorithm} checksum "${digest.hex}" is not valid: it must be ${length} hexadecimal digits.`,
    );
  }
  return { algorithm: digest.algorithm, hex };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    // Explicit mode: under a umask such as 002 the record would be group-writable, and then refused.
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

export async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined; // missing, half-written by a foreign tool, or unreadable: not a record
  }
}

function stampOf(st: BigIntStats): FileStamp {
  return { size: Number(st.size), ino: String(st.ino), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
}

async function stampFile(path: string): Promise<FileStamp> {
  return stampOf(await stat(path, { bigint: true }));
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.ino === b.ino && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

function isStamp(value: unknown): value is FileStamp {
  const s = value as Partial<FileStamp> | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.size === 'number' &&
    typeof s.ino === 'string' &&
    typeof s.mtimeNs === 'string' &&
    typeof s.ctimeNs === 'string'
  );
}

async function hashFile(
  path: string,
  algorithms: readonly DigestAlgorithm[],
  signal: AbortSignal | undefined,
): Promise<Partial<Record<DigestAlgorithm, string>>> {
  const hashes = algorithms.map((algorithm) => createHash(algorithm));
  try {
    const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024, ...(signal ? { signal } : {}) });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const hash of hashes) hash.update(chunk);
    }
  } catch (error) {
    if (signal?.aborted) throw new CancelledError();
    throw new SolsticeError(`Cannot read the image ${path}: ${(error as Error).message}`, { cause: error });
  }
  return Object.fromEntries(algorithms.map((algorithm, index) => [algorithm, hashes[index]!.digest('hex')]));
}

// ---------------------------------------------------------------------------------------------------
// URLs

export function isUrlRecord(value: unknown): value is UrlRecord {
  const r = value as Partial<UrlRecord> | undefined;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.url === 'string' &&
    typeof r.size === 'number' &&
    typeof r.virtualSize === 'number' &&
    (r.format === 'qcow2' || r.format === 'raw') &&
    typeof r.fetchedAt === 'string' &&
    isDigest(r.digest) &&
    (r.digestOf === undefined || r.digestOf === 'compressed' || r.digestOf === 'uncompressed') &&
    (r.stamp === undefined || isStamp(r.stamp))
  );
}

/** A well-formed digest as this cache writes them (known algorithm, lower-case hex of its length). */
function isDigest(value: unknown): value is Digest {
  const d = value as Partial<Digest> | undefined;
  return typeof d === 'object' && d !== null && typeof d.algorithm === 'string' && Object.hasOwn(DIGEST_HEX_LENGTH, d.algorithm) &&
    typeof d.hex === 'string' && new RegExp(`^[0-9a-f]{${DIGEST_HEX_LENGTH[d.algorithm]}}$`).test(d.hex);
}

interface CacheEntry {
  path: string;
  recordPath: string;
  record: UrlRecord;
  /** The image's stamp differs from the recorded one (or none is recorded): its bytes must be re-hashed. */
  changed: boolean;
  /** Why the entry cannot be used at all: another user could have written its image or record. */
  untrusted?: string;
}

/**
 * A complete entry: record for this URL (its digest names the entry, so it is the requested one when a
 * checksum was given) + image file of the recorded size. No hashing.
 */
async function validEntry(dir: string, base: string, url: string): Promise<CacheEntry | undefined> {
  const recordPath = join(dir, `${base}.json`);
  const path = join(dir, `${base}.img`);
  const [recordStat, imageStat] = await Promise.all([recordPath, path].map((file) => lstat(file, { bigint: true }).catch(() => undefined)));
  if (!recordStat || !imageStat) return undefined;
  const record = await readJson(recordPath);
  if (!isUrlRecord(record) || record.url !== url || `${record.digest.algorithm}-${record.digest.hex}` !== base) {
    return undefined;
  }
  const untrusted = untrustedFile(recordPath, recordStat) ?? untrustedFile(path, imageStat);
  if (untrusted === undefined && (!imageStat.isFile() || imageStat.size !== BigInt(record.size))) return undefined;
  return { path, recordPath, record, changed: !sameStamp(record.stamp, stampOf(imageStat)), ...(untrusted ? { untrusted } : {}) };
}

/** Why a cache file (its lstat) may have been written by someone else, or undefined. */
function untrustedFile(path: string, st: BigIntStats): string | undefined {
  const problem = ownershipProblem(st, WRITABLE_BY_OTHERS);
  return problem === undefined ? undefined : `${path} ${problem}`;
}

/**
 * Refuses a cache whose images directory or entry directory another user owns or can write: they could
 * put an image of their choice in it. A directory that does not exist yet is fine.
 */
async function checkCacheDirectories(cacheDir: string, dir: string): Promise<void> {
  for (const path of [join(cacheDir, 'images'), dir]) {
    const st = await lstat(path).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw new SolsticeError(`Cannot access the image cache directory ${path}: ${(error as Error).message}`);
    });
    if (st === undefined) return;
    const problem = ownershipProblem(st, WRITABLE_BY_OTHERS);
    if (problem !== undefined) {
      throw new SolsticeError(
        `The image cache directory ${path} ${problem}: other users could put images of their choice in it. Point the ` +
          `cache-dir input at a directory of your own, or make this one yours and writable only by you ` +
          `(chown -R ${process.getuid!()} ${path} && chmod -R go-w ${path}).`,
      );
    }
  }
}

async function lookup(dir: string, url: string, checksum: Digest | undefined): Promise<CacheEntry | undefined> {
  if (checksum) return validEntry(dir, `${checksum.algorithm}-${checksum.hex}`, url);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const entries: CacheEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !name.endsWith('.json')) continue;
    const entry = await validEntry(dir, name.slice(0, -'.json'.length), url);
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => (Date.parse(b.record.fetchedAt) || 0) - (Date.parse(a.record.fetchedAt) || 0));
  return entries[0];
}

/** Last use of an entry (for `solstice images`) lives in its own file: touching the image would change its stamp. */
export function usedMarkerPath(imagePath: string): string {
  return imagePath.replace(/\.img$/, '.used');
}

async function markUsed(imagePath: string): Promise<void> {
  await writeFile(usedMarkerPath(imagePath), '').catch(() => {}); // a read-only shared cache still serves hits
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

async function prepareFromUrl(
  request: ImageRequest,
  checksum: Digest | undefined,
  cacheDir: string,
  reporter: Reporter,
  signal: AbortSignal | undefined,
  options: ImageOptions,
): Promise<PreparedImage> {
  const { source: url, compression = 'none' } = request;
  const shown = displayUrl(url);
  const dir = join(cacheDir, 'images', sha256Hex(url).slice(0, 16));

  // The common case: a few lstats and a 4 KiB read, no lock, no hashing.
  await checkCacheDirectories(cacheDir, dir);
  const hit = await lookup(dir, shown, checksum);
  if (hit && !hit.changed && hit.untrusted === undefined && (await headerProblem(hit)) === undefined) {
    reporter.debug(`Image cache hit for ${shown}: ${hit.path}`);
    await markUsed(hit.path);
    return fromEntry(hit, checksum);
  }

  try {
    // Explicit mode: under a umask such as 002 the directories would be group-writable, and then refused.
    await mkdir(dir, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new SolsticeError(`Cannot create the image cache directory ${dir}: ${(error as Error).message}`);
  }
  await checkCacheDirectories(cacheDir, dir); // as they are now that they exist

  // Linked to the caller's signal, and fired too when the lock is lost (so the download stops).
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let lockLost: SolsticeError | undefined;
  const onCompromised = (error: Error): void => {
    lockLost = new SolsticeError(
      `Lost the lock on the image cache directory ${dir} (${error.message}); another job may have taken it ` +
        'over. Try again.',
    );
    controller.abort();
  };

  try {
    const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const release = await acquireLock(dir, shown, reporter, signal, lockTimeoutMs, onCompromised);
    try {
      // Another job may have completed or re-verified the entry while we waited.
      for (let entry = await lookup(dir, shown, checksum); entry; entry = await lookup(dir, shown, checksum)) {
        if (await confirmEntry(entry, checksum, compression, shown, reporter, controller.signal)) {
          await markUsed(entry.path);
          return fromEntry(entry, checksum);
        }
      }
      await removeLeftovers(dir);
      return await downloadEntry(request, shown, dir, checksum, reporter, controller.signal, options);
    } catch (error) {
      if (lockLost) throw lockLost;
      if (signal?.aborted && !(error instanceof CancelledError)) throw new CancelledError();
      throw error;
    } finally {
      await release().catch(() => {}); // already released when compromised
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function acquireLock(
  dir: string,
  shown: string,
  reporter: Reporter,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  let wait = 100;
  let announced = false;
  for (;;) {
    throwIfCancelled(signal);
    try {
      return await lockfile.lock(dir, {
        realpath: false,
        stale: LOCK_STALE_MS,
        update: LOCK_UPDATE_MS,
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      if (!isErrno(error, 'ELOCKED')) {
        throw new SolsticeError(`Cannot lock the image cache directory ${dir}: ${(error as Error).message}`);
      }
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new SolsticeError(
        `Timed out after ${formatSeconds(timeoutMs)} waiting for another job to finish downloading ${shown} ` +
          `into the image cache (lock ${dir}.lock). If no job is running, remove that lock directory.`,
      );
    }
    if (!announced) {
      announced = true;
      reporter.info(`Another job is downloading ${shown} into the image cache; waiting for it.`);
    }
    try {
      await sleep(Math.min(wait, remaining), undefined, signal ? { signal } : {});
    } catch {
      throw new CancelledError();
    }
    wait = Math.min(Math.round(wait * 1.5), 2_000);
  }
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
async function confirmEntry(
  entry: CacheEntry,
  checksum: Digest | undefined,
  compression: Compression,
  shown: string,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<boolean> {
  const verdict = await entryVerdict(entry, checksum, compression, reporter, signal);
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
  reporter.warning(`The cached image ${entry.path} ${verdict}; it was removed. Downloading ${shown} again.`);
  return false;
}

/** Why an entry must go, as "was …" for the warning, or undefined when it holds the verified bytes. */
async function entryVerdict(
  entry: CacheEntry,
  checksum: Digest | undefined,
  compression: Compression,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (entry.untrusted !== undefined) return `was refused (${entry.untrusted}: another user could have written it)`;
  const header = await headerProblem(entry);
  if (header !== undefined) return `was corrupted (${header})`;
  if (!entry.changed) return undefined;
  const why = entry.record.stamp ? 'the file changed since it was verified' : 'its record is from an older version';
  // The cache keeps only the decompressed image: a digest of the download cannot be checked again.
  if (checksum && compression !== 'none' && entry.record.digestOf !== 'uncompressed') {
    return `could not be re-verified (${why}, and the requested ${checksum.algorithm} is of the ${compression} download, which the cache does not keep)`;
  }
  const problem = await rehashProblem(entry, checksum, why, reporter, signal);
  return problem === undefined ? undefined : `was corrupted (${problem})`;
}

/**
 * Re-hashes an entry whose stamp changed: undefined (and the new stamp recorded) when it still has the
 * requested digest. Without one (an unverified image) only the record's own sha256 is there to compare
 * with: that catches accidents, and such a hit is reported as unverified anyway.
 */
async function rehashProblem(
  entry: CacheEntry,
  checksum: Digest | undefined,
  why: string,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<string | undefined> {
  const { path, record } = entry;
  reporter.info(`Verifying the cached image ${path} (${formatBytes(record.size)}): ${why}.`);
  const stamp = await stampFile(path);
  const { algorithm, hex } = checksum ?? (record.sha256 ? { algorithm: 'sha256' as const, hex: record.sha256 } : record.digest);
  const actual = (await hashFile(path, [algorithm], signal))[algorithm];
  if (actual !== hex) return `its ${algorithm} is ${actual}, not the verified ${hex}`;
  if (!sameStamp(stamp, await stampFile(path))) return 'it changed while it was being verified';
  try {
    await writeJsonAtomic(entry.recordPath, { ...record, stamp });
  } catch (error) {
    reporter.debug(`Could not record the verification of ${path} in ${entry.recordPath}: ${(error as Error).message}`);
  }
  return undefined;
}

/** Removes partial downloads and temporary records left by a crashed holder (we hold the lock). */
async function removeLeftovers(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith('.partial-') || name.includes('.json.tmp-'))
      .map((name) => rm(join(dir, name), { force: true }).catch(() => {})),
  );
}

async function downloadEntry(
  request: ImageRequest,
  shown: string,
  dir: string,
  checksum: Digest | undefined,
  reporter: Reporter,
  signal: AbortSignal,
  options: ImageOptions,
): Promise<PreparedImage> {
  const partial = join(dir, `.partial-${randomBytes(8).toString('hex')}`);
  let stored: string | undefined; // the image once renamed into place, until its record is written
  try {
    const result = await downloadToFile(request.source, partial, {
      reporter,
      signal,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      retryDelayMs: options.retryDelayMs,
      sha512: checksum?.algorithm === 'sha512',
      compression: request.compression ?? 'none',
      ...(request.maxSize !== undefined ? { maxBytes: request.maxSize } : {}),
    });
    let digestOf: UrlRecord['digestOf'] = 'uncompressed';
    if (checksum) {
      // A compressed download matches if either the download or the image inside has the given digest.
      if (result.compressed && result[checksum.algorithm] !== checksum.hex) digestOf = 'compressed';
      const found = result.compressed
        ? [{ hex: result.compressed[checksum.algorithm], what: ' (download)' }, { hex: result[checksum.algorithm], what: ' (decompressed)' }]
        : [{ hex: result[checksum.algorithm], what: '' }];
      if (!found.some(({ hex }) => hex === checksum.hex)) {
        throw new SolsticeError(
          `Checksum mismatch for the image ${shown}: expected ${checksum.algorithm}:${checksum.hex}, ` +
            `got ${found.map(({ hex, what }) => `${checksum.algorithm}:${hex}${what}`).join(' and ')}. The download was discarded. ` +
            'If the image changed upstream, update the checksum; otherwise the download was corrupted or tampered with.',
        );
      }
    }
    const digest: Digest = checksum ?? { algorithm: 'sha256', hex: result.sha256 };
    const info = await inspectImage(partial, shown, signal);
    await chmod(partial, 0o444);
    throwIfCancelled(signal);
    const base = `${digest.algorithm}-${digest.hex}`;
    const path = join(dir, `${base}.img`);
    await rename(partial, path);
    stored = path;
    const record: UrlRecord = {
      url: shown,
      digest,
      size: result.storedBytes,
      format: info.format,
      virtualSize: info.virtualSize,
      fetchedAt: new Date().toISOString(),
      sha256: result.sha256,
      digestOf,
      // Taken after chmod and rename (both change ctime); the bytes were hashed as they were written.
      stamp: await stampFile(path),
    };
    await writeJsonAtomic(join(dir, `${base}.json`), record);
    stored = undefined;
    return {
      path,
      format: info.format,
      virtualSize: info.virtualSize,
      digest,
      verified: checksum !== undefined,
      fetchedBytes: result.bytes,
      cacheHit: false,
    };
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    if (stored) await rm(stored, { force: true }).catch(() => {});
    if (error instanceof SolsticeError) throw error;
    if (isNoRoom(error)) throw noRoomError(dir, `storing the image ${shown} failed (${(error as Error).message})`, error as Error);
    throw new SolsticeError(`Storing the image ${shown} in the cache ${dir} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Local files

function isLocalRecord(value: unknown): value is LocalRecord {
  const r = value as Partial<LocalRecord> | undefined;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.path === 'string' &&
    isStamp(r.stamp) &&
    isDigest(r.digest) &&
    r.digest.algorithm === 'sha256'
  );
}

/** A local file's record, unless another user could have written it (then the file is hashed again). */
async function readOwnRecord(recordPath: string, reporter: Reporter): Promise<unknown> {
  const st = await lstat(recordPath, { bigint: true }).catch(() => undefined);
  if (st === undefined) return undefined;
  const untrusted = untrustedFile(recordPath, st);
  if (untrusted === undefined) return readJson(recordPath);
  reporter.warning(`Ignored a checksum record another user could have written: ${untrusted}.`);
  return undefined;
}

async function prepareLocalFile(
  path: string,
  checksum: Digest | undefined,
  cacheDir: string,
  reporter: Reporter,
  signal: AbortSignal | undefined,
): Promise<PreparedImage> {
  const hint = 'Give an existing absolute path or an http(s) URL.';
  if (!isAbsolute(path)) throw new SolsticeError(`The image "${path}" is not an absolute path. ${hint}`);
  let st: BigIntStats;
  try {
    st = await stat(path, { bigint: true });
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) {
      throw new SolsticeError(`The image ${path} does not exist. ${hint}`);
    }
    throw new SolsticeError(`Cannot access the image ${path}: ${(error as Error).message}. ${hint}`);
  }
  if (!st.isFile()) {
    throw new SolsticeError(`The image ${path} is not a regular file. ${hint}`);
  }

  // Inspect first: it is cheap and refuses a wrong file before hashing it.
  const info = await inspectImage(path, path, signal);
  const recordPath = join(cacheDir, 'local', `${sha256Hex(path).slice(0, 16)}.json`);
  const stored = await readOwnRecord(recordPath, reporter);
  const stamp = stampOf(st);
  let record = isLocalRecord(stored) && stored.path === path && sameStamp(stored.stamp, stamp) ? stored : undefined;
  const wantSha512 = checksum?.algorithm === 'sha512';
  if (!record || (wantSha512 && record.sha512 === undefined)) {
    reporter.info(`Computing the checksum of ${path} (${formatBytes(stamp.size)})`);
    const hashes = await hashFile(path, wantSha512 ? ['sha256', 'sha512'] : ['sha256'], signal);
    record = {
      path,
      stamp,
      digest: { algorithm: 'sha256', hex: hashes.sha256! },
      ...(hashes.sha512 !== undefined ? { sha512: hashes.sha512 } : {}),
    };
    // Remember it only if the file did not change while it was read.
    const after = await stampFile(path).catch(() => undefined);
    if (after && sameStamp(stamp, after)) {
      try {
        await mkdir(join(cacheDir, 'local'), { recursive: true, mode: 0o755 });
        await writeJsonAtomic(recordPath, record);
      } catch (error) {
        reporter.debug(`Could not record the checksum of ${path} in ${recordPath}: ${(error as Error).message}`);
      }
    }
  }

  if (checksum) {
    const actual = checksum.algorithm === 'sha512' ? record.sha512 : record.digest.hex;
    if (actual !== checksum.hex) {
      throw new SolsticeError(
        `Checksum mismatch for the image ${path}: expected ${checksum.algorithm}:${checksum.hex}, ` +
          `got ${checksum.algorithm}:${actual}. Give the right checksum or the right file.`,
      );
    }
  }
  return {
    path,
    format: info.format,
    virtualSize: info.virtualSize,
    digest: checksum ?? record.digest,
    verified: checksum !== undefined,
    fetchedBytes: 0,
    cacheHit: false,
  };
}
