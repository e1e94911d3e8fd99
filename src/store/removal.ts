/**
 * Removing an entry on request (`solstice images prune`): under the lock its writers take, without
 * waiting for it, and never while a running VM has one of its files open.
 */
import { tryLock } from './lock.js';
import { isOpenByAnyProcess } from './usage.js';

/** 'locked': a job is writing that directory; 'in-use': a process (QEMU) has one of the files open. */
export type Removal = 'removed' | 'locked' | 'in-use';

/** Takes the lock on `dir` and, unless one of `openFiles` is open, runs `remove`. */
export async function removeUnlessBusy(
  dir: string,
  openFiles: readonly string[],
  remove: () => Promise<void>,
): Promise<Removal> {
  const release = await tryLock(dir);
  if (release === undefined) return 'locked';
  try {
    for (const file of openFiles) if (await isOpenByAnyProcess(file)) return 'in-use';
    await remove();
    return 'removed';
  } finally {
    await release();
  }
}
