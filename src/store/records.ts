/**
 * The cache's records: JSON files written whole or not at all (a temporary file renamed into place, so a
 * reader never sees half a record), and read back only when their shape checks.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/** The record at `file` when it has the shape `isValid` checks, else undefined (missing, foreign, unreadable). */
export async function readRecord<T>(file: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined; // missing, half-written by a foreign tool, or unreadable: not a record
  }
  return isValid(value) ? value : undefined;
}

export async function writeRecord(file: string, value: unknown): Promise<void> {
  const temp = `${file}${TEMP_INFIX}${randomBytes(6).toString('hex')}`;
  try {
    // Explicit mode: under a umask such as 002 the record would be group-writable, and then refused.
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

const TEMP_INFIX = '.tmp-';

/** A temporary record a crashed writer left (removed by whoever holds the directory's lock). */
export function isTemporaryRecord(name: string): boolean {
  return name.includes(TEMP_INFIX);
}
