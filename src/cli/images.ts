import { realpath } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { defaultCacheRoot } from '../config/cache-root.js';
import type { Reporter } from '../core/reporter.js';
import { listCachedImages, removeCachedImage, type CachedImage } from '../image/cache-entries.js';
import { formatBytes } from '../core/format.js';
import { pruneCache, type PruneResult } from '../store/prune.js';
import { sha256Hex } from '../store/sha256.js';
import { shortKey } from '../warm/template-key.js';
import { listTemplates, outdatedTemplates, removeTemplate, type TemplateSummary } from '../warm/template-store.js';
import type { CliCommand } from './arguments.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PRUNE_DAYS = 30;
/** A template built without `prepare` records the hash of the empty script. */
const NO_PREPARE_SHA256 = sha256Hex('');

type ImagesCommand = Extract<CliCommand, { command: 'images' }>;

/** `solstice images [prune]`: the cache the action uses (same layout, same locks), images and warm-start templates. */
export async function imagesCommand(command: ImagesCommand, reporter: Reporter): Promise<void> {
  const cacheDir = command.cacheDir ?? join(defaultCacheRoot(process.env), 'solstice');
  // Whether a VM has an entry open is read from /proc/<pid>/fd, whose links are absolute and free of
  // symlinks: entry paths must be too, or a relative or symlinked --cache-dir would never match.
  const cacheRoot = await realpath(cacheDir).catch(() => resolve(cacheDir));
  if (command.action === 'list') {
    const images = await listCachedImages(cacheRoot);
    const templates = await listTemplates(cacheRoot);
    process.stdout.write(cacheListing(cacheDir, images, templates, await templateSources(templates, images)));
    return;
  }
  const cutoff = Date.now() - (command.olderThanDays ?? DEFAULT_PRUNE_DAYS) * DAY_MS;
  const templates = await listTemplates(cacheRoot);
  const outdated = await outdatedTemplates(cacheRoot);
  const pruned = await pruneCache({
    images: await listCachedImages(cacheRoot),
    templates,
    outdated,
    isStale: (lastUsedAt) => command.all || lastUsedAt.getTime() < cutoff,
    dryRun: command.dryRun,
    removeImage: removeCachedImage,
    removeTemplate: (key) => removeTemplate(cacheRoot, key),
  });
  printPrunedImages(pruned.images, cacheDir, command.dryRun, reporter);
  // No line about templates for a cache that never had any.
  if (templates.length > 0 || outdated.length > 0) printPrunedTemplates(pruned.templates, command.dryRun, reporter);
}

type Pruned = PruneResult<CachedImage, TemplateSummary>;

function printPrunedImages(images: Pruned['images'], cacheDir: string, dryRun: boolean, reporter: Reporter): void {
  let count = 0;
  let freed = 0;
  for (const { image, outcome } of images) {
    if (outcome === 'would-remove')
      process.stdout.write(
        `Would remove ${image.url} (${formatBytes(image.size)}, last used ${day(image.lastUsedAt)})\n`,
      );
    if (outcome === 'would-remove' || outcome === 'removed') {
      count++;
      freed += image.size;
    } else
      reporter.warning(
        `Kept ${image.url}: ${outcome === 'in-use' ? 'a running VM uses it' : 'a job is downloading into its directory'}.`,
      );
  }
  process.stdout.write(
    `${dryRun ? 'Would remove' : 'Removed'} ${count} image${count === 1 ? '' : 's'} (${formatBytes(freed)}) from ${cacheDir}.\n`,
  );
}

function printPrunedTemplates(templates: Pruned['templates'], dryRun: boolean, reporter: Reporter): void {
  let count = 0;
  let freed = 0;
  for (const pruned of templates) {
    const { template, outcome } = pruned;
    const key = shortKey(template.key);
    if (outcome === 'would-remove')
      process.stdout.write(`Would remove template ${key} (${formatBytes(template.size)}, ${pruneReason(pruned)})\n`);
    if (outcome === 'would-remove' || outcome === 'removed') {
      count++;
      freed += template.size;
    } else if (pruned.reason === 'outdated')
      reporter.warning(`Kept template ${key} of an older format: it is in use or being built.`);
    else
      reporter.warning(
        `Kept template ${key}: ${outcome === 'in-use' ? 'a running VM uses it' : 'a job is building it'}.`,
      );
  }
  process.stdout.write(
    `${dryRun ? 'Would remove' : 'Removed'} ${count} template${count === 1 ? '' : 's'} (${formatBytes(freed)}).\n`,
  );
}

