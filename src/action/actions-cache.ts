/**
 * Images in the Actions cache (@actions/cache), for runners whose local cache does not outlive the job
 * (GitHub-hosted, ephemeral): the image stage asks for a copy before it downloads, and verifies what it
 * gets like a download; the post step saves what the job downloaded, after a successful job only. The
 * only module that talks to the cache service.
 *
 * An entry holds one file, `<cache-dir>/actions-cache/<algorithm>-<hex>.img`, under the key
 * `solstice-image-v1-<algorithm>-<hex>`: the service also keys entries by their paths, so the path is the
 * same in every job, and the file is moved into the local cache once restored (linked there to save it).
 */
import * as cache from '@actions/cache';
import { link, lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CancelledError, InputError } from '../core/errors.js';
import { formatBytes, formatSeconds } from '../core/format.js';
import type { Reporter } from '../core/reporter.js';
import type { Digest } from '../core/vocabulary.js';
import type { InputValues } from '../config/inputs.js';
import type { RemoteImageStore } from '../image/types.js';

/** The `cache` input's choices (the inputs table lists them). */
export type ActionsCacheMode = InputValues['cache'];

/** Bumped when what an entry holds changes: an older entry is then never restored. */
const KEY_PREFIX = 'solstice-image-v1';
/** A restore or save that has not ended by then is given up (the image is downloaded, or not saved). */
const RESTORE_DEADLINE_MS = 15 * 60_000;
const SAVE_DEADLINE_MS = 15 * 60_000;

/** Whether this job uses the Actions cache, and why (for the log). */
export async function actionsCacheChoice(
  mode: ActionsCacheMode,
  env: Record<string, string | undefined>,
  cacheDir: string,
): Promise<{ use: boolean; why: string }> {
  if (mode === 'local' || mode === 'none') return { use: false, why: `cache is '${mode}'` };
  if (!cache.isFeatureAvailable()) {
    return {
      use: false,
      why: 'the runner offers no Actions cache service (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL)',
    };
  }
  if (mode === 'actions') return { use: true, why: "cache is 'actions'" };
  if (env['RUNNER_ENVIRONMENT'] === 'github-hosted') {
    return { use: true, why: 'a GitHub-hosted runner keeps no cache between jobs' };
  }
  // A self-hosted runner does not say whether it is ephemeral; an empty image cache is how a fresh pod
  // or machine looks (on a lasting runner that is only its first job).
  const images = await readdir(join(cacheDir, 'images')).catch(() => []);
  return images.length === 0
    ? { use: true, why: 'the local image cache is empty (a fresh or ephemeral runner)' }
    : { use: false, why: 'the local image cache has images (a lasting runner)' };
}

export function imageCacheKey(digest: Digest): string {
  return `${KEY_PREFIX}-${digest.algorithm}-${digest.hex}`;
}

function entryPath(cacheDir: string, digest: Digest): string {
  return join(cacheDir, 'actions-cache', `${digest.algorithm}-${digest.hex}.img`);
}

/** What the post step saves: the local cache's image, under its key, from its entry path. */
export interface ImageToSave {
  key: string;
  image: string;
  entry: string;
}

export function isImageToSave(value: unknown): value is ImageToSave {
  const v = value as Partial<ImageToSave> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.key === 'string' &&
    v.key.startsWith(`${KEY_PREFIX}-`) &&
    typeof v.image === 'string' &&
    typeof v.entry === 'string'
  );
}

/** One restore or save, for the log and the job summary. */
export interface Transfer {
  key: string;
  outcome: 'restored' | 'missed' | 'failed' | 'saved' | 'not saved';
  bytes?: number;
  ms: number;
}

/** The image stage's remote store: restores from the Actions cache, remembers what to save. */
export class ActionsImageCache implements RemoteImageStore {
  readonly name = 'the Actions cache';
  readonly restores: Transfer[] = [];
  readonly toSave: ImageToSave[] = [];

  constructor(
    private readonly cacheDir: string,
    private readonly reporter: Reporter,
  ) {}

  async restore(digest: Digest, signal: AbortSignal): Promise<string | undefined> {
    const key = imageCacheKey(digest);
    const path = entryPath(this.cacheDir, digest);
    const startedAt = Date.now();
    let found: string | undefined;
    // Nothing here may fail the job: without a copy, the image is downloaded.
    try {
      await rm(path, { force: true });
      await mkdir(dirname(path), { recursive: true, mode: 0o755 });
      found = await withDeadline(
        inPrivateTemp(() => cache.restoreCache([path], key)),
        RESTORE_DEADLINE_MS,
        signal,
      );
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      this.restores.push({ key, outcome: 'failed', ms: Date.now() - startedAt });
      this.reporter.warning(
        `Restoring ${key} from the Actions cache failed (${(error as Error).message}); downloading the image.`,
      );
      return undefined;
    }
    const ms = Date.now() - startedAt;
    const bytes = found === undefined ? undefined : (await lstat(path).catch(() => undefined))?.size;
    if (bytes === undefined) {
      // A miss, or a restore the client gave up on (it says why in the lines above).
      this.restores.push({ key, outcome: 'missed', ms });
      this.reporter.info(
        `Nothing restored for ${key} from the Actions cache (${formatSeconds(ms)}): downloading the image.`,
      );
      return undefined;
    }
    this.restores.push({ key, outcome: 'restored', bytes, ms });
    this.reporter.info(
      `Restored ${key} from the Actions cache: ${formatBytes(bytes)} in ${formatSeconds(ms)}; verifying it.`,
    );
    return path;
  }

