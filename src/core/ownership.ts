import type { BigIntStats, Stats } from 'node:fs';

/** Mode bits that let other users change a file, or add, remove and rename a directory's entries. */
export const WRITABLE_BY_OTHERS = 0o022;
/** Mode bits that let other users in at all (read, write, or enter a directory). */
export const OPEN_TO_OTHERS = 0o077;

/**
 * Why a path (its lstat) is not something only this user could have written, or undefined: a
 * symbolic link (it may point anywhere), another owner, or any of `deniedBits` set in its mode.
 */
export function ownershipProblem(st: Stats | BigIntStats, deniedBits: number): string | undefined {
  if (st.isSymbolicLink()) return 'is a symbolic link';
  const [owner, uid, bits] = [Number(st.uid), process.getuid!(), Number(st.mode) & 0o7777];
  if (owner !== uid) return `is owned by uid ${owner}, not by uid ${uid} (the user running Solstice)`;
  const mode = bits.toString(8).padStart(4, '0');
  if ((bits & deniedBits & WRITABLE_BY_OTHERS) !== 0) return `is writable by other users (mode ${mode})`;
  if ((bits & deniedBits) !== 0) return `is open to other users (mode ${mode})`;
  return undefined;
}
