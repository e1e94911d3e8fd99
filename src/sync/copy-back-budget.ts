import { formatBytes } from '../core/format.js';
import type { ArchiveBudget } from './guest-archive.js';

/** The most entries one copy-back creates (the guest's listing is capped at 64 MiB of names anyway). */
export const MAX_COPY_BACK_ENTRIES = 500_000;

/** What `statfs` says of the workspace's file system (the fields the budget needs). */
export interface FileSystemSpace {
  bsize: number;
  blocks: number;
  bavail: number;
  files: number;
  ffree: number;
}

/**
 * What one copy-back may create on the workspace's file system: at most `maxBytes`, and never so much
 * that less than 5 % (at most 1 GiB) of the space, or of the inodes (at most 10,000), stays free for the
 * runner and later steps. A file system that counts no inodes (btrfs) limits only by entries.
 */
export function copyBackBudget(space: FileSystemSpace, maxBytes: number): ArchiveBudget {
  const free = space.bavail * space.bsize;
  const reserve = Math.min(2 ** 30, 0.05 * space.blocks * space.bsize);
  const bytes = Math.max(0, Math.floor(Math.min(maxBytes, free - reserve)));
  const inodes =
    space.files > 0 ? Math.max(0, Math.floor(space.ffree - Math.min(10_000, 0.05 * space.files))) : Infinity;
  return {
    maxBytes: bytes,
    bytesReason:
      bytes < maxBytes
        ? `the workspace's file system has ${formatBytes(free)} free, and keeps ${formatBytes(reserve)} of it`
        : `the limit for one copy-back is ${formatBytes(maxBytes)}`,
    maxEntries: Math.min(MAX_COPY_BACK_ENTRIES, inodes),
    entriesReason:
      inodes < MAX_COPY_BACK_ENTRIES
        ? `the workspace's file system has ${space.ffree} free inodes, and keeps some of them`
        : `the limit for one copy-back is ${MAX_COPY_BACK_ENTRIES}`,
  };
}