  stored({ path, digest }: { path: string; digest: Digest }): void {
    this.toSave.push({ key: imageCacheKey(digest), image: path, entry: entryPath(this.cacheDir, digest) });
  }
}

/**
 * Saves each image under its key (the post step, after a successful job). Nothing here fails the job:
 * a refused or failed save (quota, rate limit, network) is a warning.
 */
export async function saveImages(images: readonly ImageToSave[], reporter: Reporter): Promise<Transfer[]> {
  const saves: Transfer[] = [];
  for (const image of images) saves.push(await saveImage(image, reporter));
  return saves;
}

async function saveImage({ key, image, entry }: ImageToSave, reporter: Reporter): Promise<Transfer> {
  const startedAt = Date.now();
  const notSaved = (why: string): Transfer => {
    reporter.warning(`The image was not saved in the Actions cache as ${key}: ${why}. The job is not affected.`);
    return { key, outcome: 'not saved', ms: Date.now() - startedAt };
  };
  let bytes: number;
  try {
    bytes = (await lstat(image)).size;
    await mkdir(dirname(entry), { recursive: true, mode: 0o755 });
    await rm(entry, { force: true });
    // A second name for the local cache's image, at the path the entry is restored to: no copy.
    await link(image, entry);
  } catch (error) {
    return notSaved(`the cached image ${image} cannot be used (${(error as Error).message})`);
  }
  try {
    const id = await withDeadline(
      inPrivateTemp(() => cache.saveCache([entry], key)),
      SAVE_DEADLINE_MS,
    );
    if (id !== -1) {
      const ms = Date.now() - startedAt;
      reporter.info(`Saved ${key} in the Actions cache: ${formatBytes(bytes)} in ${formatSeconds(ms)}.`);
      return { key, outcome: 'saved', bytes, ms };
    }
    // The client says why in the log; a concurrent job saving the same image is no reason to warn.
    if ((await withDeadline(cache.restoreCache([entry], key, [], { lookupOnly: true }), SAVE_DEADLINE_MS)) === key) {
      reporter.info(`${key} is in the Actions cache already (another job saved it).`);
      return { key, outcome: 'saved', ms: Date.now() - startedAt };
    }
    return notSaved('the cache service refused it (see the lines above)');
  } catch (error) {
    return notSaved((error as Error).message);
  } finally {
    await rm(entry, { force: true }).catch(() => {});
  }
}

/**
 * Runs a client call with RUNNER_TEMP set to a directory of our own, removed afterwards: the client makes
 * a directory there for each archive and removes only the archive. Calls never overlap (one restore in
 * main, saves one after another in post), and nothing else reads RUNNER_TEMP meanwhile.
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

/**
 * The job's image cache as `cache` asks: cache-dir, or with `none` a directory the runner empties after
 * the job; and the Actions cache when this job uses it (undefined otherwise), said in the log.
 */
export async function jobImageCaches(
  mode: ActionsCacheMode,
  {
    cacheDir,
    cacheDirGiven,
    tempRoot,
    env,
  }: { cacheDir: string; cacheDirGiven: boolean; tempRoot: string; env: Record<string, string | undefined> },
  reporter: Reporter,
): Promise<{ cacheDir: string; actionsCache: ActionsImageCache | undefined; removeAfterJob: boolean }> {
  if (mode === 'none') {
    if (cacheDirGiven) {
      throw new InputError([
        {
          input: 'cache',
          problem: "is 'none', which keeps no cache, yet cache-dir is set",
          hint: "remove cache-dir, or set cache to 'local'",
        },
      ]);
    }
    return { cacheDir: join(tempRoot, 'solstice-cache'), actionsCache: undefined, removeAfterJob: true };
  }
  const { use, why } = await actionsCacheChoice(mode, env, cacheDir);
  if (use) reporter.info(`Using the Actions cache for images: ${why}.`);
  // Asked for by name and not there: say so. Otherwise staying local is the usual case, not news.
  else if (mode === 'actions') reporter.warning(`Not using the Actions cache for images (cache: actions): ${why}.`);
  else reporter.debug(`Not using the Actions cache for images: ${why}.`);
  return { cacheDir, actionsCache: use ? new ActionsImageCache(cacheDir, reporter) : undefined, removeAfterJob: false };
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
