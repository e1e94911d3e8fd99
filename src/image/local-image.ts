/**
 * An image given as a local file: used where it is (never copied), inspected, and checked against the
 * requested checksum. Its digest is remembered in the cache (cache-store.ts) while its stamp
 * (file-stamp.ts) is unchanged, so it is not re-hashed on every use.
 */
import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { localRecordPath, readLocalRecord, writeLocalRecord, type LocalRecord } from './cache-store.js';
import { formatBytes } from '../core/format.js';
import { hashFile, sameStamp, stampFile, stampOf } from './file-stamp.js';
import { inspectImage } from './inspect.js';
import type { ImageJob, PreparedImage } from './types.js';

const HINT = 'Give an existing absolute path or an http(s) URL.';

export async function prepareLocalFile(job: ImageJob): Promise<PreparedImage> {
  const {
    request: { source: path },
    checksum,
    signal,
  } = job;
  const st = await statImage(path);
  // Inspect first: it is cheap and refuses a wrong file before hashing it.
  const info = await inspectImage(path, path, signal);
  const record = await digestsOf(path, st, job);
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

/** The file's stat, once it is known to be an absolute path to a regular file. */
async function statImage(path: string): Promise<BigIntStats> {
  if (!isAbsolute(path)) throw new SolsticeError(`The image "${path}" is not an absolute path. ${HINT}`);
  let st: BigIntStats;
  try {
    st = await stat(path, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SolsticeError(`The image ${path} does not exist. ${HINT}`);
    }
    throw new SolsticeError(`Cannot access the image ${path}: ${(error as Error).message}. ${HINT}`);
  }
  if (!st.isFile()) {
    throw new SolsticeError(`The image ${path} is not a regular file. ${HINT}`);
  }
  return st;
}

/**
 * The file's digests (sha512 too when that is requested): the remembered ones while the file's stamp is
 * the recorded one, else computed and remembered, unless the file changed while it was read.
 */
async function digestsOf(path: string, st: BigIntStats, job: ImageJob): Promise<LocalRecord> {
  const { checksum, cacheDir, reporter, signal } = job;
  const recordPath = localRecordPath(cacheDir, path);
  const stored = await readLocalRecord(recordPath, reporter);
  const stamp = stampOf(st);
  const known = stored?.path === path && sameStamp(stored.stamp, stamp) ? stored : undefined;
  const wantSha512 = checksum?.algorithm === 'sha512';
  if (known && (!wantSha512 || known.sha512 !== undefined)) return known;
  reporter.info(`Computing the checksum of ${path} (${formatBytes(stamp.size)})`);
  const hashes = await hashFile(path, wantSha512 ? ['sha256', 'sha512'] : ['sha256'], signal);
  const record: LocalRecord = {
    path,
    stamp,
    digest: { algorithm: 'sha256', hex: hashes.sha256! },
    ...(hashes.sha512 !== undefined ? { sha512: hashes.sha512 } : {}),
  };
  // Remember it only if the file did not change while it was read.
  const after = await stampFile(path).catch(() => undefined);
  if (after && sameStamp(stamp, after)) {
    try {
      await writeLocalRecord(recordPath, record);
    } catch (error) {
      reporter.debug(`Could not record the checksum of ${path} in ${recordPath}: ${(error as Error).message}`);
    }
  }
  return record;
}
