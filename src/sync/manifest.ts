import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What is known about one workspace entry, enough to tell whether it changed. */
export interface ManifestEntry {
  type: 'file' | 'dir' | 'symlink';
  size: number;
  mtimeMs: number;
  mode: number;
  target?: string;
}

/** Relative path (with `/`) → entry, for every file, directory and symlink below a root. */
export type Manifest = Record<string, ManifestEntry>;

export async function buildManifest(root: string): Promise<Manifest> {
  const manifest: Manifest = {};
  async function walk(relative: string): Promise<void> {
    for (const name of await readdir(join(root, relative))) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const stats = await lstat(join(root, path));
      if (stats.isSymbolicLink()) {
        manifest[path] = {
          type: 'symlink',
          size: 0,
          mtimeMs: stats.mtimeMs,
          mode: 0,
          target: await readlink(join(root, path)),
        };
      } else if (stats.isDirectory()) {
        manifest[path] = { type: 'dir', size: 0, mtimeMs: 0, mode: stats.mode };
        await walk(path);
      } else if (stats.isFile()) {
        manifest[path] = { type: 'file', size: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode };
      }
    }
  }
  await walk('');
  return manifest;
}

export interface ManifestChanges {
  /** New or modified entries, parents before children. */
  changed: string[];
  /** Entries that no longer exist (a removed directory is listed once, not its contents). */
  removed: string[];
}

export function diffManifests(before: Manifest, after: Manifest): ManifestChanges {
  const changed = Object.keys(after)
    .filter((path) => !sameEntry(before[path], after[path]!))
    .sort();
  const gone = Object.keys(before)
    .filter((path) => !(path in after))
    .sort();
  const removed = gone.filter((path) => !gone.some((other) => path.startsWith(`${other}/`)));
  return { changed, removed };
}

function sameEntry(a: ManifestEntry | undefined, b: ManifestEntry): boolean {
  return (
    a !== undefined &&
    a.type === b.type &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.mode === b.mode &&
    a.target === b.target
  );
}
