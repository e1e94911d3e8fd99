/**
 * The image cache, a tenant of the cache store (src/store/: lock, records, trust, used-markers): its
 * layout, its record shapes and its entries. The stages (url-image.ts, local-image.ts) and `solstice
 * images` (cache-entries.ts) use it; none of them knows the layout.
 *
 * URL entries: <cacheDir>/images/<first 16 hex of sha256(url)>/
 *   <algorithm>-<hex>.img   the image, mode 0444, renamed into place only once complete and verified
 *   <algorithm>-<hex>.json  its record { url, digest, size, format, virtualSize, fetchedAt, sha256, stamp }
 *   <algorithm>-<hex>.used  touched on each use (touching the image would change its stamp)
 * Local files: <cacheDir>/local/<first 16 hex of sha256(path)>.json remembers a file's digest.
 *
 * The lock-and-stamp protocol:
 * 1. A hit needs no lock: an entry is trusted while its image's stamp (file-stamp.ts) is the one recorded
 *    when its digest was verified, and its header still checks.
 * 2. Anything else happens under the store's lock on the entry directory ("<dir>.lock", refreshed,
 *    taken over when stale): re-hash a changed entry against the requested checksum (never the record's
 *    own digest, which whoever wrote the record chose), remove it if it fails, or download a new one.
 * 3. A stamp only detects accidents: anyone who can write the cache can forge an entry with a matching
 *    stamp. So entries and directories that another user owns or can write are refused (a shared cache
 *    still trusts every writer with the same uid).
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { DIGEST_HEX_LENGTH, type Digest } from '../core/vocabulary.js';
import { isTemporaryRecord, readRecord, writeRecord } from '../store/records.js';
import { sha256Hex } from '../store/sha256.js';
import { makeOwnDirectory, untrustedPath } from '../store/trust.js';
import { isStamp, sameStamp, stampOf, type FileStamp } from './file-stamp.js';
import type { ImageFormat } from './types.js';

// ---------------------------------------------------------------------------------------------------
// Records

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
export interface LocalRecord {
  path: string;
  stamp: FileStamp;
  digest: Digest; // sha256
  sha512?: string;
}

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

export function isLocalRecord(value: unknown): value is LocalRecord {
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

/** A well-formed digest as this cache writes them (known algorithm, lower-case hex of its length). */
export function isDigest(value: unknown): value is Digest {
  const d = value as Partial<Digest> | undefined;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.algorithm === 'string' &&
    Object.hasOwn(DIGEST_HEX_LENGTH, d.algorithm) &&
    typeof d.hex === 'string' &&
    new RegExp(`^[0-9a-f]{${DIGEST_HEX_LENGTH[d.algorithm]}}$`).test(d.hex)
  );
}

// ---------------------------------------------------------------------------------------------------
// Layout

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/** The directory holding the entries of one URL (and, beside it, their lock "<dir>.lock"). */
export function urlEntryDirectory(cacheDir: string, url: string): string {
  return join(cacheDir, 'images', sha256Hex(url).slice(0, 16));
}

export function localRecordPath(cacheDir: string, path: string): string {
  return join(cacheDir, 'local', `${sha256Hex(path).slice(0, 16)}.json`);
}

/** Creates the local records' directory if need be, then writes the record. */
export async function writeLocalRecord(recordPath: string, record: LocalRecord): Promise<void> {
  await makeOwnDirectory(dirname(recordPath));
  await writeRecord(recordPath, record);
}

/** Last use of an entry (for `solstice images`) lives in its own file: touching the image would change its stamp. */
export function usedMarkerPath(imagePath: string): string {
  return imagePath.replace(/\.img$/, '.used');
}

// ---------------------------------------------------------------------------------------------------
// Trust

/**
 * Refuses a cache whose images directory or entry directory another user owns or can write: they could
 * put an image of their choice in it. A directory that does not exist yet is fine.
 */
export async function checkCacheDirectories(cacheDir: string, dir: string): Promise<void> {
  for (const path of [join(cacheDir, 'images'), dir]) {
    const st = await lstat(path).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw new SolsticeError(`Cannot access the image cache directory ${path}: ${(error as Error).message}`);
    });
    if (st === undefined) return;
    const untrusted = untrustedPath(path, st);
    if (untrusted !== undefined) {
      throw new SolsticeError(
        `The image cache directory ${untrusted}: other users could put images of their choice in it.`,
        {
          hint: (say) =>
            `Point ${say.setting('cache-dir')} at a directory of your own, or make this one yours and writable only by you ` +
            `(chown -R ${process.getuid!()} ${path} && chmod -R go-w ${path}).`,
        },
      );
    }
  }
}

/** Creates an entry directory (and the images directory), then checks them as they are now that they exist. */
export async function makeEntryDirectory(cacheDir: string, dir: string): Promise<void> {
  try {
    await makeOwnDirectory(dir);
  } catch (error) {
    throw new SolsticeError(`Cannot create the image cache directory ${dir}: ${(error as Error).message}`);
  }
  await checkCacheDirectories(cacheDir, dir);
}

/** A local file's record, unless another user could have written it (then the file is hashed again). */
export async function readLocalRecord(recordPath: string, reporter: Reporter): Promise<LocalRecord | undefined> {
  const st = await lstat(recordPath, { bigint: true }).catch(() => undefined);
  if (st === undefined) return undefined;
  const untrusted = untrustedPath(recordPath, st);
  if (untrusted === undefined) return readRecord(recordPath, isLocalRecord);
  reporter.warning(`Ignored a checksum record another user could have written: ${untrusted}.`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Entries

export interface CacheEntry {
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
  const [recordStat, imageStat] = await Promise.all(
    [recordPath, path].map((file) => lstat(file, { bigint: true }).catch(() => undefined)),
  );
  if (!recordStat || !imageStat) return undefined;
  const record = await readRecord(recordPath, isUrlRecord);
  if (record === undefined || record.url !== url || `${record.digest.algorithm}-${record.digest.hex}` !== base) {
    return undefined;
  }
  const untrusted = untrustedPath(recordPath, recordStat) ?? untrustedPath(path, imageStat);
  if (untrusted === undefined && (!imageStat.isFile() || imageStat.size !== BigInt(record.size))) return undefined;
  return {
    path,
    recordPath,
    record,
    changed: !sameStamp(record.stamp, stampOf(imageStat)),
    ...(untrusted ? { untrusted } : {}),
  };
}

/** The entry of `checksum`, or without one the newest entry of the URL. */
export async function lookup(dir: string, url: string, checksum: Digest | undefined): Promise<CacheEntry | undefined> {
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

/** Removes partial downloads and temporary records left by a crashed holder (we hold the lock). */
export async function removeLeftovers(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith('.partial-') || isTemporaryRecord(name))
      .map((name) => rm(join(dir, name), { force: true }).catch(() => {})),
  );
}
