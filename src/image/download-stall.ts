/**
 * The stall deadline of one attempt: it covers connecting, the headers and the body alike (undici's own
 * timeouts are off), and both received and written bytes count as activity, since a slow disk is not a
 * stalled server.
 */
import type { DownloadContext } from './download-context.js';

export interface StallWatch {
  /** The deadline passed and the attempt was aborted. */
  readonly stalled: boolean;
  /** Ends the watch (the attempt is over). */
  stop(): void;
}

/**
 * Aborts `controller` with "stalled" once nothing happened for stallTimeoutMs since
 * `context.lastActivity`; checks again only when the deadline could have passed.
 */
export function watchStall(context: DownloadContext, controller: AbortController): StallWatch {
  const { stallTimeoutMs } = context.options;
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
  return {
    get stalled() {
      return stalled;
    },
    stop: () => clearTimeout(stallTimer),
  };
}
