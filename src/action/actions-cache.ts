/**
 * Images in the Actions cache, for runners whose local cache does not outlive the job (GitHub-hosted,
 * ephemeral): the image stage asks for a copy before it downloads, and verifies what it gets like a
 * download; the post step saves what the job downloaded, after a successful job only. Also whether a
 * job uses the Actions cache at all (for images and templates alike).
 *
 * An entry holds one file, `<cache-dir>/actions-cache/<algorithm>-<hex>.img`, under the key
 * `solstice-image-v1-<algorithm>-<hex>`: the same path in every job (the service keys entries by their
 * paths too), moved into the local cache once restored (linked there to save it).
 */
import { link, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { Digest } from '../core/vocabulary.js';
import type { InputValues } from '../config/inputs.js';
import type { RemoteImageStore } from '../image/types.js';
import { ActionsCacheTenant, saveEntry, saveRefused, serviceAvailable, type Transfer } from './actions-cache-client.js';
import { ActionsTemplateCache } from './actions-cache-templates.js';

/** The `cache` input's choices (the inputs table lists them). */
export type ActionsCacheMode = InputValues['cache'];

/** Bumped when what an entry holds changes: an older entry is then never restored. */
const KEY_PREFIX = 'solstice-image-v1';

/** Whether this job uses the Actions cache, and why (for the log). */
export async function actionsCacheChoice(
  mode: ActionsCacheMode,
  env: Record<string, string | undefined>,
  cacheDir: string,
): Promise<{ use: boolean; why: string }> {
  if (mode === 'local' || mode === 'none') return { use: false, why: `cache is '${mode}'` };
  if (!serviceAvailable()) {
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

/** The image stage's remote store: restores from the Actions cache, remembers what to save. */
export class ActionsImageCache extends ActionsCacheTenant implements RemoteImageStore {
  readonly toSave: ImageToSave[] = [];

  restore(digest: Digest, signal: AbortSignal): Promise<string | undefined> {
    return this.restoreTo(entryPath(this.cacheDir, digest), imageCacheKey(digest), 'downloading the image', signal);
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
  try {
    await mkdir(dirname(entry), { recursive: true, mode: 0o755 });
    await rm(entry, { force: true });
    // A second name for the local cache's image, at the path the entry is restored to: no copy.
    await link(image, entry);
  } catch (error) {
    const why = `the cached image ${image} cannot be used (${(error as Error).message})`;
    return saveRefused({ what: 'The image', key, why, startedAt: Date.now() }, reporter);
  }
  return saveEntry(entry, key, 'The image', reporter);
}

/** The Actions cache's two tenants in one job. */
export interface ActionsCache {
  images: ActionsImageCache;
  templates: ActionsTemplateCache;
}

/**
 * The job's local cache as `cache` asks: cache-dir, or with `none` a directory the runner empties after
 * the job; and the Actions cache when this job uses it (undefined otherwise), said in the log.
 */
export async function jobCaches(
  mode: ActionsCacheMode,
  {
    cacheDir,
    cacheDirGiven,
    tempRoot,
    env,
  }: { cacheDir: string; cacheDirGiven: boolean; tempRoot: string; env: Record<string, string | undefined> },
  reporter: Reporter,
): Promise<{ cacheDir: string; actionsCache: ActionsCache | undefined; removeAfterJob: boolean }> {
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
  const what = 'images and warm-start templates';
  if (use) reporter.info(`Using the Actions cache for ${what}: ${why}.`);
  // Asked for by name and not there: say so. Otherwise staying local is the usual case, not news.
  else if (mode === 'actions') reporter.warning(`Not using the Actions cache for ${what} (cache: actions): ${why}.`);
  else reporter.debug(`Not using the Actions cache for ${what}: ${why}.`);
  const actionsCache = use
    ? { images: new ActionsImageCache(cacheDir, reporter), templates: new ActionsTemplateCache(cacheDir, reporter) }
    : undefined;
  return { cacheDir, actionsCache, removeAfterJob: false };
}
