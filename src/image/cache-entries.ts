/**
 * The image cache as a list, for `solstice images`: what is there, how big, when last used; and removal
 * of an entry under the same lock a download takes, never while a running VM has the image open.
 */
import { readdir, readlink, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { isUrlRecord, LOCK_STALE_MS, readJson, usedMarkerPath } from './cache-store.js';
import type { Digest } from '../core/vocabulary.js';

export interface CachedImage {
  url: string;
  path: string;
  digest: Digest;
  size: number;
  fetchedAt: Date;
  lastUsedAt: Date;
}

export async function listCachedImages(cacheDir: string): Promise<CachedImage[]> {
  const root = join(cacheDir, 'images');
  const images: CachedImage[] = [];
  for (const directory of await readdir(root).catch(() => [] as string[])) {
    if (directory.endsWith('.lock')) continue;
    for (const name of await readdir(join(root, directory)).catch(() => [] as string[])) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const record = await readJson(join(root, directory, name));
      const path = join(root, directory, `${name.slice(0, -'.json'.length)}.img`);
      if (
        !isUrlRecord(record) ||
        !(await stat(path).then(
          (st) => st.isFile(),
          () => false,
        ))
      )
        continue;
      const fetchedAt = new Date(record.fetchedAt);
      const usedAt = await stat(usedMarkerPath(path)).then(
        (st) => st.mtime,
        () => fetchedAt,
      );
      images.push({
        url: record.url,
        path,
        digest: record.digest,
        size: record.size,
        fetchedAt,
        lastUsedAt: usedAt > fetchedAt ? usedAt : fetchedAt,
      });
    }
  }
  return images.sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime());
}

/** 'locked': a job is downloading into that directory; 'in-use': a process (QEMU) has the image open. */
export async function removeCachedImage(image: CachedImage): Promise<'removed' | 'locked' | 'in-use'> {
  const directory = join(image.path, '..');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(directory, { realpath: false, stale: LOCK_STALE_MS, retries: 0 });
  } catch {
    return 'locked';
  }
  try {
    if (await isOpenByAnyProcess(image.path)) return 'in-use';
    const base = image.path.slice(0, -'.img'.length);
    await Promise.all(
      [image.path, `${base}.json`, usedMarkerPath(image.path)].map((file) => rm(file, { force: true })),
    );
    return 'removed';
  } finally {
    await release();
    await rmdir(directory).catch(() => {}); // only when no other entry is left
  }
}

/** A running VM holds its base image (and a clone its template's disk and RAM) open: found in /proc/<pid>/fd. */
export async function isOpenByAnyProcess(path: string): Promise<boolean> {
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
      if (
        await readlink(`/proc/${pid}/fd/${fd}`).then(
          (target) => target === path,
          () => false,
        )
      )
        return true;
    }
  }
  return false;
}
