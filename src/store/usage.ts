/**
 * Whether a cache entry is used: when last (a marker file touched by each use, since touching the entry
 * itself would change its stamp), and whether right now (a running VM holds its files open).
 */
import { readdir, readlink, stat, writeFile } from 'node:fs/promises';

export async function markUsed(marker: string): Promise<void> {
  await writeFile(marker, '').catch(() => {}); // a read-only shared cache still serves hits
}

/** The marker's time, or `since` (when the entry was made) if it is later or there is no marker. */
export async function lastUsedAt(marker: string, since: Date): Promise<Date> {
  const usedAt = await stat(marker).then(
    (st) => st.mtime,
    () => since,
  );
  return usedAt > since ? usedAt : since;
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
