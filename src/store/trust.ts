/**
 * Whom the cache trusts: files and directories this user owns, that no other user can write, and that
 * are not symbolic links. A stamp or a record only detects accidents (whoever can write the cache can
 * forge both), so anything else is refused; a shared cache still trusts every writer with our uid.
 */
import type { BigIntStats, Stats } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { ownershipProblem, WRITABLE_BY_OTHERS } from '../core/ownership.js';

/** Why a cache path (its lstat) may have been written by another user, as "<path> <problem>", or undefined. */
export function untrustedPath(path: string, st: Stats | BigIntStats): string | undefined {
  const problem = ownershipProblem(st, WRITABLE_BY_OTHERS);
  return problem === undefined ? undefined : `${path} ${problem}`;
}

export type PathTrust = { path: string; missing: true } | { path: string; missing: false; untrusted: string };

/** The first of `paths` that is missing or that another user could have written; undefined when all are ours. */
export async function firstDistrusted(paths: readonly string[]): Promise<PathTrust | undefined> {
  for (const path of paths) {
    const st = await lstat(path, { bigint: true }).catch(() => undefined);
    if (st === undefined) return { path, missing: true };
    const untrusted = untrustedPath(path, st);
    if (untrusted !== undefined) return { path, missing: false, untrusted };
  }
  return undefined;
}

/**
 * Creates a cache directory (and its parents) with an explicit mode: under a umask such as 002 it would
 * be group-writable, and then refused.
 */
export async function makeOwnDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
}
