import { join } from 'node:path';
import { defaultCacheRoot } from '../config/cache-root.js';
import type { Reporter } from '../core/reporter.js';
import { listCachedImages, removeCachedImage, type CachedImage } from '../image/cache-entries.js';
import { formatBytes } from '../core/format.js';
import type { CliCommand } from './arguments.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PRUNE_DAYS = 30;

/** `solstice images [prune]`: the same cache the action uses (same layout, same locks). */
export async function imagesCommand(
  command: Extract<CliCommand, { command: 'images' }>,
  reporter: Reporter,
): Promise<void> {
  const cacheDir = command.cacheDir ?? join(defaultCacheRoot(process.env), 'solstice');
  const images = await listCachedImages(cacheDir);
  if (command.action === 'list') {
    process.stdout.write(images.length === 0 ? `The image cache ${cacheDir} is empty.\n` : `${imageTable(images)}\n`);
    return;
  }
  const cutoff = command.all ? Infinity : Date.now() - (command.olderThanDays ?? DEFAULT_PRUNE_DAYS) * DAY_MS;
  const chosen = images.filter((image) => image.lastUsedAt.getTime() < cutoff);
  let removed = 0;
  let freed = 0;
  for (const image of chosen) {
    if (command.dryRun) {
      process.stdout.write(
        `Would remove ${image.url} (${formatBytes(image.size)}, last used ${day(image.lastUsedAt)})\n`,
      );
      continue;
    }
    const outcome = await removeCachedImage(image);
    if (outcome === 'removed') {
      removed++;
      freed += image.size;
    } else {
      reporter.warning(
        `Kept ${image.url}: ${outcome === 'in-use' ? 'a running VM uses it' : 'a job is downloading into its directory'}.`,
      );
    }
  }
  if (!command.dryRun)
    process.stdout.write(
      `Removed ${removed} image${removed === 1 ? '' : 's'} (${formatBytes(freed)}) from ${cacheDir}.\n`,
    );
}

function imageTable(images: readonly CachedImage[]): string {
  const rows = images.map((image) => [
    image.url,
    formatBytes(image.size),
    `${image.digest.algorithm}:${image.digest.hex.slice(0, 12)}…`,
    day(image.fetchedAt),
    day(image.lastUsedAt),
  ]);
  const header = ['SOURCE', 'SIZE', 'DIGEST', 'FETCHED', 'LAST USED'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const total = images.reduce((sum, image) => sum + image.size, 0);
  return (
    [header, ...rows]
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + `\n${images.length} image${images.length === 1 ? '' : 's'}, ${formatBytes(total)}`
  );
}

function day(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}
