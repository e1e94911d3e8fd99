/** An error a user can act on: the message names the input or condition and the fix. */
export class SolsticeError extends Error {
  override name = 'SolsticeError';
}

/** Raised when the job is cancelled (SIGINT/SIGTERM or an abort signal). */
export class CancelledError extends SolsticeError {
  override name = 'CancelledError';
  constructor(message = 'The job was cancelled.') {
    super(message);
  }
}

/** Throws CancelledError if the signal has fired; used between stages. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
