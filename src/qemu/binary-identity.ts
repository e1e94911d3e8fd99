import { stat } from 'node:fs/promises';
import { programPath } from '../core/program-search.js';

/**
 * The program `name` as Solstice runs it (program-search.ts), identified by path, size and modification
 * time: what an upgrade changes. A stat, where running `<qemu> --version` costs 0.1–0.5 s on the way to
 * every start.
 */
export async function binaryIdentity(name: string): Promise<string> {
  const path = programPath(name);
  const found = path ? await stat(path).catch(() => undefined) : undefined;
  if (path && found?.isFile()) return `${path} ${found.size} ${Math.trunc(found.mtimeMs)}`;
  // Starting it will fail with the error that says what to install (vm-process.ts).
  return `${name} (not on PATH)`;
}
