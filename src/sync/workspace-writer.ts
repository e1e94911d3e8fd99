import { chmod, lstat, mkdir, readdir, readlink, realpath, rename, rm, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { gitActsOn, isGitMetadata } from './git-metadata.js';
import { leadsOutOfRoot } from './link-walk.js';
import type { Refusal } from './refusal.js';

/**
 * Puts what a guest sent back into the workspace. The guest's archive was unpacked into an empty staging
 * directory on the workspace's file system (guest-archive.ts: only files, directories and symlinks); from
 * there each entry is moved in from Node, under rules a plain unpack cannot apply to a directory that
 * already holds links:
 * - every parent of a member must be a real directory inside the workspace (lstat, never followed),
 *   so a symlink from the repository or an earlier step (`up -> ../..`) is never written through;
 * - a symlink comes back only if it resolves inside the workspace, followed link by link through the
 *   tree as it is (links placed earlier included), and every placed link is checked again at the end;
 * - git metadata never brings anything git would run or read as configuration (git-metadata.ts);
 * - files end 0644 or 0755 (the owner's exec bit kept), directories 0755: no setuid, setgid, or
 *   group/world write; the workspace root itself is never changed;
 * - members `include` (the copy-back patterns) does not accept, or that were not asked for, are refused.
 * Refused members are reported by path and reason; the rest is applied.
 */

export interface MoveResult {
  moved: number;
  refused: Refusal[];
}

export interface StagedCopyBack {
  /** Where the guest's archive was unpacked (on the workspace's file system: every move is a rename). */
  staging: string;
  workspace: string;
  /** The entries asked of the guest's tar; a directory not among them is only a parent of members. */
  requested: ReadonlySet<string>;
  /** The copy-back patterns. */
  include: (path: string) => boolean;
  /** When moving must have ended (a tree of millions of tiny entries is stopped, not waited for). */
  deadline: number;
}

export async function moveStagedIntoWorkspace({
  staging,
  workspace,
  requested,
  include,
  deadline,
}: StagedCopyBack): Promise<MoveResult> {
  const root = await realpath(workspace);
  const result: MoveResult = { moved: 0, refused: [] };
  const refuse = (path: string, reason: string) => result.refused.push({ path, reason });
  const placedLinks: string[] = [];

  async function walk(directory: string): Promise<void> {
    const names = (await readdir(join(staging, directory))).sort();
    for (const name of names) {
      if (Date.now() > deadline)
        throw new SolsticeError(
          `Copy-back did not finish moving the guest's files into the workspace in time (${result.moved} moved): the step was stopped (a broken or hostile guest).`,
        );
      const path = directory === '' ? name : `${directory}/${name}`;
      const staged = join(staging, path);
      const stats = await lstat(staged);
      const member = requested.has(path) && include(path);
      const gitProblem = isGitMetadata(path) ? gitMetadataProblem(path, stats) : undefined;
      if (stats.isDirectory() && gitProblem) {
        refuse(path, include(path) ? gitProblem : notSelectedReason(path, include)); // and all below it
        continue;
      }
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
        refuse(path, notSelectedReason(path, include));
        continue;
      }
      const problem =
        gitProblem ??
        (stats.isFile()
          ? await placeFile(root, path, staged, stats.mode)
          : stats.isSymbolicLink()
            ? await placeSymlink(root, path, await readlink(staged))
            : 'a special file, which copy-back never creates');
      if (problem) refuse(path, problem);
      else {
        result.moved++;
        if (stats.isSymbolicLink()) placedLinks.push(path);
      }
    }
  }
  await walk('');
  // A later member can change where an earlier link leads (`d` replaced by `d -> ..`): check them all again.
  for (const path of placedLinks) {
    const link = join(root, path);
    if (await leadsOutOfRoot(root, path, await readlink(link))) {
      await unlink(link);
      result.moved--;
      refuse(path, 'a symlink that leads outside the workspace through other links it came back with');
    }
  }
  return result;
}

function notSelectedReason(path: string, include: (path: string) => boolean): string {
  if (include(path)) return 'not one of the entries asked for';
  return isGitMetadata(path)
    ? 'git metadata, which comes back only when copy-back names .git'
    : 'not selected by copy-back';
}

/** Why a path with a `.git` component may not come back even when copy-back names it. */
function gitMetadataProblem(path: string, stats: { isDirectory(): boolean }): string | undefined {
  if (path.split('/').at(-1) === '.git' && !stats.isDirectory())
    return 'a .git file or link, which would point git at another repository';
  return gitActsOn(path);
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
      return `its parent ${parent} is a ${typeName(stats)} in the workspace`;
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
  await rename(staged, target);
  return undefined;
}

async function placeSymlink(root: string, path: string, linkTarget: string): Promise<string | undefined> {
  const problem = await parentProblem(root, path, true);
  if (problem) return problem;
  if (await leadsOutOfRoot(root, path, linkTarget))
    return `a symlink to ${linkTarget}, which leads outside the workspace`;
  const target = join(root, path);
  await rm(target, { recursive: true, force: true }); // rm takes a symlink itself away, never its target
  await symlink(linkTarget, target);
  return undefined;
}

function typeName(stats: { isSymbolicLink(): boolean; isFile(): boolean }): string {
  if (stats.isSymbolicLink()) return 'symlink';
  return stats.isFile() ? 'file' : 'special file';
}
