import { constants } from 'node:fs';
import { lstat, mkdir, open, rm, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { SolsticeError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { isSparseMember, MAX_PATH_BYTES, memberPath } from '../core/tar-member.js';
import { memberKind, type Refusal } from './refusal.js';

/**
 * Unpacks the archive a guest sent back into an empty staging directory, from Node: the reader that
 * checks each member is the one that writes it, so no other tar can read the same bytes differently.
 * Only regular files, directories and symlinks are written; every other member is refused by name
 * (hard links, devices, FIFOs, sparse files, unknown types). A member is written only below real
 * directories of the staging tree (never through a link an earlier member made). What the archive
 * declares is counted against a budget before a byte of it is written: past it, the whole copy-back stops.
 */

/** What one copy-back may create, at most: entries (inodes) and the bytes members declare. */
export interface ArchiveBudget {
  maxEntries: number;
  maxBytes: number;
  /** Why the byte budget is what it is ("the workspace's file system has 3.1 GB free"). */
  bytesReason: string;
  entriesReason: string;
}

export interface UnpackResult {
  refused: Refusal[];
  entries: number;
  bytes: number;
}

export class BudgetExceeded extends SolsticeError {}

export async function unpackGuestArchive(
  source: Readable,
  staging: string,
  budget: ArchiveBudget,
): Promise<UnpackResult> {
  const result: UnpackResult = { refused: [], entries: 0, bytes: 0 };
  const extractor = extract();
  source.on('error', (error) => extractor.destroy(error));
  source.pipe(extractor as unknown as NodeJS.WritableStream);
  for await (const entry of extractor) await unpackEntry(entry.header, entry, staging, budget, result);
  return result;
}

/** A member's data, as tar-stream hands it over. */
interface MemberData extends AsyncIterable<unknown> {
  resume(): unknown;
}

async function unpackEntry(
  header: Header,
  stream: MemberData,
  staging: string,
  budget: ArchiveBudget,
  result: UnpackResult,
): Promise<void> {
  const refuse = (path: string, reason: string) => {
    result.refused.push({ path, reason });
    stream.resume();
  };
  const path = memberPath(header.name);
  if (path === '') {
    stream.resume(); // the archive's root (`.`): the workspace root is never changed
    return;
  }
  if (path === undefined) return refuse(header.name, 'not a plain relative path');
  result.entries++;
  if (result.entries > budget.maxEntries)
    throw new BudgetExceeded(
      `The guest sent back more than ${budget.maxEntries} entries (${budget.entriesReason}): copy-back stopped and wrote nothing into the workspace.`,
    );
  const type = header.type;
  if (isSparseMember(header)) return refuse(path, 'a sparse file, which copy-back never creates');
  if (type === 'file' || type === 'contiguous-file') {
    const size = header.size ?? 0;
    result.bytes += size;
    if (result.bytes > budget.maxBytes)
      throw new BudgetExceeded(
        `The guest sent back files declaring more than ${formatBytes(budget.maxBytes)} (${budget.bytesReason}); ${JSON.stringify(path)} alone declares ${formatBytes(size)}: copy-back stopped and wrote nothing into the workspace.`,
      );
  }
  const parentProblem = await stagingParentProblem(staging, path);
  if (parentProblem) return refuse(path, parentProblem);
  const target = join(staging, path);
  if (type === 'directory') {
    stream.resume();
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isDirectory()) await unlink(target);
    if (!existing?.isDirectory()) await mkdir(target, { mode: 0o700 });
    return;
  }
  if (type === 'file' || type === 'contiguous-file') {
    await clear(target);
    // O_EXCL|O_NOFOLLOW: a fresh file, never through a link; exec bit as the guest set it, nothing else.
    const file = await open(
      target,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      (header.mode ?? 0) & 0o100 ? 0o700 : 0o600,
    );
    try {
      for await (const chunk of stream) await file.write(chunk as Uint8Array);
    } finally {
      await file.close();
    }
    return;
  }
  if (type === 'symlink') {
    stream.resume();
    const linkTarget = header.linkname ?? '';
    if (linkTarget === '' || linkTarget.includes('\0') || Buffer.byteLength(linkTarget) > MAX_PATH_BYTES)
      return refuse(path, 'a symlink without a usable target');
    await clear(target);
    await symlink(linkTarget, target);
    return;
  }
  if (type === 'link') return refuse(path, 'a hard link');
  refuse(path, `${memberKind(type)}, which copy-back never creates`);
}

/** Why `path` cannot be written in the staging tree: a parent that an earlier member made a non-directory. */
async function stagingParentProblem(staging: string, path: string): Promise<string | undefined> {
  const parts = path.split('/');
  for (let depth = 1; depth < parts.length; depth++) {
    const parent = parts.slice(0, depth).join('/');
    const stats = await lstat(join(staging, parent)).catch(() => undefined);
    if (!stats) await mkdir(join(staging, parent), { mode: 0o700 });
    else if (!stats.isDirectory())
      return `its parent ${parent} is ${stats.isSymbolicLink() ? 'a symlink' : 'a file'} in the archive`;
  }
  return undefined;
}

/** A later member of the same name replaces an earlier one, as tar does. */
async function clear(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
}
