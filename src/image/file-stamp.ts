/**
 * File stamps and hashing. A stamp tells, without reading a file, that it is still the one whose digest
 * was computed: any write, replacement or chmod changes one of its fields. It only detects accidents:
 * anyone who can write the file can also restore a matching stamp (hence the ownership checks of
 * src/store/trust.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, type BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CancelledError, SolsticeError } from '../core/errors.js';
import type { DigestAlgorithm } from '../core/vocabulary.js';

/** Nanosecond times and the inode as decimal strings (bigint). */
export interface FileStamp {
  size: number;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
}

export function stampOf(st: BigIntStats): FileStamp {
  return { size: Number(st.size), ino: String(st.ino), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
}

export async function stampFile(path: string): Promise<FileStamp> {
  return stampOf(await stat(path, { bigint: true }));
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.ino === b.ino && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

export function isStamp(value: unknown): value is FileStamp {
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

/** Reads `path` once, hashing it with each algorithm; a read failure names the image. */
export async function hashFile(
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
