import { CancelledError, SolsticeError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { parseChecksumFile } from './checksum-file.js';
import { displayUrl } from '../core/format.js';
import type { PublishedChecksum } from './types.js';
import type { Digest } from '../core/vocabulary.js';

/** A checksum file is a few kB: a server that takes longer is not answering. */
const FETCH_TIMEOUT_MS = 30_000;

/**
 * The digest a publisher gives for a catalog image, read from its checksum file just before the
 * download (catalog URLs such as `latest/` move with each build, so the digest cannot be stored).
 */
export async function fetchPublishedDigest(
  source: PublishedChecksum,
  reporter: Reporter,
  signal?: AbortSignal,
): Promise<Digest> {
  const shown = displayUrl(source.url);
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let text: string;
  try {
    const response = await fetch(source.url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'follow',
    });
    if (!response.ok) throw new SolsticeError(`the server answered HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw new CancelledError();
    const why = timeout.aborted
      ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s`
      : (error as Error).cause instanceof Error
        ? ((error as Error).cause as Error).message
        : (error as Error).message;
    throw new SolsticeError(
      `Fetching the publisher's checksum file ${shown} failed: ${why}. The image is only used when it matches that file; check that the runner can reach it.`,
    );
  }
  const digest = parseChecksumFile(text, source.fileName, shown);
  reporter.info(
    `The publisher's ${source.fileName}: ${digest.algorithm}:${digest.hex} (from ${shown}${source.clearsigned ? '; its PGP signature is not checked' : ''}).`,
  );
  return digest;
}
