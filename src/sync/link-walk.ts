import { lstat, readlink } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** Links followed in one resolution before it counts as a loop (Linux's own limit). */
const MAX_LINK_HOPS = 40;

/**
 * Whether a symlink at `linkPath` (relative to `root`, below real directories) pointing to `target`
 * leads out of `root`, resolved the way the kernel will: component by component, following every
 * symlink it meets in the tree as it is now (earlier members of the same archive included). Each link's
 * own text may look inside (`sub/d -> ..`, then `sub/x -> d/..`) while the chain leads out, so the text
 * alone proves nothing. A walk that steps above the root at any point leads out, even if it comes back;
 * an absolute target always does; so does a loop.
 */
export async function leadsOutOfRoot(root: string, linkPath: string, target: string): Promise<boolean> {
  if (isAbsolute(target)) return true;
  const at = linkPath.split('/').slice(0, -1);
  const pending = target.split('/');
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (at.length === 0) return true;
      at.pop();
      continue;
    }
    const here = join(root, ...at, part);
    if ((await lstat(here).catch(() => undefined))?.isSymbolicLink()) {
      if (++hops > MAX_LINK_HOPS) return true;
      const next = await readlink(here);
      if (isAbsolute(next)) return true;
      pending.unshift(...next.split('/'));
      continue;
    }
    at.push(part);
  }
  return false;
}
