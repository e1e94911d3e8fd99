import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Inodes of everything below a directory, never through a symlink (readdir's recursive option follows them). */
export async function inodesBelow(directory: string, found = new Set<number>()): Promise<Set<number>> {
  for (const name of await readdir(directory)) {
    const stats = await lstat(join(directory, name));
    found.add(stats.ino);
    if (stats.isDirectory()) await inodesBelow(join(directory, name), found);
  }
  return found;
}
