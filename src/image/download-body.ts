/**
 * Receiving a download's body: chunks counted against the announced length and the cap, batched and
 * handed to the output's workers, the body paused while too much waits for them, progress lines on the
 * way. The event loop only receives here; hashing and writing run on the output's threads.
 */
import { SolsticeError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { formatRate, type DownloadContext, type Output } from './download-context.js';
import { tooLargeError } from './download-failure.js';
import type { Response } from './download-request.js';
import { BATCH_BYTES, BATCH_CHUNKS, MAX_IN_FLIGHT_BYTES } from './hashing-writer.js';

/** A progress line when progressIntervalMs has passed since the last: call it after each chunk. */
function progressLines(context: DownloadContext): (now: number) => void {
  const {
    expected,
    started,
    options: { reporter, progressIntervalMs },
  } = context;
  let nextProgress = started + progressIntervalMs;
  return (now) => {
    if (now < nextProgress) return;
    const { bytes } = context;
    const percent = expected ? ` of ${formatBytes(expected)} (${Math.floor((bytes / expected) * 100)}%)` : '';
    (reporter.progress ?? reporter.info).call(
      reporter,
      `  ${formatBytes(bytes)}${percent}, ${formatRate(bytes, now - started)}`,
    );
    nextProgress = now + progressIntervalMs;
  };
}

/** More bytes received than announced or allowed: the error that stops the download, else undefined. */
function overrun(context: DownloadContext): SolsticeError | undefined {
  const { shown, bytes, expected, maxBytes } = context;
  if (expected !== undefined && bytes > expected) {
    return new SolsticeError(
      `Downloading the image ${shown} failed: the server sent more than the ${expected} bytes it announced ` +
        '(Content-Length). The download was discarded.',
    );
  }
  // Without a Content-Length (chunked), only counting tells.
  if (bytes > maxBytes) return tooLargeError(shown, `the server sent more than ${maxBytes} bytes`, maxBytes);
  return undefined;
}

/** Chunks gathered and handed to `output` a batch at a time (BATCH_BYTES or BATCH_CHUNKS, whichever first). */
function batcher(output: Output): { add: (chunk: Buffer) => void; flush: () => void } {
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batchBytes === 0) return;
    output.write(batch);
    batch = [];
    batchBytes = 0;
  };
  const add = (chunk: Buffer) => {
    batch.push(chunk);
    batchBytes += chunk.byteLength;
    if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_CHUNKS) flush();
  };
  return { add, flush };
}

/**
 * Receives the body into `output`: chunks batched (BATCH_BYTES, BATCH_CHUNKS) and handed over, the body
 * paused while more than MAX_IN_FLIGHT_BYTES wait to be hashed and written, progress lines on the way.
 * Stops at once on a failed write, or on more bytes than announced or allowed.
 */
export function receiveBody(context: DownloadContext, body: Response['body'], output: Output): Promise<void> {
  const progress = progressLines(context);
  const batches = batcher(output);
  return new Promise<void>((resolve, reject) => {
    let paused = false;
    const fail = (error: Error) => {
      body.destroy();
      reject(error);
    };
    body.on('data', (chunk: Buffer) => {
      const now = performance.now();
      context.lastActivity = now;
      context.bytes += chunk.byteLength;
      // A failed write (disk full) stops the download now rather than after the whole body.
      if (output.error) return fail(output.error);
      const tooMany = overrun(context);
      if (tooMany) return fail(tooMany);
      batches.add(chunk);
      progress(now);
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
      batches.flush();
      resolve();
    });
    body.once('error', (error) => fail(output.error ?? error));
    // Cancelled while the file was being opened: the body was destroyed before anyone listened.
    if (body.destroyed) fail(context.signal.reason instanceof Error ? context.signal.reason : new Error('aborted'));
  });
}
