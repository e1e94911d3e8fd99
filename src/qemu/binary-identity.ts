import { stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * The program `name` as PATH finds it, identified by path, size and modification time: what an
 * upgrade changes. A stat, where running `<qemu> --version` costs 0.1–0.5 s on the way to every start.
 */
export async function binaryIdentity(name: string): Promise<string> {
  for (const directory of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    const path = join(directory, name);
    const found = await stat(path).catch(() => undefined);
    if (found?.isFile()) return `${path} ${found.size} ${Math.trunc(found.mtimeMs)}`;
  }
  // Starting it will fail with the error that says what to install (vm-process.ts).
  return `${name} (not on PATH)`;
}
