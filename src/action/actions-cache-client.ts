/**
 * The only module that talks to the Actions cache service (@actions/cache): one entry restored or saved
 * at a time, each with a deadline, none able to fail the job. Its tenants decide what an entry holds:
 * images (actions-cache.ts) and warm-start templates (actions-cache-templates.ts). The service also keys
 * entries by their paths, so a tenant's path must be the same in every job of the runner.
 */
import * as cache from '@actions/cache';
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CancelledError } from '../core/errors.js';
import { formatBytes, formatSeconds } from '../core/format.js';
import type { Reporter } from '../core/reporter.js';

/** A restore or save that has not ended by then is given up (the job downloads or builds, or does not save). */
const RESTORE_DEADLINE_MS = 15 * 60_000;
const SAVE_DEADLINE_MS = 15 * 60_000;
/** A lookup moves no archive: a service that has not answered by then is taken as having no entry. */
const LOOKUP_DEADLINE_MS = 60_000;

/** One restore or save, for the log and the job summary. */
export interface Transfer {
  key: string;
  outcome: 'restored' | 'missed' | 'failed' | 'saved' | 'not saved';
  bytes?: number;
  ms: number;
}

/** Whether the runner offers the service at all (the variables the runner sets for it). */
export function serviceAvailable(): boolean {
  return cache.isFeatureAvailable();
}

/**
 * Restores the entry under `key` to `path` (a file or a directory, removed first). `instead` ends the log
 * lines when nothing usable comes ("downloading the image"). A cancel is thrown; anything else is a
 * transfer that says what happened.
 */
async function restoreEntry(
  path: string,
  key: string,
  { instead, reporter, signal }: { instead: string; reporter: Reporter; signal: AbortSignal },
): Promise<Transfer> {
  const startedAt = Date.now();
  let found: string | undefined;
  try {
    await rm(path, { recursive: true, force: true });
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
    found = await withDeadline(
      inPrivateTemp(() => cache.restoreCache([path], key)),
      RESTORE_DEADLINE_MS,
      signal,
    );
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    reporter.warning(`Restoring ${key} from the Actions cache failed (${(error as Error).message}); ${instead}.`);
    return { key, outcome: 'failed', ms: Date.now() - startedAt };
  }
  const ms = Date.now() - startedAt;
  const bytes = found === undefined ? undefined : await sizeOf(path);
  if (bytes === undefined) {
    // A miss, or a restore the client gave up on (it says why in the lines above).
    reporter.info(`Nothing restored for ${key} from the Actions cache (${formatSeconds(ms)}): ${instead}.`);
    return { key, outcome: 'missed', ms };
  }
  reporter.info(`Restored ${key} from the Actions cache: ${formatBytes(bytes)} in ${formatSeconds(ms)}; checking it.`);
  return { key, outcome: 'restored', bytes, ms };
}

/**
 * Saves `path` under `key` (the post step, after a successful job). A refused or failed save (quota, rate
 * limit, network) is a warning naming `what`; a concurrent job having saved the same key is no reason to warn.
 */
export async function saveEntry(path: string, key: string, what: string, reporter: Reporter): Promise<Transfer> {
  const startedAt = Date.now();
  const notSaved = (why: string) => saveRefused({ what, key, why, startedAt }, reporter);
  try {
    const bytes = await sizeOf(path);
    if (bytes === undefined) return notSaved(`${path} is gone`);
    const id = await withDeadline(
      inPrivateTemp(() => cache.saveCache([path], key)),
      SAVE_DEADLINE_MS,
    );
    if (id !== -1) {
      const ms = Date.now() - startedAt;
      reporter.info(`Saved ${key} in the Actions cache: ${formatBytes(bytes)} in ${formatSeconds(ms)}.`);
      return { key, outcome: 'saved', bytes, ms };
    }
    if (await entryExists(path, key)) {
      reporter.info(`${key} is in the Actions cache already (another job saved it).`);
      return { key, outcome: 'saved', ms: Date.now() - startedAt };
    }
    return notSaved('the cache service refused it (see the lines above)');
  } catch (error) {
    return notSaved((error as Error).message);
  } finally {
    await rm(path, { recursive: true, force: true }).catch(() => {});
  }
}

