import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  symlink,
  unlink,
} from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Puts what a guest sent back into the workspace. The guest's archive was unpacked by tar into an
 * empty staging directory (where tar's own rules keep every member inside it); from there each entry is
 * moved in from Node, under rules tar cannot apply to a directory that already holds links:
 * - every parent of a member must be a real directory inside the workspace (lstat, never followed),
 *   so a symlink from the repository or an earlier step (`up -> ../..`) is never written through;
 * - only regular files, directories and symlinks that resolve inside the workspace; hard links,
 *   devices, FIFOs and sockets are refused;
 * - files end 0644 or 0755 (the owner's exec bit kept), directories 0755: no setuid, setgid, or
 *   group/world write; the workspace root itself is never changed;
 * - members `include` (the copy-back patterns) does not accept, or that were not asked for, are refused.
 * Refused members are reported by path and reason; the rest is applied.
 */

export interface Refusal {
  path: string;
  reason: string;
}

export interface MoveResult {
  moved: number;
  refused: Refusal[];
}

export interface StagedCopyBack {
  /** Where tar unpacked the guest's archive (inside the private job directory). */
  staging: string;
  workspace: string;
  /** The entries asked of the guest's tar; a directory not among them is only a parent of members. */
  requested: ReadonlySet<string>;
  /** The copy-back patterns. */
  include: (path: string) => boolean;
}

export async function moveStagedIntoWorkspace({
  staging,
  workspace,
  requested,
  include,
}: StagedCopyBack): Promise<MoveResult> {
  const root = await realpath(workspace);
  const result: MoveResult = { moved: 0, refused: [] };
  const refuse = (path: string, reason: string) => result.refused.push({ path, reason });

  async function walk(directory: string): Promise<void> {
    const names = (await readdir(join(staging, directory))).sort();
    for (const name of names) {
      const path = directory === '' ? name : `${directory}/${name}`;
      const staged = join(staging, path);
      const stats = await lstat(staged);
      const member = requested.has(path) && include(path);
      if (stats.isDirectory()) {
        // A directory tar made only as a parent of members is created as needed, never replaces anything.
        if (member) {
          const problem = await placeDirectory(root, path);
          if (problem) refuse(path, problem);
          else result.moved++;
        }
        await walk(path);
        continue;
      }
      if (!member) {
        refuse(path, include(path) ? 'not one of the entries asked for' : 'not selected by copy-back');
        continue;
      }
      const problem = stats.isFile()
        ? stats.nlink > 1
          ? 'a hard link'
          : await placeFile(root, path, staged, stats.mode)
        : stats.isSymbolicLink()
          ? await placeSymlink(root, path, await readlink(staged))
          : `a ${typeName(stats)}, which copy-back never creates`;
      if (problem) refuse(path, problem);
      else result.moved++;
    }
  }
  await walk('');
  return result;
}

/**
 * Removes `path` from the workspace (the guest deleted it). Only through real directories: a path
 * below a symlink is left alone (it is not the workspace's own entry any more). Returns whether it did.
 */
export async function removeFromWorkspace(workspace: string, path: string): Promise<boolean> {
  const root = await realpath(workspace);
  if ((await parentProblem(root, path, false)) !== undefined) return false;
  await rm(join(root, path), { recursive: true, force: true });
  return true;
}

/** Why `path`'s parents cannot hold a member, or undefined; missing parents are created when `create`. */
async function parentProblem(root: string, path: string, create: boolean): Promise<string | undefined> {
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return 'not a plain relative path';
  for (let depth = 1; depth < parts.length; depth++) {
    const parent = parts.slice(0, depth).join('/');
    const stats = await lstat(join(root, parent)).catch(() => undefined);
    if (!stats) {
      if (!create) return undefined;
      await mkdir(join(root, parent), { mode: 0o755 });
    } else if (!stats.isDirectory()) {
      return `its parent ${parent} is ${stats.isSymbolicLink() ? 'a symlink' : `a ${typeName(stats)}`} in the workspace`;
    }
  }
  return undefined;
}

async function placeDirectory(root: string, path: string): Promise<string | undefined> {
  const problem = await parentProblem(root, path, true);
  if (problem) return problem;
  const target = join(root, path);
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) await unlink(target);
  if (!existing?.isDirectory()) await mkdir(target, { mode: 0o755 });
  await chmod(target, 0o755);
  return undefined;
}

async function placeFile(root: string, path: string, staged: string, mode: number): Promise<string | undefined> {
  const problem = await parentProblem(root, path, true);
  if (problem) return problem;
  await chmod(staged, mode & 0o100 ? 0o755 : 0o644);
  const target = join(root, path);
  if ((await lstat(target).catch(() => undefined))?.isDirectory()) await rm(target, { recursive: true });
  // rename replaces the last component itself, never what a symlink there points to.
  await rename(staged, target).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EXDEV') throw error;
    // Another file system: a copy under a fresh name (EXCL: never through an existing link), then rename.
    const partial = `${target}.solstice-${randomBytes(6).toString('hex')}`;
    await copyFile(staged, partial, constants.COPYFILE_EXCL);
    await rename(partial, target);
  });
  return undefined;
}

async function placeSymlink(root: string, path: string, linkTarget: string): Promise<string | undefined> {
  const problem = await parentProblem(root, path, true);
  if (problem) return problem;
  const target = join(root, path);
  const pointsTo = resolve(dirname(target), linkTarget);
  if (!inside(root, pointsTo) || !inside(root, await realpath(await deepestExisting(pointsTo)))) {
    return `a symlink to ${linkTarget}, outside the workspace`;
  }
  await rm(target, { recursive: true, force: true }); // rm takes a symlink itself away, never its target
  await symlink(linkTarget, target);
  return undefined;
}

/** `path` itself, or its nearest ancestor that exists (realpath needs an existing path). */
async function deepestExisting(path: string): Promise<string> {
  let candidate = path;
  while (
    !(await lstat(candidate).then(
      () => true,
      () => false,
    ))
  )
    candidate = dirname(candidate);
  return candidate;
}

/** `path` is the workspace root or below it. */
function inside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return !rest.startsWith(`..${sep}`) && rest !== '..' && !isAbsolute(rest);
}

function typeName(stats: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
  isFile(): boolean;
}): string {
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isCharacterDevice()) return 'character device';
  return stats.isFile() ? 'file' : 'special file';
}