function pruneReason(pruned: Pruned['templates'][number]): string {
  switch (pruned.reason) {
    case 'outdated':
      return 'an older format';
    case 'image-gone':
      return 'its image is no longer cached';
    case 'image-pruned':
      return 'its image would be removed';
    case 'stale':
      return `last used ${day(pruned.template.lastUsedAt)}`;
  }
}

/** Images first, then templates (built on them); an empty section is left out, unless everything is empty. */
function cacheListing(
  cacheDir: string,
  images: readonly CachedImage[],
  templates: readonly TemplateSummary[],
  sources: ReadonlyMap<string, string>,
): string {
  if (images.length === 0 && templates.length === 0) return `The image cache ${cacheDir} is empty.\n`;
  const sections = [images.length === 0 ? `No images in the image cache ${cacheDir}.` : imageTable(images)];
  if (templates.length > 0) sections.push(templateTable(templates, sources));
  return `${sections.join('\n\n')}\n`;
}

/**
 * Each template's image as a person recognises it (template key → text): the URL it was downloaded from
 * while it is cached, else the image file's own path while it exists (a local image). Cached images'
 * paths are real, so the record's is made real too.
 */
async function templateSources(
  templates: readonly TemplateSummary[],
  images: readonly CachedImage[],
): Promise<Map<string, string>> {
  const urlByPath = new Map(images.map((image) => [image.path, image.url]));
  const sources = new Map<string, string>();
  for (const template of templates) {
    const path = await realpath(template.record.imagePath).catch(() => resolve(template.record.imagePath));
    const source = urlByPath.get(path) ?? (template.imagePresent ? template.record.imagePath : undefined);
    if (source !== undefined) sources.set(template.key, source);
  }
  return sources;
}

function imageTable(images: readonly CachedImage[]): string {
  const rows = images.map((image) => [
    image.url,
    formatBytes(image.size),
    shortDigest(image.digest.algorithm, image.digest.hex),
    day(image.fetchedAt),
    day(image.lastUsedAt),
  ]);
  const total = images.reduce((sum, image) => sum + image.size, 0);
  return (
    table(['SOURCE', 'SIZE', 'DIGEST', 'FETCHED', 'LAST USED'], rows) +
    `\n${images.length} image${images.length === 1 ? '' : 's'}, ${formatBytes(total)}`
  );
}

function templateTable(templates: readonly TemplateSummary[], sources: ReadonlyMap<string, string>): string {
  const rows = templates.map((template) => [
    shortKey(template.key),
    templateScope(template),
    sources.get(template.key) ?? templateImage(template),
    templatePrepare(template),
    formatBytes(template.size),
    day(new Date(template.record.createdAt)),
    day(template.lastUsedAt),
  ]);
  const total = templates.reduce((sum, template) => sum + template.size, 0);
  return (
    table(['KEY', 'SCOPE', 'IMAGE', 'PREPARE', 'SIZE', 'CREATED', 'LAST USED'], rows) +
    `\n${templates.length} template${templates.length === 1 ? '' : 's'}, ${formatBytes(total)}`
  );
}

/**
 * A template's image that is not a cached download (a local image file, or one gone from the cache): its
 * digest as the images table's DIGEST column shows it (else its file name); marked when the image has
 * left the cache, as the next prune will remove the template.
 * The record's identity is read from disk unchecked, hence the test of its type.
 */
function templateImage(template: TemplateSummary): string {
  const digest: unknown = template.record.identity.imageDigest;
  const parts = typeof digest === 'string' ? /^([a-z0-9-]+):([0-9a-f]+)$/.exec(digest) : null;
  const shown = parts ? shortDigest(parts[1]!, parts[2]!) : basename(template.record.imagePath);
  return template.imagePresent ? shown : `${shown} (not cached)`;
}

/** Whose jobs restore it: the repository (owner/name), `shared` or `local`; read unchecked like the rest. */
function templateScope(template: TemplateSummary): string {
  const scope: unknown = template.record.identity.scope;
  return typeof scope === 'string' ? scope.replace(/^repository /, '') : '?';
}

function templatePrepare(template: TemplateSummary): string {
  const prepare: unknown = template.record.identity.prepareSha256;
  if (typeof prepare !== 'string') return '?';
  return prepare === NO_PREPARE_SHA256 ? 'none' : prepare.slice(0, 12);
}

function shortDigest(algorithm: string, hex: string): string {
  return `${algorithm}:${hex.slice(0, 12)}…`;
}

/** Columns padded to their widest cell, two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A record's date that does not parse shows as '?' rather than failing the whole listing. */
function day(date: Date): string {
  return Number.isNaN(date.getTime()) ? '?' : date.toISOString().slice(0, 16).replace('T', ' ');
}