/** What both tenants share: where their entries go, the log, and the restores of the job (for the summary). */
export abstract class ActionsCacheTenant {
  readonly name = 'the Actions cache';
  readonly restores: Transfer[] = [];

  constructor(
    protected readonly cacheDir: string,
    protected readonly reporter: Reporter,
  ) {}

  /** Restores `key` to `path`: the path when something came (unchecked), else undefined (the reason is logged). */
  protected async restoreTo(
    path: string,
    key: string,
    instead: string,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const transfer = await restoreEntry(path, key, { instead, reporter: this.reporter, signal });
    this.restores.push(transfer);
    return transfer.outcome === 'restored' ? path : undefined;
  }
}

/** A save that did not happen, as a warning (the job is not affected) and a transfer for the summary. */
export function saveRefused(
  { what, key, why, startedAt }: { what: string; key: string; why: string; startedAt: number },
  reporter: Reporter,
): Transfer {
  reporter.warning(`${what} was not saved in the Actions cache as ${key}: ${why}. The job is not affected.`);
  return { key, outcome: 'not saved', ms: Date.now() - startedAt };
}

/** Whether the service holds an entry under `key` for `path` (a lookup, nothing downloaded); false when it cannot say. */
export async function entryExists(path: string, key: string): Promise<boolean> {
  try {
    const found = await withDeadline(cache.restoreCache([path], key, [], { lookupOnly: true }), LOOKUP_DEADLINE_MS);
    return found === key;
  } catch {
    return false;
  }
}

/** Bytes of a file, or of the files directly in a directory; undefined when there is nothing. */
async function sizeOf(path: string): Promise<number | undefined> {
  const st = await lstat(path).catch(() => undefined);
  if (st === undefined) return undefined;
  if (!st.isDirectory()) return st.size;
  let bytes = 0;
  for (const name of await readdir(path)) bytes += (await lstat(join(path, name))).size;
  return bytes;
}

/**
 * Runs a client call with RUNNER_TEMP set to a directory of our own, removed afterwards: the client makes
 * a directory there for each archive and removes only the archive. Calls never overlap (restores one after
 * another in main, saves one after another in post), and nothing else reads RUNNER_TEMP meanwhile.
 */
async function inPrivateTemp<T>(call: () => Promise<T>): Promise<T> {
  const runnerTemp = process.env['RUNNER_TEMP'];
  const temp = await mkdtemp(join(runnerTemp || tmpdir(), 'solstice-actions-cache-'));
  process.env['RUNNER_TEMP'] = temp;
  try {
    return await call();
  } finally {
    if (runnerTemp === undefined) delete process.env['RUNNER_TEMP'];
    else process.env['RUNNER_TEMP'] = runnerTemp;
    await rm(temp, { recursive: true, force: true });
  }
}

/** `work`, unless it takes longer than `ms` (an error) or `signal` fires first (CancelledError). */
async function withDeadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${formatSeconds(ms)}`)), ms);
        onAbort = () => reject(new CancelledError());
        if (signal?.aborted) onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** The Actions cache's part of the job summary: each restore or save, its size and time. */
export function transfersMarkdown(transfers: readonly Transfer[]): string {
  if (transfers.length === 0) return '';
  const rows = transfers.map(({ key, outcome, bytes, ms }) => {
    const size = bytes === undefined ? '' : formatBytes(bytes);
    return `| \`${key}\` | ${outcome} | ${size} | ${formatSeconds(ms)} |`;
  });
  return ['', '**Actions cache**', '', '| key | | size | time |', '|---|---|---|---|', ...rows, ''].join('\n');
}
