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
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { displayUrl, formatBytes, formatSeconds } from '../core/format.js';
import { DecompressingWriter } from './decompress.js';
import {
  DEFAULT_MAX_DOWNLOAD_BYTES,
  formatRate,
  type DownloadContext,
  type DownloadOptions,
  type DownloadResult,
  type Output,
} from './download-context.js';
import { downloadFailure, tooLargeError, TransientDownloadError } from './download-failure.js';
import { discard, downloadAgent, openDownload, parseImageUrl, type Response } from './download-request.js';
import {
  BATCH_BYTES,
  BATCH_CHUNKS,
  HashingWriter,
  MAX_IN_FLIGHT_BYTES,
  type Algorithm,
  type WrittenDigests,
} from './hashing-writer.js';

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

async function downloadOnce(url: string, destination: string, options: DownloadOptions): Promise<DownloadResult> {
  const { signal, stallTimeoutMs, maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES } = options;
  const shown = displayUrl(url);
  if (signal?.aborted) throw new CancelledError(`The download of ${shown} was cancelled.`);
  const controller = new AbortController();
  const started = performance.now();
  const context: DownloadContext = {
    url: parseImageUrl(url, shown),
    shown,
    destination,
    options,
    maxBytes,
    signal: controller.signal,
    started,
    lastActivity: started,
    bytes: 0,
    expected: undefined,
  };

  const algorithms: Algorithm[] = options.sha512 ? ['sha256', 'sha512'] : ['sha256'];
  // Written bytes count as activity: a slow disk is not a stalled server.
  const onWritten = () => (context.lastActivity = performance.now());
  // Started before the request, so the hashing thread (and decompressor) are ready when the body arrives;
  // before any listener or timer, so a start that throws leaves nothing behind.
  const output: Output =
    options.compression && options.compression !== 'none'
      ? new DecompressingWriter({
          compression: options.compression,
          source: shown,
          algorithms,
          maxBytes,
          onProgress: onWritten,
        })
      : new HashingWriter(algorithms, onWritten);

  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });

  let stalled = false;
  const checkStall = (): void => {
    const idle = performance.now() - context.lastActivity;
    if (idle >= stallTimeoutMs) {
      stalled = true;
      controller.abort(new Error('stalled'));
    } else {
      stallTimer = setTimeout(checkStall, stallTimeoutMs - idle + 1);
    }
  };
  let stallTimer: NodeJS.Timeout = setTimeout(checkStall, stallTimeoutMs);

  let writeError: NodeJS.ErrnoException | undefined;
  let file: FileHandle | undefined;
  let response: Response | undefined;
  const { agent, socketError } = downloadAgent();

  try {
    response = await openDownload(context, agent);
    try {
      file = await open(destination, 'wx');
    } catch (error) {
      throw (writeError = error as NodeJS.ErrnoException);
    }
    output.attach(file.fd);
    await receiveBody(context, response.body, output);
    const written = await output.finish(controller.signal);
    const storedBytes = (await file.stat()).size;
    await file.close();
    file = undefined;
    return downloadResult(context, written, storedBytes);
  } catch (error) {
    writeError ??= output.error as NodeJS.ErrnoException | undefined;
    if (response) discard(response.body);
    await output.stop().catch(() => {});
    await file?.close().catch(() => {});
    // The destination is ours unless it already existed (it is opened exclusively).
    if (writeError?.code !== 'EEXIST') await rm(destination, { force: true }).catch(() => {});
    throw downloadFailure(error, {
      shown,
      destination,
      cancelled: signal?.aborted === true,
      stalled,
      stallTimeoutMs,
      bytes: context.bytes,
      expected: context.expected,
      writeError,
      socketError: socketError(),
    });
  } finally {
    clearTimeout(stallTimer);
    signal?.removeEventListener('abort', onAbort);
    await output.stop().catch(() => {});
    await agent.destroy().catch(() => {});
  }
}

