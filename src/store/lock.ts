/**
 * The cache's one lock protocol, shared by its tenants (an image's entry directory, a template's key):
 * a proper-lockfile lock on a directory ("<dir>.lock"), refreshed while held and taken over when its
 * holder stopped refreshing it (a crashed job). Whoever waits says so once; losing the lock stops the
 * work done under it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { CancelledError, SolsticeError, throwIfCancelled } from '../core/errors.js';
import { formatSeconds } from '../core/format.js';
import type { Reporter } from '../core/reporter.js';

/** A lock not refreshed for this long belongs to a crashed holder and is taken over. */
export const LOCK_STALE_MS = 30_000;
/** The holder refreshes the lock's mtime this often. */
const LOCK_UPDATE_MS = 5_000;

export type Release = () => Promise<void>;

export interface LockOptions {
  /** What the holder does, for messages: "downloading <url> into the image cache". */
  activity: string;
  reporter: Reporter;
  signal: AbortSignal | undefined;
  /** How long to wait for another holder. */
  timeoutMs: number;
}

export interface LockRequest extends LockOptions {
  /** The lock was lost (not refreshed in time, or taken over): what we do under it must stop. */
  onCompromised: (error: Error) => void;
}

/** Takes the lock on a cache directory, waiting (with a line saying so) while another job holds it. */
export async function acquireLock(dir: string, lock: LockRequest): Promise<Release> {
  const { activity, reporter, signal, timeoutMs, onCompromised } = lock;
  const deadline = Date.now() + timeoutMs;
  let wait = 100;
  let announced = false;
  for (;;) {
    throwIfCancelled(signal);
    try {
      return await lockfile.lock(dir, {
        realpath: false,
        stale: LOCK_STALE_MS,
        update: LOCK_UPDATE_MS,
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new SolsticeError(`Cannot lock the cache directory ${dir}: ${(error as Error).message}`);
      }
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new SolsticeError(
        `Timed out after ${formatSeconds(timeoutMs)} waiting for another job to finish ${activity} ` +
          `(lock ${dir}.lock). If no job is running, remove that lock directory.`,
      );
    }
    if (!announced) {
      announced = true;
      reporter.info(`Another job is ${activity}; waiting for it.`);
    }
    try {
      await sleep(Math.min(wait, remaining), undefined, signal ? { signal } : {});
    } catch {
      throw new CancelledError();
    }
    wait = Math.min(Math.round(wait * 1.5), 2_000);
  }
}

/**
 * Runs `fn` holding the lock on `dir` (lima's WithDirLock). `fn` gets a signal that fires when the
 * caller cancels or the lock is lost; a lost lock then fails the work with an error naming `dir`, a
 * cancel with CancelledError.
 */
export async function withLock<T>(
  dir: string,
  options: LockOptions & {
    /** What `dir` is, for the lost-lock error: "image cache directory". */
    dirKind: string;
  },
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { signal, dirKind, ...lock } = options;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let lockLost: SolsticeError | undefined;
  const onCompromised = (error: Error): void => {
    lockLost = new SolsticeError(
      `Lost the lock on the ${dirKind} ${dir} (${error.message}); another job may have taken it over. Try again.`,
    );
    controller.abort();
  };
  try {
    const release = await acquireLock(dir, { ...lock, signal, onCompromised });
    try {
      return await fn(controller.signal);
    } catch (error) {
      if (lockLost) throw lockLost;
      if (signal?.aborted && !(error instanceof CancelledError)) throw new CancelledError();
      throw error;
    } finally {
      await release().catch(() => {}); // already released when compromised
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The lock on `dir` if no one holds it now (no waiting), for a removal that skips what is busy. */
export async function tryLock(dir: string): Promise<Release | undefined> {
  try {
    return await lockfile.lock(dir, { realpath: false, stale: LOCK_STALE_MS, retries: 0 });
  } catch {
    return undefined;
  }
}
