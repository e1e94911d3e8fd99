/**
 * One attempt at a download: the output's workers started, the request opened, the body received into
 * the destination and the result checked, everything released, and any failure turned into its verdict
 * (download-failure.ts) for the retry loop in download.ts.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { Agent } from 'undici';
import { CancelledError } from '../core/errors.js';
import { displayUrl, formatBytes, formatSeconds } from '../core/format.js';
import { receiveBody } from './download-body.js';
import {
  DEFAULT_MAX_DOWNLOAD_BYTES,
  formatRate,
  type DownloadContext,
  type DownloadOptions,
  type DownloadResult,
  type Output,
} from './download-context.js';
import { downloadFailure, TransientDownloadError } from './download-failure.js';
import { discard, downloadAgent, openDownload, parseImageUrl, type Response } from './download-request.js';
import { watchStall } from './download-stall.js';
import { DecompressingWriter } from './decompress.js';
import { HashingWriter, type Algorithm, type WrittenDigests } from './hashing-writer.js';

/** What an attempt has opened so far, and how writing failed: released and judged when it fails. */
interface Held {
  response?: Response | undefined;
  file?: FileHandle | undefined;
  writeError?: NodeJS.ErrnoException | undefined;
}

/**
 * Downloads `url` into `destination` once. On failure the destination is removed (unless it already
 * existed) and downloadFailure's verdict is thrown: a TransientDownloadError is worth another attempt.
 */
export async function downloadOnce(
  url: string,
  destination: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const { signal, stallTimeoutMs } = options;
  const shown = displayUrl(url);
  if (signal?.aborted) throw new CancelledError(`The download of ${shown} was cancelled.`);
  const controller = new AbortController();
  const context = attemptContext(url, destination, options, controller.signal);
  // Started before the request, so the hashing thread (and decompressor) are ready when the body arrives;
  // before any listener or timer, so a start that throws leaves nothing behind.
  const output = startOutput(context);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const stall = watchStall(context, controller);
  const { agent, socketError } = downloadAgent();
  const held: Held = {};
  try {
    return await transfer(context, agent, output, held);
  } catch (error) {
    await releaseFailed(context, output, held);
    throw downloadFailure(error, {
      shown,
      destination,
      cancelled: signal?.aborted === true,
      stalled: stall.stalled,
      stallTimeoutMs,
      bytes: context.bytes,
      expected: context.expected,
      writeError: held.writeError,
      socketError: socketError(),
    });
  } finally {
    stall.stop();
    signal?.removeEventListener('abort', onAbort);
    await output.stop().catch(() => {});
    await agent.destroy().catch(() => {});
  }
}

/** A new attempt's context: nothing received yet, the clock started now. Throws on a bad URL. */
function attemptContext(
  url: string,
  destination: string,
  options: DownloadOptions,
  signal: AbortSignal,
): DownloadContext {
  const { maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES } = options;
  const shown = displayUrl(url);
  const started = performance.now();
  return {
    url: parseImageUrl(url, shown),
    shown,
    destination,
    options,
    maxBytes,
    signal,
    started,
    lastActivity: started,
    bytes: 0,
    expected: undefined,
  };
}

/** The output's workers, started: the digests asked for, behind a decompressor when the download is compressed. */
function startOutput(context: DownloadContext): Output {
  const { shown, maxBytes, options } = context;
  const algorithms: Algorithm[] = options.sha512 ? ['sha256', 'sha512'] : ['sha256'];
  // Written bytes count as activity: a slow disk is not a stalled server.
  const onWritten = () => (context.lastActivity = performance.now());
  return options.compression && options.compression !== 'none'
    ? new DecompressingWriter({
        compression: options.compression,
        source: shown,
        algorithms,
        maxBytes,
        onProgress: onWritten,
        archive: options.archive,
      })
    : new HashingWriter(algorithms, onWritten);
}

/** The attempt's steps in order: open the request, create the file, receive the body, finish writing. */
async function transfer(context: DownloadContext, agent: Agent, output: Output, held: Held): Promise<DownloadResult> {
  const response = (held.response = await openDownload(context, agent));
  let file: FileHandle;
  try {
    file = held.file = await open(context.destination, 'wx');
  } catch (error) {
    throw (held.writeError = error as NodeJS.ErrnoException);
  }
  output.attach(file.fd);
  await receiveBody(context, response.body, output);
  const written = await output.finish(context.signal);
  const storedBytes = (await file.stat()).size;
  await file.close();
  held.file = undefined;
  return downloadResult(context, written, storedBytes);
}

/** After a failure: the body dropped, the workers stopped, the file closed and removed if it is ours. */
async function releaseFailed(context: DownloadContext, output: Output, held: Held): Promise<void> {
  held.writeError ??= output.error as NodeJS.ErrnoException | undefined;
  if (held.response) discard(held.response.body);
  await output.stop().catch(() => {});
  await held.file?.close().catch(() => {});
  // The destination is ours unless it already existed (it is opened exclusively).
  if (held.writeError?.code !== 'EEXIST') await rm(context.destination, { force: true }).catch(() => {});
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
  const member = options.archive ? ` and unpacked ${options.archive.member}` : '';
  const unpacked = compressed ? `, decompressed (${options.compression})${member} to ${formatBytes(storedBytes)}` : '';
  options.reporter.info(
    `Downloaded ${shown}: ${formatBytes(bytes)} in ${formatSeconds(durationMs)} (${rate})${unpacked}`,
  );
  const result: DownloadResult = { bytes, storedBytes, sha256: digests.sha256, durationMs };
  if (options.sha512) result.sha512 = digests.sha512;
  if (compressed)
    result.compressed = { sha256: compressed.sha256, ...(options.sha512 ? { sha512: compressed.sha512 } : {}) };
  return result;
}
