/**
 * The image stage's front door: obtain a verified base image from an http(s) URL (downloaded into the
 * cache shared by jobs: url-image.ts) or an absolute local path (used where it is: local-image.ts), and
 * refuse anything else with what to give instead. The cache itself, and the lock-and-stamp protocol
 * that lets jobs share it, are in cache-store.ts.
 */
import { resolve } from 'node:path';
import { SolsticeError, throwIfCancelled } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { DIGEST_HEX_LENGTH, type Digest } from '../core/vocabulary.js';
import { isDigest } from './cache-store.js';
import { displayUrl } from '../core/format.js';
import { prepareLocalFile } from './local-image.js';
import type { ImageOptions, ImageRequest, PreparedImage } from './types.js';
import { prepareFromUrl } from './url-image.js';

export async function prepareImage(
  request: ImageRequest,
  reporter: Reporter,
  signal?: AbortSignal,
  options: ImageOptions = {},
): Promise<PreparedImage> {
  throwIfCancelled(signal);
  const checksum = request.checksum ? normaliseDigest(request.checksum) : undefined;
  const job = { request, checksum, cacheDir: resolve(request.cacheDir), reporter, signal, options };
  if (/^https?:\/\//i.test(request.source)) return prepareFromUrl(job);
  if (request.archive) {
    throw new SolsticeError(
      `The local image ${request.source} is an archive: unpack its ${request.archive.member} and give that file's path, or serve the archive over http(s).`,
    );
  }
  if (request.compression && request.compression !== 'none') {
    throw new SolsticeError(
      `The local image ${request.source} is ${request.compression}-compressed: decompress it first (the cache keeps local files where they are), or serve it over http(s).`,
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(request.source)?.[1];
  if (scheme !== undefined) {
    const local =
      scheme.toLowerCase() === 'file' ? ' For a file on the runner, give its absolute path without file://.' : '';
    throw new SolsticeError(
      `The image URL ${displayUrl(request.source)} uses an unsupported scheme (${scheme}:): give an http(s) URL ` +
        `or an absolute path.${local}`,
    );
  }
  return prepareLocalFile(job);
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
