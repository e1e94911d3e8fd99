import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Where Solstice finds the programs it runs on the runner (tar, qemu-img, QEMU, the decompressors).
 * Copy-back writes what the guest sent into the workspace, and the runner's PATH may name a directory in
 * it (`$GITHUB_WORKSPACE/bin`, or an empty entry, which means the working directory: the workspace). A
 * guest's `bin/tar` must never run on the runner at the next sync, so PATH entries that are relative or
 * lie inside a distrusted directory (the workspace, the job's directory) are skipped, and each program is
 * resolved once to an absolute path.
 */
const distrusted = new Set<string>();
const resolved = new Map<string, string | undefined>();

/** Programs are never found below these directories (nor below where they really are). */
export function distrustForPrograms(...directories: string[]): void {
  for (const directory of directories) {
    distrusted.add(directory);
    distrusted.add(realOrSelf(directory));
  }
  resolved.clear();
}

/** Forgets where programs were (and were not) found: after installing some, they are looked for again. */
export function forgetProgramPaths(): void {
  resolved.clear();
}

/** PATH without relative entries and without entries inside a distrusted directory. */
export function trustedSearchPath(path = process.env['PATH'] ?? ''): string {
  return path
    .split(delimiter)
    .filter((entry) => isAbsolute(entry) && !isDistrusted(entry) && !isDistrusted(realOrSelf(entry)))
    .join(delimiter);
}

/** The absolute path of `name` on the trusted PATH, or undefined when it is not installed there. */
export function programPath(name: string): string | undefined {
  if (!resolved.has(name)) resolved.set(name, findProgram(name));
  return resolved.get(name);
}

/** What to spawn for `name`: its absolute path, or the bare name (spawn then fails with ENOENT on the trusted PATH). */
export function program(name: string): string {
  return programPath(name) ?? name;
}

function findProgram(name: string): string | undefined {
  for (const directory of trustedSearchPath().split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function isDistrusted(path: string): boolean {
  for (const directory of distrusted) {
    const rest = relative(directory, path);
    if (rest === '' || (!rest.startsWith(`..${sep}`) && rest !== '..' && !isAbsolute(rest))) return true;
  }
  return false;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
