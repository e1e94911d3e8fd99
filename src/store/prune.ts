/**
 * Pruning the cache across its two tenants (`solstice images prune`). The rule between them lives here:
 * a template goes with its image, since a template's disk is an overlay of that image and can never be
 * restored without it. The tenants list their entries and remove one; the caller only prints.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Removal } from './removal.js';

/** A cached image as the prune sees it (its path real: the cache directory's real path below). */
export interface PrunableImage {
  path: string;
  size: number;
  lastUsedAt: Date;
}

/** A template as the prune sees it: the image it was built on, and whether that image is still cached. */
export interface PrunableTemplate {
  key: string;
  size: number;
  lastUsedAt: Date;
  record: { imagePath: string };
  imagePresent: boolean;
}

/** A template directory no job of this version restores (an older format, or no valid record). */
export interface OutdatedTemplate {
  key: string;
  size: number;
}

export interface PruneRequest<I extends PrunableImage, T extends PrunableTemplate> {
  images: readonly I[];
  templates: readonly T[];
  outdated: readonly OutdatedTemplate[];
  /** Whether an entry last used then is stale (every entry with --all). */
  isStale: (lastUsedAt: Date) => boolean;
  /** Decide only: nothing is removed, every outcome is 'would-remove'. */
  dryRun: boolean;
  removeImage: (image: I) => Promise<Removal>;
  removeTemplate: (key: string) => Promise<Removal>;
}

export type PruneOutcome = Removal | 'would-remove';

/** Why a template goes: no job restores it, its image is gone or goes now, or it was not used lately. */
export type TemplateReason = 'outdated' | 'image-gone' | 'image-pruned' | 'stale';

export interface PruneResult<I, T> {
  images: Array<{ image: I; outcome: PruneOutcome }>;
  templates: Array<
    | { template: OutdatedTemplate; reason: 'outdated'; outcome: PruneOutcome }
    | {
        template: T;
        reason: Exclude<TemplateReason, 'outdated'>;
        outcome: PruneOutcome;
      }
  >;
}

/** Removes the stale images, then the templates that are outdated, stale, or whose image is gone or went now. */
export async function pruneCache<I extends PrunableImage, T extends PrunableTemplate>(
  request: PruneRequest<I, T>,
): Promise<PruneResult<I, T>> {
  const { isStale, dryRun } = request;
  const images: PruneResult<I, T>['images'] = [];
  for (const image of request.images.filter((candidate) => isStale(candidate.lastUsedAt)))
    images.push({ image, outcome: dryRun ? 'would-remove' : await request.removeImage(image) });
  const prunedImagePaths = new Set(
    images.filter(({ outcome }) => outcome === 'removed' || outcome === 'would-remove').map(({ image }) => image.path),
  );

  const templates: PruneResult<I, T>['templates'] = [];
  const removeTemplate = async (key: string): Promise<PruneOutcome> =>
    dryRun ? 'would-remove' : request.removeTemplate(key);
  // Always: no job restores them, and an older format's directory still holds the template's private keys.
  for (const template of request.outdated)
    templates.push({ template, reason: 'outdated', outcome: await removeTemplate(template.key) });
  for (const template of request.templates) {
    const reason = await templateReason(template, prunedImagePaths, isStale);
    if (reason !== undefined) templates.push({ template, reason, outcome: await removeTemplate(template.key) });
  }
  return { images, templates };
}

async function templateReason(
  template: PrunableTemplate,
  prunedImagePaths: ReadonlySet<string>,
  isStale: (lastUsedAt: Date) => boolean,
): Promise<Exclude<TemplateReason, 'outdated'> | undefined> {
  if (!template.imagePresent) return 'image-gone';
  // Image paths are real (as /proc/<pid>/fd shows them); the record's may name them through a link.
  const { imagePath } = template.record;
  if (prunedImagePaths.has(await realpath(imagePath).catch(() => resolve(imagePath)))) return 'image-pruned';
  return isStale(template.lastUsedAt) ? 'stale' : undefined;
}
