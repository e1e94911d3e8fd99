/**
 * The image cache as a list, for `solstice images`: what is there, how big, when last used; and removal
 * of an entry under the same lock a download takes, never while a running VM has the image open.
 */
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Digest } from '../core/vocabulary.js';
import { readRecord } from '../store/records.js';
import { removeUnlessBusy, type Removal } from '../store/removal.js';
import { lastUsedAt } from '../store/usage.js';
import { isUrlRecord, usedMarkerPath } from './cache-store.js';

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
      const record = await readRecord(join(root, directory, name), isUrlRecord);
      const path = join(root, directory, `${name.slice(0, -'.json'.length)}.img`);
      if (
        record === undefined ||
        !(await stat(path).then(
          (st) => st.isFile(),
          () => false,
        ))
      )
        continue;
      const fetchedAt = new Date(record.fetchedAt);
      images.push({
        url: record.url,
        path,
        digest: record.digest,
        size: record.size,
        fetchedAt,
        lastUsedAt: await lastUsedAt(usedMarkerPath(path), fetchedAt),
      });
    }
  }
  return images.sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime());
}

/** 'locked': a job is downloading into that directory; 'in-use': a process (QEMU) has the image open. */
export async function removeCachedImage(image: CachedImage): Promise<Removal> {
  const directory = join(image.path, '..');
  const base = image.path.slice(0, -'.img'.length);
  return removeUnlessBusy(directory, [image.path], async () => {
    await Promise.all(
      [image.path, `${base}.json`, usedMarkerPath(image.path)].map((file) => rm(file, { force: true })),
    );
    await rmdir(directory).catch(() => {}); // only when no other entry is left
  });
}
