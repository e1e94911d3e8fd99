/**
 * Streams an http(s) URL to a file, hashing in the same pass (the file is never read back), with
 * progress lines, a stall deadline, status and length checks, redirects, one retry of a failure in
 * passing (connection lost, 5xx), a free-space check when the size is announced, a size cap, and
 * cancellation.
 *
 * Built for throughput on a small runner, where everything here is CPU-bound, so what counts is the CPU
 * spent per byte (figures in docs/performance.md; the experiment that chose these, run by nothing now,
 * can be revived with `git show 91360ba:bench/download-experiment.ts`, added in ddbb849):
 * - undici's request() rather than node:http: its body chunks are views of the socket's reads, where
 *   node:http copies each into a new buffer; fetch's web streams cost about twice the CPU per chunk;
 * - the digest (sha512 on a thread of its own) and the write run on worker threads started before the
 *   request, so receiving and hashing overlap. The event loop only receives; chunks are batched and
 *   transferred (not copied) to the worker, which hashes each batch while it is hot in its cache, writes
 *   it with one writev, then frees it at once (ArrayBuffer transfer(0)): the receiving side reuses warm
 *   memory and the bytes passing through trigger no garbage collections.
 *
 * This file is the retry loop; the parts, each below the one that uses it:
 * - download-attempt.ts: one attempt, from starting the workers to releasing everything;
 * - download-request.ts: the URL, the GET and its redirects, the answer judged before the body;
 * - download-body.ts: receiving the body (caps, batches, backpressure, progress);
 * - download-stall.ts: the stall deadline;
 * - download-failure.ts: the errors and the pure verdict a failed attempt ends with;
 * - download-context.ts: the options, the result, and what an attempt's steps share.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { displayUrl, formatSeconds } from '../core/format.js';
import { downloadOnce } from './download-attempt.js';
import type { DownloadOptions, DownloadResult } from './download-context.js';
import { TransientDownloadError } from './download-failure.js';

export { DEFAULT_MAX_DOWNLOAD_BYTES, type DownloadOptions, type DownloadResult } from './download-context.js';
export { isNoRoom, noRoomError } from './download-failure.js';

/** One retry: enough for a dropped connection or a server's passing error, without hiding a broken server. */
const DOWNLOAD_ATTEMPTS = 2;
const DEFAULT_RETRY_DELAY_MS = 2_000;

/**
 * Downloads `url` into `destination` (created exclusively: it must not exist), retrying a failure in
 * passing once. On any failure the destination is removed and a SolsticeError (CancelledError when
 * `signal` fired) is thrown.
 */
export async function downloadToFile(
  url: string,
  destination: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const { reporter, signal, retryDelayMs = DEFAULT_RETRY_DELAY_MS } = options;
  const shown = displayUrl(url);
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(url, destination, options);
    } catch (error) {
      if (!(error instanceof TransientDownloadError)) throw error;
      if (attempt >= DOWNLOAD_ATTEMPTS) {
        throw new SolsticeError(
          `${error.message} Tried ${DOWNLOAD_ATTEMPTS} times; the download was discarded. Check the server and ` +
            'the network, then try again.',
          { cause: error },
        );
      }
      reporter.info(
        `${error.message} Retrying in ${formatSeconds(retryDelayMs)} (attempt ${attempt + 1} of ${DOWNLOAD_ATTEMPTS}).`,
      );
      try {
        await sleep(retryDelayMs, undefined, signal ? { signal } : {});
      } catch {
        throw new CancelledError(`The download of ${shown} was cancelled.`);
      }
    }
  }
}
