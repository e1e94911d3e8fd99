/**
 * How a download fails, in words: the errors its steps throw (no room, too large, a failure in passing)
 * and the pure verdict an attempt ends with once everything it held is released.
 */
import { dirname } from 'node:path';
import { CancelledError, SolsticeError, type InputWording } from '../core/errors.js';
import { formatBytes, formatSeconds } from '../core/format.js';

/** Where the cache is full: the fix, naming the input the front end's way. */
const NO_ROOM_HINT = (say: InputWording) =>
  `Free space there, or point ${say.setting('cache-dir')} at a disk with room`;

/**
 * A failure in passing, worth another attempt: the connection failed or ended early, or the server
 * answered 5xx. Not a stall (it already waited stallTimeoutMs), not a 4xx, not a local write failure.
 */
export class TransientDownloadError extends SolsticeError {
  override name = 'TransientDownloadError';
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'AbortError') return 'aborted';
  const parts: string[] = [];
  let cause: unknown = error;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    parts.push(code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message);
    cause = cause.cause;
  }
  return parts.join(': ');
}

/** A write failed for want of room (disk full or quota). */
export function isNoRoom(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The image cache directory has no room: `detail` says how that showed. */
export function noRoomError(dir: string, detail: string, cause?: Error): SolsticeError {
  return new SolsticeError(`The image cache directory ${dir} is full: ${detail}.`, { hint: NO_ROOM_HINT, cause });
}

/** The download is larger than its cap: `size` says how that showed. Final, not retried. */
export function tooLargeError(shown: string, size: string, maxBytes: number): SolsticeError {
  return new SolsticeError(
    `Downloading the image ${shown} failed: ${size}, more than the limit of ${maxBytes} bytes (${formatBytes(maxBytes)}). ` +
      'The download was discarded. If the image really is that large, give its catalog entry a larger maxSize (bytes).',
  );
}

/** How an attempt failed, as known once its file, body and workers are released. */
export interface FailureContext {
  shown: string;
  destination: string;
  /** The caller's signal fired. */
  cancelled: boolean;
  /** Nothing arrived (or was written) for stallTimeoutMs. */
  stalled: boolean;
  stallTimeoutMs: number;
  /** Received. */
  bytes: number;
  /** Announced (Content-Length). */
  expected?: number | undefined;
  /** Opening or writing the destination failed, or the decompressor refused the data. */
  writeError?: NodeJS.ErrnoException | undefined;
  /** The first error the connection's socket saw. */
  socketError?: Error | undefined;
}

/**
 * The error a failed attempt ends with, most telling first: cancelled, stalled, no room, a write
 * failure, one of our own verdicts, or else the connection broke (refused, reset, or closed before the
 * end of the body) — the one kind worth a retry (TransientDownloadError).
 */
export function downloadFailure(error: unknown, context: FailureContext): SolsticeError {
  const { shown, destination, bytes, expected, writeError } = context;
  if (context.cancelled) return new CancelledError(`The download of ${shown} was cancelled.`);
  if (context.stalled) {
    return new SolsticeError(
      `Downloading the image ${shown} stalled: no data arrived for ${formatSeconds(context.stallTimeoutMs)} ` +
        `(after ${formatBytes(bytes)}${expected !== undefined ? ` of ${formatBytes(expected)}` : ''}). ` +
        'The download was aborted; check the server and the network, then try again.',
    );
  }
  if (writeError && isNoRoom(writeError)) {
    const of = expected !== undefined ? ` of ${formatBytes(expected)}` : '';
    const detail = `writing the image ${shown} failed with ${formatBytes(bytes)}${of} received (${writeError.message})`;
    return noRoomError(dirname(destination), detail, writeError);
  }
  if (writeError instanceof SolsticeError) return writeError; // the decompressor's verdict says it all
  if (writeError) {
    return new SolsticeError(`Writing the image ${shown} to ${destination} failed: ${writeError.message}`, {
      cause: writeError,
    });
  }
  if (error instanceof SolsticeError) return error; // our own verdicts, transient or final
  const ended =
    expected !== undefined ? `the connection ended after ${bytes} of ${expected} bytes (Content-Length): ` : '';
  // undici reports a connection lost mid-body as a length mismatch or "other side closed": name what the
  // connection saw (e.g. ECONNRESET), or else say plainly that it closed early.
  const closed = ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_SOCKET'].includes(
    (error as NodeJS.ErrnoException).code ?? '',
  );
  const cause = (closed && context.socketError) || error;
  const why = cause === error && closed ? 'the connection closed before the end of the body' : describeCause(cause);
  return new TransientDownloadError(`Downloading the image ${shown} failed: ${ended}${why}.`, { cause });
}