/**
 * Receives the body into `output`: chunks batched (BATCH_BYTES, BATCH_CHUNKS) and handed over, the body
 * paused while more than MAX_IN_FLIGHT_BYTES wait to be hashed and written, progress lines on the way.
 * Stops at once on a failed write, or on more bytes than announced or allowed.
 */
function receiveBody(context: DownloadContext, body: Response['body'], output: Output): Promise<void> {
  const {
    shown,
    maxBytes,
    expected,
    started,
    options: { reporter, progressIntervalMs },
  } = context;
  let nextProgress = started + progressIntervalMs;
  const progress = (now: number): void => {
    const { bytes } = context;
    const percent = expected ? ` of ${formatBytes(expected)} (${Math.floor((bytes / expected) * 100)}%)` : '';
    (reporter.progress ?? reporter.info).call(
      reporter,
      `  ${formatBytes(bytes)}${percent}, ${formatRate(bytes, now - started)}`,
    );
  };

  return new Promise<void>((resolve, reject) => {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let paused = false;
    const fail = (error: Error) => {
      body.destroy();
      reject(error);
    };
    const flush = () => {
      if (batchBytes === 0) return;
      output.write(batch);
      batch = [];
      batchBytes = 0;
    };
    body.on('data', (chunk: Buffer) => {
      const now = performance.now();
      context.lastActivity = now;
      const bytes = (context.bytes += chunk.byteLength);
      // A failed write (disk full) stops the download now rather than after the whole body.
      if (output.error) return fail(output.error);
      if (expected !== undefined && bytes > expected) {
        return fail(
          new SolsticeError(
            `Downloading the image ${shown} failed: the server sent more than the ${expected} bytes it announced ` +
              '(Content-Length). The download was discarded.',
          ),
        );
      }
      // Without a Content-Length (chunked), only counting tells.
      if (bytes > maxBytes) return fail(tooLargeError(shown, `the server sent more than ${maxBytes} bytes`, maxBytes));
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_CHUNKS) flush();
      if (now >= nextProgress) {
        progress(now);
        nextProgress = now + progressIntervalMs;
      }
      if (!paused && output.inFlight > MAX_IN_FLIGHT_BYTES) {
        paused = true;
        body.pause();
        output.waitInFlight(MAX_IN_FLIGHT_BYTES / 2, context.signal).then(() => {
          paused = false;
          body.resume();
        }, fail);
      }
    });
    // undici ends the body only when it is complete (Content-Length or the last chunk); a connection
    // lost before that is an 'error'.
    body.once('end', () => {
      flush();
      resolve();
    });
    body.once('error', (error) => fail(output.error ?? error));
    // Cancelled while the file was being opened: the body was destroyed before anyone listened.
    if (body.destroyed) fail(context.signal.reason instanceof Error ? context.signal.reason : new Error('aborted'));
  });
}

/** Once the body is written: the whole announced length arrived (else worth a retry), then the result. */
function downloadResult(context: DownloadContext, written: WrittenDigests, storedBytes: number): DownloadResult {
  const { shown, bytes, expected, started, options } = context;
  if (expected !== undefined && bytes !== expected) {
    throw new TransientDownloadError(
      `Downloading the image ${shown} failed: the connection ended after ${bytes} of ${expected} bytes (Content-Length).`,
    );
  }
  const { stored: digests, compressed } = written;
  const durationMs = performance.now() - started;
  const rate = formatRate(bytes, durationMs);
  const unpacked = compressed ? `, decompressed (${options.compression}) to ${formatBytes(storedBytes)}` : '';
  options.reporter.info(
    `Downloaded ${shown}: ${formatBytes(bytes)} in ${formatSeconds(durationMs)} (${rate})${unpacked}`,
  );
  const result: DownloadResult = { bytes, storedBytes, sha256: digests.sha256, durationMs };
  if (options.sha512) result.sha512 = digests.sha512;
  if (compressed)
    result.compressed = { sha256: compressed.sha256, ...(options.sha512 ? { sha512: compressed.sha512 } : {}) };
  return result;
}
